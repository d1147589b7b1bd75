"""From the file's entries (pydantic models) to domain values, numbered 1, 2, … per kind.

References by name become ids: a party of the expected kind, else a party of another kind with
that name (so that the rules report the wrong kind), else 0, which no entity has (so that the
rules report it unknown). A reference to an entry left out for its own mistakes is noted as
unresolved and not reported again.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import replace
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
from apporteur_desktop.domain.enums import PartyKind
from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.domain.parties import Address, BusinessIdentity, LegalIdentity, Party
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import (
    Engagement,
    Introduction,
    RevenueRevision,
    StatusChange,
)
from apporteur_desktop.validation.ledger import counterparty_kind, name_key
from apporteur_desktop.validation.parties import (
    normalised_business_identity,
    normalised_identity,
)

from .labels import engagement_labels
from .model import (
    AMENDABLE,
    NULLABLE,
    AddressEntry,
    AgreementEntry,
    AmendmentEntry,
    ComponentEntry,
    EngagementEntry,
    IdentityEntry,
    IntroductionEntry,
    LedgerFile,
    PartyEntry,
    TermsEntry,
)
from .places import FilePlaces
from .salvage import Salvaged


def _identity(entry: PartyEntry | IdentityEntry) -> LegalIdentity:
    return normalised_identity(
        LegalIdentity(
            name=entry.name,
            sole_trader=entry.sole_trader,
            legal_form=entry.legal_form,
            siren=entry.siren,
            siret=entry.siret,
            vat_number=entry.vat_number,
            registration=entry.registration,
            share_capital=entry.share_capital,
            address=_address(entry.address),
            email=entry.email,
        )
    )


def _address(entry: AddressEntry) -> Address:
    return Address(entry.street, entry.postcode, entry.city, entry.country)


def _component(entry: ComponentEntry) -> Component:
    return Component(
        kind=entry.kind,
        rate=entry.rate,
        amount=entry.amount,
        tiers=tuple(Tier(t.up_to, t.rate) for t in entry.tiers),
        tier_mode=entry.tier_mode,
        label=entry.label,
    )


def _terms_value(name: str, value: Any) -> Any:
    """One terms field of the file as the domain holds it."""
    if name == "components":
        return tuple(_component(c) for c in value)
    if name == "rights":
        return RightsDuration(value.kind, value.months, value.until)
    if name == "payment_terms":
        return PaymentTerms(value.kind, value.days)
    return value


def _terms(entry: TermsEntry) -> Terms:
    return Terms(**{name: _terms_value(name, getattr(entry, name)) for name in AMENDABLE})


def _amended(before: Terms, entry: AmendmentEntry) -> Terms:
    """The terms before, with what the amendment gives (null keeps a field, except a cap)."""
    changes = {
        name: _terms_value(name, getattr(entry, name))
        for name in AMENDABLE
        if name in entry.model_fields_set and (getattr(entry, name) is not None or name in NULLABLE)
    }
    return replace(before, **changes)


class Converter:
    """Builds the snapshot of one validated file; ``places`` says where each entity came from."""

    def __init__(self, raw: dict[str, Any], salvaged: Salvaged | None) -> None:
        self.raw = raw
        self.salvaged = salvaged
        self.places = FilePlaces()
        self._ids: dict[str, Iterator[int]] = {}
        self._parties: dict[tuple[PartyKind, str], int] = {}
        self._any_kind: dict[str, int] = {}
        self._left_out_names: set[str] = set()

    def _next_id(self, kind: str) -> int:
        return next(self._ids.setdefault(kind, itertools.count(1)))

    def _indexes(self, path: str, count: int) -> list[int]:
        return list(range(count)) if self.salvaged is None else self.salvaged.indexes(path, count)

    def _left_out(self, path: str) -> bool:
        return self.salvaged is not None and path in self.salvaged.refused

    def snapshot(self, document: LedgerFile) -> LedgerSnapshot:
        identity = None
        if document.identity is not None:
            identity = self._business(document.identity)
        parties = self._read_parties(document.parties)
        agreements: list[Agreement] = []
        introductions: list[Introduction] = []
        engagements: list[Engagement] = []
        revenue: list[RevenueRevision] = []
        positions = self._indexes("agreements", len(document.agreements))
        for position, entry in zip(positions, document.agreements, strict=True):
            path = f"agreements[{position}]"
            agreement = self._agreement(path, entry)
            agreements.append(agreement)
            assert agreement.id is not None
            self._introductions(path, entry, agreement.id, introductions, engagements, revenue)
        return LedgerSnapshot(
            identity=identity,
            parties=tuple(parties),
            agreements=tuple(agreements),
            introductions=tuple(introductions),
            engagements=tuple(engagements),
            revenue=tuple(revenue),
        )

    def _business(self, entry: IdentityEntry) -> BusinessIdentity:
        return normalised_business_identity(
            BusinessIdentity(
                identity=_identity(entry),
                vat_regime=entry.vat_regime,
                vat_rate=entry.vat_rate,
                vat_on_debits=entry.vat_on_debits,
                iban=entry.iban,
                bic=entry.bic,
            )
        )

    # parties and references to them

    def _read_parties(self, entries: list[PartyEntry]) -> list[Party]:
        parties = []
        for position, entry in zip(self._indexes("parties", len(entries)), entries, strict=True):
            party = Party(self._next_id("party"), entry.kind, _identity(entry), entry.notes)
            parties.append(party)
            self.places.parties.append(f"parties[{position}]")
            assert party.id is not None
            key = name_key(entry.name)
            self._parties.setdefault((entry.kind, key), party.id)
            self._any_kind.setdefault(key, party.id)
        raw = self.raw.get("parties")
        if isinstance(raw, list):
            for position, item in enumerate(raw):
                if self._left_out(f"parties[{position}]") and isinstance(item, dict):
                    name = item.get("name")
                    if isinstance(name, str):
                        self._left_out_names.add(name_key(name))
        return parties

    def _party_id(self, path: str, name: str, kind: PartyKind) -> int:
        """The party of that kind and name; another kind's party of that name (so the rules
        say it has the wrong kind); or 0, which no party has."""
        self.places.written[path] = name
        key = name_key(name)
        if (kind, key) in self._parties:
            return self._parties[(kind, key)]
        if key in self._left_out_names:
            self.places.unresolved.add(path)
            return 0
        return self._any_kind.get(key, 0)

    # agreements

    def _agreement(self, path: str, entry: AgreementEntry) -> Agreement:
        self.places.agreements.append(path)
        counterparty = self._party_id(
            f"{path}.counterparty", entry.counterparty, counterparty_kind(entry.direction)
        )
        terms = _terms(entry.terms)
        versions = [TermsVersion(None, terms, entry.terms.note, self._next_id("version"))]
        for amendment in entry.amendments:
            terms = _amended(terms, amendment)
            versions.append(
                TermsVersion(
                    amendment.effective_on, terms, amendment.note, self._next_id("version")
                )
            )
        return Agreement(
            id=self._next_id("agreement"),
            name=entry.name,
            direction=entry.direction,
            counterparty_id=counterparty,
            valid_from=entry.valid_from,
            versions=tuple(versions),
            signed_on=entry.signed_on,
            valid_until=entry.valid_until,
            self_billing=entry.self_billing,
            qualification_criteria=entry.qualification_criteria,
            exclusivity=entry.exclusivity,
            territory=entry.territory,
            notes=entry.notes,
        )

    # the pipeline

    def _introductions(
        self,
        agreement_path: str,
        entry: AgreementEntry,
        agreement_id: int,
        introductions: list[Introduction],
        engagements: list[Engagement],
        revenue: list[RevenueRevision],
    ) -> None:
        list_path = f"{agreement_path}.introductions"
        positions = self._indexes(list_path, len(entry.introductions))
        for position, item in zip(positions, entry.introductions, strict=True):
            path = f"{list_path}[{position}]"
            introduction = Introduction(
                id=self._next_id("introduction"),
                agreement_id=agreement_id,
                client_id=self._party_id(f"{path}.client", item.client, PartyKind.CLIENT),
                introduced_on=item.introduced_on,
                history=tuple(StatusChange(step.status, step.on) for step in item.steps),
                notes=item.notes,
            )
            introductions.append(introduction)
            self.places.introductions.append(path)
            assert introduction.id is not None
            self._engagements(path, item, introduction.id, engagements, revenue)

    def _raw_labels(self, introduction_path: str, count: int) -> tuple[list[str], set[str]]:
        """Every engagement's label in the file (empty ones numbered), and those of the
        engagements left out for their own mistakes."""
        raw_items = _raw_list(self.raw, f"{introduction_path}.engagements")
        if raw_items is None:
            return engagement_labels([""] * count), set()
        given = []
        for item in raw_items:
            label = item.get("label") if isinstance(item, dict) else None
            given.append(label if isinstance(label, str) else "")
        labels = engagement_labels(given)
        left_out = {
            name_key(labels[i])
            for i in range(len(labels))
            if self._left_out(f"{introduction_path}.engagements[{i}]")
        }
        return labels, left_out

    def _engagements(
        self,
        introduction_path: str,
        item: IntroductionEntry,
        introduction_id: int,
        engagements: list[Engagement],
        revenue: list[RevenueRevision],
    ) -> None:
        list_path = f"{introduction_path}.engagements"
        positions = self._indexes(list_path, len(item.engagements))
        labels, left_out = self._raw_labels(introduction_path, len(item.engagements))
        ids = [self._next_id("engagement") for _ in positions]
        by_label: dict[str, int] = {}
        for position, engagement_id in zip(positions, ids, strict=True):
            by_label.setdefault(name_key(labels[position]), engagement_id)
        for position, engagement_id, entry in zip(positions, ids, item.engagements, strict=True):
            path = f"{list_path}[{position}]"
            engagements.append(
                self._engagement(
                    path,
                    entry,
                    engagement_id,
                    introduction_id,
                    labels[position],
                    by_label,
                    left_out,
                )
            )
            self.places.engagements.append(path)
            revenue_positions = self._indexes(f"{path}.revenue", len(entry.revenue))
            for revenue_position, figure in zip(revenue_positions, entry.revenue, strict=True):
                revenue.append(
                    RevenueRevision(
                        id=self._next_id("revenue"),
                        engagement_id=engagement_id,
                        period=Period.parse(figure.period),
                        amount=figure.amount,
                        status=figure.status,
                        note=figure.note,
                    )
                )
                self.places.revenue.append(f"{path}.revenue[{revenue_position}]")

    def _engagement(
        self,
        path: str,
        entry: EngagementEntry,
        engagement_id: int,
        introduction_id: int,
        label: str,
        by_label: dict[str, int],
        left_out: set[str],
    ) -> Engagement:
        trial_id = None
        if entry.converts_trial is not None:
            reference = f"{path}.converts_trial"
            self.places.written[reference] = entry.converts_trial
            wanted = name_key(entry.converts_trial)
            trial_id = by_label.get(wanted, 0)
            if not trial_id and wanted in left_out:
                self.places.unresolved.add(reference)
        return Engagement(
            id=engagement_id,
            introduction_id=introduction_id,
            kind=entry.kind,
            start=entry.start,
            end=entry.end,
            amount=entry.amount,
            signed_on=entry.signed_on,
            converts_trial_id=trial_id,
            terminated_on=entry.terminated_on,
            label=label,
        )


def _raw_list(raw: dict[str, Any], path: str) -> list[Any] | None:
    node: Any = raw
    for name, index in re.findall(r"([a-z_]+)(?:\[(\d+)\])?", path):
        if not isinstance(node, dict):
            return None
        node = node.get(name)
        if index:
            if not isinstance(node, list) or int(index) >= len(node):
                return None
            node = node[int(index)]
    return node if isinstance(node, list) else None
