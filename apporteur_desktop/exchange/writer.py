"""Writing a ``LedgerSnapshot`` as a ledger exchange file.

Deterministic: keys in the order of the file's models, two-space indent, amounts as text with
two places ("240.00"), rates as normalised text ("12.5"), amendments as only the terms fields that
differ from the version before, and optional fields written only when they hold something. So
``write(read(write(s))) == write(s)``, and ``read(write(s))`` equals ``s`` up to ids (and up to
the labels given to unlabelled engagements, which the file needs to refer to a trial).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from apporteur_desktop.domain.agreements import Agreement, Component, Terms, TermsVersion
from apporteur_desktop.domain.enums import ComponentKind, TierMode
from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.domain.parties import Address, BusinessIdentity, LegalIdentity, Party
from apporteur_desktop.domain.pipeline import Engagement, Introduction, RevenueRevision
from apporteur_desktop.domain.problems import Problem, Refused

from .labels import engagement_labels
from .model import AMENDABLE, FORMAT, VERSION, LedgerFile


def write_ledger(snapshot: LedgerSnapshot) -> str:
    """The file's text; ``Refused`` when an entity refers to one the snapshot lacks (the file
    nests and names what the snapshot links by id, so such a link cannot be written)."""
    problems = _dangling(snapshot)
    if problems:
        raise Refused(problems)
    document = LedgerFile.model_validate(_Writer(snapshot).document())
    data = document.model_dump(mode="json", exclude_unset=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _dangling(snapshot: LedgerSnapshot) -> list[Problem]:
    problems: list[Problem] = []
    party_ids = {p.id for p in snapshot.parties}
    agreement_ids = {a.id for a in snapshot.agreements}
    introduction_ids = {i.id for i in snapshot.introductions}
    engagements = {e.id: e for e in snapshot.engagements}
    for index, agreement in enumerate(snapshot.agreements):
        if agreement.counterparty_id not in party_ids:
            problems.append(
                Problem.of(
                    f"agreements[{index}].counterparty_id",
                    agreement.counterparty_id,
                    "unknown_party",
                )
            )
    for index, introduction in enumerate(snapshot.introductions):
        place = f"introductions[{index}]"
        if introduction.agreement_id not in agreement_ids:
            problems.append(
                Problem.of(f"{place}.agreement_id", introduction.agreement_id, "unknown_agreement")
            )
        if introduction.client_id not in party_ids:
            problems.append(
                Problem.of(f"{place}.client_id", introduction.client_id, "unknown_party")
            )
    for index, engagement in enumerate(snapshot.engagements):
        place = f"engagements[{index}]"
        if engagement.introduction_id not in introduction_ids:
            problems.append(
                Problem.of(
                    f"{place}.introduction_id", engagement.introduction_id, "unknown_introduction"
                )
            )
        trial = engagements.get(engagement.converts_trial_id)
        if engagement.converts_trial_id is not None and (
            trial is None or trial.introduction_id != engagement.introduction_id
        ):
            problems.append(
                Problem.of(
                    f"{place}.converts_trial_id", engagement.converts_trial_id, "unknown_trial"
                )
            )
    for index, revision in enumerate(snapshot.revenue):
        if revision.engagement_id not in engagements:
            problems.append(
                Problem.of(
                    f"revenue[{index}].engagement_id", revision.engagement_id, "unknown_engagement"
                )
            )
    return problems


def _some(**values: Any) -> dict[str, Any]:
    """Only the values that hold something: no None, no empty text, no False, no empty list."""
    return {
        k: v for k, v in values.items() if v is not None and v != "" and v is not False and v != []
    }


def _identity_fields(identity: LegalIdentity) -> dict[str, Any]:
    fields: dict[str, Any] = {"name": identity.name}
    fields |= _some(
        sole_trader=identity.sole_trader,
        legal_form=identity.legal_form,
        siren=identity.siren,
        siret=identity.siret,
        vat_number=identity.vat_number,
        registration=identity.registration,
        share_capital=identity.share_capital,
    )
    if identity.address != Address():
        fields["address"] = _address(identity.address)
    return fields | _some(email=identity.email)


def _address(address: Address) -> dict[str, Any]:
    return _some(street=address.street, postcode=address.postcode, city=address.city) | {
        "country": address.country
    }


def _business(business: BusinessIdentity) -> dict[str, Any]:
    return (
        _identity_fields(business.identity)
        | {"vat_regime": business.vat_regime}
        | _some(
            vat_rate=business.vat_rate,
            vat_on_debits=business.vat_on_debits,
            iban=business.iban,
            bic=business.bic,
        )
    )


def _party(party: Party) -> dict[str, Any]:
    return {"kind": party.kind} | _identity_fields(party.identity) | _some(notes=party.notes)


def _component(component: Component) -> dict[str, Any]:
    fields: dict[str, Any] = {"kind": component.kind}
    fields |= _some(rate=component.rate, amount=component.amount)
    if component.tiers:
        fields["tiers"] = [
            ({} if t.up_to is None else {"up_to": t.up_to}) | {"rate": t.rate}
            for t in component.tiers
        ]
    if component.kind is ComponentKind.TIERED or component.tier_mode is not TierMode.MARGINAL:
        fields["tier_mode"] = component.tier_mode
    return fields | _some(label=component.label)


def _terms_field(terms: Terms, name: str) -> Any:
    value = getattr(terms, name)
    if name == "components":
        return [_component(c) for c in value]
    if name == "rights":
        return {"kind": value.kind} | _some(months=value.months, until=value.until)
    if name == "payment_terms":
        return {"kind": value.kind, "days": value.days}
    return value


def _terms(version: TermsVersion) -> dict[str, Any]:
    terms = version.terms
    fields = {
        name: _terms_field(terms, name)
        for name in AMENDABLE
        if name not in ("cap_per_introduction", "cap_per_year") or getattr(terms, name) is not None
    }
    return fields | _some(note=version.note)


def _amendment(before: Terms, version: TermsVersion) -> dict[str, Any]:
    fields: dict[str, Any] = {"effective_on": version.effective_on} | _some(note=version.note)
    for name in AMENDABLE:
        if getattr(version.terms, name) != getattr(before, name):
            fields[name] = _terms_field(version.terms, name)  # a cap removed is written null
    return fields


class _Writer:
    def __init__(self, snapshot: LedgerSnapshot) -> None:
        self.snapshot = snapshot
        self.names = {p.id: p.name for p in snapshot.parties}
        self.introductions: dict[int, list[Introduction]] = defaultdict(list)
        for introduction in snapshot.introductions:
            self.introductions[introduction.agreement_id].append(introduction)
        self.engagements: dict[int | None, list[Engagement]] = defaultdict(list)
        for engagement in snapshot.engagements:
            self.engagements[engagement.introduction_id].append(engagement)
        self.revenue: dict[int, list[RevenueRevision]] = defaultdict(list)
        for revision in snapshot.revenue:  # recording order kept within each engagement
            self.revenue[revision.engagement_id].append(revision)

    def document(self) -> dict[str, Any]:
        document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
        if self.snapshot.identity is not None:
            document["identity"] = _business(self.snapshot.identity)
        return document | _some(
            parties=[_party(p) for p in self.snapshot.parties],
            agreements=[self._agreement(a) for a in self.snapshot.agreements],
        )

    def _agreement(self, agreement: Agreement) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "name": agreement.name,
            "direction": agreement.direction,
            "counterparty": self.names[agreement.counterparty_id],
        }
        fields |= _some(signed_on=agreement.signed_on)
        fields["valid_from"] = agreement.valid_from
        fields |= _some(
            valid_until=agreement.valid_until,
            self_billing=agreement.self_billing,
            qualification_criteria=agreement.qualification_criteria,
            exclusivity=agreement.exclusivity,
            territory=agreement.territory,
            notes=agreement.notes,
        )
        first, *amendments = agreement.versions
        fields["terms"] = _terms(first)
        before = first.terms
        written = []
        for version in amendments:
            written.append(_amendment(before, version))
            before = version.terms
        return fields | _some(
            amendments=written,
            introductions=[self._introduction(i) for i in self.introductions[agreement.id or 0]],
        )

    def _introduction(self, introduction: Introduction) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "client": self.names[introduction.client_id],
            "introduced_on": introduction.introduced_on,
        }
        engagements = self.engagements[introduction.id]
        labels = engagement_labels([e.label for e in engagements])
        label_of = {e.id: label for e, label in zip(engagements, labels, strict=True)}
        return fields | _some(
            notes=introduction.notes,
            steps=[{"status": s.status, "on": s.on} for s in introduction.history],
            engagements=[self._engagement(e, label_of) for e in engagements],
        )

    def _engagement(
        self, engagement: Engagement, label_of: dict[int | None, str]
    ) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "label": label_of[engagement.id],
            "kind": engagement.kind,
            "start": engagement.start,
        }
        return fields | _some(
            end=engagement.end,
            amount=engagement.amount,
            signed_on=engagement.signed_on,
            converts_trial=(
                None
                if engagement.converts_trial_id is None
                else label_of[engagement.converts_trial_id]
            ),
            terminated_on=engagement.terminated_on,
            revenue=[_revision(r) for r in self.revenue[engagement.id or 0]],
        )


def _revision(revision: RevenueRevision) -> dict[str, Any]:
    return {
        "period": str(revision.period),
        "amount": revision.amount,
        "status": revision.status,
    } | _some(note=revision.note)
