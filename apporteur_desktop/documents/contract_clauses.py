"""The standard clauses of a contract draft, and the values every article is made of.

An :class:`Article` is a title and its blocks of text, worded in the translator's language;
:mod:`.contract_pdf` numbers and draws them. The clauses here depend little on the figures:
the parties, the object, the introducer's independence and status, the qualified introduction
(:data:`OPENING`); exclusivity, confidentiality, personal data, fair introductions, term,
liability, disputes and the amendments (:data:`CLOSING`). The clauses about money are in
:mod:`.contract_terms`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from apporteur_desktop.domain.contracts import ContractDraft
from apporteur_desktop.i18n import Translator

from .blocks import Words as BaseWords


class BlockKind(Enum):
    TEXT = "text"  # a paragraph
    CLAUSE = "clause"  # a paragraph numbered within its article: 6.1, 6.2…
    ITEM = "item"  # a bullet under the paragraph before it
    EXAMPLE = "example"  # a worked example under the paragraph before it
    PARTIES = "parties"  # the two identity boxes


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of an article, drawn according to its kind."""

    text: str
    kind: BlockKind = BlockKind.TEXT


@dataclass(frozen=True, slots=True)
class Article:
    """A titled article; its number comes from its place among the articles that apply."""

    title: str
    blocks: tuple[Block, ...]


class Words(BaseWords):
    """The shared wording, with gettext at hand: a contract is mostly sentences."""

    def __init__(self, tr: Translator) -> None:
        super().__init__(tr, "EUR")
        self.gettext = tr.gettext
        self.ngettext = tr.ngettext


# Builds one article from a draft, or None when the agreement has nothing to say there.
ArticleBuilder = Callable[[ContractDraft, Words], Article | None]


def article_of(title: str, *texts: str) -> Article:
    """An article of plain paragraphs."""
    return Article(title, tuple(Block(text) for text in texts))


