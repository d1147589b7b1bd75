from __future__ import annotations

from datetime import date
from decimal import Decimal

from apporteur_desktop.domain.enums import (
    ComponentKind,
    EngagementKind,
    PartyKind,
    RevenueStatus,
    TrialCoverage,
)
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.exchange import read_ledger, read_ledger_with_notices
from tests.validation.builders import IBAN, SIREN, SIRET

from .files import (
    LEA,
    MARC,
    PETIT,
    ledger,
    problems_of,
    refused,
    trial_then_retainer,
    twenty_percent,
)

# --- what a good file gives --------------------------------------------------------------------


def test_worked_example_a_reads_into_a_snapshot():
    snapshot = read_ledger(ledger(twenty_percent(introductions=[trial_then_retainer()])))
    (agreement,) = snapshot.agreements
    assert agreement.original_terms.components[0].kind is ComponentKind.REVENUE_PERCENT
    assert agreement.original_terms.components[0].rate == Decimal("20")
    assert agreement.original_terms.trial_coverage is TrialCoverage.TRIAL_AND_CONVERSION
    assert agreement.original_terms.conversion_window_days == 60
    trial, retainer = snapshot.engagements
    assert (trial.kind, retainer.kind) == (EngagementKind.TRIAL, EngagementKind.LONG_TERM)
    assert retainer.converts_trial_id == trial.id
    assert [(str(r.period), r.amount) for r in snapshot.revenue] == [
        ("2026-01", Decimal("800")),
        ("2026-02", Decimal("1200")),
    ]
    assert snapshot.revenue[0].status is RevenueStatus.CONFIRMED


def test_ids_are_numbered_in_file_order_and_agree_with_each_other():
    second = {"client": "Boulangerie Petit", "introduced_on": "2026-03-01"}
    snapshot = read_ledger(
        ledger(
            twenty_percent(introductions=[trial_then_retainer()]),
            twenty_percent("Autre", introductions=[second]),
        )
    )
    assert [p.id for p in snapshot.parties] == [1, 2, 3]
    assert [a.id for a in snapshot.agreements] == [1, 2]
    assert [v.id for a in snapshot.agreements for v in a.versions] == [1, 2]
    assert [(i.id, i.agreement_id, i.client_id) for i in snapshot.introductions] == [
        (1, 1, 2),
        (2, 2, 2),
    ]
    assert [(e.id, e.introduction_id) for e in snapshot.engagements] == [(1, 1), (2, 1)]
    assert [(r.id, r.engagement_id) for r in snapshot.revenue] == [(1, 1), (2, 2)]
    assert snapshot.agreements[0].counterparty_id == 1


def test_numbers_are_exact_decimals_never_floats():
    text = ledger(
        twenty_percent(
            terms={
                "components": [
                    {"kind": "revenue_percent", "rate": 12.5},
                    {"kind": "qualified_fee", "amount": 0.1},
                ],
                "cap_per_year": 1e3,
            }
        )
    )
    terms = read_ledger(text).agreements[0].original_terms
    rate, fee = terms.components
    assert type(rate.rate) is Decimal and rate.rate == Decimal("12.5")
    assert type(fee.amount) is Decimal and fee.amount == Decimal("0.1")
    assert terms.cap_per_year == Decimal("1000")


def test_numbers_as_text_with_a_french_comma():
    text = ledger(
        twenty_percent(terms={"components": [{"kind": "revenue_percent", "rate": "12,5"}]})
    )
    assert read_ledger(text).agreements[0].original_terms.components[0].rate == Decimal("12.5")


def test_a_hand_written_file_stays_short():
    text = """{"format": "apporteur-ledger", "version": 1,
      "parties": [{"kind": "provider", "name": "Atelier Léa"}],
      "agreements": [{"name": "Léa", "direction": "earned", "counterparty": "Atelier Léa",
        "valid_from": "2026-01-01",
        "terms": {"components": [{"kind": "revenue_percent", "rate": 10}]}}]}"""
    terms = read_ledger(text).agreements[0].original_terms
    assert terms.rights.months == 12
    assert terms.payment_terms.days == 30
    assert terms.cap_per_introduction is None


def test_choices_may_be_written_in_words():
    agreement = twenty_percent()
    agreement["terms"]["trial_coverage"] = "Trial and conversion"
    terms = read_ledger(ledger(agreement)).agreements[0].original_terms
    assert terms.trial_coverage is TrialCoverage.TRIAL_AND_CONVERSION


def test_null_is_the_same_as_leaving_a_field_out():
    party = {"kind": "provider", "name": "Atelier Léa", "notes": None, "share_capital": None}
    snapshot = read_ledger(ledger(twenty_percent(notes=None), parties=[party]))
    assert snapshot.parties[0].notes == ""
    assert snapshot.agreements[0].notes == ""


