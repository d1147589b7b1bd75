"""A commission run for one agreement: what should stand, then what the run adds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.commissions import CommissionLine, SavedLine
from .coverage import RightsPlan
from .facts import AgreementFacts, Opening, RunWindow
from .reconcile import reconcile
from .targets import compute_targets


@dataclass(frozen=True, slots=True)
class AgreementRun:
    added: tuple[CommissionLine, ...]
    plans: dict[int, RightsPlan]


def run_agreement(
    facts: AgreementFacts,
    window: RunWindow,
    saved: Iterable[SavedLine] = (),
    opening: Opening | None = None,
) -> AgreementRun:
    """The lines a run over ``window`` adds for one agreement. Pure: previewing twice
    gives the same lines, and nothing is saved here."""
    targets = compute_targets(facts, window.last, opening)
    added = reconcile(targets.lines, saved, window, targets.clawed_back, facts.agreement.direction)
    return AgreementRun(tuple(added), targets.plans)
