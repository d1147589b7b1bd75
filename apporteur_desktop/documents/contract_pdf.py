"""The draft « contrat d'apport d'affaires » an introducer sends before the first introduction.

:func:`render_contract` words a :class:`~apporteur_desktop.domain.contracts.ContractDraft` as
numbered articles, in the order of PRODUCT.md "Contract drafts", from the agreement's original
terms; amendments are listed in a last article. The app knows the numbers, not the law of each
case, so the first page carries a banner and every later page a running head saying that a lawyer
must review the draft. Each commission component is stated in words with a small example worked
out with the domain's money rules, so the parties see what the figures mean before they sign.
"""

from __future__ import annotations

from collections.abc import Iterator

from apporteur_desktop.domain.contracts import ContractDraft
from apporteur_desktop.domain.enums import Direction
from apporteur_desktop.domain.parties import LegalIdentity
from apporteur_desktop.i18n import Translator

from .blocks import address_lines, display_name, grouped
from .contract_clauses import CLOSING, OPENING, Article, Block, BlockKind, Words
from .contract_terms import MONEY_TERMS
from .pdf_base import ACCENT, MUTED, RULE, TINT, TOP_MARGIN, DocumentInfo, DocumentPage

_WARNING = (160, 64, 24)  # banner and running head: no page of a draft may pass for final
_WARNING_TINT = (252, 241, 232)
_BLANK = "_" * 20  # a field the parties fill in by hand

# Body text: size (pt), line height and the space after a paragraph (mm).
_BODY, _LINE, _AFTER = 9.0, 4.5, 1.8
_INDENT = 8.0  # clause numbers hang in this margin; examples and lists start at it
_BULLET = 4.0  # a bullet hangs this far left of its item's text
# An article's heading: the space above it, its line, the space below it (mm).
_HEADING_ABOVE, _HEADING_LINE, _HEADING_BELOW = 3.5, 5.5, 1.0
# The articles in the order PRODUCT.md "Contract drafts" lists them.
_ARTICLES = (*OPENING, *MONEY_TERMS, *CLOSING)


def render_contract(draft: ContractDraft, tr: Translator) -> bytes:
    """The PDF of ``draft`` in ``tr``'s language; the same draft gives the same bytes."""
    _ = tr.gettext
    words = Words(tr)
    title = _("Business introduction agreement")
    draft_notice = _("Draft — to be reviewed by a lawyer")
    # The ledger's owner drafts the contract: the introducer when the commissions are earned.
    owner = draft.introducer if draft.agreement.direction is Direction.EARNED else draft.provider
    pdf = _DraftPage(
        DocumentInfo(
            title=f"{title} — {draft.agreement.name}",
            author=display_name(owner),
            created_on=draft.drafted_on,
            language=tr.language,
            subject=draft_notice,
        ),
        page_label=_("Page {page}/{pages}"),
        running_head=f"{draft_notice} · {draft.agreement.name}",
        footer_text=" — ".join(
            (title, display_name(draft.introducer), display_name(draft.provider))
        ),
    )
    pdf.add_page()
    _draw_banner(pdf, words)
    _draw_title(pdf, draft, words, title)
    articles = _articles(draft, words)
    for number, article in enumerate(articles, start=1):
        # The signatures never stand alone on a page: the last article's end goes with them.
        then = _signatures_height(pdf, words) if number == len(articles) else 0.0
        _draw_article(pdf, number, article, draft, words, then=then)
    _draw_signatures(pdf, draft, words)
    return pdf.to_bytes()


class _DraftPage(DocumentPage):
    """The shared frame, with the running head in the warning colour of the draft banner.

    The shared frame draws its running head small and grey, which suits an invoice; on a draft
    it is the warning every page after the first must carry, so it stands out like the banner.
    """

    def header(self) -> None:
        if self.page_no() > 1:
            self.style(7.5, bold=True, color=_WARNING)
            self.set_xy(self.l_margin, TOP_MARGIN - 6)
            self.cell(self.epw, 4, self._running_head, align="R")
            self.set_y(TOP_MARGIN + 2)


