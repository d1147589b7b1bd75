"""ORM rows ↔ domain values. Rows stay inside storage; callers only ever see domain values.

``*_values`` functions give the column values of a row as a dict (for ORM constructors and
bulk inserts alike), without the id and without the parent's foreign key, which the caller
knows; ``*_from_row`` functions build the domain value back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from apporteur_desktop.domain.agreements import (
    Agreement,
    Component,
    PaymentTerms,
    RightsDuration,
    Terms,
    TermsVersion,
    Tier,
)
from apporteur_desktop.domain.parties import Address, BusinessIdentity, LegalIdentity, Party
from apporteur_desktop.domain.pipeline import (
    Engagement,
    Introduction,
    RevenueRevision,
    StatusChange,
)

from .models import (
    AgreementRow,
    BusinessIdentityRow,
    ComponentRow,
    EngagementRow,
    IntroductionRow,
    IntroductionStepRow,
    PartyRow,
    RevenueRevisionRow,
    TermsRow,
    TierRow,
)
from .models.parties import IdentityColumns

Values = dict[str, Any]

# --- parties ---------------------------------------------------------------------------------


def identity_values(identity: LegalIdentity) -> Values:
    return {
        "name": identity.name,
        "sole_trader": identity.sole_trader,
        "legal_form": identity.legal_form,
        "siren": identity.siren,
        "siret": identity.siret,
        "vat_number": identity.vat_number,
        "registration": identity.registration,
        "share_capital": identity.share_capital,
        "street": identity.address.street,
        "postcode": identity.address.postcode,
        "city": identity.address.city,
        "country": identity.address.country,
        "email": identity.email,
    }


def identity_from_row(row: IdentityColumns) -> LegalIdentity:
    return LegalIdentity(
        name=row.name,
        sole_trader=row.sole_trader,
        legal_form=row.legal_form,
        siren=row.siren,
        siret=row.siret,
        vat_number=row.vat_number,
        registration=row.registration,
        share_capital=row.share_capital,
        address=Address(row.street, row.postcode, row.city, row.country),
        email=row.email,
    )


def party_values(party: Party) -> Values:
    return {"kind": party.kind, "notes": party.notes, **identity_values(party.identity)}


def party_from_row(row: PartyRow) -> Party:
    return Party(id=row.id, kind=row.kind, identity=identity_from_row(row), notes=row.notes)


def business_identity_values(business: BusinessIdentity) -> Values:
    return {
        "vat_regime": business.vat_regime,
        "vat_rate": business.vat_rate,
        "vat_on_debits": business.vat_on_debits,
        "iban": business.iban,
        "bic": business.bic,
        **identity_values(business.identity),
    }


def business_identity_from_row(row: BusinessIdentityRow) -> BusinessIdentity:
    return BusinessIdentity(
        identity=identity_from_row(row),
        vat_regime=row.vat_regime,
        vat_rate=row.vat_rate,
        vat_on_debits=row.vat_on_debits,
        iban=row.iban,
        bic=row.bic,
    )


# --- agreements ------------------------------------------------------------------------------


def agreement_values(agreement: Agreement, change_seq: int) -> Values:
    """The agreement's own columns; its versions go to :func:`terms_values`."""
    return {
        "name": agreement.name,
        "direction": agreement.direction,
        "counterparty_id": agreement.counterparty_id,
        "signed_on": agreement.signed_on,
        "valid_from": agreement.valid_from,
        "valid_until": agreement.valid_until,
        "self_billing": agreement.self_billing,
        "qualification_criteria": agreement.qualification_criteria,
        "exclusivity": agreement.exclusivity,
        "territory": agreement.territory,
        "notes": agreement.notes,
        "change_seq": change_seq,
    }


def terms_values(version: TermsVersion, change_seq: int) -> Values:
    """A version's columns, without ``agreement_id`` (set by the caller or the relationship)."""
    terms = version.terms
    return {
        "effective_on": version.effective_on,
        "note": version.note,
        "rights_kind": terms.rights.kind,
        "rights_months": terms.rights.months,
        "rights_until": terms.rights.until,
        "trial_coverage": terms.trial_coverage,
        "conversion_window_days": terms.conversion_window_days,
        "cap_per_introduction": terms.cap_per_introduction,
        "cap_per_year": terms.cap_per_year,
        "clawback_days": terms.clawback_days,
        "tail_months": terms.tail_months,
        "payment_terms_kind": terms.payment_terms.kind,
        "payment_terms_days": terms.payment_terms.days,
        "change_seq": change_seq,
    }


def component_values(component: Component, position: int) -> Values:
    return {
        "position": position,
        "kind": component.kind,
        "rate": component.rate,
        "amount": component.amount,
        "tier_mode": component.tier_mode,
        "label": component.label,
    }


def tier_values(tier: Tier, position: int) -> Values:
    return {"position": position, "up_to": tier.up_to, "rate": tier.rate}


