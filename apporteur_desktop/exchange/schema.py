"""The JSON Schema of the ledger exchange file, generated from its pydantic models.

``docs/ledger-format.schema.json`` holds ``schema_text()``; a test keeps the two equal. To
refresh the file after changing the models::

    .venv/bin/python -c "from apporteur_desktop.exchange.schema import schema_text; \\
        print(schema_text(), end='')" > docs/ledger-format.schema.json
"""

from __future__ import annotations

import json
from typing import Any

from .model import LedgerFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """What a file may contain (the validation view: amounts as text or number)."""
    schema = LedgerFile.model_json_schema(mode="validation")
    return {"$schema": DIALECT, **schema}


def schema_text() -> str:
    """The schema as committed: two-space indent, sorted keys, a final newline."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
