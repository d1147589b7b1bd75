"""ORM rows. They never leave storage: callers get domain values through storage.mapping."""

from __future__ import annotations

from .agreements import AgreementRow, ComponentRow, TermsRow, TierRow
from .commissions import CommissionLineRow, CommissionRunRow
from .invoices import InvoiceLineRow, InvoiceRow, NumberSeriesRow, PaymentRow, SettingRow
from .parties import BusinessIdentityRow, LedgerStateRow, PartyRow
from .pipeline import EngagementRow, IntroductionRow, IntroductionStepRow, RevenueRevisionRow

__all__ = [
    "AgreementRow",
    "BusinessIdentityRow",
    "CommissionLineRow",
    "CommissionRunRow",
    "ComponentRow",
    "EngagementRow",
    "IntroductionRow",
    "IntroductionStepRow",
    "InvoiceLineRow",
    "InvoiceRow",
    "LedgerStateRow",
    "NumberSeriesRow",
    "PartyRow",
    "PaymentRow",
    "RevenueRevisionRow",
    "SettingRow",
    "TermsRow",
    "TierRow",
]