# The ``*_from_row`` functions of an agreement also take Core rows of the same table (same
# attribute names), with the children read apart: ``tiers``, ``components``, ``versions``.


def component_from_row(
    row: ComponentRow | Any, tiers: Sequence[TierRow | Any] | None = None
) -> Component:
    return Component(
        kind=row.kind,
        rate=row.rate,
        amount=row.amount,
        tiers=tuple(tier_from_row(tier) for tier in (row.tiers if tiers is None else tiers)),
        tier_mode=row.tier_mode,
        label=row.label,
    )


def tier_from_row(row: TierRow | Any) -> Tier:
    return Tier(up_to=row.up_to, rate=row.rate)


def terms_version_from_row(
    row: TermsRow | Any, components: Sequence[Component] | None = None
) -> TermsVersion:
    if components is None:
        components = [component_from_row(c) for c in row.components]
    terms = Terms(
        components=tuple(components),
        rights=RightsDuration(row.rights_kind, row.rights_months, row.rights_until),
        trial_coverage=row.trial_coverage,
        conversion_window_days=row.conversion_window_days,
        cap_per_introduction=row.cap_per_introduction,
        cap_per_year=row.cap_per_year,
        clawback_days=row.clawback_days,
        tail_months=row.tail_months,
        payment_terms=PaymentTerms(row.payment_terms_kind, row.payment_terms_days),
    )
    return TermsVersion(effective_on=row.effective_on, terms=terms, note=row.note, id=row.id)


def agreement_from_row(
    row: AgreementRow | Any, versions: Sequence[TermsVersion] | None = None
) -> Agreement:
    """The agreement with every version; load ``versions`` eagerly when reading many."""
    if versions is None:
        versions = [terms_version_from_row(v) for v in row.versions]
    return Agreement(
        id=row.id,
        name=row.name,
        direction=row.direction,
        counterparty_id=row.counterparty_id,
        valid_from=row.valid_from,
        versions=tuple(versions),
        signed_on=row.signed_on,
        valid_until=row.valid_until,
        self_billing=row.self_billing,
        qualification_criteria=row.qualification_criteria,
        exclusivity=row.exclusivity,
        territory=row.territory,
        notes=row.notes,
    )


# --- pipeline --------------------------------------------------------------------------------


def introduction_values(introduction: Introduction, change_seq: int) -> Values:
    """The introduction's own columns; its history goes to :func:`step_values`."""
    return {
        "agreement_id": introduction.agreement_id,
        "client_id": introduction.client_id,
        "introduced_on": introduction.introduced_on,
        "notes": introduction.notes,
        "change_seq": change_seq,
    }


def step_values(change: StatusChange, position: int) -> Values:
    return {"position": position, "status": change.status, "on": change.on}


def introduction_from_row(row: IntroductionRow) -> Introduction:
    return Introduction(
        id=row.id,
        agreement_id=row.agreement_id,
        client_id=row.client_id,
        introduced_on=row.introduced_on,
        history=tuple(step_from_row(step) for step in row.steps),
        notes=row.notes,
    )


def step_from_row(row: IntroductionStepRow) -> StatusChange:
    return StatusChange(status=row.status, on=row.on)


def engagement_values(engagement: Engagement, change_seq: int) -> Values:
    return {
        "introduction_id": engagement.introduction_id,
        "kind": engagement.kind,
        "start": engagement.start,
        "end": engagement.end,
        "amount": engagement.amount,
        "signed_on": engagement.signed_on,
        "converts_trial_id": engagement.converts_trial_id,
        "terminated_on": engagement.terminated_on,
        "label": engagement.label,
        "change_seq": change_seq,
    }


def engagement_from_row(row: EngagementRow) -> Engagement:
    return Engagement(
        id=row.id,
        introduction_id=row.introduction_id,
        kind=row.kind,
        start=row.start,
        end=row.end,
        amount=row.amount,
        signed_on=row.signed_on,
        converts_trial_id=row.converts_trial_id,
        terminated_on=row.terminated_on,
        label=row.label,
    )


def revenue_values(revision: RevenueRevision, change_seq: int) -> Values:
    return {
        "engagement_id": revision.engagement_id,
        "period": revision.period,
        "amount": revision.amount,
        "status": revision.status,
        "note": revision.note,
        "change_seq": change_seq,
    }


# The columns of a RevenueRevision, in its field order: Core selects skip the ORM on big reads.
REVENUE_COLUMNS = (
    RevenueRevisionRow.id,
    RevenueRevisionRow.engagement_id,
    RevenueRevisionRow.period,
    RevenueRevisionRow.amount,
    RevenueRevisionRow.status,
    RevenueRevisionRow.note,
)


def revenue_from_row(row: RevenueRevisionRow | Any) -> RevenueRevision:
    """From an ORM row or a Core row of :data:`REVENUE_COLUMNS` (same attribute names)."""
    return RevenueRevision(
        id=row.id,
        engagement_id=row.engagement_id,
        period=row.period,
        amount=row.amount,
        status=row.status,
        note=row.note,
    )
