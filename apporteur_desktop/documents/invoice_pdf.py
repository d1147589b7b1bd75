"""The PDF of an invoice or a credit note, with every mention French law asks of it.

:func:`render_invoice` draws an :class:`~apporteur_desktop.domain.invoices.InvoiceDocument` on the
shared page frame of :mod:`.pdf_base`: seller and buyer, number and dates, the service period, the
lines (their heading repeated on each page), the totals, payment details and the legal wordings.
Labels are worded through the translator; numbers and dates follow its language (« 1 234,56 € »,
« 22/11/2026 » in French). The legal wordings are the document's own, printed as they are.
"""

from __future__ import annotations

import calendar
import io
from collections.abc import Iterator
from datetime import date

from fpdf.image_parsing import preload_image

from apporteur_desktop.domain.invoices import DocumentKind, DocumentLine, InvoiceDocument
from apporteur_desktop.i18n import Translator

from .blocks import (
    NBSP,
    Words,
    draw_identity,
    draw_party_box,
    draw_total_rows,
    footer_parts,
    lines_table,
    party_lines,
)
from .pdf_base import ACCENT, INK, MUTED, DocumentInfo, DocumentPage

_LOGO_BOX = (50.0, 20.0)  # mm, the most a logo may take: width, height
# Description, period, base, rate, amount: shares of the page width.
_COLUMNS = (75, 27, 27, 15, 30)


def render_invoice(
    document: InvoiceDocument, tr: Translator, *, logo: bytes | None = None
) -> bytes:
    """The PDF/A-3B of ``document``, worded in ``tr``'s language; the same input, the same bytes.

    ``logo`` is a PNG or JPEG image drawn top left, within 50 × 20 mm.
    """
    words = _Words(tr, document.currency)
    seller = document.seller.identity
    heading = document_title(document, tr)
    pdf = DocumentPage(
        DocumentInfo(
            title=heading,
            author=seller.name,
            created_on=document.issued_on,
            language=tr.language,
            subject=document_subject(document, tr),
        ),
        page_label=tr.gettext("Page {page}/{pages}"),
        running_head=heading,
        footer_text=" · ".join(footer_parts(seller, words)),
    )
    pdf.add_page()
    _draw_heading(pdf, document, words, logo)
    _draw_subject(pdf, document, words)
    _draw_lines(pdf, document, words)
    _draw_totals_and_payment(pdf, document, words)
    _draw_terms(pdf, document, words)
    return pdf.to_bytes()


def document_title(document: InvoiceDocument, tr: Translator) -> str:
    """« Facture n° 2026-0001 du 31/03/2026 »: the heading, and the file's title."""
    words = _Words(tr, document.currency)
    return tr.gettext("{kind} no. {number} of {date}").format(
        kind=words.kind(document.kind), number=document.number, date=words.day(document.issued_on)
    )


def document_subject(document: InvoiceDocument, tr: Translator) -> str:
    """« Commissions de mars 2026 »: what the document is for."""
    words = _Words(tr, document.currency)
    return words.service_period(document.service_first, document.service_last)


class _Words(Words):
    """The shared wording, and how an invoice names its kind and its service period."""

    def kind(self, kind: DocumentKind) -> str:
        if kind is DocumentKind.CREDIT_NOTE:
            return self.tr.gettext("Credit note")
        return self.tr.gettext("Invoice")

    def service_period(self, first: date, last: date) -> str:
        """« Commissions de mars 2026 », « … de janvier 2026 à mars 2026 », « … du 10/06/2026 »."""
        gettext = self.tr.gettext
        whole_months = first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]
        if whole_months and (first.year, first.month) == (last.year, last.month):
            text = gettext("Commissions for {month}").format(month=self.month(first))
        elif whole_months:
            text = gettext("Commissions for {first} to {last}").format(
                first=self.month(first), last=self.month(last)
            )
        elif first == last:
            text = gettext("Commissions of {date}").format(date=self.day(first))
        else:
            text = gettext("Commissions from {first} to {last}").format(
                first=self.day(first), last=self.day(last)
            )
        return self.elided(text)


# --- identities -------------------------------------------------------------------------------


