"""What a spreadsheet import can fill, field by field, and how a column is recognised.

Each field knows how its cells read (an amount, a date, a month, a choice of words), whether the
import needs it, and the headings French and English spreadsheets give it, from which
``guess_mapping`` proposes which column holds what.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ..domain.enums import (
    EngagementKind,
    IntroductionStatus,
    PartyKind,
    RevenueStatus,
)
from ..domain.periods import Period
from ..exchange.spreadsheet import (
    ENGAGEMENT_KINDS,
    INTRODUCTION_STATUSES,
    PARTY_KINDS,
    REVENUE_STATUSES,
    parse_amount,
    parse_choice,
    parse_date,
    parse_month,
    parse_yes_no,
    words,
)
from ..formatting import date_text, money_text, month_text
from ..i18n import N_, Translator
from .wording import name_of


@dataclass(frozen=True, slots=True)
class TargetField:
    key: str
    label: str  # an English message id, shown translated
    kind: str = "text"  # how its cells read: a key of PARSERS
    required: bool = False
    synonyms: tuple[str, ...] = ()  # headings that name it, written as ``words`` gives them
    default: Any = None  # the value of an empty cell, or of a field left without a column


def _field(
    key: str,
    label: str,
    synonyms: str,
    *,
    kind: str = "text",
    required: bool = False,
    default: Any = None,
) -> TargetField:
    names = tuple(words(name) for name in synonyms.split("|"))
    return TargetField(key, label, kind, required, names, default)


TARGETS = ("contacts", "introductions", "engagements", "revenue")
TARGET_NAMES: Mapping[str, str] = {
    "contacts": N_("Contacts"),
    "introductions": N_("Introductions"),
    "engagements": N_("Client engagements"),
    "revenue": N_("Revenue"),
}

_CLIENT = _field(
    "client",
    N_("Client"),
    "client|nom du client|client name|prospect|societe|entreprise|raison sociale|nom",
    required=True,
)
_AGREEMENT = _field(
    "agreement",
    N_("Agreement"),
    "contrat d apport|contrat d apport d affaires|contrat|accord|convention|agreement|apport",
    required=True,
)
_INTRODUCED_ON = _field(
    "introduced_on",
    N_("Introduction date"),
    "date de mise en relation|mise en relation|date d introduction|introduction date|"
    "introduced on|date de presentation",
    kind="date",
)
_NOTES = _field("notes", N_("Notes"), "notes|note|commentaire|commentaires|remarques|comments")

TARGET_FIELDS: Mapping[str, tuple[TargetField, ...]] = {
    "contacts": (
        _field(
            "kind",
            N_("Kind"),
            "type|type de contact|categorie|role|nature|kind",
            kind="party_kind",
            default=PartyKind.CLIENT,
        ),
        _field(
            "name",
            N_("Name"),
            "nom|raison sociale|societe|entreprise|denomination|nom du contact|contact|name|"
            "company",
            required=True,
        ),
        _field(
            "sole_trader",
            N_("Sole trader (EI)"),
            "ei|entrepreneur individuel|entreprise individuelle|micro entrepreneur|"
            "auto entrepreneur|sole trader",
            kind="yes_no",
            default=False,
        ),
        _field("legal_form", N_("Legal form"), "forme juridique|forme|statut juridique|legal form"),
        _field("siren", N_("SIREN"), "siren|n siren|numero siren"),
        _field("siret", N_("SIRET"), "siret|n siret|numero siret"),
        _field(
            "vat_number",
            N_("Intra-EU VAT number"),
            "tva|n tva|numero de tva|numero tva|tva intracommunautaire|"
            "n tva intracommunautaire|vat|vat number",
        ),
        _field("email", N_("E-mail"), "email|e mail|courriel|mail|adresse email|adresse e mail"),
        _field("street", N_("Street"), "adresse|rue|voie|adresse postale|street|address"),
        _field("postcode", N_("Postcode"), "code postal|cp|postcode|postal code|zip|zip code"),
        _field("city", N_("City"), "ville|commune|localite|city|town"),
        _field("country", N_("Country"), "pays|code pays|country", kind="country", default="FR"),
        _NOTES,
    ),
    "introductions": (
        _CLIENT,
        _AGREEMENT,
        _field(
            "date",
            N_("Introduction date"),
            "date|date de mise en relation|mise en relation|date d introduction|"
            "date de presentation|introduced on|introduction date",
            kind="date",
            required=True,
        ),
        _field(
            "status",
            N_("Status"),
            "statut|etat|etape|status|stage",
            kind="introduction_status",
            default=IntroductionStatus.INTRODUCED,
        ),
        _field(
            "status_on",
            N_("Status date"),
            "date du statut|date de statut|date de l etape|status date",
            kind="date",
        ),
        _NOTES,
    ),
    "engagements": (
        _CLIENT,
        _AGREEMENT,
        _INTRODUCED_ON,
        _field(
            "kind",
            N_("Kind"),
            "type|type de contrat|nature|formule|kind",
            kind="engagement_kind",
            required=True,
        ),
        _field(
            "start",
            N_("Start"),
            "debut|date de debut|commence le|du|start|start date",
            kind="date",
            required=True,
        ),
        _field("end", N_("End"), "fin|date de fin|jusqu au|au|end|end date", kind="date"),
        _field(
            "amount",
            N_("Amount excl. VAT"),
            "montant|montant ht|montant mensuel|mensualite|valeur|valeur du contrat|tarif|prix|"
            "honoraires|forfait|amount",
            kind="amount",
        ),
        _field("label", N_("Label"), "libelle|intitule|nom du contrat|mission|designation|label"),
        _field(
            "signed_on",
            N_("Signed on"),
            "date de signature|signe le|signature|signed on",
            kind="date",
        ),
    ),
    "revenue": (
        _CLIENT,
        _AGREEMENT,
        _INTRODUCED_ON,
        _field(
            "engagement",
            N_("Engagement"),
            "contrat client|mission|engagement|libelle|prestation|type de contrat",
        ),
        _field(
            "month",
            N_("Month"),
            "mois|periode|mois de facturation|month|period",
            kind="month",
            required=True,
        ),
        _field(
            "amount",
            N_("Revenue excl. VAT"),
            "chiffre d affaires|chiffre d affaires ht|ca|ca ht|montant|montant ht|facture ht|"
            "revenue|amount",
            kind="amount",
            required=True,
        ),
        _field(
            "status",
            N_("Status"),
            "statut|etat|status",
            kind="revenue_status",
            default=RevenueStatus.CONFIRMED,
        ),
        _field("note", N_("Note"), "note|notes|commentaire|commentaires|remarque"),
    ),
}


def guess_mapping(target: str, headers: Sequence[str]) -> dict[str, int | None]:
    """Which column holds each field, from the headings: a heading that is one of the field's
    names wins over one that merely contains it, a longer name over a shorter; each column
    serves one field. Fields no heading names get None."""
    fields = TARGET_FIELDS[target]
    candidates = []
    for column, header in enumerate(headers):
        heading = words(header)
        padded = f" {heading} "
        for order, field in enumerate(fields):
            for name in field.synonyms:
                if heading == name:
                    candidates.append((2, len(name), -order, -column, field.key, column))
                elif len(name) > 2 and f" {name} " in padded:  # « du », « CA »: whole only
                    candidates.append((1, len(name), -order, -column, field.key, column))
    mapping: dict[str, int | None] = dict.fromkeys((f.key for f in fields), None)
    used: set[int] = set()
    for *_rank, key, column in sorted(candidates, reverse=True):
        if mapping[key] is None and column not in used:
            mapping[key] = column
            used.add(column)
    return mapping


# --- reading a cell, and showing what was read ------------------------------------------------

_COUNTRIES = {
    **dict.fromkeys(("france", "fr"), "FR"),
    **dict.fromkeys(("belgique", "belgium"), "BE"),
    **dict.fromkeys(("suisse", "switzerland"), "CH"),
    **dict.fromkeys(("luxembourg",), "LU"),
    **dict.fromkeys(("allemagne", "germany"), "DE"),
    **dict.fromkeys(("espagne", "spain"), "ES"),
    **dict.fromkeys(("italie", "italy"), "IT"),
    **dict.fromkeys(("monaco",), "MC"),
    **dict.fromkeys(("royaume uni", "united kingdom"), "GB"),
    **dict.fromkeys(("canada",), "CA"),
}


def _country(text: str) -> str:
    """« France » → ``FR``; anything else as typed, upper case (the rules say if it is wrong)."""
    return _COUNTRIES.get(words(text), text.upper())


PARSERS: Mapping[str, Callable[[str], Any]] = {
    "text": lambda text: " ".join(text.split()),
    "amount": parse_amount,
    "date": parse_date,
    "month": parse_month,
    "yes_no": parse_yes_no,
    "country": _country,
    "party_kind": lambda text: parse_choice(text, PARTY_KINDS),
    "engagement_kind": lambda text: parse_choice(text, ENGAGEMENT_KINDS),
    "introduction_status": lambda text: parse_choice(text, INTRODUCTION_STATUSES),
    "revenue_status": lambda text: parse_choice(text, REVENUE_STATUSES),
}

# What is wrong with a cell that does not read: (problem code, its parameters). Examples stand
# for the format: they read the same in every language.
UNREADABLE: Mapping[str, tuple[str, dict[str, Any]]] = {
    "amount": ("invalid_number", {}),
    "date": ("invalid_date", {"expected_format": "15/03/2026"}),
    "month": ("invalid_period", {"expected_format": "03/2026"}),
    "yes_no": ("not_yes_no", {}),
    "party_kind": ("not_one_of", {"allowed": tuple(PartyKind)}),
    "engagement_kind": ("not_one_of", {"allowed": tuple(EngagementKind)}),
    "introduction_status": ("not_one_of", {"allowed": tuple(IntroductionStatus)}),
    "revenue_status": ("not_one_of", {"allowed": tuple(RevenueStatus)}),
}


def display(tr: Translator, value: Any) -> str:
    """A value read from a cell, as the preview shows it."""
    language = tr.language
    if value is None:
        return ""
    if isinstance(value, bool):
        return tr.gettext("yes") if value else tr.gettext("no")
    if isinstance(value, Decimal):
        return money_text(value, language)
    if isinstance(value, Period):
        return month_text(value.first_day(), language)
    if isinstance(value, date):
        return date_text(value, language)
    if isinstance(value, PartyKind | EngagementKind | IntroductionStatus | RevenueStatus):
        return name_of(tr, value)
    return str(value)
