"""Numbers, money and dates the way a French (or English) reader expects them, via Babel.

Shared by the services, the command line and the documents, like the translator.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def locale_of(language: str) -> str:
    return _LOCALES.get(language, "fr_FR")


def money_text(amount: Decimal, language: str, currency: str = "EUR") -> str:
    """« 1 234,56 € » in French, « €1,234.56 » in English."""
    return format_currency(amount, currency, locale=locale_of(language))


def rate_text(rate: Decimal, language: str) -> str:
    """« 12,5 % » in French, « 12.5% » in English: the rate as entered, no trailing zeros."""
    number = format_decimal(rate.normalize(), format="#,##0.####", locale=locale_of(language))
    return f"{number}\u202f%" if language == "fr" else f"{number}%"


def date_text(day: date, language: str) -> str:
    """« 22/11/2026 » in French, « 22/11/2026 » in British English too."""
    return _babel_date(day, format="dd/MM/yyyy", locale=locale_of(language))


def month_text(day: date, language: str) -> str:
    """« mars 2026 » in French, « March 2026 » in English."""
    return _babel_date(day, format="MMMM yyyy", locale=locale_of(language))


def short_month_text(day: date, language: str) -> str:
    """« janv. 2026 » in French, « Jan 2026 » in English: for a chart's axis."""
    return _babel_date(day, format="MMM yyyy", locale=locale_of(language))


def whole_money_text(amount: Decimal, language: str, currency: str = "EUR") -> str:
    """« 1 200 € » in French, « €1,200 » in English: rounded to the unit, for a chart's axis."""
    locale = locale_of(language)
    pattern = Locale.parse(locale).currency_formats["standard"].pattern.replace(".00", "")
    return format_currency(amount, currency, format=pattern, currency_digits=False, locale=locale)
