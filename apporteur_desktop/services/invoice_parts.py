"""What documents are made of: who sells to whom, line wording, due dates, the archived file.

Shared by drafting, issuing, cancelling and recording invoices.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from ..domain.enums import Direction, LineKind, VatRegime
from ..domain.invoices import DocumentKind, DocumentLine, InvoiceDocument
from ..domain.parties import BusinessIdentity, LegalIdentity
from ..domain.periods import Period
from ..engine.payment_terms import due_date
from ..formatting import month_text
from ..i18n import N_, Translator
from ..storage import repository
from ..storage.invoice_store import DueLine, NewLine
from .errors import UserError
from .wording import COMPONENT_NAMES

# An introducer with a VAT number is taken to charge the standard French rate on the invoices
# issued in its name (self-billing); one without is taken to be under the franchise.
STANDARD_VAT_RATE = Decimal("20")

KIND_TITLES = {
    DocumentKind.INVOICE: N_("invoice"),
    DocumentKind.CREDIT_NOTE: N_("credit note"),
}


@dataclass(frozen=True, slots=True)
class Sides:
    """Who issues the document and who receives it."""

    seller: BusinessIdentity
    buyer: LegalIdentity


def my_identity(session: Session) -> BusinessIdentity:
    identity = repository.get_identity(session)
    if identity is None:
        raise UserError.of("no_identity")
    return identity


def sides_for(session: Session, direction: Direction, counterparty_id: int) -> Sides:
    """Earned: I sell to the provider. Owed (self-billing): the introducer sells to me, and I
    write the invoice in its name."""
    me = my_identity(session)
    other = repository.get_party(session, counterparty_id).identity
    if direction is Direction.EARNED:
        return Sides(me, other)
    return Sides(introducer_as_seller(other), me.identity)


def introducer_as_seller(identity: LegalIdentity) -> BusinessIdentity:
    if identity.vat_number:
        return BusinessIdentity(identity, VatRegime.REGISTERED, STANDARD_VAT_RATE)
    return BusinessIdentity(identity, VatRegime.FRANCHISE)


def last_day(period: Period) -> date:
    return (period + 1).first_day() - timedelta(days=1)


def describe(tr: Translator, line: DueLine) -> str:
    """« Commission — percentage of revenue (agreement X) », or a correction of a month."""
    _ = tr.gettext
    component = _(COMPONENT_NAMES[line.component])
    if line.kind is LineKind.REGULAR:
        return _("Commission — {component} (agreement {agreement})").format(
            component=component, agreement=line.agreement
        )
    month = month_text(line.period.first_day(), tr.language)
    if line.kind is LineKind.CLAWBACK:
        return _(
            "Clawback of the commission of {month} — {component} (agreement {agreement})"
        ).format(month=month, component=component, agreement=line.agreement)
    return _(
        "Correction of the commission of {month} — {component} (agreement {agreement})"
    ).format(month=month, component=component, agreement=line.agreement)


def new_line(line: DueLine, description: str, client: str, sign: int) -> NewLine:
    """A document line for a commission line; ``sign`` -1 puts it on a credit note."""
    period = line.event_date.isoformat() if line.event_date else str(line.period)
    return NewLine(
        line.id, DocumentLine(description, client, period, line.base, line.rate, line.amount * sign)
    )


def due_on(session: Session, issued_on: date, agreement_ids: Iterable[int], last: Period) -> date:
    """The earliest due date the agreements' payment terms give (no agreed terms: 30 days)."""
    days = [
        due_date(issued_on, repository.get_agreement(session, a).terms_for(last).payment_terms)
        for a in set(agreement_ids)
    ]
    return min(days) if days else issued_on + timedelta(days=30)


# --- the archive ----------------------------------------------------------------------------------


def archive_name(document: InvoiceDocument) -> str:
    """``2026/2026-0001.pdf``: by year, named by the number (a ``/`` in it becomes ``-``)."""
    return f"{document.issued_on.year}/{document.number.replace('/', '-')}.pdf"


def write_archive(archive_dir: Path, name: str, content: bytes) -> Path:
    """Write the file whole or not at all (a temporary file renamed once on disk)."""
    path = archive_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    with open(partial, "wb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(partial, path)
    return path


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
