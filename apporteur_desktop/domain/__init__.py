"""Ledger values: frozen dataclasses, enums, money and months. Standard library only."""
