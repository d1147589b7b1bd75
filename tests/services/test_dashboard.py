"""The dashboard's figures and reminders on a ledger small enough to check by hand.

The ledger is described in ``dashboard_ledger``; each expected figure below says where it
comes from.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from apporteur_desktop.domain.enums import Direction, EngagementKind
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.i18n import Translator
from apporteur_desktop.services import invoice_views
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.dashboard import dashboard, median, reminders
from apporteur_desktop.services.dashboard_figures import (
    AGREEMENT_ENDING,
    INVOICE_OVERDUE,
    REVENUE_MISSING,
    TRIAL_ENDING,
    Ratio,
    percent_text,
    reminder_text,
)
from apporteur_desktop.storage import repository

from .dashboard_ledger import FIRST, LAST, TODAY, dashboard_ledger, empty_ledger

ENGLISH = Translator("en")


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    with dashboard_ledger(tmp_path_factory.mktemp("dashboard")) as context:
        yield context


def euros(text: str) -> Decimal:
    return Decimal(text)


# --- the pipeline -------------------------------------------------------------------------------


def test_introductions_and_their_rates_over_the_range(ctx: AppContext) -> None:
    """Made from January to May: Garage Lefèvre (won), Fleurs Martin (lost), Pressing Léa
    (in trial); Boulangerie Dupont was introduced in December and does not count."""
    pipeline = dashboard(ctx, FIRST, LAST).pipeline

    assert pipeline.introductions == 3
    assert pipeline.qualification == Ratio(3, 3)
    assert pipeline.conversion == Ratio(1, 3)
    assert percent_text(pipeline.conversion.percent, "en") == "33.3%"
    # Boulangerie Dupont's January trial converted in February; Pressing Léa's starts in June.
    assert pipeline.trials == Ratio(1, 1)


def test_median_days_from_introduction_to_first_signature(ctx: AppContext) -> None:
    """First signatures in the range: Garage Lefèvre 3 → 20 Feb (17 days), Pressing Léa
    1 April → 25 May (54 days); Boulangerie Dupont's was in December."""
    pipeline = dashboard(ctx, FIRST, LAST).pipeline
    assert pipeline.signatures == 2
    assert pipeline.median_days == Decimal("35.5")


def test_the_owed_direction_is_kept_apart(ctx: AppContext) -> None:
    figures = dashboard(ctx, FIRST, LAST)

    assert figures.received.introductions == 1  # Café Bleu, introduced to me by Paul Girard
    assert figures.received.conversion == Ratio(1, 1)
    assert figures.received.median_days == 14
    assert [(p.name, p.revenue, p.commission) for p in figures.introducers] == [
        ("Paul Girard", euros("4000.00"), euros("600.00"))
    ]
    assert "Paul Girard" not in [p.name for p in figures.providers]
    assert figures.owed == euros("600.00")
    assert figures.owed_paid == 0


# --- amounts ------------------------------------------------------------------------------------


def test_revenue_and_commission_per_provider_largest_first(ctx: AppContext) -> None:
    providers = dashboard(ctx, FIRST, LAST).providers

    assert [(p.name, p.revenue, p.commission, p.paid) for p in providers] == [
        # 800 + 4 × 1,200 billed; 160 + 4 × 240 earned; the March invoice paid.
        ("Atelier Numérique SAS", euros("5600.00"), euros("1120.00"), euros("400.00")),
        # March and April at 1,000; 10 % of each; 40 paid on the March invoice.
        ("Studio Lumière SARL", euros("2000.00"), euros("200.00"), euros("40.00")),
    ]


def test_each_month_earned_invoiced_and_paid(ctx: AppContext) -> None:
    figures = dashboard(ctx, FIRST, LAST)

    assert [(str(m.period), m.earned, m.invoiced, m.paid) for m in figures.months] == [
        ("2026-01", euros("160.00"), 0, 0),
        ("2026-02", euros("240.00"), 0, 0),
        ("2026-03", euros("340.00"), euros("400.00"), euros("400.00")),
        ("2026-04", euros("340.00"), euros("340.00"), euros("40.00")),
        ("2026-05", euros("240.00"), 0, 0),
    ]
    assert (figures.earned, figures.invoiced, figures.paid) == (
        euros("1320.00"),
        euros("740.00"),
        euros("440.00"),
    )


