"""Option values checked while ``argparse`` reads them: months, days, amounts, years, KEY=VALUE.

A wrong value stops the command before it opens the ledger, so nothing is written. The line
says which option was wrong (argparse's « argument --period: … ») and what it accepts, and the
exit code is 2, like every other refusal of the command.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from decimal import Decimal

from ..domain.periods import BadPeriod, Period
from ..domain.problems import Problem
from ..i18n import Translator
from ..services.errors import UserError
from ..services.wording import word_problem, word_user_error

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
# « 1234.56 », « 1234,56 », « 1 234,56 » (any space, French numbers use narrow no-break ones).
_AMOUNT = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")


class ValueTypes:
    """``type=`` callables for ``add_argument``, wording their refusals through ``tr``."""

    def __init__(self, tr: Translator) -> None:
        self._tr = tr

    def month(self, text: str) -> Period:
        try:
            return Period.parse(text)
        except BadPeriod:
            message = word_user_error(self._tr, UserError.of("bad_period", value=text))
            raise self._refuse(message) from None

    def day(self, text: str) -> date:
        if _DAY.match(text.strip()):
            try:
                return date.fromisoformat(text.strip())
            except ValueError:
                pass
        problem = Problem.of("", text, "invalid_date", expected_format="YYYY-MM-DD")
        raise self._refuse(word_problem(self._tr, problem))

    def amount(self, text: str) -> Decimal:
        compact = _SPACES.sub("", text)
        if not _AMOUNT.match(compact):
            message = self._tr.gettext(
                "{value} is not an amount: write it like 1234.56 or 1 234,56"
            )
            raise self._refuse(message.format(value=text))
        return Decimal(compact.replace(",", "."))

    def year(self, text: str) -> int:
        if not _YEAR.match(text.strip()) or int(text) < 1:
            message = self._tr.gettext("{value} is not a year: write it YYYY, e.g. 2026")
            raise self._refuse(message.format(value=text))
        return int(text)

    def assignment(self, text: str) -> tuple[str, str]:
        """``street=12 rue X`` → ``("street", "12 rue X")``: the first « = » separates."""
        name, equals, value = text.partition("=")
        if not equals or not name.strip():
            message = self._tr.gettext("« {value} » is not written NAME=VALUE")
            raise self._refuse(message.format(value=text))
        return name.strip(), value

    @staticmethod
    def _refuse(message: str) -> argparse.ArgumentTypeError:
        return argparse.ArgumentTypeError(message)
