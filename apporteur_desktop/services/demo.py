"""A realistic sample ledger, to try the app and to benchmark it.

``build_demo`` is pure: no I/O, no clock, no database. The same ``today``, ``scale``, ``seed`` and
``months`` always give the same ``LedgerSnapshot``. Each unit of ``scale`` adds one "book": two
introducers, twelve providers, a dozen clients, fourteen agreements that together use every
component kind, trial coverage and rights kind, and the introductions, engagements and monthly
revenue of ``months`` months of history ending with the month before ``today``. Each book draws
its parties, agreements and pipeline from its own random stream: the first book of a scale-10
ledger has the scale-1 ledger's parties and agreements, and the volume grows linearly.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from ..domain.agreements import (
    Agreement,
    Component,
    PaymentTerms,
    RightsDuration,
    Terms,
    TermsVersion,
    Tier,
)
from ..domain.enums import (
    ComponentKind,
    Direction,
    EngagementKind,
    PaymentTermsKind,
    RevenueStatus,
    RightsKind,
    TierMode,
    TrialCoverage,
)
from ..domain.ledger import LedgerSnapshot
from ..domain.money import from_cents
from ..domain.parties import Party
from ..domain.periods import Period
from ..domain.pipeline import Engagement, Introduction, RevenueRevision
from . import demo_people as words
from .demo_people import NameBook, cast_book, my_identity, person_names
from .demo_stories import (
    CLAWBACK,
    CONVERTED,
    DIRECT,
    EXTENDED,
    LATE,
    LOST,
    ONE_OFF,
    OPEN,
    PROJECTS,
    RETAINERS,
    Calendar,
    Draft,
    Shape,
    Story,
    end_of_month,
)

# --- the agreements of one book ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Template:
    """One agreement of a book: its terms, how often it brings introductions, what they become."""

    label: str
    direction: Direction
    versions: tuple[TermsVersion, ...]
    shape: Shape
    every: int  # one introduction every so many months
    forced: tuple[str, ...]  # the first stories, so that every book shows each case
    stories: tuple[tuple[str, int], ...] = RETAINERS
    ends_mid_history: bool = False  # ended, with a tail
    valid_until: date | None = None
    self_billing: bool = False
    criteria: str = words.CRITERIA
    exclusivity: str = "Aucune exclusivité."
    territory: str = ""


def _revenue(rate: str) -> Component:
    return Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(rate))


def _fee(kind: ComponentKind, amount: str) -> Component:
    return Component(kind, amount=Decimal(amount))


def _terms(
    *components: Component,
    rights: RightsDuration | None = None,
    trial: TrialCoverage = TrialCoverage.TRIAL_AND_CONVERSION,
    pay: PaymentTerms | None = None,
    cap: str | None = None,
    yearly_cap: str | None = None,
    clawback: int = 0,
    tail: int = 0,
) -> Terms:
    return Terms(
        components=components,
        rights=rights or RightsDuration(RightsKind.MONTHS, 12),
        trial_coverage=trial,
        cap_per_introduction=None if cap is None else Decimal(cap),
        cap_per_year=None if yearly_cap is None else Decimal(yearly_cap),
        clawback_days=clawback,
        tail_months=tail,
        payment_terms=pay or PaymentTerms(PaymentTermsKind.NET, 30),
    )


def _signed(terms: Terms) -> tuple[TermsVersion, ...]:
    return (TermsVersion(None, terms),)


def _templates(cal: Calendar) -> tuple[Template, ...]:
    earned, owed = Direction.EARNED, Direction.OWED
    eom45 = PaymentTerms(PaymentTermsKind.DAYS_END_OF_MONTH, 45)
    months = RightsDuration(RightsKind.MONTHS, 6), RightsDuration(RightsKind.MONTHS, 24)
    until = RightsDuration(RightsKind.UNTIL_DATE, until=date(cal.today.year + 1, 12, 31))
    one_off = RightsDuration(RightsKind.ONE_OFF)
    stays = RightsDuration(RightsKind.WHILE_CLIENT_STAYS)
    amended_on = (cal.first + cal.months // 2).first_day()
    ten = _terms(_revenue("10"), rights=RightsDuration(RightsKind.MONTHS, 18), clawback=60)
    amended = (
        TermsVersion(None, ten),
        TermsVersion(
            amended_on,
            replace(ten, components=(_revenue("12"),)),
            f"Avenant n° 1 : taux porté de 10 % à 12 % à compter du {amended_on:%d/%m/%Y}.",
        ),
    )
    marginal = (Tier(Decimal("10000.00"), Decimal(10)), Tier(None, Decimal(15)))
    whole = Component(
        ComponentKind.TIERED,
        tiers=(
            Tier(Decimal("15000.00"), Decimal(6)),
            Tier(Decimal("40000.00"), Decimal(9)),
            Tier(None, Decimal(12)),
        ),
        tier_mode=TierMode.WHOLE_VOLUME,
    )
    qualified = _fee(ComponentKind.QUALIFIED_FEE, "150.00")
    contract_value = Component(ComponentKind.CONTRACT_VALUE_PERCENT, rate=Decimal(7))
    return (
        Template("apport", earned, _signed(_terms(_revenue("20"), clawback=30)),
                 Shape(600, 1500, 30), 4, (CONVERTED, CLAWBACK, EXTENDED)),
        Template("essais clients", earned,
                 _signed(_terms(_revenue("10"), rights=RightsDuration(RightsKind.MONTHS, 3),
                                trial=TrialCoverage.TRIAL_ONLY)),
                 Shape(500, 1200), 6, (CONVERTED,)),
        Template("partenariat", earned,
                 _signed(_terms(_revenue("12"), trial=TrialCoverage.CONVERSION_ONLY, pay=eom45)),
                 Shape(800, 2000), 5, (CONVERTED, LATE), territory="Pays de la Loire"),
        Template("rendez-vous qualifiés", earned,
                 _signed(_terms(qualified, _revenue("10"), cap="1200.00")),
                 Shape(800, 2000), 3, (CONVERTED, LOST, OPEN), criteria=words.CRITERIA_MEETING),
        Template("apport", earned,
                 _signed(_terms(_fee(ComponentKind.SIGNATURE_FEE, "250.00"), _revenue("8"),
                                rights=until, pay=PaymentTerms(PaymentTermsKind.NET, 45))),
                 Shape(700, 1800), 5, (DIRECT, CONVERTED),
                 valid_until=date(cal.today.year, 12, 31)),
        Template("missions ponctuelles", earned,
                 _signed(_terms(contract_value, rights=one_off, yearly_cap="5000.00")),
                 Shape(0, 0), 4, (ONE_OFF, ONE_OFF), PROJECTS),
        Template("apport", earned,
                 _signed(_terms(Component(ComponentKind.TIERED, tiers=marginal),
                                rights=stays, pay=eom45)),
                 Shape(1500, 3500), 6, (DIRECT, CONVERTED), self_billing=True,
                 exclusivity="Exclusivité sur la gestion administrative externalisée."),
        Template("partenariat volume", earned,
                 _signed(_terms(whole, rights=months[1],
                                pay=PaymentTerms(PaymentTermsKind.NET, 60))),
                 Shape(2000, 4500), 6, (DIRECT, DIRECT), territory="France métropolitaine"),
        Template("apport", earned, amended, Shape(600, 1600, 60), 5, (CONVERTED, DIRECT)),
        Template("apport", earned, _signed(_terms(_revenue("15"), clawback=30, tail=3)),
                 Shape(600, 1500, 30), 4, (CONVERTED, DIRECT), ends_mid_history=True),
        Template("projets", earned,
                 _signed(_terms(_fee(ComponentKind.SIGNATURE_FEE, "300.00"),
                                replace(contract_value, rate=Decimal(5)), clawback=45,
                                pay=PaymentTerms(PaymentTermsKind.END_OF_MONTH_DAYS, 15))),
                 Shape(0, 0, 45), 5, (ONE_OFF, ONE_OFF), PROJECTS),
        Template("apport", earned,
                 _signed(_terms(_revenue("15"), rights=months[0], yearly_cap="3000.00",
                                clawback=30,
                                pay=PaymentTerms(PaymentTermsKind.DAYS_END_OF_MONTH, 30))),
                 Shape(500, 1200, 30), 5, (EXTENDED, DIRECT)),
        Template("apport de clients", owed,
                 _signed(_terms(_revenue("15"), rights=months[0], clawback=30)),
                 Shape(400, 1200, 30), 6, (CONVERTED, DIRECT)),
        Template("recommandations", owed,
                 _signed(_terms(_fee(ComponentKind.SIGNATURE_FEE, "150.00"), _revenue("5"))),
                 Shape(300, 900), 6, (DIRECT,)),
    )  # fmt: skip


# --- building the ledger ----------------------------------------------------------------------

Pending = tuple[tuple[date, int, int], Introduction, list[Draft]]


@dataclass
class _Ledger:
    cal: Calendar
    parties: list[Party] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)


def build_demo(today: date, scale: int = 1, seed: int = 2026, months: int = 18) -> LedgerSnapshot:
    """A sample ledger of ``months`` months of history ending with the month before ``today``.

    ``scale`` multiplies parties, agreements, introductions, engagements and revenue.
    """
    if scale < 1 or months < 1:
        raise ValueError("scale and months must be at least 1")
    master = random.Random(seed)
    identity = my_identity(random.Random(master.getrandbits(64)))
    names = NameBook(random.Random(master.getrandbits(64)), set())
    people = person_names(random.Random(master.getrandbits(64)))
    revenue_rng = random.Random(master.getrandbits(64))
    last = Period.of(today) + -1
    ledger = _Ledger(Calendar(today, last + (1 - months), last, months))
    for book in range(scale):
        _add_book(ledger, random.Random(master.getrandbits(64)), book, names, people)
    introductions, engagements = _number_pipeline(ledger.pending)
    return LedgerSnapshot(
        identity=identity,
        parties=tuple(ledger.parties),
        agreements=tuple(ledger.agreements),
        introductions=introductions,
        engagements=engagements,
        revenue=_revenue_rows(revenue_rng, ledger.cal, engagements),
    )


def _add_book(
    ledger: _Ledger,
    rng: random.Random,
    book: int,
    names: NameBook,
    people: Iterator[tuple[str, str]],
) -> None:
    templates = _templates(ledger.cal)
    earned = sum(1 for t in templates if t.direction is Direction.EARNED)
    sizes = (len(templates) - earned, earned, max(12, ledger.cal.months * 2 // 3))
    cast = cast_book(rng, names, people, ledger.parties, book, sizes)
    providers, introducers = iter(cast.providers), iter(cast.introducers)
    clients = [client.id or 0 for client in cast.clients]
    for template in templates:
        earns = template.direction is Direction.EARNED
        agreement = _agreement(ledger, rng, template, next(providers if earns else introducers))
        _introduce(ledger, rng, template, agreement, clients)


def _agreement(ledger: _Ledger, rng: random.Random, template: Template, party: Party) -> Agreement:
    cal = ledger.cal
    valid_from = (cal.first + -rng.randint(1, 9)).first_day()
    valid_until = template.valid_until
    if template.ends_mid_history:
        valid_until = (cal.first + max(1, cal.months // 2)).first_day() - timedelta(days=1)
    agreement = Agreement(
        id=len(ledger.agreements) + 1,
        name=f"{party.name} — {template.label} {valid_from.year}",  # party names are unique
        direction=template.direction,
        counterparty_id=party.id or 0,
        valid_from=valid_from,
        versions=template.versions,
        signed_on=valid_from - timedelta(days=rng.randint(2, 20)),
        valid_until=valid_until,
        self_billing=template.self_billing,
        qualification_criteria=template.criteria,
        exclusivity=template.exclusivity,
        territory=template.territory,
    )
    ledger.agreements.append(agreement)
    return agreement


def _introduce(
    ledger: _Ledger,
    rng: random.Random,
    template: Template,
    agreement: Agreement,
    clients: list[int],
) -> None:
    """Spread the agreement's introductions over its part of the history, one per slot."""
    cal = ledger.cal
    first = max(cal.first.first_day(), agreement.valid_from)
    last = min(cal.last_day, agreement.valid_until or cal.last_day)
    span = (last - first).days + 1
    per = 304 * template.every  # tenths of days between two introductions
    count = max(len(template.forced), (span * 10 + per // 2) // per)
    stories = [story for story, weight in template.stories for _ in range(weight)]
    chosen: set[int] = set()
    for position in range(count):
        introduced = first + timedelta(days=span * position // count)
        introduced += timedelta(days=rng.randint(0, max(0, span // count - 1)))
        story = template.forced[position] if position < len(template.forced) else None
        if template.ends_mid_history and position == count - 1 and count > 1:
            # Late in the agreement's life: the engagement will be signed in its tail.
            introduced = max(first, last - timedelta(days=rng.randint(5, 15)))
            story = story or CONVERTED
        client = rng.choice(clients)
        for _ in range(4):  # a client is rarely introduced twice under one agreement
            if client not in chosen:
                break
            client = rng.choice(clients)
        chosen.add(client)
        told = Story(rng, cal.last_day, template.shape, introduced).tell(
            story or rng.choice(stories)
        )
        note = rng.choice(words.INTRODUCTION_NOTES) if rng.randint(0, 2) == 0 else ""
        introduction = Introduction(
            None, agreement.id or 0, client, introduced, tuple(told.history), note
        )
        ledger.pending.append(
            ((introduced, agreement.id or 0, position), introduction, told.drafts)
        )


def _number_pipeline(
    pending: list[Pending],
) -> tuple[tuple[Introduction, ...], tuple[Engagement, ...]]:
    """Number introductions by date and engagements by signature: the order they were recorded."""
    pending.sort(key=lambda item: item[0])
    introductions = []
    drafts: list[tuple[tuple[date, date, int, int], Draft]] = []
    for number, (_, introduction, told) in enumerate(pending, start=1):
        introductions.append(replace(introduction, id=number))
        for position, draft in enumerate(told):
            draft.introduction_id = number
            drafts.append(((draft.signed, draft.start, number, position), draft))
    drafts.sort(key=lambda item: item[0])
    for number, (_, draft) in enumerate(drafts, start=1):
        draft.id = number
    return tuple(introductions), tuple(draft.engagement() for _, draft in drafts)


# --- monthly revenue --------------------------------------------------------------------------


Row = tuple[int, int, int, RevenueStatus, str]  # engagement id, month slot, cents, status, note


def _revenue_rows(
    rng: random.Random, cal: Calendar, engagements: tuple[Engagement, ...]
) -> tuple[RevenueRevision, ...]:
    """Every engagement month of the history, in recording order.

    A month's figure is recorded at its end; corrections and confirmations of estimates come
    a month or two later. Every figure is confirmed except the last month's, an estimate.
    Built from plain tuples and random bits: the benchmark asks for hundreds of thousands.
    """
    estimated, confirmed = RevenueStatus.ESTIMATED, RevenueStatus.CONFIRMED
    regular: list[list[Row]] = [[] for _ in range(cal.months)]
    later: list[list[Row]] = [[] for _ in range(cal.months)]
    final, before = cal.months - 1, cal.months - 2
    corrected_one = False
    for engagement in engagements:
        eid = engagement.id or 0
        for slot, plain, cents in _monthly_cents(rng, cal, engagement):
            if slot == final:  # the expected fee, until the provider has invoiced
                regular[slot].append((eid, slot, plain, estimated, words.ESTIMATED_NOTE))
            elif slot == before and rng.getrandbits(3) == 0:
                # Entered as the expected retainer, confirmed once the provider invoiced.
                regular[slot].append((eid, slot, plain, estimated, words.ESTIMATED_NOTE))
                later[final].append((eid, slot, cents, confirmed, words.CONFIRMED_NOTE))
            else:
                regular[slot].append((eid, slot, cents, confirmed, ""))
                first_one = not corrected_one and engagement.kind is EngagementKind.LONG_TERM
                if slot < before and (first_one or rng.getrandbits(10) < 30):
                    corrected_one = True
                    fixed = cents * rng.choice((85, 90, 95, 97, 104, 110)) // 100
                    when = min(slot + 1 + rng.getrandbits(1), final)
                    later[when].append((eid, slot, fixed, confirmed, words.CORRECTED_NOTE))
    periods = [cal.first + slot for slot in range(cal.months)]
    amounts: dict[int, Decimal] = {}
    revisions = []
    for month in range(cal.months):
        for eid, slot, cents, status, note in (*regular[month], *later[month]):
            amount = amounts.get(cents)
            if amount is None:
                amount = amounts[cents] = from_cents(cents)
            revisions.append(
                RevenueRevision(len(revisions) + 1, eid, periods[slot], amount, status, note)
            )
    return tuple(revisions)


def _monthly_cents(
    rng: random.Random, cal: Calendar, engagement: Engagement
) -> list[tuple[int, int, int]]:
    """(month slot, the plain fee, what the provider billed) for each month in the history.

    A retainer's fee is pro rata of the days worked in a month it starts or ends mid-month,
    and half of its months carry a few hours more or less; a project is billed in equal
    instalments over its months, the last taking the rest.
    """
    first = Period.of(engagement.start)
    stop = engagement.terminated_on or engagement.end
    end = Period.of(stop) if stop else cal.last
    cents = int((engagement.amount or Decimal(0)) * 100)
    slots = range(max(0, first - cal.first), min(cal.months - 1, end - cal.first) + 1)
    if engagement.kind is EngagementKind.ONE_OFF:
        count = end - first + 1
        share = cents // count
        rest = cents - share * (count - 1)
        last = end - cal.first
        return [(slot, share, rest if slot == last else share) for slot in slots]
    if engagement.kind is EngagementKind.TRIAL:
        return [(slot, cents, cents) for slot in slots]
    rows = []
    for slot in slots:
        plain = cents
        if slot == first - cal.first and engagement.start.day > 1:
            plain = _pro_rata(cents, cal.first + slot, engagement.start, None)
        if stop is not None and slot == end - cal.first:
            plain = _pro_rata(plain, cal.first + slot, None, stop)
        billed = plain
        if rng.getrandbits(1):
            billed = plain * (940 + rng.getrandbits(7)) // 1000  # extra or fewer hours
        rows.append((slot, plain, billed))
    return rows


def _pro_rata(cents: int, period: Period, start: date | None, stop: date | None) -> int:
    month_last = end_of_month(period)
    worked = ((stop or month_last) - (start or period.first_day())).days + 1
    return cents * worked // month_last.day
