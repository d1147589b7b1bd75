"""Saving my identity and the invoicing settings as one action (the settings form, onboarding).

One transaction: both are checked, every problem of both is reported together, and nothing is
written unless all of it is right.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..domain.parties import BusinessIdentity
from ..domain.problems import Problem, Refused
from .context import AppContext
from .identity import apply_identity
from .invoice_settings import InvoicingSettings, apply_settings


@dataclass(frozen=True, slots=True)
class Saved:
    identity: BusinessIdentity | None  # None when the identity was not changed
    settings: InvoicingSettings | None  # None when no setting was changed


def save_setup(
    ctx: AppContext, identity_changes: Mapping[str, str], setting_changes: Mapping[str, str]
) -> Saved:
    problems: list[Problem] = []
    identity = settings = None
    with ctx.ledger.transaction() as session:
        if identity_changes:
            try:
                identity = apply_identity(session, identity_changes)
            except Refused as refused:
                problems += refused.problems
        if setting_changes:
            try:
                settings = apply_settings(
                    session, setting_changes, ctx.translator.language, ctx.clock.today()
                )
            except Refused as refused:
                problems += refused.problems
        if problems:
            raise Refused(problems)  # inside the transaction: what was applied is rolled back
    return Saved(identity, settings)
