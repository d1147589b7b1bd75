"""Alembic migrations of the ledger (run through storage.db, never imported directly)."""
