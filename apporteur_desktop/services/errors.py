"""A user mistake the services refuse, as a code and parameters worded by ``wording``."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any


class UserError(Exception):
    """Something the user asked that cannot be done as asked (not a bug: no traceback)."""

    def __init__(self, code: str, params: MappingProxyType[str, Any]) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @classmethod
    def of(cls, code: str, **params: Any) -> UserError:
        return cls(code, MappingProxyType(params))