def _parties(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    return Article(
        _("Parties"),
        (
            Block(_("This agreement is made between:")),
            Block("", BlockKind.PARTIES),
            Block(
                _(
                    "Each party is called below by the role shown above, and both together "
                    "“the parties”."
                )
            ),
        ),
    )


def _object(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    return article_of(
        _("Object"),
        _(
            "The Introducer puts the Provider in touch with prospective clients for the "
            "Provider’s services. This agreement sets how these introductions are made and the "
            "commission the Provider pays on the business they bring."
        ),
    )


def _independence(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    return article_of(
        _("Independence of the Introducer"),
        _(
            "The Introducer works as an independent professional, organises their activity "
            "freely and bears their own costs. Nothing in this agreement makes them an employee "
            "of the Provider."
        ),
        _(
            "The Introducer holds no mandate from the Provider: they may not negotiate, make "
            "offers, accept orders or sign anything in the Provider’s name, nor present "
            "themselves as its agent. The Provider alone decides whether to work with a client "
            "and on what terms. Were it otherwise, this agreement could be treated as a "
            "commercial agency contract or an employment contract."
        ),
    )


def _status_and_vat(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    if draft.introducer_vat_franchise:
        regime = _(
            "The Introducer is under the VAT franchise: commissions are invoiced without VAT, "
            "with the exemption wording of article 293 B of the French General Tax Code. "
            "Should the Introducer lose the franchise, VAT is added from that day on."
        )
    else:
        regime = _(
            "The Introducer is registered for VAT: the amounts in this agreement exclude VAT, "
            "and VAT at the rate in force is added to each invoice."
        )
    return article_of(
        _("Status of the Introducer and VAT"),
        _(
            "Introducing clients habitually is a business activity. The Introducer states that "
            "they are registered as a business and will remain so while this agreement lasts."
        ),
        _(
            "Commissions pay for a service and bear VAT, unless the Introducer is under the "
            "VAT franchise."
        ),
        regime,
    )


def _qualification(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    criteria = draft.agreement.qualification_criteria.strip()
    if criteria:
        # Criteria typed one per line (with or without dashes) read as a list.
        lines = (line.strip().lstrip("-•*").strip() for line in criteria.splitlines())
        first = (
            Block(_("An introduction is qualified when it meets the following criteria:")),
            *(Block(line, BlockKind.ITEM) for line in lines if line),
        )
    else:
        first = (
            Block(
                _(
                    "An introduction is qualified when the Introducer has given the Provider the "
                    "details of a prospective client who agreed to be contacted, who was neither "
                    "a client of the Provider nor already in talks with it, and who has held a "
                    "first meeting with the Provider about a real need for its services."
                )
            ),
        )
    notice = _(
        "The Introducer reports each introduction to the Provider in writing (an e-mail is "
        "enough), with its date and the prospect’s name. The Provider says without delay if it "
        "already knew the prospect; otherwise the introduction is the Introducer’s."
    )
    return Article(_("Qualified introduction"), (*first, Block(notice)))


def _exclusivity(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    agreement = draft.agreement
    if agreement.exclusivity.strip():
        exclusivity = _("Exclusivity: {terms}").format(terms=agreement.exclusivity.strip())
    else:
        exclusivity = _(
            "No exclusivity: each party remains free to work with other introducers or other "
            "providers, in the same field as elsewhere."
        )
    if agreement.territory.strip():
        territory = _("Territory: {terms}").format(terms=agreement.territory.strip())
    else:
        territory = _("This agreement is not limited to a territory.")
    return article_of(_("Exclusivity and territory"), exclusivity, territory)


def _confidentiality(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    return article_of(
        _("Confidentiality"),
        _(
            "Each party keeps confidential what it learns from the other under this agreement "
            "(prices, clients, revenue figures and the terms of this agreement) and uses it "
            "only for this agreement, while it lasts and for two years after it ends. This does "
            "not cover information that is public or that the law requires to be disclosed."
        ),
    )


def _personal_data(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    return article_of(
        _("Personal data"),
        _(
            "Each party handles the personal data of the prospects and clients it receives as "
            "a controller in its own right, in line with the General Data Protection "
            "Regulation (EU 2016/679) and the French Data Protection Act."
        ),
        _(
            "The Introducer passes on a prospect’s details only with their consent, and only "
            "what the introduction needs. Each party tells the people concerned how their data "
            "are used, keeps the data secure and deletes them when no longer needed."
        ),
    )


def _fair_dealing(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    return article_of(
        _("Fair introductions"),
        _(
            "The Introducer may not introduce themselves, their own business, a business they "
            "control or a relative, claim an introduction that did not happen, or pass on "
            "contacts that never agreed to be introduced or were generated automatically."
        ),
        _(
            "Such an introduction earns nothing; any commission already paid on it is refunded, "
            "and the Provider may end this agreement without notice."
        ),
    )


def _term(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    agreement = draft.agreement
    if agreement.valid_until is not None:
        term = _("This agreement takes effect on {start} and ends on {end}.").format(
            start=words.day(agreement.valid_from), end=words.day(agreement.valid_until)
        )
    else:
        term = _("This agreement takes effect on {start} for an indefinite term.").format(
            start=words.day(agreement.valid_from)
        )
    return article_of(
        _("Term and termination"),
        term,
        _(
            "Either party may end it at any time by registered letter or by e-mail with "
            "acknowledgement of receipt, with one month’s notice. If a party seriously fails in "
            "its obligations and does not put it right within fifteen days of a formal notice, "
            "the other may end this agreement without notice."
        ),
        _(
            "An introduction made before this agreement takes effect or after it ends earns "
            "nothing. Commission rights already running when it ends continue to their own end, "
            "and sums already due remain payable."
        ),
    )


def _liability(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    return article_of(
        _("Limits of liability"),
        _(
            "The Introducer guarantees neither that an introduction will lead to a contract nor "
            "that a client will pay; the Provider alone answers for the services it provides to "
            "its clients."
        ),
        _(
            "Each party is liable only for the direct harm its own fault causes the other, and "
            "neither is liable for indirect losses such as lost business."
        ),
    )


def _disputes(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    return article_of(
        _("Disputes"),
        _(
            "This agreement is governed by French law. In case of disagreement, the parties "
            "first seek an amicable settlement, in writing, for thirty days; failing that, the "
            "dispute is brought before the competent courts."
        ),
    )


def _amendments(draft: ContractDraft, words: Words) -> Article | None:
    _ = words.gettext
    if not draft.amendments:
        return None
    blocks = [
        Block(
            _(
                "The terms above were later changed by the amendments below. Each applies from "
                "the whole month that contains its effective date; earlier months keep the "
                "terms above."
            )
        )
    ]
    for version in draft.amendments:
        if version.effective_on is None:  # only the original terms have no date
            continue
        day = words.day(version.effective_on)
        note = version.note.strip()
        text = (
            _("From {date}: {note}").format(date=day, note=note)
            if note
            else _("From {date}: terms changed, as set out in the signed amendment.").format(
                date=day
            )
        )
        blocks.append(Block(text, BlockKind.ITEM))
    return Article(_("Amendments"), tuple(blocks))


OPENING: tuple[ArticleBuilder, ...] = (
    _parties,
    _object,
    _independence,
    _status_and_vat,
    _qualification,
)
CLOSING: tuple[ArticleBuilder, ...] = (
    _exclusivity,
    _confidentiality,
    _personal_data,
    _fair_dealing,
    _term,
    _liability,
    _disputes,
    _amendments,
)
