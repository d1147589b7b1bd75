"""Reading a ledger exchange file into a ``LedgerSnapshot``, or refusing it with every problem.

The passes: JSON syntax (with line and column); the file's format and version; the structure
(pydantic, every mistake with its path); then the readable part is converted to domain values
and checked by the same rules as the forms (``validation.ledger``), whose places are mapped
back to paths in the file. Ids are numbered by the reader, 1, 2, … per kind, in file order.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.domain.problems import Notice, Problem, Refused
from apporteur_desktop.validation.ledger import validate_snapshot
from apporteur_desktop.validation.places import notice_field

from .converter import Converter
from .model import LedgerFile
from .parsing import check_format, parse
from .places import FilePlaces
from .problems import problem_from_error
from .salvage import Salvaged, salvage


def read_ledger(text: str) -> LedgerSnapshot:
    """The snapshot a file describes; ``Refused`` with every problem when it has any."""
    return read_ledger_with_notices(text)[0]


def read_ledger_with_notices(text: str) -> tuple[LedgerSnapshot, list[Notice]]:
    """As ``read_ledger``, with the warnings (e.g. a rate above 30 %), their ``field`` param
    a path in the file."""
    data, problems = parse(text)
    check_format(data)
    salvaged: Salvaged | None = None
    try:
        document = LedgerFile.model_validate(data)
    except ValidationError as error:
        errors = error.errors()
        problems += [problem_from_error(e) for e in errors]
        salvaged = salvage(data, [tuple(e["loc"]) for e in errors])
        try:
            document = LedgerFile.model_validate(salvaged.data)
        except ValidationError:  # pragma: no cover - salvage leaves only valid entries
            raise Refused(_in_file_order(problems)) from None
    converter = Converter(data, salvaged)
    snapshot = converter.snapshot(document)
    places = converter.places
    rule_problems, rule_notices = validate_snapshot(snapshot)
    problems += [p for p in (_in_file(p, places) for p in rule_problems) if p is not None]
    if problems:
        raise Refused(_in_file_order(problems))
    return snapshot, [_notice_in_file(n, places) for n in rule_notices]


# --- the rules' places, as paths in the file -----------------------------------------------


def _in_file(problem: Problem, places: FilePlaces) -> Problem | None:
    path = places.file_path(problem.field)
    if path in places.unresolved:
        return None
    value = places.written.get(path, problem.value)
    return Problem(path, value, problem.code, problem.params)


def _notice_in_file(notice: Notice, places: FilePlaces) -> Notice:
    if "field" not in notice.params:
        return notice
    params = dict(notice.params)
    params["field"] = places.file_path(notice_field(notice))
    return Notice.of(notice.code, **params)


def _natural(path: str) -> tuple[tuple[int, int, str], ...]:
    parts = re.findall(r"\[(\d+)\]|([^.\[\]]+)", path)
    return tuple((0, int(index), "") if index else (1, 0, name) for index, name in parts)


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """Grouped by place in the file, so all the problems of one entry come together."""
    return sorted(problems, key=lambda p: _natural(p.field))
