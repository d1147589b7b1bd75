"""The PDF of a commission statement (« relevé de commissions ») for an introducer I owe.

:func:`render_statement` draws a :class:`~apporteur_desktop.domain.statements.Statement` on the
shared page frame of :mod:`.pdf_base`: me top left, the introducer on the right, the months it
covers, the lines (their heading repeated on each page), what is owed, paid and left to pay, and
a note that it is not an invoice. Labels are worded through the translator; numbers and dates
follow its language.
"""

from __future__ import annotations

from apporteur_desktop.domain.enums import LineStatus
from apporteur_desktop.domain.statements import Statement, StatementLine
from apporteur_desktop.i18n import N_, Translator

from .blocks import (
    Words,
    display_name,
    draw_identity,
    draw_party_box,
    draw_total_rows,
    footer_parts,
    lines_table,
    party_lines,
)
from .pdf_base import ACCENT, MUTED, DocumentInfo, DocumentPage

# Period, client, agreement, description, base, rate, amount, status, in mm (174 in all). Names
# and descriptions wrap; a date, « -12 345,67 € » and « 12,5 % » each stay on one line.
_COLUMNS = (21, 27, 24, 32, 20, 13, 22, 15)
_ALIGN = ("LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT")

# The same words as the commission lines of the app, so the introducer reads what I see.
_STATUS_NAMES = {
    LineStatus.DUE: N_("due"),
    LineStatus.INVOICED: N_("invoiced"),
    LineStatus.PAID: N_("paid"),
}


def render_statement(statement: Statement, tr: Translator) -> bytes:
    """The PDF/A-3B of ``statement``, worded in ``tr``'s language; the same input, the same bytes.

    Lines are printed in the order the statement gives them.
    """
    words = Words(tr, statement.currency)
    payer = statement.payer.identity
    introducer = display_name(statement.introducer)
    heading = tr.gettext("Commission statement {range}").format(range=_range(statement, words))
    pdf = DocumentPage(
        DocumentInfo(
            title=heading,
            author=payer.name,
            created_on=statement.issued_on,
            language=tr.language,
            subject=tr.gettext("Commissions owed to {introducer}").format(introducer=introducer),
        ),
        page_label=tr.gettext("Page {page}/{pages}"),
        running_head=f"{heading} — {introducer}",
        footer_text=" · ".join(footer_parts(payer, words)),
    )
    pdf.add_page()
    _draw_heading(pdf, statement, words)
    _draw_lines(pdf, statement, words)
    _draw_totals_and_note(pdf, statement, words)
    return pdf.to_bytes()


def _range(statement: Statement, words: Words) -> str:
    """« de mars 2026 » or « de janvier 2026 à mars 2026 »: a statement covers whole months."""
    first, last = statement.first, statement.last
    if (first.year, first.month) == (last.year, last.month):
        text = words.tr.gettext("for {month}").format(month=words.month(first))
    else:
        text = words.tr.gettext("from {first} to {last}").format(
            first=words.month(first), last=words.month(last)
        )
    return words.elided(text)


def _draw_heading(pdf: DocumentPage, statement: Statement, words: Words) -> None:
    """Me on the left; title, months, date and the introducer on the right."""
    gettext = words.tr.gettext
    left, top = pdf.l_margin, pdf.t_margin
    left_width, right_x = 92.0, 118.0
    right_width = pdf.w - pdf.r_margin - right_x
    left_end = draw_identity(pdf, statement.payer.identity, words, x=left, y=top, width=left_width)

    pdf.set_xy(right_x, top - 1.5)
    pdf.style(15, bold=True, color=ACCENT)  # « Relevé de commissions » on one line
    pdf.text_lines([gettext("Commission statement")], x=right_x, width=right_width, height=8)
    pdf.style(10, bold=True)
    pdf.text_lines([_range(statement, words)], x=right_x, width=right_width, height=5.5)
    pdf.style(9)
    pdf.text_lines(
        [gettext("Date: {date}").format(date=words.day(statement.issued_on))],
        x=right_x,
        width=right_width,
        height=4.6,
    )
    box_bottom = draw_party_box(
        pdf,
        gettext("Introducer"),
        display_name(statement.introducer),
        list(party_lines(statement.introducer, words)),
        x=right_x,
        y=pdf.get_y() + 5,
        width=right_width,
    )
    pdf.set_y(max(left_end, box_bottom) + 9)


def _line_cells(line: StatementLine, words: Words) -> tuple[str, ...]:
    # A fee is shown on the day it fell due; revenue commissions by their month.
    when = words.day(line.event_date) if line.event_date else words.period(line.period)
    return (
        when,
        line.client,
        line.agreement,
        line.description,
        words.money(line.base) if line.base is not None else "—",
        words.rate(line.rate) if line.rate is not None else "—",
        words.money(line.amount),
        words.tr.gettext(_STATUS_NAMES[line.status]),
    )


def _draw_lines(pdf: DocumentPage, statement: Statement, words: Words) -> None:
    """The lines, their heading repeated at the top of each page they run onto."""
    gettext = words.tr.gettext
    if not statement.lines:
        pdf.style(9, color=MUTED)
        pdf.text_lines(
            [gettext("No commission lines in this range.")], x=pdf.l_margin, width=pdf.epw, height=5
        )
        pdf.ln(5)
        return
    with lines_table(pdf, _COLUMNS, _ALIGN, size=7.5) as table:
        table.row(
            (
                gettext("Period"),
                gettext("Client"),
                gettext("Agreement"),
                gettext("Description"),
                gettext("Base excl. VAT"),
                gettext("Rate"),
                gettext("Amount excl. VAT"),
                gettext("Status"),
            )
        )
        for line in statement.lines:
            table.row(_line_cells(line, words))
    pdf.ln(5)


def _draw_totals_and_note(pdf: DocumentPage, statement: Statement, words: Words) -> None:
    """Owed, paid and left to pay on the right; on the left, level with them, what this is."""
    gettext = words.tr.gettext
    rows = [
        (gettext("Total owed for the period"), words.money(statement.total)),
        (gettext("Already paid"), words.money(statement.paid)),
    ]
    final = (gettext("Remaining to pay"), words.money(statement.outstanding))
    note = gettext(
        "This statement is not an invoice: it lists the commissions owed for the period, "
        "excluding VAT. They are paid against the introducer's invoice."
    )
    row_height, width, value_width, note_width = 6.5, 82.0, 36.0, 80.0
    pdf.style(8)
    note_height = pdf.text_height(note, width=note_width, height=4)
    pdf.keep_together(max(row_height * (len(rows) + 1) + 1, note_height) + 2)
    top = pdf.get_y()
    draw_total_rows(
        pdf,
        rows,
        final,
        x=pdf.w - pdf.r_margin - width,
        width=width,
        value_width=value_width,
        row_height=row_height,
    )
    totals_end = pdf.get_y()
    pdf.set_xy(pdf.l_margin, top + 1)
    pdf.style(8, color=MUTED)
    pdf.text_lines([note], x=pdf.l_margin, width=note_width, height=4)
    pdf.set_y(max(totals_end, pdf.get_y()) + 8)