def _articles(draft: ContractDraft, words: Words) -> list[Article]:
    """Every article that applies to this agreement, in the order they are numbered."""
    return [article for build in _ARTICLES if (article := build(draft, words)) is not None]


# --- identities ---------------------------------------------------------------------------------


def _identity_lines(identity: LegalIdentity, words: Words) -> Iterator[str]:
    """What a contract says of a party; a blank to fill in where the ledger lacks the number."""
    _ = words.gettext
    if identity.sole_trader:
        yield _("Sole trader (entrepreneur individuel)")
    elif identity.legal_form and identity.share_capital is not None:
        yield _("{form} with a share capital of {capital}").format(
            form=identity.legal_form, capital=words.money(identity.share_capital)
        )
    elif identity.legal_form:
        yield identity.legal_form
    if identity.siret:
        yield _("SIRET: {number}").format(number=grouped(identity.siret, (3, 3, 3)))
    elif identity.siren:
        yield _("SIREN: {number}").format(number=grouped(identity.siren, (3, 3)))
    else:
        yield _("SIRET: {number}").format(number=_BLANK)
    if identity.registration:
        yield identity.registration
    if identity.vat_number:
        yield _("VAT number: {number}").format(number=identity.vat_number)
    if identity.address.is_empty():
        yield _("Address: {address}").format(address=_BLANK)
    yield from address_lines(identity.address, words)


# --- drawing ------------------------------------------------------------------------------------


def _draw_banner(pdf: DocumentPage, words: Words) -> None:
    """The draft warning, first thing on the first page, in a tinted box with a coloured edge."""
    _ = words.gettext
    heading = _("Draft — to be reviewed by a lawyer before signing").upper()
    body = _(
        "Apporteur Desktop prepared this draft from the terms recorded for the agreement. It is "
        "a basis for discussion, not legal advice: have a lawyer check it and adapt it to your "
        "situation before anyone signs it."
    )
    padding, edge = 3.5, 1.6
    x, width = pdf.l_margin + edge + padding, pdf.epw - edge - 2 * padding
    pdf.style(8.5)
    height = 2 * padding + 5 + pdf.text_height(body, width=width, height=4.1)
    top = pdf.get_y()
    pdf.set_fill_color(*_WARNING_TINT)
    pdf.rect(pdf.l_margin, top, pdf.epw, height, style="F")
    pdf.set_fill_color(*_WARNING)
    pdf.rect(pdf.l_margin, top, edge, height, style="F")
    pdf.set_xy(x, top + padding)
    pdf.style(9.5, bold=True, color=_WARNING)
    pdf.text_lines([heading], x=x, width=width, height=5)
    pdf.style(8.5)
    pdf.text_lines([body], x=x, width=width, height=4.1)
    pdf.set_y(top + height + 8)


def _draw_title(pdf: DocumentPage, draft: ContractDraft, words: Words, title: str) -> None:
    _ = words.gettext
    pdf.style(19, bold=True, color=ACCENT)
    pdf.text_lines([title], x=pdf.l_margin, width=pdf.epw, height=9)
    pdf.style(9, color=MUTED)
    subtitle = " · ".join(
        (
            _("Reference: {name}").format(name=draft.agreement.name),
            _("Draft prepared on {date}").format(date=words.day(draft.drafted_on)),
        )
    )
    pdf.text_lines([subtitle], x=pdf.l_margin, width=pdf.epw, height=5)
    pdf.ln(3)
    pdf.rule()
    pdf.ln(2)


