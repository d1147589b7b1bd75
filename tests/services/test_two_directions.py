"""Self-billing in both directions, statements and the DAS2 figures of the owed direction."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from apporteur_desktop.documents.facturx_embed import xml_from_pdf
from apporteur_desktop.domain.enums import Direction, LineStatus
from apporteur_desktop.domain.invoices import DocumentOrigin, InvoiceState
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.problems import Refused
from apporteur_desktop.services import invoice_views, invoicing, owed, payments, received

from ..documents.facturx_validation import schema_errors, schematron_failures
from .invoicing_ledgers import MARCH, agreement, ledger_file, ready_ledger

OWED_SELF_BILLED = agreement(
    "Girard",
    direction="owed",
    counterparty="Paul Girard",
    self_billing=True,
    client="Garage Lefèvre",
    revenue=(("2026-03", "1500.00"),),
)
OWED_INVOICED = agreement(
    "Girard",
    direction="owed",
    counterparty="Paul Girard",
    client="Garage Lefèvre",
    revenue=(("2026-03", "10000.00"), ("2026-04", "5000.00")),
)
EARNED_SELF_BILLED = agreement(self_billing=True)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_owed_self_billing_issues_in_the_introducers_name_in_its_own_series(
    tmp_path: Path,
) -> None:
    with ready_ledger(tmp_path, ledger_file(agreements=[OWED_SELF_BILLED])) as ctx:
        _drafts, issued = invoicing.issue_for_period(ctx, MARCH)
        (invoice,) = issued.documents
        assert invoice.number == "AF-2026-0001"
        assert invoice.self_billed and invoice.direction == "owed"
        assert invoice.counterparty == "Paul Girard"
        assert invoice.gross_total == Decimal("300.00")  # no VAT number: franchise
        pdf = invoice_views.archived_pdf(ctx, invoice.number)
        text = text_of(pdf)
        assert "Autofacturation" in text
        assert "Paul Girard EI" in text  # the seller is the introducer
        xml = xml_from_pdf(pdf)
        assert schema_errors(xml) == []
        assert schematron_failures(xml) == []


def test_a_provider_self_billed_invoice_is_recorded_and_a_difference_shown(
    tmp_path: Path,
) -> None:
    with ready_ledger(tmp_path, ledger_file(agreements=[EARNED_SELF_BILLED])) as ctx:
        # Nothing for me to number: the provider writes the invoice.
        assert invoicing.prepare_drafts(ctx, MARCH).drafts == ()
        theirs = received.TheirInvoice("ATN-2026-118", date(2026, 4, 5), Decimal("190.00"))
        recorded = received.record_their_invoice(
            ctx, Direction.EARNED, "Atelier Numérique SAS", theirs, MARCH
        )
        assert recorded.origin is DocumentOrigin.RECORDED
        assert recorded.number == "ATN-2026-118"
        assert recorded.difference == Decimal("-10.00")  # they billed 190, the lines say 200
        assert recorded.file is None
        assert recorded.due_on == date(2026, 5, 5)
        # The lines are now invoiced: recording the same month again finds nothing.
        with pytest.raises(Refused) as refused:
            received.record_their_invoice(
                ctx, Direction.EARNED, "Atelier Numérique SAS", theirs, MARCH
            )
        assert [p.code for p in refused.value.problems] == ["no_due_lines"]
        paid = payments.record_payment(ctx, "ATN-2026-118", Decimal("190.00"), date(2026, 4, 30))
        assert paid.state is InvoiceState.PAID


def test_a_statement_lists_what_i_owe_with_paid_and_left(tmp_path: Path) -> None:
    content = ledger_file(agreements=[OWED_INVOICED])
    with ready_ledger(tmp_path, content, run_through=Period(2026, 4)) as ctx:
        theirs = received.TheirInvoice("PG-07", date(2026, 4, 3), Decimal("2000.00"))
        received.record_their_invoice(ctx, Direction.OWED, "Paul Girard", theirs, MARCH)
        payments.record_payment(ctx, "PG-07", Decimal("2000.00"), date(2026, 4, 20))
        statement = owed.statement(ctx, "Paul Girard", MARCH, Period(2026, 4))
        assert [(line.period, line.amount, line.status) for line in statement.lines] == [
            ("2026-03", Decimal("2000.00"), LineStatus.PAID),
            ("2026-04", Decimal("1000.00"), LineStatus.DUE),
        ]
        assert (statement.total, statement.paid, statement.outstanding) == (
            Decimal("3000.00"),
            Decimal("2000.00"),
            Decimal("1000.00"),
        )
        text = text_of(owed.statement_pdf(ctx, "Paul Girard", MARCH, Period(2026, 4)))
        assert "Paul Girard" in text and "3\u202f000,00" in text


def test_das2_adds_up_what_was_paid_in_the_year_and_warns_above_2400(tmp_path: Path) -> None:
    content = ledger_file(agreements=[OWED_INVOICED])
    with ready_ledger(tmp_path, content, run_through=Period(2026, 4)) as ctx:
        theirs = received.TheirInvoice("PG-07", date(2026, 4, 3), Decimal("2000.00"))
        received.record_their_invoice(ctx, Direction.OWED, "Paul Girard", theirs, MARCH)
        payments.record_payment(ctx, "PG-07", Decimal("400.00"), date(2026, 4, 20))
        (line,) = owed.das2_figures(ctx, 2026)
        assert (line.name, line.siret, line.paid, line.must_declare) == (
            "Paul Girard",
            "44306184100013",
            Decimal("400.00"),
            False,
        )
        payments.record_payment(ctx, "PG-07", Decimal("1600.00"), date(2026, 12, 31))
        later = received.TheirInvoice("PG-08", date(2026, 5, 3), Decimal("1000.00"))
        received.record_their_invoice(ctx, Direction.OWED, "Paul Girard", later, Period(2026, 4))
        payments.record_payment(ctx, "PG-08", Decimal("1000.00"), date(2027, 1, 2))
        (line,) = owed.das2_figures(ctx, 2026)
        assert (line.paid, line.must_declare) == (Decimal("2000.00"), False)
        # Paid on 2 January 2027: next year's figure.
        (line,) = owed.das2_figures(ctx, 2027)
        assert line.paid == Decimal("1000.00")


def test_das2_flags_a_beneficiary_paid_more_than_2400(tmp_path: Path) -> None:
    content = ledger_file(agreements=[OWED_INVOICED])
    with ready_ledger(tmp_path, content, run_through=Period(2026, 4)) as ctx:
        theirs = received.TheirInvoice(
            "PG-07", date(2026, 5, 3), Decimal("3000.00"), vat_total=Decimal("0.00")
        )
        received.record_their_invoice(ctx, Direction.OWED, "Paul Girard", theirs, Period(2026, 4))
        payments.record_payment(ctx, "PG-07", Decimal("2400.01"), date(2026, 6, 1))
        (line,) = owed.das2_figures(ctx, 2026)
        assert (line.paid, line.must_declare) == (Decimal("2400.01"), True)


def test_two_providers_may_send_the_same_number(tmp_path: Path) -> None:
    from apporteur_desktop.services.errors import UserError

    content = ledger_file(
        agreements=[
            EARNED_SELF_BILLED,
            agreement(
                "Girard", direction="owed", counterparty="Paul Girard", client="Garage Lefèvre"
            ),
        ]
    )
    with ready_ledger(tmp_path, content) as ctx:
        same = received.TheirInvoice("2026-0001", date(2026, 4, 5), Decimal("200.00"))
        received.record_their_invoice(ctx, Direction.EARNED, "Atelier Numérique SAS", same, MARCH)
        received.record_their_invoice(ctx, Direction.OWED, "Paul Girard", same, MARCH)
        with pytest.raises(UserError) as error:
            payments.record_payment(ctx, "2026-0001", Decimal("10.00"), date(2026, 4, 9))
        assert error.value.code == "ambiguous_number"
        assert error.value.params["counterparties"] == "Atelier Numérique SAS, Paul Girard"


def test_a_refund_lowers_the_das2_figure(tmp_path: Path) -> None:
    content = ledger_file(agreements=[OWED_SELF_BILLED])
    with ready_ledger(tmp_path, content) as ctx:
        (invoice,) = invoicing.issue_for_period(ctx, MARCH)[1].documents
        payments.record_payment(ctx, invoice.number, Decimal("300.00"), date(2026, 4, 10))
        from apporteur_desktop.services import credit_notes

        refund = credit_notes.cancel_invoice(ctx, invoice.number, "Client parti")
        assert refund.outstanding == Decimal("300.00")
        payments.record_payment(ctx, refund.number, Decimal("300.00"), date(2026, 4, 12))
        assert owed.das2_figures(ctx, 2026)[0].paid == Decimal("0.00")
