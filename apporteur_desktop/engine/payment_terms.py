"""When an invoice is due, from the agreement's payment terms: always a calendar date."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ..domain.agreements import PaymentTerms
from ..domain.enums import PaymentTermsKind


def due_date(issued_on: date, terms: PaymentTerms) -> date:
    """Net N days; N days then the end of that month; or the end of the month then N days."""
    if terms.kind is PaymentTermsKind.NET:
        return issued_on + timedelta(days=terms.days)
    if terms.kind is PaymentTermsKind.DAYS_END_OF_MONTH:
        return _end_of_month(issued_on + timedelta(days=terms.days))
    return _end_of_month(issued_on) + timedelta(days=terms.days)


def _end_of_month(day: date) -> date:
    return day + relativedelta(day=31)
