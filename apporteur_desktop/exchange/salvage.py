"""Keeping what is readable in a file that has structural mistakes.

A file with a bad date in one engagement should still have its other entries checked against
the rules, so the user sees every problem at once. The readable units are: the identity, each
party, each agreement (with its terms and amendments), each introduction, each engagement and
each revenue figure. A unit with a structural mistake is left out of the rules' pass (its
mistakes are reported as they are); what it contains goes with it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .problems import loc_path

Loc = tuple[str | int, ...]

# A unit in the list named on the left holds the list named on the right.
_CHILD_LIST = {
    "agreements": "introductions",
    "introductions": "engagements",
    "engagements": "revenue",
}
_TOP_LISTS = ("parties", "agreements")


@dataclass
class Salvaged:
    """The readable part of the data, and which original entries each list kept."""

    data: dict[str, Any]
    kept: dict[str, list[int]] = field(default_factory=dict)
    refused: set[str] = field(default_factory=set)  # paths of the units left out

    def indexes(self, path: str, count: int) -> list[int]:
        """The original indexes of the ``count`` entries now in the list at ``path``."""
        return self.kept.get(path, list(range(count)))


def _unit_of(loc: Loc) -> tuple[str, Loc]:
    """What an error at ``loc`` spoils: ("unit", …), ("list", …), ("identity", …), ("key", …)."""
    if not loc:
        return "key", loc
    if loc[0] == "identity":
        return "identity", loc[:1]
    if loc[0] not in _TOP_LISTS:
        return "key", loc[:1]
    if len(loc) < 2:
        return "list", loc
    unit, rest = loc[:2], loc[2:]
    list_name = str(loc[0])
    while list_name in _CHILD_LIST and rest[:1] == (_CHILD_LIST[list_name],):
        list_name = _CHILD_LIST[list_name]
        if len(rest) < 2:
            return "list", unit + rest[:1]
        unit, rest = unit + rest[:2], rest[2:]
    return "unit", unit


def _parent(data: Any, loc: Loc) -> Any:
    node = data
    for part in loc[:-1]:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
        elif not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def salvage(data: dict[str, Any], error_locs: Iterable[Loc]) -> Salvaged:
    """A copy of ``data`` without the units that the errors at ``error_locs`` spoil."""
    pruned = copy.deepcopy(data)
    refused: set[Loc] = set()
    for loc in error_locs:
        what, where = _unit_of(tuple(loc))
        if what == "unit":
            refused.add(where)
            continue
        parent = _parent(pruned, where)
        if isinstance(parent, dict) and where:
            if what == "list":
                parent[where[-1]] = []
            else:
                parent.pop(where[-1], None)
    result = Salvaged(pruned, refused={loc_path(loc) for loc in refused})
    for name in _TOP_LISTS:
        if isinstance(pruned.get(name), list):
            pruned[name] = _keep(pruned[name], (name,), refused, result.kept)
    return result


def _keep(
    items: Sequence[Any], list_loc: Loc, refused: set[Loc], kept: dict[str, list[int]]
) -> list[Any]:
    indexes: list[int] = []
    out: list[Any] = []
    child = _CHILD_LIST.get(str(list_loc[-1]))
    for index, item in enumerate(items):
        if (*list_loc, index) in refused:
            continue
        indexes.append(index)
        if child and isinstance(item, dict) and isinstance(item.get(child), list):
            item[child] = _keep(item[child], (*list_loc, index, child), refused, kept)
        out.append(item)
    kept[loc_path(list_loc)] = indexes
    return out
