"""What a list view asks of a service: a filter, an order and a window of rows.

Lists are read a page at a time so that a ledger with tens of thousands of rows never has to
be loaded whole: the service counts what matches, then hands out ``limit`` rows from
``offset`` in the asked order. ``ListQuery`` is plain data, so the same query can be asked
again for the next page, from any thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class ListQuery:
    """``text``: what the filter box holds (matched case-insensitively, anywhere in the
    columns the service names); ``filters``: named filters (a status, a kind…) and their
    value; ``sort``: the name of a sort key the service knows, ``""`` for its default."""

    text: str = ""
    filters: Mapping[str, str] = field(default_factory=dict)
    sort: str = ""
    descending: bool = False

    def like(self) -> str:
        """The text as an SQL LIKE pattern (with ``\\`` as the escape character)."""
        escaped = self.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"%{escaped}%"


@dataclass(frozen=True, slots=True)
class Page(Generic[Row]):
    rows: tuple[Row, ...]
    total: int  # how many rows match the query in all
