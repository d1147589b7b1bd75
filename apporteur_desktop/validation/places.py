"""Where a problem or a warning is: fields relative to the value checked, prefixed by callers.

``Problem`` carries its field; ``Notice`` has none in the domain, so a notice about one field keeps
it in ``params["field"]`` and :func:`notice_at` prefixes it the way ``Problem.at`` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from apporteur_desktop.domain.problems import Notice, Problem


def join(prefix: str, field: str) -> str:
    """``prefix`` + ``field`` as ``Problem.at`` joins them (``a`` + ``[0].b`` → ``a[0].b``)."""
    if not prefix:
        return field
    if not field:
        return prefix
    return f"{prefix}{field}" if field.startswith("[") else f"{prefix}.{field}"


def problems_at(prefix: str, problems: Iterable[Problem]) -> list[Problem]:
    return [problem.at(prefix) for problem in problems]


def notice_field(notice: Notice) -> str:
    field = notice.params.get("field", "")
    return field if isinstance(field, str) else ""


def field_notice(field: str, code: str, **params: Any) -> Notice:
    """A warning about one field (the field travels in the params)."""
    return Notice.of(code, field=field, **params)


def notice_at(prefix: str, notice: Notice) -> Notice:
    if "field" not in notice.params:
        return notice
    params = dict(notice.params)
    params["field"] = join(prefix, notice_field(notice))
    return Notice.of(notice.code, **params)


def notices_at(prefix: str, notices: Iterable[Notice]) -> list[Notice]:
    return [notice_at(prefix, notice) for notice in notices]


def top_field(field: str) -> str:
    """The first name of a relative path: ``components[0].rate`` → ``components``."""
    for index, char in enumerate(field):
        if char in ".[":
            return field[:index]
    return field