def test_overdue_counts_what_providers_owe_me_today(ctx: AppContext) -> None:
    """Atelier's April invoice (240) and what is left of Studio's (100 − 40), both due on
    2 May; Paul Girard's invoice to me is mine to pay, not to collect."""
    figures = dashboard(ctx, FIRST, LAST)
    assert (figures.overdue, figures.overdue_count) == (euros("300.00"), 2)


def test_the_forecast_of_the_next_twelve_months(ctx: AppContext) -> None:
    """From June: Atelier 240 a month to December (its twelve months end then); Studio 100 a
    month to February 2027 (May is not entered yet: April's 1,000 is expected); Pressing Léa's
    June trial 30; Paul Girard 300 owed a month until September."""
    forecast = dashboard(ctx, FIRST, LAST).forecast

    assert [str(m.period) for m in forecast] == [str(Period(2026, 6) + n) for n in range(12)]
    earned = [str(m.earned) for m in forecast]
    assert earned == ["370.00", *["340.00"] * 6, "100.00", "100.00", "0.00", "0.00", "0.00"]
    assert [str(m.owed) for m in forecast[:5]] == ["300.00"] * 4 + ["0.00"]
    assert dashboard(ctx, FIRST, LAST).forecast_earned == euros("2610.00")


def test_providers_without_a_signature_for_six_months(ctx: AppContext) -> None:
    dormant = dashboard(ctx, FIRST, LAST).dormant
    assert [(d.name, d.last_signed) for d in dormant] == [("Cabinet Verdier", None)]


def test_a_narrower_range_has_its_own_figures_and_dashes_for_empty_rates(
    ctx: AppContext,
) -> None:
    figures = dashboard(ctx, Period(2026, 3), Period(2026, 3))

    assert figures.pipeline.introductions == 1  # Fleurs Martin
    assert figures.pipeline.conversion == Ratio(0, 1)
    assert figures.pipeline.trials == Ratio(0, 0)
    assert percent_text(figures.pipeline.trials.percent, "fr") == "—"
    assert figures.pipeline.median_days is None
    assert [(m.earned, m.invoiced) for m in figures.months] == [(euros("340.00"), euros("400.00"))]


def test_a_range_given_backwards_is_read_forwards(ctx: AppContext) -> None:
    assert dashboard(ctx, LAST, FIRST) == dashboard(ctx, FIRST, LAST)


# --- reminders ----------------------------------------------------------------------------------


def _ids(ctx: AppContext) -> dict[str, int]:
    """The ledger's own ids for what the reminders should name."""
    with ctx.ledger.transaction(write=False) as session:
        engagements = repository.list_engagements(session)
        studio = repository.find_agreement_by_name(session, "Studio")
        clients = {p.id: p.name for p in repository.list_parties(session)}
        introductions = {i.id: clients[i.client_id] for i in repository.list_introductions(session)}
    by_client = {(introductions[e.introduction_id], e.kind): e.id for e in engagements}
    invoices = {v.number: v.id for v in invoice_views.list_invoices(ctx)}
    assert studio is not None and studio.id is not None
    return {
        "trial": by_client[("Pressing Léa", EngagementKind.TRIAL)],
        "garage": by_client[("Garage Lefèvre", EngagementKind.LONG_TERM)],
        "studio": studio.id,
        **invoices,
    }


def test_every_kind_of_reminder_names_its_view_and_subject(ctx: AppContext) -> None:
    ids = _ids(ctx)
    found = [(r.kind, r.subject_view, r.subject_id, r.due_on) for r in reminders(ctx)]

    # The most urgent first: overdue invoices, then May's revenue (due since 1 June), the
    # trial ending on 7 June, the agreement ending on 20 June.
    assert found == [
        (INVOICE_OVERDUE, "invoices", ids["2026-0002"], date(2026, 5, 2)),
        (INVOICE_OVERDUE, "invoices", ids["2026-0003"], date(2026, 5, 2)),
        (INVOICE_OVERDUE, "invoices", ids["PG-2026-05"], date(2026, 5, 31)),
        (REVENUE_MISSING, "revenue", ids["garage"], None),
        (TRIAL_ENDING, "engagements", ids["trial"], date(2026, 6, 7)),
        (AGREEMENT_ENDING, "agreements", ids["studio"], date(2026, 6, 20)),
    ]


