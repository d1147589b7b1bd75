"""Paths, secrets, logging, locking and backups."""
