"""The import and export file format of the ledger (JSON, described in docs/ledger-format.md)."""

from .reader import read_ledger, read_ledger_with_notices
from .schema import json_schema, schema_text
from .writer import write_ledger

__all__ = ["json_schema", "read_ledger", "read_ledger_with_notices", "schema_text", "write_ledger"]
