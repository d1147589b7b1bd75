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
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from babel import Locale
from fpdf.enums import TableBordersLayout, TableCellFillMode, TableHeadingsDisplay, XPos, YPos
from fpdf.fonts import FontFace
from fpdf.image_parsing import preload_image

from apporteur_desktop.domain.invoices import DocumentKind, DocumentLine, InvoiceDocument
from apporteur_desktop.domain.parties import Address, LegalIdentity
from apporteur_desktop.formatting import date_text, locale_of, money_text, month_text, rate_text
from apporteur_desktop.i18n import Translator

from .pdf_base import ACCENT, INK, MUTED, RULE, TINT, DocumentInfo, DocumentPage

_NBSP = "\u00a0"
_LOGO_BOX = (50.0, 20.0)  # mm, the most a logo may take: width, height
# Description, period, base, rate, amount: shares of the page width.
_COLUMNS = (75, 27, 27, 15, 30)
_WHITE = (255, 255, 255)
_ZEBRA = (247, 249, 251)


def render_invoice(
    document: InvoiceDocument, tr: Translator, *, logo: bytes | None = None
) -> bytes:
    """The PDF/A-3B of ``document``, worded in ``tr``'s language; the same input, the same bytes.

    ``logo`` is a PNG or JPEG image drawn top left, within 50 × 20 mm.
    """
    words = _Words(tr, document.currency)
    seller = document.seller.identity
    heading = tr.gettext("{kind} no. {number} of {date}").format(
        kind=words.kind(document.kind), number=document.number, date=words.day(document.issued_on)
    )
    pdf = DocumentPage(
        DocumentInfo(
            title=heading,
            author=seller.name,
            created_on=document.issued_on,
            language=tr.language,
            subject=words.service_period(document.service_first, document.service_last),
        ),
        page_label=tr.gettext("Page {page}/{pages}"),
        running_head=heading,
        footer_text=" · ".join(_footer_parts(seller, words)),
    )
    pdf.add_page()
    _draw_heading(pdf, document, words, logo)
    _draw_subject(pdf, document, words)
    _draw_lines(pdf, document, words)
    _draw_totals_and_payment(pdf, document, words)
    _draw_terms(pdf, document, words)
    return pdf.to_bytes()


class _Words:
    """Labels, numbers and dates in the translator's language."""

    def __init__(self, tr: Translator, currency: str) -> None:
        self.tr = tr
        self.language = tr.language
        self.locale = locale_of(tr.language)
        self.currency = currency

    def money(self, amount: Decimal) -> str:
        return money_text(amount, self.language, self.currency)

    def rate(self, rate: Decimal) -> str:
        return rate_text(rate, self.language)

    def day(self, day: date) -> str:
        return date_text(day, self.language)

    def month(self, day: date) -> str:
        return month_text(day, self.language)

    def kind(self, kind: DocumentKind) -> str:
        if kind is DocumentKind.CREDIT_NOTE:
            return self.tr.gettext("Credit note")
        return self.tr.gettext("Invoice")

    def period(self, text: str) -> str:
        """A line's period: « 2026-03 » as « mars 2026 », « 2026-03-12 » as « 12/03/2026 »."""
        try:
            if re.fullmatch(r"\d{4}-\d{2}", text):
                return self.month(date.fromisoformat(f"{text}-01"))
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return self.day(date.fromisoformat(text))
        except ValueError:  # not a real month or day: printed as it was written
            pass
        return text

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
        if self.language == "fr":
            # « de avril » is written « d’avril » (avril, août, octobre).
            text = re.sub(r"\bde ([aeiouyàâéèêîôû])", "d’\\1", text)
        return text

    def country(self, code: str) -> str:
        return Locale.parse(self.locale).territories.get(code.upper(), code)


# --- identities -------------------------------------------------------------------------------


def _grouped(digits: str, sizes: tuple[int, ...]) -> str:
    """« 123 456 782 00010 » from « 12345678200010 », with no-break spaces."""
    parts, start = [], 0
    for size in sizes:
        parts.append(digits[start : start + size])
        start += size
    parts.append(digits[start:])
    return _NBSP.join(part for part in parts if part)


def _display_name(identity: LegalIdentity) -> str:
    """The name, followed by « EI » for a sole trader (Code de commerce L526-22)."""
    if identity.sole_trader and not identity.name.rstrip().endswith(" EI"):
        return f"{identity.name.rstrip()} EI"
    return identity.name


def _address_lines(address: Address, words: _Words) -> Iterator[str]:
    yield from (line for line in address.street.splitlines() if line.strip())
    town = " ".join(part for part in (address.postcode, address.city) if part)
    if town:
        yield town
    if address.country and address.country.upper() != "FR":
        yield words.country(address.country)


