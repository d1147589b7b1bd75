from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.domain.problems import Refused
from apporteur_desktop.exchange import read_ledger, write_ledger
from tests.validation.builders import (
    agreement,
    amended,
    client,
    introduction,
    long_term,
    provider,
    revenue,
    revenue_share,
    tiered,
    trial,
)

from .files import ledger, trial_then_retainer, twenty_percent
from .snapshots import renumbered


def worked_example_a(**changes) -> LedgerSnapshot:
    values = {
        "identity": None,
        "parties": (provider(party_id=1), client(party_id=2)),
        "agreements": (agreement(rate="20 %", agreement_id=1),),
        "introductions": (introduction("2026-01-02", introduction_id=1),),
        "engagements": (
            trial("2026-01-05", engagement_id=1, end="2026-01-31", amount=800, label="essai"),
            long_term(
                "2026-02-01", engagement_id=2, amount=1200, converts_trial_id=1, label="suite"
            ),
        ),
        "revenue": (
            revenue("2026-01", 800, engagement_id=1),
            revenue("2026-02", 1200, engagement_id=2),
        ),
    }
    return LedgerSnapshot(**(values | changes))


def written(snapshot: LedgerSnapshot) -> dict:
    return json.loads(write_ledger(snapshot))


def test_write_read_write_gives_the_same_text():
    text = write_ledger(worked_example_a())
    assert write_ledger(read_ledger(text)) == text


def test_read_after_write_gives_the_snapshot_back_up_to_ids():
    snapshot = worked_example_a()
    assert read_ledger(write_ledger(snapshot)) == renumbered(snapshot)


def test_a_hand_written_file_written_back_reads_the_same():
    snapshot = read_ledger(ledger(twenty_percent(introductions=[trial_then_retainer()])))
    assert read_ledger(write_ledger(snapshot)) == snapshot


def test_amounts_have_two_places_and_rates_no_trailing_zeros():
    snapshot = worked_example_a(
        agreements=(agreement(revenue_share("12.50"), cap="1000", agreement_id=1),)
    )
    data = written(snapshot)
    terms = data["agreements"][0]["terms"]
    assert terms["components"] == [{"kind": "revenue_percent", "rate": "12.5"}]
    assert terms["cap_per_introduction"] == "1000.00"
    engagement = data["agreements"][0]["introductions"][0]["engagements"][0]
    assert engagement["amount"] == "800.00"
    assert engagement["revenue"] == [
        {"period": "2026-01", "amount": "800.00", "status": "confirmed"}
    ]


def test_tiers_with_an_open_top_bracket():
    snapshot = worked_example_a(agreements=(agreement(tiered((10000, 10), (None, 15))),))
    (component,) = written(snapshot)["agreements"][0]["terms"]["components"]
    assert component == {
        "kind": "tiered",
        "tiers": [{"up_to": "10000.00", "rate": "10"}, {"rate": "15"}],
        "tier_mode": "marginal",
    }
    assert read_ledger(write_ledger(snapshot)) == renumbered(snapshot)


def test_keys_come_in_a_stable_order():
    data = written(worked_example_a())
    assert list(data) == ["format", "version", "parties", "agreements"]
    assert list(data["agreements"][0]) == [
        "name",
        "direction",
        "counterparty",
        "signed_on",
        "valid_from",
        "terms",
        "introductions",
    ]
    assert list(data["agreements"][0]["terms"]) == [
        "components",
        "rights",
        "trial_coverage",
        "conversion_window_days",
        "clawback_days",
        "tail_months",
        "payment_terms",
    ]


def test_an_amendment_is_written_as_what_it_changes():
    base = agreement(rate="10 %", cap=1000, agreement_id=1)
    snapshot = worked_example_a(
        agreements=(amended(base, "2026-04-01", components=(revenue_share("12"),)),)
    )
    (amendment,) = written(snapshot)["agreements"][0]["amendments"]
    assert amendment == {
        "effective_on": "2026-04-01",
        "components": [{"kind": "revenue_percent", "rate": "12"}],
    }
    assert read_ledger(write_ledger(snapshot)) == renumbered(snapshot)


def test_a_cap_removed_by_an_amendment_is_written_null():
    base = agreement(rate="10 %", yearly_cap=5000, agreement_id=1)
    snapshot = worked_example_a(agreements=(amended(base, "2026-04-01", cap_per_year=None),))
    (amendment,) = written(snapshot)["agreements"][0]["amendments"]
    assert amendment == {"effective_on": "2026-04-01", "cap_per_year": None}
    assert read_ledger(write_ledger(snapshot)).agreements[0].versions[1].terms.cap_per_year is None


def test_revenue_keeps_its_recording_order_within_each_engagement():
    snapshot = worked_example_a(
        revenue=(
            revenue("2026-02", 1200, "estimated", engagement_id=2),
            revenue("2026-01", 800, engagement_id=1),
            revenue("2026-02", 1150, engagement_id=2),
        )
    )
    retainer = written(snapshot)["agreements"][0]["introductions"][0]["engagements"][1]
    assert [(r["amount"], r["status"]) for r in retainer["revenue"]] == [
        ("1200.00", "estimated"),
        ("1150.00", "confirmed"),
    ]
    back = read_ledger(write_ledger(snapshot))
    assert [r.amount for r in back.revenue if r.engagement_id == 2] == [
        Decimal("1200"),
        Decimal("1150"),
    ]


def test_unlabelled_engagements_are_written_with_a_label_to_refer_to():
    engagements = tuple(replace(e, label="") for e in worked_example_a().engagements)
    data = written(worked_example_a(engagements=engagements))
    first, second = data["agreements"][0]["introductions"][0]["engagements"]
    assert (first["label"], second["label"], second["converts_trial"]) == (
        "engagement 1",
        "engagement 2",
        "engagement 1",
    )
    text = write_ledger(worked_example_a(engagements=engagements))
    assert write_ledger(read_ledger(text)) == text


def test_a_snapshot_with_a_dangling_reference_cannot_be_written():
    snapshot = worked_example_a(introductions=(introduction(agreement_id=7),))
    with pytest.raises(Refused) as refused:
        write_ledger(snapshot)
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("introductions[0].agreement_id", "unknown_agreement")
    ]


def test_writing_is_deterministic():
    assert write_ledger(worked_example_a()) == write_ledger(worked_example_a())
    assert write_ledger(worked_example_a()).endswith("}\n")
