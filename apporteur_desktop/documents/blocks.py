"""What invoices and statements draw alike: wording, identity blocks, the lines table, totals.

:class:`Words` puts labels, numbers and dates in the translator's language; the identity helpers
say who a business is the way French documents do (« EI » after a sole trader's name, grouped
SIRET); the drawing helpers give every document the same identity block, tinted party box,
lines table (heading repeated on each page, zebra rows) and totals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date
from decimal import Decimal

from babel import Locale
from fpdf.enums import TableBordersLayout, TableCellFillMode, TableHeadingsDisplay, XPos, YPos
from fpdf.fonts import FontFace
from fpdf.table import Table

from apporteur_desktop.domain.parties import Address, LegalIdentity
from apporteur_desktop.formatting import date_text, locale_of, money_text, month_text, rate_text
from apporteur_desktop.i18n import Translator

from .pdf_base import ACCENT, MUTED, RULE, TINT, DocumentPage

NBSP = "\u00a0"
WHITE = (255, 255, 255)
ZEBRA = (247, 249, 251)


class Words:
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

    def elided(self, text: str) -> str:
        """French « de » before a vowel: « de avril » is « d’avril » (avril, août, octobre)."""
        if self.language == "fr":
            return re.sub(r"\bde ([aeiouyàâéèêîôû])", "d’\\1", text)
        return text

    def country(self, code: str) -> str:
        return Locale.parse(self.locale).territories.get(code.upper(), code)


# --- identities -------------------------------------------------------------------------------


def grouped(digits: str, sizes: tuple[int, ...]) -> str:
    """« 123 456 782 00010 » from « 12345678200010 », with no-break spaces."""
    parts, start = [], 0
    for size in sizes:
        parts.append(digits[start : start + size])
        start += size
    parts.append(digits[start:])
    return NBSP.join(part for part in parts if part)


def display_name(identity: LegalIdentity) -> str:
    """The name, followed by « EI » for a sole trader (Code de commerce L526-22)."""
    if identity.sole_trader and not identity.name.rstrip().endswith(" EI"):
        return f"{identity.name.rstrip()} EI"
    return identity.name


def address_lines(address: Address, words: Words) -> Iterator[str]:
    yield from (line for line in address.street.splitlines() if line.strip())
    town = " ".join(part for part in (address.postcode, address.city) if part)
    if town:
        yield town
    if address.country and address.country.upper() != "FR":
        yield words.country(address.country)


def company_line(identity: LegalIdentity, words: Words) -> str:
    if identity.legal_form and identity.share_capital is not None:
        return words.tr.gettext("{form} with a share capital of {capital}").format(
            form=identity.legal_form, capital=words.money(identity.share_capital)
        )
    return identity.legal_form


def siren(identity: LegalIdentity) -> str:
    return identity.siren or identity.siret[:9]


def identity_lines(identity: LegalIdentity, words: Words) -> Iterator[str]:
    """Everything the issuer of a document says about itself under its name."""
    gettext = words.tr.gettext
    if company := company_line(identity, words):
        yield company
    yield from address_lines(identity.address, words)
    if identity.siret:
        yield gettext("SIRET: {number}").format(number=grouped(identity.siret, (3, 3, 3)))
    elif identity.siren:
        yield gettext("SIREN: {number}").format(number=grouped(identity.siren, (3, 3)))
    if identity.registration:
        yield identity.registration
    if identity.vat_number:
        yield gettext("VAT number: {number}").format(number=identity.vat_number)
    if identity.email:
        yield identity.email


def party_lines(identity: LegalIdentity, words: Words) -> Iterator[str]:
    """The other party of a document under its name: address, SIREN, VAT number."""
    gettext = words.tr.gettext
    yield from address_lines(identity.address, words)
    if number := siren(identity):
        yield gettext("SIREN: {number}").format(number=grouped(number, (3, 3)))
    if identity.vat_number:
        yield gettext("VAT number: {number}").format(number=identity.vat_number)


def footer_parts(identity: LegalIdentity, words: Words) -> Iterator[str]:
    yield display_name(identity)
    if company := company_line(identity, words):
        yield company
    if identity.siret:
        yield words.tr.gettext("SIRET: {number}").format(number=grouped(identity.siret, (3, 3, 3)))
    if identity.registration:
        yield identity.registration


# --- drawing ----------------------------------------------------------------------------------


def draw_identity(
    pdf: DocumentPage, identity: LegalIdentity, words: Words, *, x: float, y: float, width: float
) -> float:
    """The issuer's name and details from ``(x, y)``; returns where they end."""
    pdf.set_xy(x, y)
    pdf.style(11.5, bold=True)
    pdf.text_lines([display_name(identity)], x=x, width=width, height=5.5)
    pdf.style(8.5)
    pdf.text_lines(list(identity_lines(identity, words)), x=x, width=width, height=4.1)
    return pdf.get_y()


def draw_party_box(
    pdf: DocumentPage,
    label: str,
    name: str,
    lines: Sequence[str],
    *,
    x: float,
    y: float,
    width: float,
) -> float:
    """The other party in a tinted box under a small capitalised label; returns its bottom."""
    padding = 3.5
    inner = width - 2 * padding
    pdf.style(8.5)
    body = sum(pdf.text_height(line, width=inner, height=4.1) for line in lines)
    pdf.style(10, bold=True)
    name_height = pdf.text_height(name, width=inner, height=5)
    height = padding + 4 + name_height + body + padding
    pdf.set_fill_color(*TINT)
    pdf.rect(x, y, width, height, style="F")
    pdf.set_xy(x + padding, y + padding)
    pdf.style(7, bold=True, color=MUTED)
    pdf.text_lines([label.upper()], x=x + padding, width=inner, height=4)
    pdf.style(10, bold=True)
    pdf.text_lines([name], x=x + padding, width=inner, height=5)
    pdf.style(8.5)
    pdf.text_lines(lines, x=x + padding, width=inner, height=4.1)
    return y + height


def lines_table(
    pdf: DocumentPage,
    col_widths: Sequence[float],
    text_align: Sequence[str],
    *,
    size: float = 8,
) -> AbstractContextManager[Table]:
    """A table of document lines across the page: its first row is the heading, drawn again at
    the top of each page the table runs onto; rows alternate with a faint tint."""
    pdf.style(size)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    return pdf.table(
        width=pdf.epw,
        col_widths=tuple(col_widths),
        text_align=tuple(text_align),
        v_align="TOP",
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        headings_style=FontFace(emphasis="BOLD", color=WHITE, fill_color=ACCENT, size_pt=7.5),
        line_height=3.9,
        padding=(2, 1.8, 2, 1.8),
        repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
        cell_fill_color=ZEBRA,
        cell_fill_mode=TableCellFillMode.EVEN_ROWS,
    )


def draw_total_rows(
    pdf: DocumentPage,
    rows: Sequence[tuple[str, str]],
    final: tuple[str, str],
    *,
    x: float,
    width: float,
    value_width: float,
    row_height: float,
) -> None:
    """Label and amount rows ruled below, then the final one on the accent colour."""
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
    label, value = final
    pdf.set_x(x)
    pdf.set_fill_color(*ACCENT)
    pdf.style(10, bold=True, color=WHITE)
    pdf.cell(width - value_width, row_height + 1, label, fill=True)
    pdf.cell(
        value_width,
        row_height + 1,
        value,
        fill=True,
        align="R",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.c_margin = 0
