"""Problems and warnings as codes with parameters: the core holds no user-facing sentence."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from types import MappingProxyType
from typing import Any


def _frozen(params: dict[str, Any] | None) -> MappingProxyType[str, Any]:
    return MappingProxyType(dict(params or {}))


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with some input: where (``field``), what was given, which rule."""

    field: str  # e.g. "agreements[2].components[0].rate"
    value: Any
    code: str  # e.g. "above_maximum"
    params: MappingProxyType[str, Any] = dataclass_field(default_factory=lambda: _frozen(None))

    @classmethod
    def of(cls, field: str, value: Any, code: str, **params: Any) -> Problem:
        return cls(field, value, code, _frozen(params))

    def at(self, prefix: str) -> Problem:
        """The same problem seen from an enclosing structure."""
        if not prefix:
            return self
        joined = f"{prefix}{self.field}" if self.field.startswith("[") else f"{prefix}.{self.field}"
        return Problem(joined if self.field else prefix, self.value, self.code, self.params)


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning: worth telling the user, never a refusal (e.g. a rate above 30 %)."""

    code: str
    params: MappingProxyType[str, Any] = dataclass_field(default_factory=lambda: _frozen(None))

    @classmethod
    def of(cls, code: str, **params: Any) -> Notice:
        return cls(code, _frozen(params))


class Refused(Exception):
    """A user action refused as a whole, with every problem found (never only the first)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = list(problems)


class NotFound(Exception):
    """A named thing (agreement, party, invoice…) does not exist in the ledger."""

    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"{what} {key!r}")
        self.what = what
        self.key = key