def _buyer_lines(document: InvoiceDocument, words: _Words) -> Iterator[str]:
    gettext = words.tr.gettext
    yield from party_lines(document.buyer, words)
    if document.purchase_order:
        yield gettext("Purchase order: {reference}").format(reference=document.purchase_order)
    if document.buyer_reference:
        yield gettext("Buyer reference: {reference}").format(reference=document.buyer_reference)


# --- drawing ----------------------------------------------------------------------------------


def _draw_heading(
    pdf: DocumentPage, document: InvoiceDocument, words: _Words, logo: bytes | None
) -> None:
    """Seller on the left (under the logo), title, dates and buyer on the right."""
    gettext = words.tr.gettext
    left, top = pdf.l_margin, pdf.t_margin
    left_width, right_x = 92.0, 118.0
    right_width = pdf.w - pdf.r_margin - right_x

    y = top
    if logo:
        y += _draw_logo(pdf, logo, left, top) + 5
    left_end = draw_identity(pdf, document.seller.identity, words, x=left, y=y, width=left_width)

    pdf.set_xy(right_x, top - 1.5)
    pdf.style(21, bold=True, color=ACCENT)
    pdf.text_lines([words.kind(document.kind)], x=right_x, width=right_width, height=10)
    pdf.style(10, bold=True)
    pdf.text_lines(
        [gettext("No. {number}").format(number=document.number)],
        x=right_x,
        width=right_width,
        height=5.5,
    )
    pdf.style(9)
    pdf.text_lines(
        [
            gettext("Date: {date}").format(date=words.day(document.issued_on)),
            gettext("Due date: {date}").format(date=words.day(document.due_on)),
        ],
        x=right_x,
        width=right_width,
        height=4.6,
    )
    if document.self_billed:
        pdf.style(9, bold=True, color=ACCENT)
        pdf.text_lines([document.wordings.self_billing], x=right_x, width=right_width, height=4.6)

    box_bottom = draw_party_box(
        pdf,
        gettext("Billed to"),
        document.buyer.name,
        list(_buyer_lines(document, words)),
        x=right_x,
        y=pdf.get_y() + 5,
        width=right_width,
    )
    pdf.set_y(max(left_end, box_bottom) + 9)


def _draw_logo(pdf: DocumentPage, logo: bytes, x: float, y: float) -> float:
    """Draws the logo within the logo box, keeping its proportions; returns its height."""
    _name, _image, info = preload_image(pdf.image_cache, io.BytesIO(logo))
    box_width, box_height = _LOGO_BOX
    ratio = float(info["w"]) / float(info["h"])
    width, height = (
        (box_width, box_width / ratio)
        if ratio > box_width / box_height
        else (
            box_height * ratio,
            box_height,
        )
    )
    pdf.image(io.BytesIO(logo), x=x, y=y, w=width, h=height)
    return height


def _draw_subject(pdf: DocumentPage, document: InvoiceDocument, words: _Words) -> None:
    """The service period and, for a credit note, the invoices it credits."""
    left = pdf.l_margin
    pdf.style(11, bold=True)
    pdf.text_lines(
        [words.service_period(document.service_first, document.service_last)],
        x=left,
        width=pdf.epw,
        height=6,
    )
    if document.kind is DocumentKind.CREDIT_NOTE and document.cites:
        pdf.style(9)
        pdf.text_lines(
            [
                words.tr.gettext("Credit note on invoice no. {number} of {date}").format(
                    number=cited.number, date=words.day(cited.issued_on)
                )
                for cited in document.cites
            ],
            x=left,
            width=pdf.epw,
            height=4.8,
        )
    pdf.ln(4)


def _line_cells(line: DocumentLine, words: _Words) -> tuple[str, str, str, str, str]:
    description = line.description
    if line.client:
        client = words.tr.gettext("Client: {client}").format(client=line.client)
        description = f"{description}\n{client}"
    return (
        description,
        words.period(line.period),
        words.money(line.base) if line.base is not None else "—",
        words.rate(line.rate) if line.rate is not None else "—",
        words.money(line.amount),
    )


def _draw_lines(pdf: DocumentPage, document: InvoiceDocument, words: _Words) -> None:
    """The lines, their heading repeated at the top of each page they run onto."""
    gettext = words.tr.gettext
    with lines_table(pdf, _COLUMNS, ("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT")) as table:
        table.row(
            (
                gettext("Description"),
                gettext("Period"),
                gettext("Base excl. VAT"),
                gettext("Rate"),
                gettext("Amount excl. VAT"),
            )
        )
        for line in document.lines:
            table.row(_line_cells(line, words))
    pdf.ln(5)