def _draw_article(
    pdf: DocumentPage,
    number: int,
    article: Article,
    draft: ContractDraft,
    words: Words,
    *,
    then: float = 0.0,
) -> None:
    """The heading and blocks of one article; ``then`` is the height of what must follow on
    the same page as its last paragraph."""
    heading = words.gettext("Article {number} — {title}").format(number=number, title=article.title)
    groups = list(_groups(article.blocks))
    needs = [_group_height(pdf, group, draft, words) for group in groups]
    needs[-1] += then
    # A heading never ends a page: it goes with its article's first paragraph.
    pdf.keep_together(_HEADING_ABOVE + _HEADING_LINE + _HEADING_BELOW + needs[0])
    pdf.ln(_HEADING_ABOVE)
    pdf.style(10.5, bold=True, color=ACCENT)
    pdf.text_lines([heading], x=pdf.l_margin, width=pdf.epw, height=_HEADING_LINE)
    pdf.ln(_HEADING_BELOW)
    clause = 0
    for group, need in zip(groups, needs, strict=True):
        pdf.keep_together(need)
        for block in group:
            if block.kind is BlockKind.CLAUSE:
                clause += 1
                _draw_block(pdf, block, draft, words, marker=f"{number}.{clause}")
            else:
                _draw_block(pdf, block, draft, words)


def _groups(blocks: tuple[Block, ...]) -> Iterator[list[Block]]:
    """Paragraphs with the bullets and examples under them, kept on one page together."""
    group: list[Block] = []
    for block in blocks:
        if group and block.kind not in (BlockKind.ITEM, BlockKind.EXAMPLE):
            yield group
            group = []
        group.append(block)
    if group:
        yield group


def _frame(pdf: DocumentPage, block: Block) -> tuple[float, float, float]:
    """Sets the block's style; returns its x, width and line height."""
    left, width = pdf.l_margin, pdf.epw
    if block.kind is BlockKind.EXAMPLE:
        pdf.style(_BODY - 0.5, color=MUTED)
        return left + _INDENT, width - _INDENT, _LINE - 0.2
    pdf.style(_BODY)
    if block.kind is BlockKind.CLAUSE:
        return left + _INDENT, width - _INDENT, _LINE
    if block.kind is BlockKind.ITEM:  # a list under the text of its paragraph or clause
        return left + _INDENT + _BULLET, width - _INDENT - _BULLET, _LINE
    return left, width, _LINE


def _block_height(pdf: DocumentPage, block: Block, draft: ContractDraft, words: Words) -> float:
    if block.kind is BlockKind.PARTIES:
        return _parties_height(pdf, draft, words) + 4
    _x, width, line = _frame(pdf, block)
    return pdf.text_height(block.text, width=width, height=line) + _space_after(block)


def _group_height(
    pdf: DocumentPage, group: list[Block], draft: ContractDraft, words: Words
) -> float:
    """The height the group needs on its page: the space after its last block may fall beyond."""
    height = sum(_block_height(pdf, block, draft, words) for block in group)
    return height - _space_after(group[-1])


def _draw_block(
    pdf: DocumentPage, block: Block, draft: ContractDraft, words: Words, *, marker: str = ""
) -> None:
    if block.kind is BlockKind.PARTIES:
        _draw_parties(pdf, draft, words)
        return
    x, width, line = _frame(pdf, block)
    if block.kind is BlockKind.ITEM:
        marker = "•"
    if marker:
        top = pdf.get_y()
        pdf.set_font(style="B" if block.kind is BlockKind.CLAUSE else "")
        pdf.set_xy(x - (_INDENT if block.kind is BlockKind.CLAUSE else _BULLET), top)
        pdf.cell(_INDENT, line, marker)
        pdf.set_font(style="")
        pdf.set_xy(x, top)
    pdf.text_lines([block.text], x=x, width=width, height=line)
    pdf.ln(_space_after(block))


def _space_after(block: Block) -> float:
    """Lists are set closer than paragraphs, so that they read as one."""
    return _AFTER / 2 if block.kind is BlockKind.ITEM else _AFTER


_PARTY_GAP, _PARTY_PADDING = 6.0, 3.5


def _party_sides(draft: ContractDraft, words: Words) -> tuple[tuple[str, LegalIdentity], ...]:
    _ = words.gettext
    return ((_("The Introducer"), draft.introducer), (_("The Provider"), draft.provider))


