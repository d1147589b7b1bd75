"""The invoicing settings kept in the ledger: legal wordings and numbering patterns.

They live with the ledger (not in a per-machine config) because they shape its documents: a
ledger moved to another computer keeps numbering where it was.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy.orm import Session

from ..domain.invoices import LegalWordings
from ..domain.legal import default_wordings
from ..domain.numbering import BadPattern, Numbering, render_number
from ..domain.problems import Problem, Refused
from ..storage import invoice_store
from .context import AppContext

WORDINGS_KEY = "legal_wordings"
NUMBERING_KEY = "numbering"
LOGO_KEY = "logo"

# The logo goes into every issued PDF: a small PNG or JPEG is plenty (it is drawn 50 × 20 mm).
LOGO_MAX_BYTES = 1_000_000
_IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")

WORDING_NAMES = tuple(f.name for f in fields(LegalWordings) if f.name != "checked_on")
NUMBERING_NAMES = tuple(f.name for f in fields(Numbering))
SETTING_GROUPS = {"numbering": NUMBERING_NAMES, "wordings": WORDING_NAMES}
SETTING_KEYS = tuple(f"{group}.{name}" for group, names in SETTING_GROUPS.items() for name in names)


@dataclass(frozen=True, slots=True)
class InvoicingSettings:
    wordings: LegalWordings
    numbering: Numbering


def load_settings(session: Session, language: str) -> InvoicingSettings:
    """The user's settings over the defaults: a wording never set is the dated default, in
    the user's language."""
    wordings = invoice_store.get_setting(session, WORDINGS_KEY) or {}
    numbering = invoice_store.get_setting(session, NUMBERING_KEY) or {}
    chosen = {name: wordings[name] for name in WORDING_NAMES if name in wordings}
    if "checked_on" in wordings:
        chosen["checked_on"] = date.fromisoformat(wordings["checked_on"])
    return InvoicingSettings(
        replace(default_wordings(language), **chosen),
        Numbering(**{name: numbering[name] for name in NUMBERING_NAMES if name in numbering}),
    )


def invoicing_settings(ctx: AppContext) -> InvoicingSettings:
    with ctx.ledger.transaction(write=False) as session:
        return load_settings(session, ctx.translator.language)


def setting_values(settings: InvoicingSettings) -> dict[str, str]:
    """Every setting by its key (``numbering.invoice_pattern``, ``wordings.franchise``…)."""
    sources = {"numbering": settings.numbering, "wordings": settings.wordings}
    return {
        f"{group}.{name}": getattr(sources[group], name)
        for group, names in SETTING_GROUPS.items()
        for name in names
    }


def update_settings(ctx: AppContext, changes: Mapping[str, str]) -> InvoicingSettings:
    """Change some settings, named by their keys; refused as a whole, with every problem, if
    any key or value is bad.

    An edited wording is dated the day it was edited: the date says when it was last checked.
    """
    with ctx.ledger.transaction() as session:
        return apply_settings(session, changes, ctx.translator.language, ctx.clock.today())


def apply_settings(
    session: Session, changes: Mapping[str, str], language: str, today: date
) -> InvoicingSettings:
    """:func:`update_settings` inside the caller's transaction."""
    problems = [
        Problem.of(key, value, "unknown_field", allowed=SETTING_KEYS)
        for key, value in changes.items()
        if key not in SETTING_KEYS
    ]
    if problems:
        raise Refused(problems)
    grouped: dict[str, dict[str, str]] = {group: {} for group in SETTING_GROUPS}
    for key, value in changes.items():
        group, _dot, name = key.partition(".")
        grouped[group][name] = value
    wordings, numbering = grouped["wordings"], grouped["numbering"]
    current = load_settings(session, language)
    new_wordings = replace(current.wordings, **wordings)
    if wordings:
        new_wordings = replace(new_wordings, checked_on=today)
    new_numbering = replace(current.numbering, **numbering)
    problems = check_numbering(new_numbering)
    problems += [
        Problem.of(f"wordings.{name}", "", "required")
        for name in wordings
        if not getattr(new_wordings, name).strip()
    ]
    if problems:
        raise Refused(problems)
    stored = {name: getattr(new_wordings, name) for name in WORDING_NAMES}
    stored["checked_on"] = new_wordings.checked_on.isoformat()
    invoice_store.put_setting(session, WORDINGS_KEY, stored)
    invoice_store.put_setting(
        session, NUMBERING_KEY, {n: getattr(new_numbering, n) for n in NUMBERING_NAMES}
    )
    return InvoicingSettings(new_wordings, new_numbering)


def check_numbering(numbering: Numbering) -> list[Problem]:
    """Each pattern gives valid numbers, and the series cannot give each other's numbers."""
    problems = []
    patterns = {name: getattr(numbering, name) for name in NUMBERING_NAMES}
    for name, pattern in patterns.items():
        if name == "credit_note_pattern" and not pattern:
            continue  # credit notes share the invoices' series
        try:
            render_number(pattern, 2026, 9999)
        except BadPattern as bad:
            problems.append(Problem.of(f"numbering.{name}", pattern, bad.code))
    if not problems:
        seen: dict[str, str] = {}
        for name, pattern in patterns.items():
            if not pattern:
                continue
            first = render_number(pattern, 2026, 1)
            if first in seen:
                problems.append(
                    Problem.of(f"numbering.{name}", pattern, "same_numbers_as", other=seen[first])
                )
            seen[first] = f"numbering.{name}"
    return problems


# --- the logo -------------------------------------------------------------------------------------


def load_logo(session: Session) -> bytes | None:
    stored = invoice_store.get_setting(session, LOGO_KEY)
    return None if stored is None else base64.b64decode(stored)


def logo(ctx: AppContext) -> bytes | None:
    with ctx.ledger.transaction(write=False) as session:
        return load_logo(session)


def set_logo(ctx: AppContext, content: bytes | None) -> None:
    """Put ``content`` (a PNG or JPEG image) top left of the documents issued from now on;
    None takes the logo away. Documents already issued keep what they had."""
    if content is not None:
        if not content.startswith(_IMAGE_SIGNATURES):
            raise Refused([Problem.of("logo", None, "not_an_image")])
        if len(content) > LOGO_MAX_BYTES:
            raise Refused(
                [Problem.of("logo", len(content), "file_too_large", maximum=LOGO_MAX_BYTES)]
            )
    with ctx.ledger.transaction() as session:
        if content is None:
            invoice_store.delete_setting(session, LOGO_KEY)
        else:
            invoice_store.put_setting(session, LOGO_KEY, base64.b64encode(content).decode("ascii"))
