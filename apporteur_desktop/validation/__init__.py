"""Checks that return every problem at once, each naming its place."""