def test_reminders_say_what_to_do_in_the_user_words(ctx: AppContext) -> None:
    texts = [reminder_text(ENGLISH, r) for r in reminders(ctx, TODAY)]
    assert texts == [
        "Invoice 2026-0002 to Atelier Numérique SAS, due on 02/05/2026: €240.00 to collect",
        "Invoice 2026-0003 to Studio Lumière SARL, due on 02/05/2026: €60.00 to collect",
        "Invoice PG-2026-05 from Paul Girard, due on 31/05/2026: €300.00 to pay",
        "Revenue of May 2026 not entered: Garage Lefèvre with Studio Lumière SARL",
        "Trial of Pressing Léa with Studio Lumière SARL ends on 07/06/2026",
        "Agreement « Studio » ends on 20/06/2026",
    ]
    french = reminder_text(ctx.translator, reminders(ctx, TODAY)[-1])
    assert french == ctx.translator.gettext("Agreement « {agreement} » ends on {date}").format(
        agreement="Studio", date="20/06/2026"
    )


def _kinds(ctx: AppContext, day: str) -> list[str]:
    return [r.kind for r in reminders(ctx, date.fromisoformat(day))]


def test_a_trial_is_recalled_seven_days_ahead(ctx: AppContext) -> None:
    assert TRIAL_ENDING in _kinds(ctx, "2026-05-31")  # ends 7 June: seven days later
    assert TRIAL_ENDING not in _kinds(ctx, "2026-05-30")
    assert TRIAL_ENDING not in _kinds(ctx, "2026-06-08")  # over


def test_an_agreement_is_recalled_thirty_days_ahead(ctx: AppContext) -> None:
    assert AGREEMENT_ENDING in _kinds(ctx, "2026-05-21")  # ends 20 June: thirty days later
    assert AGREEMENT_ENDING not in _kinds(ctx, "2026-05-20")


def test_an_invoice_is_overdue_the_day_after_it_was_due(ctx: AppContext) -> None:
    assert _kinds(ctx, "2026-05-02").count(INVOICE_OVERDUE) == 0
    assert _kinds(ctx, "2026-05-03").count(INVOICE_OVERDUE) == 2


def test_revenue_is_recalled_for_every_engagement_running_last_month(ctx: AppContext) -> None:
    assert REVENUE_MISSING not in _kinds(ctx, "2026-05-15")  # April is entered everywhere
    # June: both retainers, Pressing Léa's trial and Paul Girard's client.
    missing = [r for r in reminders(ctx, date(2026, 7, 1)) if r.kind == REVENUE_MISSING]
    assert sorted((r.title, r.direction) for r in missing) == [
        ("Boulangerie Dupont", Direction.EARNED),
        ("Café Bleu", Direction.OWED),
        ("Garage Lefèvre", Direction.EARNED),
        ("Pressing Léa", Direction.EARNED),
    ]
    assert reminder_text(ENGLISH, next(r for r in missing if r.title == "Café Bleu")) == (
        "Revenue of June 2026 not entered: Café Bleu (introduced by Paul Girard)"
    )


# --- an empty ledger ----------------------------------------------------------------------------


def test_an_empty_ledger_gives_zeros_dashes_and_no_reminder(tmp_path: Path) -> None:
    with empty_ledger(tmp_path) as empty:
        figures = dashboard(empty, FIRST, LAST)
        assert reminders(empty) == []
    assert figures.pipeline.introductions == 0
    assert figures.pipeline.qualification.percent is None
    assert percent_text(figures.pipeline.conversion.percent, "en") == "—"
    assert figures.pipeline.median_days is None
    assert (figures.providers, figures.introducers, figures.dormant) == ((), (), ())
    assert len(figures.months) == 5 and figures.earned == figures.paid == 0
    assert len(figures.forecast) == 12 and figures.forecast_earned == 0
    assert (figures.overdue, figures.overdue_count) == (0, 0)


# --- small rules --------------------------------------------------------------------------------


def test_rates_are_rounded_for_display_only() -> None:
    two_thirds = Ratio(2, 3).percent
    assert two_thirds is not None and two_thirds > Decimal("66.66")
    assert percent_text(two_thirds, "en") == "66.7%"
    assert percent_text(Ratio(1, 1).percent, "fr") == "100\u202f%"
    assert Ratio(0, 0).percent is None


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    assert median([]) is None
    assert median([30, 10, 20]) == 20
    assert median([1, 10, 2, 3]) == Decimal("2.5")
