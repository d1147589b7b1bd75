"""From the text of a ledger file to JSON data: syntax, keys given twice, format and version.

JSON numbers become Decimals (``parse_float=Decimal``): no float is ever made from the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from apporteur_desktop.domain.problems import Problem, Refused

from .model import FORMAT, VERSION
from .problems import duplicate_key_problem, syntax_problem


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it was given twice (JSON keeps the last)."""

    duplicates: list[str]


class _Constant:
    """``NaN`` or ``Infinity``: Python's JSON accepts them, no field of ours does."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object()
    result.duplicates = []
    for key, value in pairs:
        if key in result:
            result.duplicates.append(key)
        result[key] = value
    return result


def parse(text: str) -> tuple[dict[str, Any], list[Problem]]:
    try:
        data = json.loads(
            text, parse_float=Decimal, parse_constant=_Constant, object_pairs_hook=_object
        )
    except json.JSONDecodeError as error:
        raise Refused([syntax_problem(error)]) from None
    if not isinstance(data, dict):
        raise Refused([Problem.of("", None, "not_an_object")])
    return data, list(_duplicates(data, ""))


def _duplicates(node: Any, path: str) -> Iterator[Problem]:
    if isinstance(node, _Object):
        for key in node.duplicates:
            yield duplicate_key_problem(f"{path}.{key}" if path else key, key)
        for key, value in node.items():
            yield from _duplicates(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _duplicates(value, f"{path}[{index}]")


def check_format(data: dict[str, Any]) -> None:
    """Another kind of file, or another version of ours: nothing else is worth reporting."""
    problems = []
    if "format" not in data:
        problems.append(Problem.of("format", None, "required", expected=FORMAT))
    elif data["format"] != FORMAT:
        problems.append(Problem.of("format", data["format"], "unsupported_format", expected=FORMAT))
    version = data.get("version")
    if "version" not in data:
        problems.append(Problem.of("version", None, "required", supported=[VERSION]))
    elif type(version) is not int or version != VERSION:
        problems.append(Problem.of("version", version, "unsupported_version", supported=[VERSION]))
    if problems:
        raise Refused(problems)