def _company_line(identity: LegalIdentity, words: _Words) -> str:
    if identity.legal_form and identity.share_capital is not None:
        return words.tr.gettext("{form} with a share capital of {capital}").format(
            form=identity.legal_form, capital=words.money(identity.share_capital)
        )
    return identity.legal_form


def _siren(identity: LegalIdentity) -> str:
    return identity.siren or identity.siret[:9]


def _seller_lines(identity: LegalIdentity, words: _Words) -> Iterator[str]:
    gettext = words.tr.gettext
    if company := _company_line(identity, words):
        yield company
    yield from _address_lines(identity.address, words)
    if identity.siret:
        yield gettext("SIRET: {number}").format(number=_grouped(identity.siret, (3, 3, 3)))
    elif identity.siren:
        yield gettext("SIREN: {number}").format(number=_grouped(identity.siren, (3, 3)))
    if identity.registration:
        yield identity.registration
    if identity.vat_number:
        yield gettext("VAT number: {number}").format(number=identity.vat_number)
    if identity.email:
        yield identity.email


def _buyer_lines(document: InvoiceDocument, words: _Words) -> Iterator[str]:
    gettext = words.tr.gettext
    buyer = document.buyer
    yield from _address_lines(buyer.address, words)
    if siren := _siren(buyer):
        yield gettext("SIREN: {number}").format(number=_grouped(siren, (3, 3)))
    if buyer.vat_number:
        yield gettext("VAT number: {number}").format(number=buyer.vat_number)
    if document.purchase_order:
        yield gettext("Purchase order: {reference}").format(reference=document.purchase_order)
    if document.buyer_reference:
        yield gettext("Buyer reference: {reference}").format(reference=document.buyer_reference)


def _footer_parts(identity: LegalIdentity, words: _Words) -> Iterator[str]:
    yield _display_name(identity)
    if company := _company_line(identity, words):
        yield company
    if identity.siret:
        yield words.tr.gettext("SIRET: {number}").format(number=_grouped(identity.siret, (3, 3, 3)))
    if identity.registration:
        yield identity.registration


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
    pdf.set_xy(left, y)
    pdf.style(11.5, bold=True)
    pdf.text_lines([_display_name(document.seller.identity)], x=left, width=left_width, height=5.5)
    pdf.style(8.5)
    pdf.text_lines(
        list(_seller_lines(document.seller.identity, words)), x=left, width=left_width, height=4.1
    )
    left_end = pdf.get_y()

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

    # The buyer, in a tinted box.
    box_top = pdf.get_y() + 5
    padding = 3.5
    inner = right_width - 2 * padding
    lines = list(_buyer_lines(document, words))
    pdf.style(8.5)
    body = sum(pdf.text_height(line, width=inner, height=4.1) for line in lines)
    pdf.style(10, bold=True)
    name_height = pdf.text_height(document.buyer.name, width=inner, height=5)
    box_height = padding + 4 + name_height + body + padding
    pdf.set_fill_color(*TINT)
    pdf.rect(right_x, box_top, right_width, box_height, style="F")
    pdf.set_xy(right_x + padding, box_top + padding)
    pdf.style(7, bold=True, color=MUTED)
    pdf.text_lines([gettext("Billed to").upper()], x=right_x + padding, width=inner, height=4)
    pdf.style(10, bold=True)
    pdf.text_lines([document.buyer.name], x=right_x + padding, width=inner, height=5)
    pdf.style(8.5)
    pdf.text_lines(lines, x=right_x + padding, width=inner, height=4.1)
    pdf.set_y(max(left_end, box_top + box_height) + 9)


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
    pdf.style(8)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    with pdf.table(
        width=pdf.epw,
        col_widths=_COLUMNS,
        text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
        v_align="TOP",
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        headings_style=FontFace(emphasis="BOLD", color=_WHITE, fill_color=ACCENT, size_pt=7.5),
        line_height=3.9,
        padding=(2, 1.8, 2, 1.8),
        repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
        cell_fill_color=_ZEBRA,
        cell_fill_mode=TableCellFillMode.EVEN_ROWS,
    ) as table:
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
    pdf.c_margin = 2  # the labels and amounts off the edges of their cells
    pdf.style(9)
    for label, value in rows:
        pdf.set_x(x)
        pdf.cell(width - value_width, row_height, label, border="B")
        pdf.cell(
            value_width,
            row_height,
            value,
            border="B",
            align="R",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    pdf.set_x(x)
    pdf.set_fill_color(*ACCENT)
    pdf.style(10, bold=True, color=_WHITE)
    pdf.cell(width - value_width, row_height + 1, final, fill=True)
    total = words.money(document.gross_total)
    pdf.cell(
        value_width,
        row_height + 1,
        total,
        fill=True,
        align="R",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.c_margin = 0
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
    return _NBSP.join(compact[start : start + 4] for start in range(0, len(compact), 4))


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