def test_identifiers_are_stored_compact():
    party = LEA | {"siren": "732 829 320", "siret": "732 829 320 00074"}
    text = ledger(
        twenty_percent(),
        parties=[party],
        identity={"name": "Camille Durand", "iban": "fr76 3000 6000 0112 3456 7890 189"},
    )
    snapshot = read_ledger(text)
    assert (snapshot.parties[0].identity.siren, snapshot.parties[0].identity.siret) == (
        SIREN,
        SIRET,
    )
    assert snapshot.identity is not None and snapshot.identity.iban == IBAN


# --- references by name ------------------------------------------------------------------------


def test_references_ignore_case_and_spacing():
    agreement = twenty_percent(counterparty="atelier  LÉA", introductions=[trial_then_retainer()])
    agreement["introductions"][0]["client"] = "BOULANGERIE petit"
    snapshot = read_ledger(ledger(agreement))
    assert snapshot.agreements[0].counterparty_id == 1
    assert snapshot.introductions[0].client_id == 2


def test_a_name_shared_by_a_provider_and_an_introducer_resolves_by_direction():
    lea_introduces = {"kind": "introducer", "name": "Atelier Léa"}
    owed = twenty_percent("Léa m'apporte", direction="owed")
    snapshot = read_ledger(ledger(twenty_percent(), owed, parties=[LEA, PETIT, lea_introduces]))
    parties = {p.id: p.kind for p in snapshot.parties}
    assert parties[snapshot.agreements[0].counterparty_id] is PartyKind.PROVIDER
    assert parties[snapshot.agreements[1].counterparty_id] is PartyKind.INTRODUCER


def test_an_unknown_counterparty_is_reported_with_the_name_written():
    problems = problems_of(ledger(twenty_percent(counterparty="Foo")))
    assert [(p.field, p.value, p.code, dict(p.params)) for p in problems] == [
        ("agreements[0].counterparty", "Foo", "unknown_party", {"kind": "provider"})
    ]


def test_a_counterparty_of_the_wrong_kind():
    problems = problems_of(ledger(twenty_percent(counterparty="Boulangerie Petit")))
    assert [(p.field, p.value, p.code, dict(p.params)) for p in problems] == [
        (
            "agreements[0].counterparty",
            "Boulangerie Petit",
            "unknown_party",
            {"kind": "provider", "found_kind": "client"},
        )
    ]


def test_an_owed_agreement_names_an_introducer():
    assert refused(ledger(twenty_percent(direction="owed"))) == [
        ("agreements[0].counterparty", "unknown_party")
    ]
    assert read_ledger(ledger(twenty_percent(direction="owed", counterparty="Marc Colin")))


def test_an_unknown_client_and_an_unknown_trial():
    introduction = trial_then_retainer() | {"client": "Nobody"}
    introduction["engagements"][1]["converts_trial"] = "trial"
    problems = problems_of(ledger(twenty_percent(introductions=[introduction])))
    assert [(p.field, p.value, p.code) for p in problems] == [
        ("agreements[0].introductions[0].client", "Nobody", "unknown_party"),
        ("agreements[0].introductions[0].engagements[1].converts_trial", "trial", "unknown_trial"),
    ]


def test_unlabelled_engagements_are_numbered_and_can_be_referred_to():
    introduction = trial_then_retainer()
    for engagement in introduction["engagements"]:
        del engagement["label"]
    introduction["engagements"][1]["converts_trial"] = "engagement 1"
    snapshot = read_ledger(ledger(twenty_percent(introductions=[introduction])))
    assert [e.label for e in snapshot.engagements] == ["engagement 1", "engagement 2"]
    assert snapshot.engagements[1].converts_trial_id == snapshot.engagements[0].id


def test_a_given_label_is_never_taken_by_a_numbered_one():
    introduction = trial_then_retainer()
    introduction["engagements"][0]["label"] = ""
    introduction["engagements"][1]["label"] = "Engagement 1"
    introduction["engagements"][1]["converts_trial"] = "ENGAGEMENT 2"
    snapshot = read_ledger(ledger(twenty_percent(introductions=[introduction])))
    assert [e.label for e in snapshot.engagements] == ["engagement 2", "Engagement 1"]


def test_two_engagements_with_one_label():
    introduction = trial_then_retainer()
    introduction["engagements"][1]["label"] = "essai"
    assert refused(ledger(twenty_percent(introductions=[introduction]))) == [
        ("agreements[0].introductions[0].engagements[1].label", "duplicate_label")
    ]


