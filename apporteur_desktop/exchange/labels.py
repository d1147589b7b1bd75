"""Labels of engagements: how a file names an engagement it refers to (``converts_trial``).

Labels compare like names (``validation.ledger.name_key``): spacing and case ignored.
"""

from __future__ import annotations

from collections.abc import Sequence

from apporteur_desktop.validation.ledger import name_key


def engagement_labels(labels: Sequence[str]) -> list[str]:
    """The labels as given, with each empty one replaced by the first free "engagement N"."""
    taken = {name_key(label) for label in labels if label.strip()}
    result: list[str] = []
    number = 0
    for label in labels:
        if label.strip():
            result.append(label)
            continue
        number += 1
        while name_key(f"engagement {number}") in taken:
            number += 1
        result.append(f"engagement {number}")
    return result
