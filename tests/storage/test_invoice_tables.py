"""An issued invoice cannot be changed or deleted, whatever writes to the ledger."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import DatabaseError

from apporteur_desktop.domain.enums import Direction, PartyKind
from apporteur_desktop.domain.invoices import DocumentKind, DocumentOrigin, InvoiceStatus
from apporteur_desktop.domain.parties import LegalIdentity, Party
from apporteur_desktop.storage import repository
from apporteur_desktop.storage.db import Ledger
from apporteur_desktop.storage.models import InvoiceLineRow, InvoiceRow


def _invoice(ledger: Ledger, number: str | None) -> int:
    with ledger.transaction() as session:
        buyer = repository.add_party(
            session, Party(None, PartyKind.PROVIDER, LegalIdentity(f"Atelier {number}"))
        )
        row = InvoiceRow(
            kind=DocumentKind.INVOICE,
            status=InvoiceStatus.DRAFT if number is None else InvoiceStatus.ISSUED,
            direction=Direction.EARNED,
            origin=DocumentOrigin.ISSUED,
            counterparty_id=buyer.id,
            self_billed=False,
            series="invoices",
            number=number,
            year=None if number is None else 2026,
            seq=None if number is None else 1,
            issued_on=None if number is None else date(2026, 3, 31),
            service_first=date(2026, 3, 1),
            service_last=date(2026, 3, 31),
            buyer_reference="",
            purchase_order="",
            notes="",
            net_total=Decimal("240.00"),
            vat_total=Decimal("0.00"),
            gross_total=Decimal("240.00"),
        )
        session.add(row)
        session.flush()
        session.add(
            InvoiceLineRow(
                invoice_id=row.id,
                position=0,
                description="Commission 20 %",
                client="Dupont",
                period="2026-03",
                amount=Decimal("240.00"),
            )
        )
        return row.id


def test_an_issued_invoice_cannot_be_altered_or_deleted(ledger: Ledger) -> None:
    issued = _invoice(ledger, "2026-0001")

    for statement in (
        update(InvoiceRow).where(InvoiceRow.id == issued).values(net_total=Decimal("1.00")),
        update(InvoiceLineRow).where(InvoiceLineRow.invoice_id == issued).values(amount=0),
        delete(InvoiceLineRow).where(InvoiceLineRow.invoice_id == issued),
        delete(InvoiceRow).where(InvoiceRow.id == issued),
    ):
        with pytest.raises(DatabaseError, match="issued invoice"), ledger.transaction() as s:
            s.execute(statement)


def test_its_status_still_moves_with_payments(ledger: Ledger) -> None:
    issued = _invoice(ledger, "2026-0001")

    with ledger.transaction() as session:
        session.execute(
            update(InvoiceRow).where(InvoiceRow.id == issued).values(status=InvoiceStatus.PAID)
        )
        assert session.get(InvoiceRow, issued).status is InvoiceStatus.PAID


def test_a_draft_can_still_be_edited_and_discarded(ledger: Ledger) -> None:
    draft = _invoice(ledger, None)

    with ledger.transaction() as session:
        session.execute(update(InvoiceRow).where(InvoiceRow.id == draft).values(notes="vu"))
        session.execute(delete(InvoiceRow).where(InvoiceRow.id == draft))
        assert session.get(InvoiceRow, draft) is None