# --- amendments --------------------------------------------------------------------------------


def test_an_amendment_changes_only_what_it_gives():
    agreement = twenty_percent(
        terms={
            "components": [{"kind": "revenue_percent", "rate": "10"}],
            "cap_per_introduction": "1000",
            "cap_per_year": "5000",
            "clawback_days": 30,
        },
        amendments=[
            {
                "effective_on": "2026-04-01",
                "components": [{"kind": "revenue_percent", "rate": "12"}],
            }
        ],
    )
    original, amendment = read_ledger(ledger(agreement)).agreements[0].versions
    assert amendment.effective_on == date(2026, 4, 1)
    assert amendment.terms.components[0].rate == Decimal("12")
    assert amendment.terms.cap_per_introduction == Decimal("1000")
    assert amendment.terms.cap_per_year == Decimal("5000")
    assert amendment.terms.clawback_days == 30
    assert original.terms.components[0].rate == Decimal("10")


def test_each_amendment_inherits_from_the_one_before():
    agreement = twenty_percent(
        terms={"components": [{"kind": "revenue_percent", "rate": "10"}]},
        amendments=[
            {"effective_on": "2026-04-01", "cap_per_year": "5000"},
            {
                "effective_on": "2026-07-01",
                "components": [{"kind": "revenue_percent", "rate": "12"}],
            },
            {"effective_on": "2026-10-01", "cap_per_year": None, "note": "plafond supprimé"},
        ],
    )
    versions = read_ledger(ledger(agreement)).agreements[0].versions
    assert [(v.terms.components[0].rate, v.terms.cap_per_year) for v in versions] == [
        (Decimal("10"), None),
        (Decimal("10"), Decimal("5000")),
        (Decimal("12"), Decimal("5000")),
        (Decimal("12"), None),
    ]
    assert versions[3].note == "plafond supprimé"


# --- every mistake at once, at its place in the file --------------------------------------------


def test_a_file_with_several_mistakes_reports_all_of_them():
    good = twenty_percent("Bon", introductions=[trial_then_retainer()])
    bad_rate = twenty_percent(
        "Taux",
        terms={
            "components": [{"kind": "revenue_percent", "rate": "130"}],
            "payment_terms": {"kind": "net", "days": 90},
        },
        amendments=[
            {"effective_on": "2025-12-01", "components": [{"kind": "revenue_percent", "rate": -1}]}
        ],
    )
    introduction = trial_then_retainer()
    introduction["engagements"][0]["end"] = "2026-01-01"
    introduction["engagements"][1]["revenue"].append({"period": "2026-13", "amount": "1200"})
    pipeline = twenty_percent("Pipeline", counterparty="Foo", introductions=[introduction])
    parties = [LEA | {"siret": "73282932000075"}, PETIT, MARC]
    problems = problems_of(ledger(good, pipeline, bad_rate, parties=parties))
    assert [(p.field, p.code) for p in problems] == [
        ("agreements[1].counterparty", "unknown_party"),
        ("agreements[1].introductions[0].engagements[0].end", "date_before_minimum"),
        ("agreements[1].introductions[0].engagements[1].revenue[1].period", "invalid_period"),
        ("agreements[2].amendments[0].components[0].rate", "below_minimum"),
        ("agreements[2].amendments[0].effective_on", "date_before_minimum"),
        ("agreements[2].terms.components[0].rate", "above_maximum"),
        ("agreements[2].terms.payment_terms.days", "above_maximum"),
        ("parties[0].siret", "invalid_checksum"),
    ]
    rate = problems[5]
    assert rate.value == Decimal("130")
    assert dict(rate.params) == {"maximum": 100}
    days = problems[6]
    assert (days.value, days.params["maximum"]) == (90, 60)


def test_structural_mistakes_are_reported_with_the_rules_of_the_rest():
    broken = twenty_percent("Cassé", direction="sideways", valid_from="01/02/2026")
    broken["terms"]["components"][0]["rates"] = "12"
    rule_broken = twenty_percent(terms={"components": [{"kind": "revenue_percent", "rate": "130"}]})
    assert refused(ledger(broken, rule_broken)) == [
        ("agreements[0].direction", "not_one_of"),
        ("agreements[0].terms.components[0].rates", "unknown_field"),
        ("agreements[0].valid_from", "invalid_date"),
        ("agreements[1].terms.components[0].rate", "above_maximum"),
    ]


def test_a_misspelt_key_suggests_the_right_one():
    agreement = twenty_percent()
    agreement["terms"]["components"][0]["rates"] = "12"
    (problem,) = problems_of(ledger(agreement))
    assert problem.field == "agreements[0].terms.components[0].rates"
    assert problem.params["suggestion"] == "rate"
    assert "tier_mode" in problem.params["allowed"]


