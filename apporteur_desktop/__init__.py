"""Apporteur Desktop: offline books for French introducers (apporteurs d'affaires)."""

__version__ = "0.1.0"
