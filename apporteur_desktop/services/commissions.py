"""The commission run: compute what stands, save what is new, report the range's lines."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ..domain.agreements import Agreement
from ..domain.commissions import CommissionLine
from ..domain.enums import Direction, LineKind, LineStatus
from ..domain.periods import Period
from ..domain.pipeline import Engagement, Introduction
from ..domain.problems import Notice
from ..engine.facts import AgreementFacts, Opening, RunWindow
from ..engine.run import run_agreement
from ..i18n import N_, Translator
from ..storage import commission_queries as q
from ..storage import line_reports, repository
from ..storage.line_reports import StoredLine
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
class RunOutcome:
    """What a run added (with the new lines' ids, or None for a preview)."""

    window: RunWindow
    added: tuple[CommissionLine, ...]
    ids: tuple[int | None, ...]
    preview: bool


@dataclass(frozen=True, slots=True)
class RunReport:
    lines: tuple[LineView, ...]
    added: int
    notices: tuple[Notice, ...] = ()


def run_commissions(ctx: AppContext, first: Period, last: Period, *, preview: bool) -> RunOutcome:
    """Run the engine over every agreement for ``first``..``last``; save unless previewing.

    One transaction: the new lines and the run's record are saved together or not at all.
    """
    window = RunWindow(first, last)
    with ctx.ledger.transaction(write=not preview) as session:
        added = compute_run(session, window)
        if preview:
            return RunOutcome(window, tuple(added), (None,) * len(added), True)
        ids = q.save_run(
            session,
            ran_at=ctx.clock.now(),
            first=first,
            last=last,
            watermark=repository.current_change_seq(session),
            lines=added,
        )
    return RunOutcome(window, tuple(added), tuple(ids), False)


def report_run(ctx: AppContext, outcome: RunOutcome) -> RunReport:
    """The range's lines as they stand after the run (or would, for a preview), plus the
    corrections of earlier months the run adds, in the user's words."""
    with ctx.ledger.transaction(write=False) as session:
        views = _report(session, ctx.translator, outcome)
    return RunReport(tuple(views), len(outcome.added))


def compute_run(session: Session, window: RunWindow) -> list[CommissionLine]:
    """The lines a run over ``window`` would add, reading only what it needs."""
    with _collector_paused():
        return _compute_run(session, window)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A long run makes hundreds of thousands of small immutable values that hold no
    cycles; the cyclic garbage collector would walk them all, again and again, for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Agreements are computed in batches of about this many engagements, so that a run over a
# long history never holds every revenue figure of the ledger at once.
BATCH_ENGAGEMENTS = 2500


def _compute_run(session: Session, window: RunWindow) -> list[CommissionLine]:
    agreements = q.load_agreements(session)
    introductions = _group(q.load_introductions(session), lambda i: i.agreement_id)
    engagements_of = _group(q.load_engagements(session), lambda e: e.introduction_id)
    engagements = {
        a.id or 0: [e for i in introductions.get(a.id or 0, []) for e in engagements_of[i.id or 0]]
        for a in agreements
    }
    starts = _starts(session, agreements, introductions, engagements, window.first)
    added: list[CommissionLine] = []
    for batch in _batches(agreements, engagements):
        groups = _by_start({a.id or 0: starts[a.id or 0] for a in batch})
        every = len(batch) == len(agreements)
        revenue = q.load_standing_revenue(session, groups, every=every)
        saved = q.load_saved_lines(session, groups, every=every)
        for agreement in batch:
            agreement_id = agreement.id or 0
            own = engagements[agreement_id]
            facts = AgreementFacts(
                agreement,
                tuple(introductions.get(agreement_id, [])),
                tuple(own),
                {e.id or 0: revenue[e.id or 0] for e in own if (e.id or 0) in revenue},
            )
            opening = _opening(session, agreement, starts[agreement_id])
            result = run_agreement(facts, window, saved.get(agreement_id, []), opening)
            added.extend(result.added)
    return added


def _batches(
    agreements: list[Agreement], engagements: Mapping[int, list[Engagement]]
) -> Iterator[list[Agreement]]:
    batch: list[Agreement] = []
    size = 0
    for agreement in agreements:
        batch.append(agreement)
        size += len(engagements[agreement.id or 0])
        if size >= BATCH_ENGAGEMENTS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _by_start(starts: dict[int, Period | None]) -> dict[Period | None, list[int]]:
    """Agreements grouped by the month their computation starts: one revenue read each."""
    grouped: dict[Period | None, list[int]] = defaultdict(list)
    for agreement_id, start in starts.items():
        grouped[start].append(agreement_id)
    return grouped


def _starts(
    session: Session,
    agreements: list[Agreement],
    introductions: Mapping[int, list[Introduction]],
    engagements: Mapping[int, list[Engagement]],
    first: Period,
) -> dict[int, Period | None]:
    """Per agreement, the first month to compute; None means from its very beginning.

    Months before the start are taken as they stand, which is right only if saved runs
    covered every one of them and none of their inputs changed since: otherwise start
    earlier. Tiered agreements start in January, since their brackets fill from there.
    """
    history = q.run_history(session)
    covered = history.covered()
    if history.watermark is None or covered is None or first.index > covered[1].index + 1:
        return {a.id or 0: None for a in agreements}
    changed = q.changed_since(session, history.watermark)
    starts: dict[int, Period | None] = {}
    for agreement in agreements:
        agreement_id = agreement.id or 0
        activity = _first_activity(introductions.get(agreement_id, []), engagements[agreement_id])
        if activity is not None and activity < covered[0]:
            starts[agreement_id] = None
            continue
        start = min(first, changed.get(agreement_id, first))
        if any(terms.has_tiers for terms in agreement.all_terms()):
            start = start.january()
        starts[agreement_id] = start
    return starts


def _first_activity(
    introductions: list[Introduction], engagements: list[Engagement]
) -> Period | None:
    """The earliest month anything of the agreement can earn in."""
    days = [i.introduced_on for i in introductions]
    days += [min(e.start, e.signature_date) for e in engagements]
    return Period.of(min(days)) if days else None


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


def _report(session: Session, tr: Translator, outcome: RunOutcome) -> list[LineView]:
    window, preview = outcome.window, outcome.preview
    rows = line_reports.lines_between(session, window.first, window.last)
    seen = {row.id for row in rows}
    for line, line_id in zip(outcome.added, outcome.ids, strict=True):
        if preview or line_id not in seen:
            status = None if preview else LineStatus.DUE
            rows.append(
                StoredLine(
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
    names = line_reports.names_for(session)
    return [_view(tr, names, row) for row in rows]


def _view(tr: Translator, names: Mapping[str, dict[int, Any]], row: StoredLine) -> LineView:
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
