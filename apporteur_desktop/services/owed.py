"""The owed direction: statements of what I owe an introducer, and the yearly DAS2 figures.

A business that pays one beneficiary more than 2,400 € (VAT included) of commissions in a
calendar year must declare it (DAS2, CGI art. 240). The figures are what I paid: the
payments recorded against the introducer's invoices (or the self-billed ones I issued), by
the day they were paid.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..documents.statement_pdf import render_statement
from ..domain.enums import Direction, LineStatus, PartyKind
from ..domain.invoices import DocumentKind
from ..domain.money import ZERO
from ..domain.parties import Address
from ..domain.periods import Period
from ..domain.statements import Statement, StatementLine
from ..storage import invoice_store, line_reports, repository
from .context import AppContext
from .errors import UserError
from .invoice_parts import last_day, my_identity
from .wording import explain

DAS2_THRESHOLD = Decimal("2400")


def statement(ctx: AppContext, introducer: str, first: Period, last: Period) -> Statement:
    """What I owe ``introducer`` for ``first``..``last``, line by line (not cancelled lines)."""
    if first > last:
        raise UserError.of("bad_range", first=str(first), last=str(last))
    with ctx.ledger.transaction(write=False) as session:
        party = repository.find_party(session, PartyKind.INTRODUCER, introducer)
        if party is None:
            raise UserError.of("not_found", what="introducer", key=introducer)
        payer = my_identity(session)
        names = line_reports.names_for(session)
        agreements = {
            agreement_id: name
            for agreement_id, (name, direction, counterparty_id) in names["agreements"].items()
            if Direction(direction) is Direction.OWED and counterparty_id == party.id
        }
        lines = [
            StatementLine(
                period=str(line.key.period),
                event_date=line.event_date,
                client=names["parties"].get(
                    names["introductions"][line.key.introduction_id][0], ""
                ),
                agreement=agreements[line.key.agreement_id],
                description=explain(ctx.translator, line.explanation),
                base=line.explanation.base,
                rate=line.explanation.rate,
                amount=line.amount,
                status=line.status or LineStatus.DUE,
            )
            for line in line_reports.lines_between(session, first, last)
            if line.key.agreement_id in agreements and line.status is not LineStatus.CANCELLED
        ]
    return Statement(
        payer=payer,
        introducer=party.identity,
        first=first.first_day(),
        last=last_day(last),
        issued_on=ctx.clock.today(),
        lines=tuple(lines),
    )


def statement_pdf(ctx: AppContext, introducer: str, first: Period, last: Period) -> bytes:
    return render_statement(statement(ctx, introducer, first, last), ctx.translator)


@dataclass(frozen=True, slots=True)
class Das2Line:
    """One beneficiary's figures for the declaration."""

    name: str
    siret: str
    address: Address
    paid: Decimal  # VAT included, paid during the year
    must_declare: bool  # above the 2,400 € threshold


def das2_figures(ctx: AppContext, year: int) -> list[Das2Line]:
    """What I paid each introducer during ``year``, largest first."""
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    with ctx.ledger.transaction(write=False) as session:
        for counterparty_id, _day, amount, kind in invoice_store.payments_between(
            session, date(year, 1, 1), date(year, 12, 31), Direction.OWED
        ):
            # A refund on a credit note is money paid back: it lowers what was paid.
            paid[counterparty_id] += -amount if kind is DocumentKind.CREDIT_NOTE else amount
        parties = {p.id: p for p in repository.list_parties(session, PartyKind.INTRODUCER)}
    lines = [
        Das2Line(
            name=parties[party_id].name,
            siret=parties[party_id].identity.siret,
            address=parties[party_id].identity.address,
            paid=amount,
            must_declare=amount > DAS2_THRESHOLD,
        )
        for party_id, amount in paid.items()
    ]
    return sorted(lines, key=lambda line: (-line.paid, line.name))
