"""Recording engagements, revenue, steps and departures through the services."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from apporteur_desktop.domain.enums import (
    EngagementKind,
    IntroductionStatus,
    LineKind,
    RevenueStatus,
)
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import Engagement, RevenueRevision, StatusChange
from apporteur_desktop.domain.problems import Refused
from apporteur_desktop.i18n import Translator
from apporteur_desktop.infra.clock import FixedClock
from apporteur_desktop.services.commissions import run_commissions
from apporteur_desktop.services.context import AppContext, open_context
from apporteur_desktop.services.exchange import import_ledger
from apporteur_desktop.services.pipeline import (
    record_client_left,
    record_engagement,
    record_revenue,
    record_step,
)
from apporteur_desktop.services.summary import ledger_summary
from apporteur_desktop.services.wording import word_notice
from apporteur_desktop.storage import repository

ONE_TRIAL = """{
  "format": "apporteur-ledger", "version": 1,
  "parties": [{"kind": "provider", "name": "Atelier"}, {"kind": "client", "name": "Dupont"}],
  "agreements": [{
    "name": "Trial only", "direction": "earned", "counterparty": "Atelier",
    "valid_from": "2025-12-01",
    "terms": {"components": [{"kind": "revenue_percent", "rate": "20"}],
              "trial_coverage": "trial_only", "clawback_days": 30},
    "introductions": [{"client": "Dupont", "introduced_on": "2025-12-10",
      "engagements": [{"label": "trial", "kind": "trial", "start": "2026-01-01",
                       "end": "2026-01-31", "amount": "800.00",
                       "revenue": [{"period": "2026-01", "amount": "800.00"}]}]}]
  }]
}"""


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    with open_context(str(tmp_path), {}, Translator("en"), clock) as context:
        import_ledger(context, ONE_TRIAL)
        yield context


def _introduction_and_trial(ctx: AppContext) -> tuple[int, int]:
    with ctx.ledger.transaction(write=False) as session:
        introduction = repository.list_introductions(session)[0]
        trial = repository.list_engagements(session, introduction.id)[0]
    return introduction.id or 0, trial.id or 0


def test_recording_a_long_term_engagement_the_agreement_does_not_cover_warns_why(
    ctx: AppContext,
) -> None:
    introduction_id, trial_id = _introduction_and_trial(ctx)
    retainer = Engagement(
        None,
        introduction_id,
        EngagementKind.LONG_TERM,
        date(2026, 2, 1),
        amount=Decimal(1200),
        converts_trial_id=trial_id,
        label="retainer",
    )

    recorded = record_engagement(ctx, retainer)

    assert recorded.engagement.id is not None
    assert [notice.code for notice in recorded.notices] == ["conversion_not_covered"]
    message = word_notice(ctx.translator, recorded.notices[0])
    assert message.startswith("Trial only / retainer: ")
    assert "trial only" in message


def test_a_covered_engagement_records_without_warning(ctx: AppContext) -> None:
    introduction_id, _trial = _introduction_and_trial(ctx)
    second_trial = Engagement(None, introduction_id, EngagementKind.ONE_OFF, date(2026, 1, 15))

    assert record_engagement(ctx, second_trial).notices == ()


def test_an_engagement_ending_before_it_starts_is_refused_and_nothing_is_saved(
    ctx: AppContext,
) -> None:
    introduction_id, _trial = _introduction_and_trial(ctx)
    before = ledger_summary(ctx).counts
    backwards = Engagement(
        None, introduction_id, EngagementKind.ONE_OFF, date(2026, 3, 1), end=date(2026, 2, 1)
    )

    with pytest.raises(Refused) as refused:
        record_engagement(ctx, backwards)

    assert [(p.field, p.code) for p in refused.value.problems] == [("end", "date_before_minimum")]
    assert ledger_summary(ctx).counts == before


def test_an_estimate_after_a_confirmed_figure_is_refused(ctx: AppContext) -> None:
    _introduction, trial_id = _introduction_and_trial(ctx)
    estimate = RevenueRevision(
        None, trial_id, Period(2026, 1), Decimal(900), RevenueStatus.ESTIMATED
    )

    with pytest.raises(Refused) as refused:
        record_revenue(ctx, estimate)

    assert [p.code for p in refused.value.problems] == ["estimate_after_confirmed"]


def test_a_client_leaving_inside_the_clawback_window_reverses_the_saved_month(
    ctx: AppContext,
) -> None:
    _introduction, trial_id = _introduction_and_trial(ctx)
    january = run_commissions(ctx, Period(2026, 1), Period(2026, 1), preview=False)
    assert [str(line.amount) for line in january.added] == ["160.00"]

    record_client_left(ctx, trial_id, date(2026, 1, 20))
    february = run_commissions(ctx, Period(2026, 2), Period(2026, 2), preview=False)

    assert [(line.kind, str(line.amount)) for line in february.added] == [
        (LineKind.CLAWBACK, "-160.00")
    ]
    assert february.added[0].corrects_id == january.ids[0]


def test_a_step_back_in_time_is_refused(ctx: AppContext) -> None:
    introduction_id, _trial = _introduction_and_trial(ctx)
    record_step(
        ctx, introduction_id, StatusChange(IntroductionStatus.QUALIFIED, date(2025, 12, 20))
    )

    with pytest.raises(Refused) as refused:
        record_step(
            ctx, introduction_id, StatusChange(IntroductionStatus.MEETING, date(2025, 12, 15))
        )

    assert [p.code for p in refused.value.problems] == ["date_before_previous"]
