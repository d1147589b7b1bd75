from __future__ import annotations

import json
from pathlib import Path

from apporteur_desktop.exchange.schema import json_schema, schema_text

COMMITTED = Path(__file__).parents[2] / "docs" / "ledger-format.schema.json"
REFRESH = (
    '.venv/bin/python -c "from apporteur_desktop.exchange.schema import schema_text; '
    "print(schema_text(), end='')\" > docs/ledger-format.schema.json"
)


def test_the_committed_schema_is_the_generated_one():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), f"refresh it: {REFRESH}"


def test_the_schema_names_the_format_and_its_version():
    schema = json_schema()
    assert schema["properties"]["format"]["const"] == "apporteur-ledger"
    assert schema["properties"]["version"]["const"] == 1
    assert set(schema["required"]) == {"format", "version"}


def test_every_object_of_the_schema_forbids_unknown_keys():
    schema = json_schema()
    objects = [schema, *schema["$defs"].values()]
    assert all(o.get("additionalProperties") is False for o in objects if o.get("type") == "object")


def test_amounts_may_be_text_or_numbers():
    rate = json_schema()["$defs"]["TierEntry"]["properties"]["rate"]
    assert {option["type"] for option in rate["anyOf"]} == {"string", "number"}


def test_the_schema_text_is_sorted_and_stable():
    text = schema_text()
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
