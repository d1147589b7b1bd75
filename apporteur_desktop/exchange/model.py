"""The ledger exchange file (JSON), described as pydantic models.

One file holds my business identity, the parties, and the agreements; each agreement nests its
amendments and introductions, each introduction its engagements, each engagement its revenue,
so a person can read the file top to bottom. Parties, clients and trials are referred to by
name or label, never by an id. Everything optional has a default, so a hand-written file stays
short; ``extra="forbid"`` everywhere, so a misspelt key is reported instead of ignored.
"""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from apporteur_desktop.domain.agreements import DEFAULT_CONVERSION_WINDOW_DAYS
from apporteur_desktop.domain.enums import (
    ComponentKind,
    Direction,
    EngagementKind,
    IntroductionStatus,
    PartyKind,
    PaymentTermsKind,
    RevenueStatus,
    RightsKind,
    TierMode,
    TrialCoverage,
    VatRegime,
)

from .fields import (
    Flag,
    IsoDate,
    Money,
    PeriodText,
    Rate,
    Text,
    Whole,
    choice_schema,
    read_choice,
)

FORMAT = "apporteur-ledger"
VERSION = 1

ComponentKindField = Annotated[
    ComponentKind, BeforeValidator(read_choice(ComponentKind)), choice_schema(ComponentKind)
]
DirectionField = Annotated[
    Direction, BeforeValidator(read_choice(Direction)), choice_schema(Direction)
]
EngagementKindField = Annotated[
    EngagementKind, BeforeValidator(read_choice(EngagementKind)), choice_schema(EngagementKind)
]
IntroductionStatusField = Annotated[
    IntroductionStatus,
    BeforeValidator(read_choice(IntroductionStatus)),
    choice_schema(IntroductionStatus),
]
PartyKindField = Annotated[
    PartyKind, BeforeValidator(read_choice(PartyKind)), choice_schema(PartyKind)
]
PaymentTermsKindField = Annotated[
    PaymentTermsKind,
    BeforeValidator(read_choice(PaymentTermsKind)),
    choice_schema(PaymentTermsKind),
]
RevenueStatusField = Annotated[
    RevenueStatus, BeforeValidator(read_choice(RevenueStatus)), choice_schema(RevenueStatus)
]
RightsKindField = Annotated[
    RightsKind, BeforeValidator(read_choice(RightsKind)), choice_schema(RightsKind)
]
TierModeField = Annotated[TierMode, BeforeValidator(read_choice(TierMode)), choice_schema(TierMode)]
TrialCoverageField = Annotated[
    TrialCoverage, BeforeValidator(read_choice(TrialCoverage)), choice_schema(TrialCoverage)
]
VatRegimeField = Annotated[
    VatRegime, BeforeValidator(read_choice(VatRegime)), choice_schema(VatRegime)
]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _null_means_default(cls, data: Any) -> Any:
        """``"notes": null`` reads as leaving ``notes`` out, for fields that cannot be None."""
        if not isinstance(data, dict):
            return data
        return {k: v for k, v in data.items() if v is not None or _takes_none(cls, k)}


def _takes_none(model: type[BaseModel], name: str) -> bool:
    field = model.model_fields.get(name)
    if field is None:
        return True  # an unknown key: kept, so that it is reported
    annotation = field.annotation
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(
        None
    ) in typing.get_args(annotation)


class AddressEntry(Entry):
    street: Text = ""
    postcode: Text = ""
    city: Text = ""
    country: Text = Field(default="FR", description="ISO 3166-1 alpha-2 code")


class IdentityEntry(Entry):
    """My own business: the seller on the invoices I issue."""

    name: Text
    sole_trader: Flag = Field(default=False, description="an « EI »: shown after the name")
    legal_form: Text = ""
    siren: Text = ""
    siret: Text = ""
    vat_number: Text = ""
    registration: Text = Field(default="", description="e.g. « RCS Paris 123 456 782 »")
    share_capital: Money | None = None
    address: AddressEntry = Field(default_factory=lambda: AddressEntry())
    email: Text = ""
    vat_regime: VatRegimeField = VatRegime.FRANCHISE
    vat_rate: Rate | None = None
    vat_on_debits: Flag = False
    iban: Text = ""
    bic: Text = ""


class PartyEntry(Entry):
    """A provider, a client or an introducer, named uniquely within its kind."""

    kind: PartyKindField
    name: Text
    sole_trader: Flag = False
    legal_form: Text = ""
    siren: Text = ""
    siret: Text = ""
    vat_number: Text = ""
    registration: Text = ""
    share_capital: Money | None = None
    address: AddressEntry = Field(default_factory=lambda: AddressEntry())
    email: Text = ""
    notes: Text = ""


class TierEntry(Entry):
    up_to: Money | None = Field(default=None, description="omitted or null: the open top bracket")
    rate: Rate


