"""From a place in a ``LedgerSnapshot`` to the place in the file it was read from.

The rules (``validation.ledger``) name fields of the snapshot: ``agreements[0].versions[1].terms
.cap_per_year`` or ``introductions[3].client_id``. The file nests and names things differently:
``agreements[0].amendments[0].cap_per_year``, ``agreements[1].introductions[0].client``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_HEAD = re.compile(
    r"^(identity|parties|agreements|introductions|engagements|revenue)(?:\[(\d+)\])?"
)
_VERSION = re.compile(r"^\.versions\[(\d+)\](.*)$")

# Within one entity: the snapshot's name (as a prefix of the rest of the path) → the file's.
_RENAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "identity": ((".identity", ""),),
    "parties": ((".identity", ""),),
    "agreements": ((".counterparty_id", ".counterparty"), (".versions", ".terms")),
    "introductions": ((".client_id", ".client"), (".history", ".steps"), (".agreement_id", "")),
    "engagements": ((".converts_trial_id", ".converts_trial"), (".introduction_id", "")),
    "revenue": ((".engagement_id", ""),),
}


def _rename(rest: str, renames: tuple[tuple[str, str], ...]) -> str:
    for old, new in renames:
        if rest == old or rest.startswith((old + ".", old + "[")):
            return new + rest[len(old) :]
    return rest


def _agreement_rest(rest: str) -> str:
    match = _VERSION.match(rest)
    if match is None:
        return _rename(rest, _RENAMES["agreements"])
    index, inside = int(match.group(1)), match.group(2)
    if index == 0:
        # The signed terms: their fields live under "terms"; the version's note too.
        inside = inside.removeprefix(".terms")
        return ".terms" + inside
    return f".amendments[{index - 1}]" + inside.removeprefix(".terms")


@dataclass
class FilePlaces:
    """Where each entity of the snapshot sits in the file, index for index with its tuples."""

    parties: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    introductions: list[str] = field(default_factory=list)
    engagements: list[str] = field(default_factory=list)
    revenue: list[str] = field(default_factory=list)
    # The text written in the file at a reference field (a party's name, a trial's label).
    written: dict[str, Any] = field(default_factory=dict)
    # Reference fields that name an entry left out for its own mistakes: not reported again.
    unresolved: set[str] = field(default_factory=set)

    def file_path(self, field_path: str) -> str:
        match = _HEAD.match(field_path)
        if match is None:
            return field_path
        head, index, rest = match.group(1), match.group(2), field_path[match.end() :]
        if head == "identity":
            return "identity" + _rename(rest, _RENAMES["identity"])
        if index is None:
            return field_path
        entities: list[str] = getattr(self, head)
        position = int(index)
        if position >= len(entities):
            return field_path
        rest = _agreement_rest(rest) if head == "agreements" else _rename(rest, _RENAMES[head])
        return entities[position] + rest
