"""Due dates from payment terms, as PRODUCT.md reads them."""

from __future__ import annotations

from datetime import date

import pytest

from apporteur_desktop.domain.agreements import PaymentTerms
from apporteur_desktop.domain.enums import PaymentTermsKind
from apporteur_desktop.engine.payment_terms import due_date


@pytest.mark.parametrize(
    ("kind", "days", "issued", "due"),
    [
        (PaymentTermsKind.NET, 30, date(2026, 11, 22), date(2026, 12, 22)),
        (PaymentTermsKind.NET, 60, date(2026, 12, 31), date(2027, 3, 1)),
        # 45 days, then the end of that month: 22/11 + 45 days = 06/01, so 31/01.
        (PaymentTermsKind.DAYS_END_OF_MONTH, 45, date(2026, 11, 22), date(2027, 1, 31)),
        # The end of the month, then 45 days: 30/11 + 45 days = 14/01.
        (PaymentTermsKind.END_OF_MONTH_DAYS, 45, date(2026, 11, 22), date(2027, 1, 14)),
        # February of a leap year ends on the 29th.
        (PaymentTermsKind.END_OF_MONTH_DAYS, 0, date(2028, 2, 3), date(2028, 2, 29)),
    ],
)
def test_the_due_date_is_a_calendar_date_from_the_terms(
    kind: PaymentTermsKind, days: int, issued: date, due: date
) -> None:
    assert due_date(issued, PaymentTerms(kind, days)) == due