class ComponentEntry(Entry):
    kind: ComponentKindField
    rate: Rate | None = Field(default=None, description="revenue_percent, contract_value_percent")
    amount: Money | None = Field(default=None, description="qualified_fee, signature_fee")
    tiers: list[TierEntry] = Field(default_factory=list, description="tiered")
    tier_mode: TierModeField = TierMode.MARGINAL
    label: Text = ""


class RightsEntry(Entry):
    kind: RightsKindField
    months: Whole | None = Field(default=None, description="for kind months")
    until: IsoDate | None = Field(
        default=None, description="for kind until_date (its month included)"
    )


class PaymentTermsEntry(Entry):
    kind: PaymentTermsKindField = PaymentTermsKind.NET
    days: Whole = 30


def _default_rights() -> RightsEntry:
    return RightsEntry(kind=RightsKind.MONTHS, months=12, until=None)


class TermsEntry(Entry):
    """The terms as signed."""

    components: list[ComponentEntry]
    rights: RightsEntry = Field(default_factory=_default_rights)
    trial_coverage: TrialCoverageField = TrialCoverage.TRIAL_AND_CONVERSION
    conversion_window_days: Whole = DEFAULT_CONVERSION_WINDOW_DAYS
    cap_per_introduction: Money | None = None
    cap_per_year: Money | None = None
    clawback_days: Whole = 0
    tail_months: Whole = 0
    payment_terms: PaymentTermsEntry = Field(default_factory=PaymentTermsEntry)
    note: Text = ""


class AmendmentEntry(Entry):
    """A dated change: only the terms fields it gives change, the others are inherited from
    the version before. A cap given as null removes the cap."""

    effective_on: IsoDate
    note: Text = ""
    components: list[ComponentEntry] | None = None
    rights: RightsEntry | None = None
    trial_coverage: TrialCoverageField | None = None
    conversion_window_days: Whole | None = None
    cap_per_introduction: Money | None = None
    cap_per_year: Money | None = None
    clawback_days: Whole | None = None
    tail_months: Whole | None = None
    payment_terms: PaymentTermsEntry | None = None


# The terms fields an amendment may change, in the order the file writes them.
AMENDABLE = (
    "components",
    "rights",
    "trial_coverage",
    "conversion_window_days",
    "cap_per_introduction",
    "cap_per_year",
    "clawback_days",
    "tail_months",
    "payment_terms",
)
# Amendment fields where null means "none from now on" rather than "unchanged".
NULLABLE = frozenset({"cap_per_introduction", "cap_per_year"})


class RevenueEntry(Entry):
    """One figure for a month; later entries for the same month are corrections."""

    period: PeriodText
    amount: Money
    status: RevenueStatusField = RevenueStatus.CONFIRMED
    note: Text = ""


class EngagementEntry(Entry):
    label: Text = Field(
        default="", description='unique in the introduction; empty: "engagement 1"…'
    )
    kind: EngagementKindField
    start: IsoDate
    end: IsoDate | None = None
    amount: Money | None = Field(
        default=None, description="a month's fee, or a one-off engagement's contract value"
    )
    signed_on: IsoDate | None = Field(default=None, description="omitted: the start")
    converts_trial: Text | None = Field(
        default=None, description="long_term only: the label of the trial it converts"
    )
    terminated_on: IsoDate | None = None
    revenue: list[RevenueEntry] = Field(default_factory=list)


class StepEntry(Entry):
    status: IntroductionStatusField
    on: IsoDate


class IntroductionEntry(Entry):
    client: Text = Field(description="the name of a client in parties")
    introduced_on: IsoDate
    notes: Text = ""
    steps: list[StepEntry] = Field(default_factory=list)
    engagements: list[EngagementEntry] = Field(default_factory=list)


class AgreementEntry(Entry):
    name: Text
    direction: DirectionField
    counterparty: Text = Field(
        description="the name of a provider (earned) or an introducer (owed) in parties"
    )
    signed_on: IsoDate | None = None
    valid_from: IsoDate
    valid_until: IsoDate | None = Field(default=None, description="omitted: open-ended")
    self_billing: Flag = False
    qualification_criteria: Text = ""
    exclusivity: Text = ""
    territory: Text = ""
    notes: Text = ""
    terms: TermsEntry
    amendments: list[AmendmentEntry] = Field(default_factory=list)
    introductions: list[IntroductionEntry] = Field(default_factory=list)


class LedgerFile(Entry):
    """An Apporteur Desktop ledger: my identity, the parties and the agreements."""

    model_config = ConfigDict(extra="forbid", title="Apporteur ledger")

    format: Literal["apporteur-ledger"]
    version: Literal[1]
    identity: IdentityEntry | None = None
    parties: list[PartyEntry] = Field(default_factory=list)
    agreements: list[AgreementEntry] = Field(default_factory=list)
