"""Issuing invoices from commission lines: numbers, archive, frozen documents, credit notes.

Worked examples G (a clawback after invoicing becomes a credit note citing the invoice) and J
(a revenue correction after invoicing goes on the next invoice) run here end to end.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import update
from sqlalchemy.exc import DatabaseError

from apporteur_desktop.documents.facturx_embed import xml_from_pdf
from apporteur_desktop.domain.enums import LineStatus
from apporteur_desktop.domain.invoices import DocumentKind, InvoiceState
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import RevenueRevision
from apporteur_desktop.domain.problems import Refused
from apporteur_desktop.services import (
    commissions,
    credit_notes,
    invoice_views,
    invoicing,
    payments,
    pipeline,
)
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.errors import UserError
from apporteur_desktop.services.invoice_parts import sha256_of
from apporteur_desktop.storage import line_reports, repository
from apporteur_desktop.storage.models import InvoiceRow

from ..documents.facturx_validation import schema_errors, schematron_failures
from .invoicing_ledgers import MARCH, REGISTERED, agreement, ledger_file, on, ready_ledger

APRIL = Period(2026, 4)


def statuses(ctx: AppContext) -> list[tuple[str, str, LineStatus | None]]:
    with ctx.ledger.transaction(write=False) as session:
        lines = line_reports.lines_between(session, Period(2026, 1), Period(2027, 12))
    return [(str(line.key.period), str(line.amount), line.status) for line in lines]


def issue(ctx: AppContext, through: Period = MARCH) -> list[invoice_views.InvoiceView]:
    _drafts, issued = invoicing.issue_for_period(ctx, through)
    return list(issued.documents)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_draft_gathers_the_due_lines_and_has_no_number(tmp_path: Path) -> None:
    with ready_ledger(tmp_path) as ctx:
        drafts = invoicing.prepare_drafts(ctx, MARCH)
        (draft,) = drafts.drafts
        assert draft.state is InvoiceState.DRAFT
        assert draft.number == ""
        assert draft.counterparty == "Atelier Numérique SAS"
        assert draft.net_total == Decimal("200.00")
        assert [line.amount for line in draft.lines] == [Decimal("200.00")]
        # Preparing again replaces the draft instead of adding a second one.
        invoicing.prepare_drafts(ctx, MARCH)
        assert len(invoicing.list_drafts(ctx)) == 1
        assert statuses(ctx) == [("2026-03", "200.00", LineStatus.DUE)]


def test_edits_survive_preparing_again_and_discarding_frees_the_lines(tmp_path: Path) -> None:
    with ready_ledger(tmp_path) as ctx:
        (draft,) = invoicing.prepare_drafts(ctx, MARCH).drafts
        edited = invoicing.edit_draft(
            ctx,
            draft.id,
            invoicing.DraftEdits(
                purchase_order="BC-17", notes="Merci !", line_descriptions={1: "Commission mars"}
            ),
        )
        assert (edited.purchase_order, edited.notes) == ("BC-17", "Merci !")
        assert edited.lines[0].description == "Commission mars"
        (again,) = invoicing.prepare_drafts(ctx, MARCH).drafts
        assert again.purchase_order == "BC-17"
        with pytest.raises(Refused) as refused:
            invoicing.edit_draft(ctx, again.id, invoicing.DraftEdits(line_descriptions={1: " "}))
        assert [p.field for p in refused.value.problems] == ["lines[1].description"]
        invoicing.discard_draft(ctx, again.id)
        assert invoicing.list_drafts(ctx) == []
        assert invoicing.prepare_drafts(ctx, MARCH).drafts[0].net_total == Decimal("200.00")


def test_issuing_numbers_archives_and_freezes(tmp_path: Path) -> None:
    with ready_ledger(tmp_path) as ctx:
        (invoice,) = issue(ctx)
        assert invoice.number == "2026-0001"
        assert invoice.state is InvoiceState.ISSUED
        assert invoice.issued_on == date(2026, 4, 2)
        assert invoice.due_on == date(2026, 5, 2)  # net 30 days
        assert invoice.file == ctx.paths.archive_dir / "2026" / "2026-0001.pdf"
        content = invoice.file.read_bytes()
        assert sha256_of(content) == invoice.sha256
        assert invoice_views.archived_pdf(ctx, "2026-0001") == content
        assert b"<ram:ID>2026-0001</ram:ID>" in xml_from_pdf(content)
        text = text_of(content)
        assert "2026-0001" in text and "200,00" in text and "02/05/2026" in text
        assert statuses(ctx) == [("2026-03", "200.00", LineStatus.INVOICED)]
        # Nothing is left to invoice.
        assert invoicing.prepare_drafts(ctx, MARCH).drafts == ()


def test_the_ledger_refuses_to_alter_an_issued_invoice(tmp_path: Path) -> None:
    with ready_ledger(tmp_path) as ctx:
        (invoice,) = issue(ctx)
        with pytest.raises(DatabaseError), ctx.ledger.transaction() as session:
            session.execute(
                update(InvoiceRow).where(InvoiceRow.id == invoice.id).values(notes="changed")
            )
        with pytest.raises(UserError) as error:
            invoicing.edit_draft(ctx, invoice.id, invoicing.DraftEdits(notes="changed"))
        assert error.value.code == "not_a_draft"
        with pytest.raises(UserError):
            invoicing.discard_draft(ctx, invoice.id)
        assert invoice_views.get_invoice(ctx, "2026-0001").notes == ""


def test_an_altered_archive_file_is_detected(tmp_path: Path) -> None:
    with ready_ledger(tmp_path) as ctx:
        (invoice,) = issue(ctx)
        assert invoice.file is not None
        invoice.file.write_bytes(invoice.file.read_bytes() + b"\n")
        with pytest.raises(UserError) as error:
            invoice_views.archived_pdf(ctx, "2026-0001")
        assert error.value.code == "archive_altered"


def test_missing_mentions_refuse_issuing_with_the_whole_list(tmp_path: Path) -> None:
    content = ledger_file(identity={"name": "Jeanne Martin", "sole_trader": True})
    content["parties"][0] = {"kind": "provider", "name": "Atelier Numérique SAS"}
    with ready_ledger(tmp_path, content) as ctx:
        with pytest.raises(Refused) as refused:
            issue(ctx)
        fields = {p.field for p in refused.value.problems}
        assert fields == {
            "Atelier Numérique SAS — seller.address",
            "Atelier Numérique SAS — seller.siret",
            "Atelier Numérique SAS — buyer.address",
        }
        # Nothing was numbered, written or marked.
        assert invoice_views.list_invoices(ctx, [InvoiceState.ISSUED]) == []
        assert list(ctx.paths.archive_dir.rglob("*.pdf")) == []
        assert statuses(ctx) == [("2026-03", "200.00", LineStatus.DUE)]


def test_a_failure_mid_issue_leaves_no_number_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = ledger_file(
        agreements=[
            agreement(),
            agreement(
                "Girard",
                direction="owed",
                counterparty="Paul Girard",
                self_billing=True,
                client="Garage Lefèvre",
            ),
        ]
    )
    with ready_ledger(tmp_path, content) as ctx:
        drafts = invoicing.prepare_drafts(ctx, MARCH).drafts
        assert len(drafts) == 2
        real = invoicing.invoice_store.set_commission_status
        calls = []

        def fail_on_second(*args: object, **kwargs: object) -> None:
            calls.append(args)
            if len(calls) == 2:
                raise OSError("disk full")
            real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(invoicing.invoice_store, "set_commission_status", fail_on_second)
        with pytest.raises(OSError):
            invoicing.issue_drafts(ctx, [d.id for d in drafts])
        monkeypatch.undo()
        assert list(ctx.paths.archive_dir.rglob("*")) == [ctx.paths.archive_dir / "2026"]
        assert len(invoicing.list_drafts(ctx)) == 2
        assert {s for _p, _a, s in statuses(ctx)} == {LineStatus.DUE}
        # The numbers were given back: the next issue starts at 0001 in each series.
        issued = invoicing.issue_drafts(ctx, [d.id for d in drafts]).documents
        assert sorted(d.number for d in issued) == ["2026-0001", "AF-2026-0001"]


def test_numbering_is_gapless_across_cancel_and_a_new_year(tmp_path: Path) -> None:
    content = ledger_file(
        agreements=[agreement(revenue=(("2026-03", "1000.00"), ("2026-12", "500.00")))]
    )
    with ready_ledger(tmp_path, content, run_through=Period(2026, 12)) as ctx:
        assert [invoice.number for invoice in issue(ctx, MARCH)] == ["2026-0001"]
        ctx.clock.moment = on(date(2026, 4, 10))  # type: ignore[attr-defined]
        credit = credit_notes.cancel_invoice(ctx, "2026-0001", "Mauvaise adresse")
        assert (credit.kind, credit.number) == (DocumentKind.CREDIT_NOTE, "2026-0002")
        assert credit.cites == ("2026-0001",)
        # Nothing had been paid: the credit note settles the invoice, nobody owes anything.
        assert (credit.state, credit.outstanding) == (InvoiceState.PAID, Decimal("0.00"))
        cancelled = invoice_views.get_invoice(ctx, "2026-0001")
        assert (cancelled.state, cancelled.outstanding) == (InvoiceState.CANCELLED, Decimal(0))
        text = text_of(invoice_views.archived_pdf(ctx, "2026-0002"))
        assert "2026-0001" in text and "02/04/2026" in text  # the cited number and date
        # The cancelled lines come back as new due lines at the next run.
        commissions.run_commissions(ctx, MARCH, MARCH, preview=False)
        ctx.clock.moment = on(date(2027, 1, 5))  # type: ignore[attr-defined]
        commissions.run_commissions(ctx, MARCH, Period(2026, 12), preview=False)
        (reissued,) = issue(ctx, Period(2026, 12))
        assert reissued.number == "2027-0001"
        assert reissued.net_total == Decimal("300.00")  # March again (200) and December (100)
        with pytest.raises(UserError) as error:
            credit_notes.cancel_invoice(ctx, "2026-0001", "encore")
        assert error.value.code == "already_cancelled"


def test_a_separate_credit_note_series(tmp_path: Path) -> None:
    from apporteur_desktop.services.invoice_settings import update_settings

    with ready_ledger(tmp_path) as ctx:
        update_settings(ctx, {"numbering.credit_note_pattern": "AV-{year}-{seq:03d}"})
        issue(ctx)
        credit = credit_notes.cancel_invoice(ctx, "2026-0001", "Erreur")
        assert credit.number == "AV-2026-001"


def test_example_g_a_clawback_after_invoicing_becomes_a_credit_note(tmp_path: Path) -> None:
    content = ledger_file(agreements=[agreement(revenue=(("2026-03", "450.00"),))])
    with ready_ledger(tmp_path, content) as ctx:
        (march,) = issue(ctx)
        assert march.net_total == Decimal("90.00")
        with ctx.ledger.transaction(write=False) as session:
            (engagement,) = repository.list_engagements(session)
        assert engagement.id is not None
        pipeline.record_client_left(ctx, engagement.id, date(2026, 3, 20))
        commissions.run_commissions(ctx, MARCH, APRIL, preview=False)
        ctx.clock.moment = on(date(2026, 5, 2))  # type: ignore[attr-defined]
        (credit,) = issue(ctx, APRIL)
        assert credit.kind is DocumentKind.CREDIT_NOTE
        assert credit.number == "2026-0002"
        assert credit.net_total == Decimal("90.00")
        assert credit.cites == ("2026-0001",)
        assert credit.due_on == date(2026, 5, 2)
        xml = xml_from_pdf(invoice_views.archived_pdf(ctx, "2026-0002")).decode()
        assert "<ram:TypeCode>381</ram:TypeCode>" in xml
        assert "<ram:IssuerAssignedID>2026-0001</ram:IssuerAssignedID>" in xml
        assert schema_errors(xml.encode()) == []
        assert schematron_failures(xml.encode()) == []


def test_example_j_a_correction_after_invoicing_goes_on_the_next_invoice(tmp_path: Path) -> None:
    content = ledger_file(
        agreements=[agreement(revenue=(("2026-03", "1000.00"), ("2026-04", "1000.00")))]
    )
    with ready_ledger(tmp_path, content) as ctx:
        issue(ctx)
        with ctx.ledger.transaction(write=False) as session:
            (engagement,) = repository.list_engagements(session)
        assert engagement.id is not None
        pipeline.record_revenue(
            ctx,
            RevenueRevision(None, engagement.id, MARCH, Decimal("900.00")),
        )
        commissions.run_commissions(ctx, APRIL, APRIL, preview=False)
        ctx.clock.moment = on(date(2026, 5, 2))  # type: ignore[attr-defined]
        (april,) = issue(ctx, APRIL)
        assert april.kind is DocumentKind.INVOICE
        assert [line.amount for line in april.lines] == [Decimal("-20.00"), Decimal("200.00")]
        assert april.net_total == Decimal("180.00")
        assert "mars 2026" in april.lines[0].description


def test_payments_move_the_state_and_mark_the_lines_paid(tmp_path: Path) -> None:
    with ready_ledger(tmp_path) as ctx:
        issue(ctx)
        partly = payments.record_payment(ctx, "2026-0001", Decimal("50.00"), date(2026, 4, 20))
        assert (partly.state, partly.outstanding) == (InvoiceState.PARTLY_PAID, Decimal("150.00"))
        with pytest.raises(Refused) as refused:
            payments.record_payment(ctx, "2026-0001", Decimal("150.01"), date(2026, 3, 1))
        assert [p.code for p in refused.value.problems] == [
            "above_left_to_pay",
            "date_before_minimum",
        ]
        ctx.clock.moment = on(date(2026, 5, 3))  # type: ignore[attr-defined]
        assert invoice_views.get_invoice(ctx, "2026-0001").state is InvoiceState.OVERDUE
        paid = payments.record_payment(ctx, "2026-0001", Decimal("150.00"), date(2026, 5, 3))
        assert (paid.state, paid.outstanding) == (InvoiceState.PAID, Decimal("0.00"))
        assert statuses(ctx) == [("2026-03", "200.00", LineStatus.PAID)]
        # Cancelling a paid invoice: the credit note is what is owed back, until refunded.
        refund = credit_notes.cancel_invoice(ctx, "2026-0001", "Commission remboursée")
        assert (refund.state, refund.outstanding) == (InvoiceState.ISSUED, Decimal("200.00"))
        refunded = payments.record_payment(ctx, refund.number, Decimal("200.00"), date(2026, 5, 4))
        assert refunded.state is InvoiceState.PAID


def test_a_vat_registered_seller_charges_vat_on_the_rounded_base(tmp_path: Path) -> None:
    content = ledger_file(
        identity=REGISTERED,
        agreements=[agreement(revenue=(("2026-03", "1234.57"),))],
    )
    with ready_ledger(tmp_path, content) as ctx:
        (invoice,) = issue(ctx)
        assert (invoice.net_total, invoice.vat_total, invoice.gross_total) == (
            Decimal("246.91"),
            Decimal("49.38"),
            Decimal("296.29"),
        )
        text = text_of(invoice_views.archived_pdf(ctx, invoice.number))
        assert "FR44732829320" in text and "296,29" in text


def test_an_english_user_gets_english_documents_and_wordings(tmp_path: Path) -> None:
    with ready_ledger(tmp_path, language="en") as ctx:
        (invoice,) = issue(ctx)
        text = text_of(invoice_views.archived_pdf(ctx, invoice.number))
        assert "Invoice" in text and "Late-payment penalties" in text
        assert "VAT not applicable, art. 293 B" in text
        assert invoice.lines[0].description.startswith("Commission — percentage of revenue")


def test_a_buyer_without_siren_is_invoiced_with_a_warning_until_september_2027(
    tmp_path: Path,
) -> None:
    from apporteur_desktop.i18n import Translator
    from apporteur_desktop.services.wording import word_notice

    content = ledger_file()
    del content["parties"][0]["siren"], content["parties"][0]["siret"]
    with ready_ledger(tmp_path, content) as ctx:
        _drafts, issued = invoicing.issue_for_period(ctx, MARCH)
        (notice,) = issued.notices
        assert word_notice(Translator("en"), notice) == (
            "Atelier Numérique SAS — buyer.siren: the buyer's SIREN will be required on "
            "invoices from 1 September 2027; ask for it now"
        )


def png_logo() -> bytes:
    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", (120, 40), (31, 58, 95)).save(stream, format="PNG")
    return stream.getvalue()


def test_a_draft_preview_is_marked_as_a_draft_and_numbers_nothing(tmp_path: Path) -> None:
    with ready_ledger(tmp_path) as ctx:
        (draft,) = invoicing.prepare_drafts(ctx, MARCH).drafts
        text = text_of(invoicing.preview_draft(ctx, draft.id))
        assert "BROUILLON" in text and "200,00" in text and "02/05/2026" in text
        assert invoicing.list_drafts(ctx)[0].number == ""
        assert list(ctx.paths.archive_dir.rglob("*.pdf")) == []


def test_the_logo_goes_on_issued_documents_and_previews(tmp_path: Path) -> None:
    from apporteur_desktop.services import invoice_settings

    with ready_ledger(tmp_path) as ctx:
        with pytest.raises(Refused) as refused:
            invoice_settings.set_logo(ctx, b"GIF89a not accepted")
        assert [(p.field, p.code) for p in refused.value.problems] == [("logo", "not_an_image")]
        invoice_settings.set_logo(ctx, png_logo())
        (draft,) = invoicing.prepare_drafts(ctx, MARCH).drafts
        preview = PdfReader(io.BytesIO(invoicing.preview_draft(ctx, draft.id)))
        assert len(preview.pages[0].images) == 1
        (invoice,) = invoicing.issue_drafts(ctx, [draft.id]).documents
        issued = PdfReader(io.BytesIO(invoice_views.archived_pdf(ctx, invoice.number)))
        assert len(issued.pages[0].images) == 1
        invoice_settings.set_logo(ctx, None)
        assert invoice_settings.logo(ctx) is None