def test_a_mistake_in_one_engagement_leaves_the_rest_of_the_introduction_checked():
    introduction = trial_then_retainer()
    introduction["engagements"][0]["start"] = "2026-02-30"
    introduction["engagements"][1]["revenue"][0]["amount"] = "-5"
    assert refused(ledger(twenty_percent(introductions=[introduction]))) == [
        ("agreements[0].introductions[0].engagements[0].start", "invalid_date"),
        ("agreements[0].introductions[0].engagements[1].revenue[0].amount", "below_minimum"),
    ]


def test_a_reference_to_an_entry_with_its_own_mistake_is_not_reported_twice():
    parties = [{"kind": "provider", "name": "Atelier Léa", "siren": 732829320}, PETIT, MARC]
    assert refused(ledger(twenty_percent(), parties=parties)) == [
        ("parties[0].siren", "not_a_text")
    ]


def test_required_fields_and_wrong_types():
    text = ledger(
        {
            "direction": "earned",
            "counterparty": "Atelier Léa",
            "valid_from": "2026-01-01",
            "self_billing": "yes",
            "terms": {"components": {}},
        },
        parties=[{"kind": "provider", "name": "Atelier Léa", "address": "Lyon"}],
    )
    assert refused(text) == [
        ("agreements[0].name", "required"),
        ("agreements[0].self_billing", "not_a_boolean"),
        ("agreements[0].terms.components", "not_a_list"),
        ("parties[0].address", "not_an_object"),
    ]


def test_whole_numbers_of_days():
    agreement = twenty_percent()
    agreement["terms"]["clawback_days"] = 30.5
    assert refused(ledger(agreement)) == [
        ("agreements[0].terms.clawback_days", "not_a_whole_number")
    ]


def test_a_key_given_twice():
    text = ledger(twenty_percent()).replace(
        '"direction": "earned"', '"direction": "earned", "direction": "owed"'
    )
    # JSON keeps the last value ("owed"), which then names the wrong kind of party.
    assert refused(text) == [
        ("agreements[0].counterparty", "unknown_party"),
        ("agreements[0].direction", "duplicate_key"),
    ]


def test_bad_json_syntax_is_reported_with_line_and_column():
    text = '{\n  "format": "apporteur-ledger",\n  "version": 1\n  "parties": []\n}\n'
    (problem,) = problems_of(text)
    assert problem.code == "json_syntax"
    assert (problem.params["line"], problem.params["column"]) == (4, 3)
    assert problem.field == ""


def test_nan_is_not_a_number():
    text = ledger(twenty_percent()).replace('"rate": "20"', '"rate": NaN')
    assert refused(text) == [("agreements[0].terms.components[0].rate", "invalid_number")]


def test_a_file_that_is_not_an_object():
    assert refused("[]") == [("", "not_an_object")]


def test_another_format_or_version_is_refused_before_anything_else():
    assert refused('{"format": "beancount", "version": 1, "agreements": 3}') == [
        ("format", "unsupported_format")
    ]
    problems = problems_of('{"format": "apporteur-ledger", "version": 2, "parties": 3}')
    assert [(p.field, p.code, dict(p.params)) for p in problems] == [
        ("version", "unsupported_version", {"supported": [1]})
    ]
    assert refused("{}") == [("format", "required"), ("version", "required")]


# --- warnings ----------------------------------------------------------------------------------


def test_warnings_come_with_their_place_in_the_file():
    agreement = twenty_percent(
        amendments=[
            {"effective_on": "2026-06-01", "components": [{"kind": "revenue_percent", "rate": 35}]}
        ]
    )
    _, notices = read_ledger_with_notices(ledger(agreement))
    assert [(n.code, n.params["field"]) for n in notices] == [
        ("rate_above_usual", "agreements[0].amendments[0].components[0].rate")
    ]


def test_an_introduction_before_the_agreement_only_warns():
    introduction = trial_then_retainer() | {"introduced_on": "2025-11-20"}
    snapshot, notices = read_ledger_with_notices(
        ledger(twenty_percent(introductions=[introduction]))
    )
    assert snapshot.introductions[0].introduced_on == date(2025, 11, 20)
    assert [(n.code, n.params["field"]) for n in notices] == [
        ("introduction_outside_validity", "agreements[0].introductions[0].introduced_on")
    ]


def test_revenue_months_are_periods():
    snapshot = read_ledger(ledger(twenty_percent(introductions=[trial_then_retainer()])))
    assert snapshot.revenue[0].period == Period(2026, 1)
