"""Turning what JSON and pydantic report into ``Problem``s that name a place in the file.

The place is written as a path: ``agreements[2].terms.components[0].rate``. Our own field types
already raise errors whose type is a problem code (see ``fields``); pydantic's own errors are
mapped here to the same vocabulary.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from json import JSONDecodeError
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from apporteur_desktop.domain.problems import Problem

from .model import LedgerFile

_PYDANTIC_CODES = {
    "missing": "required",
    "extra_forbidden": "unknown_field",
    "model_type": "not_an_object",
    "model_attributes_type": "not_an_object",
    "dict_type": "not_an_object",
    "list_type": "not_a_list",
    "string_type": "not_a_text",
    "literal_error": "not_one_of",
}


def loc_path(loc: Sequence[str | int]) -> str:
    """``("agreements", 2, "terms", "rate")`` → ``agreements[2].terms.rate``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path = f"{path}.{part}" if path else str(part)
    return path


def syntax_problem(error: JSONDecodeError) -> Problem:
    return Problem.of(
        "", None, "json_syntax", line=error.lineno, column=error.colno, detail=error.msg
    )


def duplicate_key_problem(path: str, key: str) -> Problem:
    return Problem.of(path, key, "duplicate_key", key=key)


def _scalar(value: Any) -> Any:
    """What was written, when it is short enough to show; None for objects and lists."""
    return None if isinstance(value, dict | list) else value


def problem_from_error(error: ErrorDetails) -> Problem:
    path = loc_path(error["loc"])
    kind = error["type"]
    context = dict(error.get("ctx") or {})
    code = _PYDANTIC_CODES.get(kind)
    if code is None:
        # One of ours (fields.py raises errors typed with a problem code), or an unexpected one.
        if kind in _OUR_CODES:
            return Problem.of(path, _scalar(error["input"]), kind, **context)
        return Problem.of(path, _scalar(error["input"]), "invalid", detail=error["msg"])
    if code == "required":
        return Problem.of(path, None, code)
    if code == "unknown_field":
        name = str(error["loc"][-1])
        allowed = _fields_at(error["loc"][:-1])
        params: dict[str, Any] = {"allowed": allowed}
        close = difflib.get_close_matches(name, allowed, n=1)
        if close:
            params["suggestion"] = close[0]
        return Problem.of(path, _scalar(error["input"]), code, **params)
    if code == "not_one_of":
        return Problem.of(path, _scalar(error["input"]), code, allowed=context.get("expected"))
    return Problem.of(path, _scalar(error["input"]), code)


_OUR_CODES = frozenset(
    {
        "invalid_number",
        "invalid_date",
        "invalid_period",
        "not_a_whole_number",
        "not_a_boolean",
        "not_a_text",
        "not_one_of",
    }
)


def _unwrap(annotation: Any) -> Any:
    """``Annotated[X, …]`` → ``X``; ``X | None`` → ``X``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            others = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(others) != 1:
                return annotation
            annotation = others[0]
        else:
            return annotation


def _fields_at(loc: Sequence[str | int]) -> list[str]:
    """The keys the model at ``loc`` accepts (for "did you mean …?")."""
    current: Any = LedgerFile
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is not list:
                return []
            current = typing.get_args(current)[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None:
                return []
            current = field.annotation
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []
