"""Whatever a file holds, the reader gives a snapshot or refuses it with problems: never a crash."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apporteur_desktop.domain.problems import Refused
from apporteur_desktop.exchange import read_ledger

from .files import ledger, trial_then_retainer, twenty_percent

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.decimals(allow_nan=False, allow_infinity=False, places=3)
    | st.text(max_size=8)
    | st.sampled_from(["2026-01-01", "2026-13", "essai", "Atelier Léa", "trial", "months"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["kind", "rate", "name", "label", "x"]), children, max_size=3
        )
    ),
    max_leaves=6,
)


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


def replaced(node: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        return {k: replaced(v, rest, value) if k == head else v for k, v in node.items()}
    return [replaced(v, rest, value) if i == head else v for i, v in enumerate(node)]


BASE = json.loads(
    ledger(twenty_percent(introductions=[trial_then_retainer()])), parse_float=Decimal
)
PLACES = [p for p in paths(BASE) if p and p[0] not in ("format", "version")]


def encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # only to write the JSON text; the reader reads it back exactly
    raise TypeError(value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PLACES), json_values), min_size=1, max_size=3))
def test_a_damaged_file_is_refused_with_problems_or_read(damage):
    document = BASE
    for path, value in damage:
        try:
            document = replaced(document, path, value)
        except (TypeError, KeyError, IndexError):
            continue
    text = json.dumps(document, default=encode, ensure_ascii=False)
    try:
        read_ledger(text)
    except Refused as refused:
        assert refused.problems
        assert all(isinstance(p.code, str) and p.code for p in refused.problems)