def _parties_height(pdf: DocumentPage, draft: ContractDraft, words: Words) -> float:
    inner = (pdf.epw - _PARTY_GAP) / 2 - 2 * _PARTY_PADDING
    heights = []
    for _role, identity in _party_sides(draft, words):
        pdf.style(10, bold=True)
        name = pdf.text_height(display_name(identity), width=inner, height=5)
        pdf.style(8.5)
        lines = sum(
            pdf.text_height(line, width=inner, height=4.1)
            for line in _identity_lines(identity, words)
        )
        heights.append(2 * _PARTY_PADDING + 4.5 + name + lines)
    return max(heights)


def _draw_parties(pdf: DocumentPage, draft: ContractDraft, words: Words) -> None:
    """The two parties side by side, in boxes of the same height."""
    width = (pdf.epw - _PARTY_GAP) / 2
    inner = width - 2 * _PARTY_PADDING
    height = _parties_height(pdf, draft, words)
    top = pdf.get_y() + 1
    for index, (role, identity) in enumerate(_party_sides(draft, words)):
        x = pdf.l_margin + index * (width + _PARTY_GAP)
        pdf.set_fill_color(*TINT)
        pdf.rect(x, top, width, height, style="F")
        text_x = x + _PARTY_PADDING
        pdf.set_xy(text_x, top + _PARTY_PADDING)
        pdf.style(7, bold=True, color=MUTED)
        pdf.text_lines([role.upper()], x=text_x, width=inner, height=4.5)
        pdf.style(10, bold=True)
        pdf.text_lines([display_name(identity)], x=text_x, width=inner, height=5)
        pdf.style(8.5)
        pdf.text_lines(list(_identity_lines(identity, words)), x=text_x, width=inner, height=4.1)
    pdf.set_y(top + height + 3)


_SIGNATURE_BOX = 26.0  # mm, room for the handwritten mention and the signature


def _signature_lines(draft: ContractDraft, words: Words) -> list[str]:
    _ = words.gettext
    signed = draft.agreement.signed_on
    return [
        _("At: {place}").format(place=_BLANK),
        _("On: {date}").format(date=_BLANK if signed is None else words.day(signed)),
        _("Write “Read and approved” by hand, then sign:"),
    ]


def _signatures_height(pdf: DocumentPage, words: Words) -> float:
    """What the signature blocks take, the longest of their lines wrapped."""
    width = (pdf.epw - _PARTY_GAP) / 2
    pdf.style(8.5)
    mention = words.gettext("Write “Read and approved” by hand, then sign:")
    return (
        5
        + 5
        + 3
        + 4.5
        + 5
        + 2 * 5
        + pdf.text_height(mention, width=width, height=5)
        + 1
        + (_SIGNATURE_BOX)
    )


def _draw_signatures(pdf: DocumentPage, draft: ContractDraft, words: Words) -> None:
    """Place, date and « Lu et approuvé » for each party, with room to sign."""
    width = (pdf.epw - _PARTY_GAP) / 2
    pdf.keep_together(_signatures_height(pdf, words))
    pdf.ln(5)
    pdf.style(_BODY)
    made = words.gettext("Made in two originals, one for each party.")
    pdf.text_lines([made], x=pdf.l_margin, width=pdf.epw, height=5)
    pdf.ln(3)
    top = pdf.get_y()
    bottom = top
    for index, (role, identity) in enumerate(_party_sides(draft, words)):
        x = pdf.l_margin + index * (width + _PARTY_GAP)
        pdf.set_xy(x, top)
        pdf.style(7, bold=True, color=MUTED)
        pdf.text_lines([role.upper()], x=x, width=width, height=4.5)
        pdf.style(9.5, bold=True)
        pdf.text_lines([display_name(identity)], x=x, width=width, height=5)
        pdf.style(8.5)
        pdf.text_lines(_signature_lines(draft, words), x=x, width=width, height=5)
        pdf.set_draw_color(*RULE)
        pdf.rect(x, pdf.get_y() + 1, width, _SIGNATURE_BOX)
        bottom = max(bottom, pdf.get_y() + 1 + _SIGNATURE_BOX)
    pdf.set_y(bottom + 3)
