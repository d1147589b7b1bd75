"""The closed vocabularies of the ledger, named as in the glossary of PRODUCT.md."""

from __future__ import annotations

from enum import StrEnum


class Direction(StrEnum):
    EARNED = "earned"  # I am the introducer: a provider owes me
    OWED = "owed"  # someone introduced a client to me: I owe them


class PartyKind(StrEnum):
    PROVIDER = "provider"
    CLIENT = "client"
    INTRODUCER = "introducer"


class VatRegime(StrEnum):
    FRANCHISE = "franchise"
    REGISTERED = "registered"


class ComponentKind(StrEnum):
    REVENUE_PERCENT = "revenue_percent"
    QUALIFIED_FEE = "qualified_fee"
    SIGNATURE_FEE = "signature_fee"
    CONTRACT_VALUE_PERCENT = "contract_value_percent"
    TIERED = "tiered"


class TierMode(StrEnum):
    MARGINAL = "marginal"
    WHOLE_VOLUME = "whole_volume"


class RightsKind(StrEnum):
    ONE_OFF = "one_off"
    MONTHS = "months"
    UNTIL_DATE = "until_date"
    WHILE_CLIENT_STAYS = "while_client_stays"


class TrialCoverage(StrEnum):
    TRIAL_ONLY = "trial_only"
    TRIAL_AND_CONVERSION = "trial_and_conversion"
    CONVERSION_ONLY = "conversion_only"


class PaymentTermsKind(StrEnum):
    NET = "net"  # N days after the invoice date
    DAYS_END_OF_MONTH = "days_end_of_month"  # N days, then the end of that month
    END_OF_MONTH_DAYS = "end_of_month_days"  # the end of the month, then N days


class IntroductionStatus(StrEnum):
    INTRODUCED = "introduced"
    QUALIFIED = "qualified"
    MEETING = "meeting"
    TRIAL = "trial"
    WON = "won"
    LOST = "lost"


# Every stage from "qualified" on means the introduction was qualified at some point.
QUALIFIED_STAGES = frozenset(
    {
        IntroductionStatus.QUALIFIED,
        IntroductionStatus.MEETING,
        IntroductionStatus.TRIAL,
        IntroductionStatus.WON,
    }
)


class EngagementKind(StrEnum):
    TRIAL = "trial"
    LONG_TERM = "long_term"
    ONE_OFF = "one_off"


class RevenueStatus(StrEnum):
    ESTIMATED = "estimated"
    CONFIRMED = "confirmed"


class LineKind(StrEnum):
    REGULAR = "regular"
    ADJUSTMENT = "adjustment"
    CLAWBACK = "clawback"


class LineStatus(StrEnum):
    DUE = "due"
    INVOICED = "invoiced"
    PAID = "paid"
    CANCELLED = "cancelled"


class LineEvent(StrEnum):
    """What a commission line is computed from."""

    REVENUE = "revenue"  # a month of revenue (percentage or tiered component)
    QUALIFIED = "qualified"  # the introduction was qualified
    SIGNATURE = "signature"  # the introduction's first engagement was signed
    CONTRACT_VALUE = "contract_value"  # an engagement with a contract value was signed
