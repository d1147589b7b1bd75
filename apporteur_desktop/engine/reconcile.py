"""From what should stand to what a run adds: new lines, adjustments and clawbacks.

Saved lines are never edited. Where what should stand for a key differs from what its saved
lines add up to, the run adds the difference as a new line that references the line it
corrects; a key that was never saved gets a regular line. Rerunning therefore adds nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from ..domain.commissions import CommissionLine, Explanation, LineKey, SavedLine
from ..domain.enums import Direction, LineKind
from .facts import RunWindow

CLAWBACK = "clawback"
CORRECTION = "correction"
NOT_COVERED = "not_covered"


def reconcile(
    targets: Iterable[CommissionLine],
    saved: Iterable[SavedLine],
    window: RunWindow,
    clawed_back: frozenset[int],
    direction: Direction,
) -> list[CommissionLine]:
    """The lines a run over ``window`` adds, given what stands already.

    Regular lines are produced for the window's months only; corrections of saved lines are
    produced for any month up to the window's end, since those months were already run.
    """
    by_key: dict[LineKey, list[SavedLine]] = defaultdict(list)
    for line in saved:
        by_key[line.key].append(line)
    first, last = window.first, window.last
    if not by_key:  # nothing saved yet: every target of the window is new
        return [t for t in targets if first <= t.key.period <= last]
    added: list[CommissionLine] = []
    for target in targets:
        lines = by_key.pop(target.key, None)
        if not lines:
            if first <= target.key.period <= last:
                added.append(target)
            continue
        correction = _correction(target, lines, clawed_back)
        if correction is not None and target.key.period <= window.last:
            added.append(correction)
    for key, lines in by_key.items():
        if key.period <= window.last:
            withdrawn = _withdrawal(key, lines, clawed_back, direction)
            if withdrawn is not None:
                added.append(withdrawn)
    return added


def _standing(lines: list[SavedLine]) -> Decimal:
    return sum((line.amount for line in lines if line.stands), Decimal("0.00"))


def _original(lines: list[SavedLine]) -> SavedLine:
    regular = [line for line in lines if line.kind is LineKind.REGULAR]
    return min(regular or lines, key=lambda line: line.id)


def _correction(
    target: CommissionLine, lines: list[SavedLine], clawed_back: frozenset[int]
) -> CommissionLine | None:
    standing = _standing(lines)
    delta = target.amount - standing
    if delta == 0:
        return None
    clawback = target.key.engagement_id in clawed_back and delta < 0
    reason = target.explanation.reason or (CLAWBACK if clawback else CORRECTION)
    return target._replace(
        kind=LineKind.CLAWBACK if clawback else LineKind.ADJUSTMENT,
        amount=delta,
        corrects_id=_original(lines).id,
        explanation=target.explanation._replace(reason=reason, previous=standing),
    )


def _withdrawal(
    key: LineKey, lines: list[SavedLine], clawed_back: frozenset[int], direction: Direction
) -> CommissionLine | None:
    """A saved key that should no longer stand at all: reverse what stands."""
    standing = _standing(lines)
    if standing == 0:
        return None
    original = _original(lines)
    clawback = key.engagement_id in clawed_back
    explanation = Explanation(
        component=original.component,
        reason=CLAWBACK if clawback else NOT_COVERED,
        previous=standing,
    )
    return CommissionLine(
        key=key,
        direction=direction,
        kind=LineKind.CLAWBACK if clawback else LineKind.ADJUSTMENT,
        amount=-standing,
        explanation=explanation,
        corrects_id=original.id,
    )
