"""The commission run: compute what stands, save what is new, report the range's lines."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ..domain.agreements import Agreement
from ..domain.commissions import CommissionLine, Explanation, LineKey
from ..domain.enums import Direction, LineKind, LineStatus
from ..domain.periods import Period
from ..domain.problems import Notice
from ..engine.facts import AgreementFacts, Opening, RunWindow
from ..engine.run import run_agreement
from ..i18n import N_, Translator
from ..storage import commission_queries as q
from ..storage import repository
from .context import AppContext
from .wording import COMPONENT_NAMES, explain

KIND_NAMES = {
    LineKind.REGULAR: N_("regular"),
    LineKind.ADJUSTMENT: N_("adjustment"),
    LineKind.CLAWBACK: N_("clawback"),
}
STATUS_NAMES = {
    LineStatus.DUE: N_("due"),
    LineStatus.INVOICED: N_("invoiced"),
    LineStatus.PAID: N_("paid"),
    LineStatus.CANCELLED: N_("cancelled"),
    None: N_("preview"),
}


@dataclass(frozen=True, slots=True)
class LineView:
    """A commission line as the user sees it: names instead of ids, words instead of codes."""

    id: int | None  # None: not saved (a preview)
    agreement: str
    introduction: str
    client: str
    provider: str
    direction: str
    period: str
    date: date | None
    component: str
    component_label: str
    base: Decimal | None
    rate: Decimal | None
    amount: Decimal
    kind: str
    kind_label: str
    status: str
    status_label: str
    corrects: int | None
    explanation: str

    def as_record(self) -> dict[str, Any]:
        """Plain JSON-ready values; amounts as exact strings such as ``"240.00"``."""
        return {
            "id": self.id,
            "agreement": self.agreement,
            "introduction": self.introduction,
            "client": self.client,
            "provider": self.provider,
            "direction": self.direction,
            "period": self.period,
            "date": None if self.date is None else self.date.isoformat(),
            "component": self.component,
            "base": None if self.base is None else str(self.base),
            "rate": None if self.rate is None else format(self.rate, "f"),
            "amount": str(self.amount),
            "kind": self.kind,
            "status": self.status,
            "corrects": self.corrects,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class RunReport:
    lines: tuple[LineView, ...]
    added: int
    notices: tuple[Notice, ...] = ()


def run_commissions(ctx: AppContext, first: Period, last: Period, *, preview: bool) -> RunReport:
    """Run the engine over every agreement for ``first``..``last``; save unless previewing.

    One transaction: the new lines and the run's record are saved together or not at all.
    """
    window = RunWindow(first, last)
    with ctx.ledger.transaction() as session:
        added = compute_run(session, window)
        if preview:
            ids: list[int | None] = [None] * len(added)
        else:
            ids = list(
                q.save_run(
                    session,
                    ran_at=ctx.clock.now(),
                    first=first,
                    last=last,
                    watermark=repository.current_change_seq(session),
                    lines=added,
                )
            )
        views = _report(session, ctx.translator, window, added, ids, preview)
    return RunReport(tuple(views), len(added))


def compute_run(session: Session, window: RunWindow) -> list[CommissionLine]:
    """The lines a run over ``window`` would add, reading only what it needs."""
    agreements = q.load_agreements(session)
    starts = _starts(session, agreements, window.first)
    since = None if any(s is None for s in starts.values()) else min(starts.values(), default=None)
    revenue = q.load_standing_revenue(session, since)
    saved = q.load_saved_lines(session, since)
    introductions = _group(q.load_introductions(session), lambda i: i.agreement_id)
    engagements_of = _group(q.load_engagements(session), lambda e: e.introduction_id)
    added: list[CommissionLine] = []
    for agreement in agreements:
        agreement_id = agreement.id or 0
        start = starts[agreement_id]
        own = introductions.get(agreement_id, [])
        engagements = [e for i in own for e in engagements_of.get(i.id or 0, [])]
        facts = AgreementFacts(
            agreement,
            tuple(own),
            tuple(engagements),
            {e.id or 0: revenue[e.id or 0] for e in engagements if (e.id or 0) in revenue},
        )
        lines = saved.get(agreement_id, [])
        if start is not None:
            lines = [line for line in lines if line.key.period >= start]
        result = run_agreement(facts, window, lines, _opening(session, agreement, start))
        added.extend(result.added)
    return added


def _starts(
    session: Session, agreements: list[Agreement], first: Period
) -> dict[int, Period | None]:
    """Per agreement, the first month to compute; None means from its very beginning.

    Months before the start are taken as they stand, which is right only if every one of
    them was saved by a run and none of their inputs changed since: otherwise start earlier.
    """
    history = q.run_history(session)
    covered = history.covered()
    if history.watermark is None or covered is None or first.index > covered[1].index + 1:
        return {a.id or 0: None for a in agreements}
    changed = q.changed_since(session, history.watermark)
    starts: dict[int, Period | None] = {}
    for agreement in agreements:
        agreement_id = agreement.id or 0
        if Period.of(agreement.valid_from) < covered[0]:
            starts[agreement_id] = None
            continue
        start = min(first, changed.get(agreement_id, first))
        if any(terms.has_tiers for terms in agreement.all_terms()):
            start = start.january()  # brackets fill from January
        starts[agreement_id] = start
    return starts


def _opening(session: Session, agreement: Agreement, start: Period | None) -> Opening:
    if start is None:
        return Opening()
    capped = any(terms.has_caps for terms in agreement.all_terms())
    if not capped:
        return Opening(start)
    by_introduction, in_year = q.standing_before(session, agreement.id or 0, start)
    return Opening(start, by_introduction, in_year)


def _group(items: Iterable[Any], key: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return grouped


# --- the report -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Row:
    id: int | None
    key: LineKey
    kind: LineKind
    amount: Decimal
    status: LineStatus | None
    explanation: Explanation
    event_date: date | None
    corrects_id: int | None


def _report(
    session: Session,
    tr: Translator,
    window: RunWindow,
    added: list[CommissionLine],
    ids: list[int | None],
    preview: bool,
) -> list[LineView]:
    """The range's lines as they stand after the run (or would, for a preview), plus the
    corrections of earlier months the run adds."""
    rows = [
        _Row(s.id, s.key, s.kind, s.amount, s.status, s.explanation, s.event_date, s.corrects_id)
        for s in q.lines_between(session, window.first, window.last)
    ]
    seen = {row.id for row in rows}
    for line, line_id in zip(added, ids, strict=True):
        if preview or line_id not in seen:
            status = None if preview else LineStatus.DUE
            rows.append(
                _Row(
                    line_id,
                    line.key,
                    line.kind,
                    line.amount,
                    status,
                    line.explanation,
                    line.event_date,
                    line.corrects_id,
                )
            )
    rows.sort(key=lambda r: (r.key.period, r.key.agreement_id, r.id is None, r.id or 0))
    names = q.names_for(session)
    return [_view(tr, names, row) for row in rows]


def _view(tr: Translator, names: Mapping[str, dict[int, Any]], row: _Row) -> LineView:
    _ = tr.gettext
    agreement_name, direction, counterparty_id = names["agreements"][row.key.agreement_id]
    client_id, introduced_on = names["introductions"][row.key.introduction_id]
    client = names["parties"].get(client_id, "")
    counterparty = names["parties"].get(counterparty_id, "")
    me = names["me"]
    provider = counterparty if Direction(direction) is Direction.EARNED else me
    explanation = row.explanation
    return LineView(
        id=row.id,
        agreement=agreement_name,
        introduction=f"{client} ({introduced_on.isoformat()})",
        client=client,
        provider=provider,
        direction=str(direction),
        period=str(row.key.period),
        date=row.event_date,
        component=explanation.component.value,
        component_label=_(COMPONENT_NAMES[explanation.component]),
        base=explanation.base,
        rate=explanation.rate,
        amount=row.amount,
        kind=row.kind.value,
        kind_label=_(KIND_NAMES[row.kind]),
        status=(row.status.value if row.status else "preview"),
        status_label=_(STATUS_NAMES[row.status]),
        corrects=row.corrects_id,
        explanation=explain(tr, explanation),
    )