def _totals(document: InvoiceDocument, words: _Words) -> tuple[list[tuple[str, str]], str, str]:
    """The rows above the total, the total's label, and the VAT exemption wording if any."""
    gettext = words.tr.gettext
    rows = [(gettext("Total excl. VAT"), words.money(document.net_total))]
    exemption = ""
    for vat in document.vat_totals:
        if vat.exempt:
            exemption = document.wordings.franchise
        else:
            label = gettext("VAT {rate}").format(rate=words.rate(vat.rate))
            rows.append((label, words.money(vat.vat)))
    if not exemption:
        final = gettext("Total incl. VAT")
    elif document.kind is DocumentKind.CREDIT_NOTE:
        final = gettext("Amount credited")
    else:
        final = gettext("Amount due")
    return rows, final, exemption


def _draw_totals_and_payment(pdf: DocumentPage, document: InvoiceDocument, words: _Words) -> None:
    """Totals on the right; payment details on the left, level with them."""
    gettext = words.tr.gettext
    rows, final, exemption = _totals(document, words)
    row_height, width, value_width = 6.5, 82.0, 36.0
    x = pdf.w - pdf.r_margin - width
    pdf.keep_together(row_height * (len(rows) + 1) + (9 if exemption else 0) + 2)
    top = pdf.get_y()
    draw_total_rows(
        pdf,
        rows,
        (final, words.money(document.gross_total)),
        x=x,
        width=width,
        value_width=value_width,
        row_height=row_height,
    )
    if exemption:
        pdf.style(8)
        pdf.ln(1.5)
        pdf.text_lines([exemption], x=x, width=width, height=4, align="R")
    totals_end = pdf.get_y()

    if payment := _payment_lines(document, words):
        pdf.set_xy(pdf.l_margin, top + 0.8)
        pdf.style(8, bold=True, color=ACCENT)
        heading = gettext("Payment by bank transfer").upper()
        pdf.text_lines([heading], x=pdf.l_margin, width=84, height=5)
        pdf.style(8.5)
        pdf.text_lines(payment, x=pdf.l_margin, width=84, height=4.4)
    pdf.set_y(max(totals_end, pdf.get_y()) + 8)


def _payment_lines(document: InvoiceDocument, words: _Words) -> list[str]:
    """The seller's bank details; none on a credit note, which the buyer does not pay."""
    seller = document.seller
    if document.kind is DocumentKind.CREDIT_NOTE:
        return []
    lines = []
    if seller.iban:
        lines.append(words.tr.gettext("IBAN: {iban}").format(iban=_grouped_iban(seller.iban)))
    if seller.bic:
        lines.append(words.tr.gettext("BIC: {bic}").format(bic=seller.bic))
    return lines


def _grouped_iban(iban: str) -> str:
    compact = iban.replace(" ", "").upper()
    return NBSP.join(compact[start : start + 4] for start in range(0, len(compact), 4))


def _draw_terms(pdf: DocumentPage, document: InvoiceDocument, words: _Words) -> None:
    """The legal wordings, then the notes."""
    gettext = words.tr.gettext
    wordings = document.wordings
    terms = [gettext("Operation category: {category}").format(category=wordings.operation_category)]
    if document.seller.vat_on_debits:
        terms.append(wordings.vat_on_debits)
    terms += [wordings.early_payment_discount, wordings.late_penalties, wordings.recovery_indemnity]
    sections = [(gettext("Terms and legal notices"), terms, MUTED)]
    if document.notes.strip():
        sections.append((gettext("Notes"), [document.notes.strip()], INK))
    for title, lines, color in sections:
        pdf.style(7.5)
        height = 5 + sum(pdf.text_height(line, width=pdf.epw, height=3.7) for line in lines)
        pdf.keep_together(height)
        pdf.style(8, bold=True, color=ACCENT)
        pdf.text_lines([title.upper()], x=pdf.l_margin, width=pdf.epw, height=5)
        pdf.style(7.5, color=color)
        pdf.text_lines(lines, x=pdf.l_margin, width=pdf.epw, height=3.7)
        pdf.ln(4)
