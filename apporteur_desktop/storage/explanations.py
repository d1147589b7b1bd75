"""A commission line's ``Explanation`` as JSON text, and back, exactly.

Decimals are written as strings (JSON numbers would be read back as floats). The named fields
know their own types; inside the free-form ``details``, values that JSON cannot tell apart from
text are tagged (``{"$decimal": "12.50"}``), so reading gives back what was written.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from types import MappingProxyType
from typing import Any

from apporteur_desktop.domain.commissions import Explanation
from apporteur_desktop.domain.enums import ComponentKind
from apporteur_desktop.domain.periods import Period

_DECIMAL_FIELDS = ("base", "rate", "cap_left", "uncapped", "previous")
_INT_FIELDS = ("month_number", "month_count")


def explanation_to_json(explanation: Explanation) -> str:
    data: dict[str, Any] = {"component": explanation.component.value}
    for name in _DECIMAL_FIELDS:
        value = getattr(explanation, name)
        if value is not None:
            data[name] = format(value, "f")
    for name in _INT_FIELDS:
        value = getattr(explanation, name)
        if value is not None:
            data[name] = value
    if explanation.reason:
        data["reason"] = explanation.reason
    if explanation.details:
        data["details"] = _encode(explanation.details)
    # Compact and key-sorted: the same explanation is always the same text.
    return json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def explanation_from_json(text: str) -> Explanation:
    data = json.loads(text)
    return Explanation(
        component=ComponentKind(data["component"]),
        reason=data.get("reason", ""),
        details=_decode(data["details"]) if "details" in data else MappingProxyType({}),
        **{name: Decimal(data[name]) if name in data else None for name in _DECIMAL_FIELDS},
        **{name: data.get(name) for name in _INT_FIELDS},
    )


def _encode(value: Any) -> Any:
    # bool before int, Enum before str: both are subclasses of the latter.
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return {"$decimal": format(value, "f")}
    if isinstance(value, Period):
        return {"$period": str(value)}
    if isinstance(value, datetime):
        raise TypeError("an explanation holds dates, not moments")
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    raise TypeError(f"cannot store {type(value).__name__} in an explanation")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, item),) = value.items()
            if key == "$decimal":
                return Decimal(item)
            if key == "$period":
                return Period.parse(item)
            if key == "$date":
                return date.fromisoformat(item)
        return MappingProxyType({key: _decode(item) for key, item in value.items()})
    if isinstance(value, list):
        # Tuples, not lists: an Explanation is frozen all the way down.
        return tuple(_decode(item) for item in value)
    return value
