from __future__ import annotations

from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.validation.ledger import validate_snapshot

from .builders import (
    agreement,
    client,
    introducer,
    introduction,
    long_term,
    my_business,
    provider,
    revenue,
    revenue_share,
    trial,
    warned,
    where,
)


def camilles_ledger(**changes) -> LedgerSnapshot:
    """Worked example A: 20 %, trial in January at 800, then a retainer at 1,200 from February."""
    values = {
        "identity": my_business(),
        "parties": (provider(party_id=1), client(party_id=2), introducer(party_id=3)),
        "agreements": (
            agreement(rate="20 %", agreement_id=1, counterparty=1),
            agreement(
                rate="15 %", name="Marc — 15 %", direction="owed", agreement_id=2, counterparty=3
            ),
        ),
        "introductions": (introduction("2026-01-02", introduction_id=1, client_id=2),),
        "engagements": (
            trial("2026-01-01", engagement_id=1, end="2026-01-31", amount=800),
            long_term("2026-02-01", engagement_id=2, amount=1200, converts_trial_id=1),
        ),
        "revenue": (
            revenue("2026-01", 800, engagement_id=1),
            revenue("2026-02", 1200, engagement_id=2),
        ),
    }
    values.update(changes)
    return LedgerSnapshot(**values)


def test_worked_example_a_is_a_valid_ledger():
    assert validate_snapshot(camilles_ledger()) == ([], [])


def test_the_counterparty_of_an_earned_agreement_is_a_provider():
    ledger = camilles_ledger(agreements=(agreement(counterparty=2),))
    problems, _ = validate_snapshot(ledger)
    assert where(problems) == [("agreements[0].counterparty_id", "unknown_party")]
    assert problems[0].params == {"kind": "provider", "found_kind": "client"}


def test_the_counterparty_of_an_owed_agreement_is_an_introducer():
    ledger = camilles_ledger(agreements=(agreement(direction="owed", counterparty=1),))
    problems, _ = validate_snapshot(ledger)
    assert where(problems) == [("agreements[0].counterparty_id", "unknown_party")]
    assert problems[0].params == {"kind": "introducer", "found_kind": "provider"}


def test_a_counterparty_that_does_not_exist():
    problems, _ = validate_snapshot(camilles_ledger(agreements=(agreement(counterparty=99),)))
    assert where(problems) == [("agreements[0].counterparty_id", "unknown_party")]
    assert problems[0].params == {"kind": "provider"}


def test_the_introduced_client_is_a_client():
    ledger = camilles_ledger(introductions=(introduction(client_id=1),))
    assert where(validate_snapshot(ledger)[0]) == [("introductions[0].client_id", "unknown_party")]


def test_references_to_missing_entities():
    ledger = camilles_ledger(
        introductions=(introduction(agreement_id=9),),
        engagements=(trial(engagement_id=1, introduction_id=9),),
        revenue=(revenue("2026-01", 800, engagement_id=9),),
    )
    assert where(validate_snapshot(ledger)[0]) == [
        ("introductions[0].agreement_id", "unknown_agreement"),
        ("engagements[0].introduction_id", "unknown_introduction"),
        ("revenue[0].engagement_id", "unknown_engagement"),
    ]


def test_two_providers_with_the_same_name():
    ledger = camilles_ledger(
        parties=(
            provider("Atelier Léa", 1),
            client(party_id=2),
            introducer(party_id=3),
            provider("atelier  LÉA", 4),
        )
    )
    problems, _ = validate_snapshot(ledger)
    assert where(problems) == [("parties[3].identity.name", "duplicate_name")]
    assert problems[0].params == {"kind": "provider"}


def test_a_provider_and_an_introducer_may_share_a_name():
    # A colleague can introduce clients to me and receive clients from me.
    ledger = camilles_ledger(parties=(provider("Léa", 1), client(party_id=2), introducer("Léa", 3)))
    assert validate_snapshot(ledger)[0] == []


def test_two_agreements_with_the_same_name():
    ledger = camilles_ledger(
        agreements=(agreement(agreement_id=1), agreement(agreement_id=2)),
    )
    assert where(validate_snapshot(ledger)[0]) == [("agreements[1].name", "duplicate_name")]


def test_two_engagements_with_the_same_label_in_one_introduction():
    ledger = camilles_ledger(
        engagements=(
            trial(engagement_id=1, label="essai"),
            long_term(engagement_id=2, label="Essai"),
        ),
        revenue=(),
    )
    assert where(validate_snapshot(ledger)[0]) == [("engagements[1].label", "duplicate_label")]


def test_every_problem_of_every_entity_at_once():
    ledger = camilles_ledger(
        identity=my_business(iban="FR7630006000011234567890188"),
        parties=(provider(party_id=1, siren="123"), client(party_id=2)),
        agreements=(agreement(revenue_share(130), agreement_id=1),),
        engagements=(
            trial("2026-01-01", engagement_id=1, end="2025-12-31"),
            long_term("2026-02-01", engagement_id=2, converts_trial_id=2),
        ),
        revenue=(
            revenue("2026-01", 800, engagement_id=1),
            revenue("2026-02", 1200, engagement_id=2),
            revenue("2026-01", 700, "estimated", engagement_id=1),
        ),
    )
    assert where(validate_snapshot(ledger)[0]) == [
        ("identity.iban", "invalid_checksum"),
        ("parties[0].identity.siren", "invalid_length"),
        ("agreements[0].versions[0].terms.components[0].rate", "above_maximum"),
        ("engagements[0].end", "date_before_minimum"),
        ("engagements[1].converts_trial_id", "not_a_trial"),
        ("revenue[2].status", "estimate_after_confirmed"),
    ]


def test_warnings_name_their_field_in_the_snapshot():
    ledger = camilles_ledger(
        agreements=(agreement(rate="35 %", valid_from="2026-02-01", agreement_id=1),),
    )
    problems, notices = validate_snapshot(ledger)
    assert problems == []
    assert warned(notices) == [
        ("agreements[0].versions[0].terms.components[0].rate", "rate_above_usual"),
        ("introductions[0].introduced_on", "introduction_outside_validity"),
    ]
