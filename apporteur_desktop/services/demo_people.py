"""Who the demo ledger is about: French names, addresses, valid identifiers, and the words
its records use (labels, notes, qualification criteria).

Pure tables and generators for ``services.demo``: every number comes from the ``random.Random``
the caller passes, so the same seed gives the same people. SIREN and SIRET carry a Luhn check
digit, VAT numbers the key computed from the SIREN, the IBAN its RIB key and mod-97 check digits,
so the demo passes the same checks as real data. E-mail addresses use the reserved ``.example``
top-level domain: sample data must never reach a real mailbox.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from ..domain.enums import PartyKind
from ..domain.money import from_cents
from ..domain.parties import Address, BusinessIdentity, LegalIdentity, Party

# --- places -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class City:
    name: str
    postcodes: tuple[str, ...]
    registry: str  # the commercial court's registry (greffe) of the RCS


CITIES: tuple[City, ...] = (
    City("Lyon", ("69001", "69002", "69003", "69006", "69007", "69009"), "Lyon"),
    City("Nantes", ("44000", "44100", "44200", "44300"), "Nantes"),
    City("Bordeaux", ("33000", "33100", "33200", "33300", "33800"), "Bordeaux"),
    City("Lille", ("59000", "59160", "59260", "59800"), "Lille Métropole"),
    City("Rennes", ("35000", "35200", "35700"), "Rennes"),
    City("Toulouse", ("31000", "31100", "31200", "31300", "31400", "31500"), "Toulouse"),
    City("Paris", ("75003", "75008", "75010", "75011", "75015", "75017", "75020"), "Paris"),
    City("Marseille", ("13001", "13005", "13006", "13008"), "Marseille"),
    City("Montpellier", ("34000", "34070", "34080", "34090"), "Montpellier"),
    City("Strasbourg", ("67000", "67100", "67200"), "Strasbourg"),
    City("Angers", ("49000", "49100"), "Angers"),
    City("Tours", ("37000", "37100", "37200"), "Tours"),
    City("Grenoble", ("38000", "38100"), "Grenoble"),
    City("Dijon", ("21000",), "Dijon"),
    City("Nice", ("06000", "06100", "06200", "06300"), "Nice"),
)
CITY_BY_NAME = {city.name: city for city in CITIES}

STREETS: tuple[str, ...] = (
    "rue de la République",
    "avenue Jean Jaurès",
    "rue Victor Hugo",
    "boulevard Gambetta",
    "rue du Général de Gaulle",
    "place du Marché",
    "rue des Tanneurs",
    "quai de la Fosse",
    "rue Sainte-Catherine",
    "cours Lafayette",
    "rue Nationale",
    "allée des Tilleuls",
    "rue Pasteur",
    "avenue de la Libération",
    "rue des Carmes",
    "impasse des Lilas",
    "rue du Faubourg Saint-Antoine",
    "chemin des Vignes",
    "rue Esquermoise",
    "boulevard de la Liberté",
)

# --- people and businesses --------------------------------------------------------------------

FIRST_NAMES: tuple[str, ...] = (
    "Julien", "Aurélie", "Sophie", "Thomas", "Élodie", "Nicolas", "Claire", "Mathieu", "Laura",
    "Antoine", "Pauline", "Maxime", "Nathalie", "Hugo", "Émilie", "Romain", "Céline", "Lucas",
    "Manon", "Guillaume", "Chloé", "Benoît", "Sarah", "Vincent", "Inès", "Olivier", "Léa",
    "François", "Margaux", "Yann",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Moreau", "Fabre", "Garnier", "Roux", "Marchand", "Perrin", "Girard", "Lemoine", "Dufour",
    "Mercier", "Blanchard", "Fontaine", "Chevalier", "Robin", "Masson", "Gauthier", "Lambert",
    "Bonnet", "Faure", "Rousseau", "Vincent", "Muller", "Lefebvre", "Picard", "Brunet", "Giraud",
    "Boyer", "Caron", "Aubert", "Le Gall",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Business:
    """A row of a name table: a company (with its form) or, with form "EI", a sole trader."""

    name: str
    form: str  # SAS, SARL, EURL, or EI for a sole trader (then ``name`` is empty: a person)
    activity: str
    city: str = ""  # where it is, when the name ties it to a place


PROVIDERS: tuple[Business, ...] = (
    Business("Nantes Digital", "SARL", "Agence web", "Nantes"),
    Business("Atelier Numérique", "SAS", "Création de sites et boutiques en ligne", "Lyon"),
    Business("Studio Horizon", "SAS", "Identité visuelle et graphisme", "Bordeaux"),
    Business("Plume & Pixel", "EURL", "Rédaction web et référencement", "Rennes"),
    Business("", "EI", "Community management"),
    Business("Cabinet Garnier Expertise", "SARL", "Expertise comptable", "Toulouse"),
    Business("", "EI", "Développement d'applications"),
    Business("Objectif Lumière", "EURL", "Photographie professionnelle", "Marseille"),
    Business("Lingua Pro Traduction", "SAS", "Traduction et interprétariat", "Strasbourg"),
    Business("Référence Web", "SAS", "Référencement naturel (SEO)", "Montpellier"),
    Business("Paie Sereine", "SARL", "Gestion de la paie externalisée", "Nantes"),
    Business("", "EI", "Formation bureautique"),
    Business("Ouest Marketing", "SAS", "Marketing digital", "Rennes"),
    Business("Kaléido Design", "EURL", "Design graphique", "Grenoble"),
    Business("Cap Digital Services", "SAS", "Infogérance et support informatique", "Lille"),
)

CLIENTS: tuple[Business, ...] = (
    Business("Maison Lemoine", "SARL", "Traiteur"),
    Business("Boulangerie du Marché", "SARL", "Boulangerie-pâtisserie"),
    Business("Cabinet Vasseur Immobilier", "SAS", "Agence immobilière"),
    Business("", "EI", "Psychologue"),
    Business("Bio & Sens", "SAS", "Épicerie biologique"),
    Business("Transports Giraud", "SARL", "Transport de marchandises"),
    Business("", "EI", "Coach professionnelle"),
    Business("Optique Duval", "SARL", "Opticien"),
    Business("Les Jardins de Claire", "EURL", "Paysagiste"),
    Business("Hôtel Le Cormoran", "SAS", "Hôtellerie"),
    Business("", "EI", "Architecte d'intérieur"),
    Business("Cave & Comptoir", "EURL", "Caviste"),
    Business("Menuiserie Blanchard", "SARL", "Menuiserie"),
    Business("Studio Yoga Harmonie", "EURL", "Cours de yoga"),
    Business("Librairie La Page", "SARL", "Librairie"),
    Business("Domaine des Collines", "SAS", "Viticulture"),
    Business("", "EI", "Ostéopathe"),
    Business("Garage Fontaine", "SARL", "Garage automobile"),
)

INTRODUCERS: tuple[Business, ...] = (
    Business("", "EI", "Assistante virtuelle"),
    Business("", "EI", "Consultant en organisation"),
    Business("Réseau Entreprendre Ouest", "SAS", "Réseau d'affaires", "Nantes"),
)

# The first people of each table, so the scale-1 demo reads the same whatever the seed.
FIRST_PEOPLE: tuple[tuple[str, str], ...] = (
    ("Julien", "Moreau"),
    ("Aurélie", "Fabre"),
    ("Sophie", "Garnier"),
    ("Thomas", "Roux"),
    ("Élodie", "Marchand"),
    ("Claire", "Perrin"),
    ("Nicolas", "Girard"),
    ("Laura", "Dufour"),
)

SHARE_CAPITALS = (1_000, 2_000, 5_000, 8_000, 10_000, 15_000, 30_000, 50_000)


# --- identifiers ------------------------------------------------------------------------------


def luhn_digit(digits: str) -> str:
    """The digit that makes ``digits`` + it pass the Luhn check (SIREN, SIRET)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:  # doubled: the check digit will sit to its right
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def new_siren(rng: random.Random) -> str:
    while True:
        body = str(rng.randint(3, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        siren = body + luhn_digit(body)
        if siren != "356000000":  # La Poste's SIREN follows its own rule for SIRET
            return siren


def siret_of(rng: random.Random, siren: str) -> str:
    """The SIRET of an establishment of ``siren`` (main office numbers are small)."""
    body = siren + f"{rng.randint(1, 45):04d}"
    return body + luhn_digit(body)


def vat_number_of(siren: str) -> str:
    """The French intra-community VAT number: FR, a 2-digit key from the SIREN, the SIREN."""
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def spaced_siren(siren: str) -> str:
    return f"{siren[:3]} {siren[3:6]} {siren[6:]}"


def french_iban(rng: random.Random, bank: str, branch: str) -> str:
    """A French IBAN: bank and branch codes, an 11-digit account, the RIB key, mod-97 digits."""
    account = "".join(str(rng.randint(0, 9)) for _ in range(11))
    rib_key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    bban = f"{bank}{branch}{account}{rib_key:02d}"
    # Letters count as 10..35: F = 15, R = 27; the check digits go at the end as 00.
    check = 98 - int(bban + "152700") % 97
    return f"FR{check:02d}{bban}"


# --- names, addresses, e-mails ----------------------------------------------------------------


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: « Plume & Pixel » → plume-pixel."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(words)


def person_names(rng: random.Random) -> Iterator[tuple[str, str]]:
    """First the fixed people, then random pairs of the tables (the caller skips repeats)."""
    yield from FIRST_PEOPLE
    while True:
        yield rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


@dataclass
class NameBook:
    """Hands out party names, each used once in the whole ledger (so unique per kind too),
    reading naturally when a table runs out: a branch in another city for a company, a
    double-barrelled surname for a person, a number only as a last resort."""

    rng: random.Random
    used: set[str]

    def company(self, row: Business) -> tuple[str, City]:
        home = CITY_BY_NAME.get(row.city)
        if row.name not in self.used:
            return self._take(row.name), home or self.rng.choice(CITIES)
        city = self.rng.choice([c for c in CITIES if c is not home])
        return self._take(self._free(f"{row.name} {city.name}")), city

    def person(self, people: Iterator[tuple[str, str]]) -> tuple[str, str]:
        for attempt in range(80):
            first, last = next(people)
            if attempt >= 40:
                last = f"{last}-{self.rng.choice([n for n in LAST_NAMES if n != last])}"
            if f"{first} {last}" not in self.used:
                self._take(f"{first} {last}")
                return first, last
        first, last = next(people)
        name = self._take(self._free(f"{first} {last}"))
        return first, name[len(first) + 1 :]

    def _free(self, name: str) -> str:
        number = 2
        candidate = name
        while candidate in self.used:
            candidate = f"{name} {number}"
            number += 1
        return candidate

    def _take(self, name: str) -> str:
        self.used.add(name)
        return name


def address_in(rng: random.Random, city: City) -> Address:
    number = rng.randint(1, 148)
    suffix = " bis" if rng.randint(1, 15) == 1 else ""
    return Address(f"{number}{suffix} {rng.choice(STREETS)}", rng.choice(city.postcodes), city.name)


def make_identity(
    rng: random.Random, row: Business, names: NameBook, people: Iterator[tuple[str, str]]
) -> LegalIdentity:
    """A party's identity from a table row: a company, or a sole trader named after a person."""
    siren = new_siren(rng)
    siret = siret_of(rng, siren)
    if row.form == "EI":
        first, last = names.person(people)
        return LegalIdentity(
            name=f"{first} {last}",
            sole_trader=True,
            siren=siren,
            siret=siret,
            address=address_in(rng, CITY_BY_NAME.get(row.city) or rng.choice(CITIES)),
            email=f"{slug(first)}.{slug(last)}@{slug(row.activity)}.example",
        )
    name, city = names.company(row)
    return LegalIdentity(
        name=name,
        legal_form=row.form,
        siren=siren,
        siret=siret,
        vat_number=vat_number_of(siren),
        registration=f"RCS {city.registry} {spaced_siren(siren)}",
        share_capital=from_cents(rng.choice(SHARE_CAPITALS) * 100),
        address=address_in(rng, city),
        email=f"contact@{slug(name)}.example",
    )


def my_identity(rng: random.Random) -> BusinessIdentity:
    """Camille, a virtual assistant: micro-entrepreneur under the VAT franchise."""
    siren = new_siren(rng)
    identity = LegalIdentity(
        name="Camille Lefèvre",
        sole_trader=True,
        siren=siren,
        siret=siret_of(rng, siren),
        address=Address("14 rue des Tanneurs", "35000", "Rennes"),
        email="camille.lefevre@assistante-camille.example",
    )
    return BusinessIdentity(identity, iban=french_iban(rng, "30004", "00418"), bic="BNPAFRPPXXX")


@dataclass(frozen=True, slots=True)
class Cast:
    """The parties of one book of the demo."""

    introducers: tuple[Party, ...]
    providers: tuple[Party, ...]
    clients: tuple[Party, ...]


def cast_book(
    rng: random.Random,
    names: NameBook,
    people: Iterator[tuple[str, str]],
    parties: list[Party],
    book: int,
    sizes: tuple[int, int, int],
) -> Cast:
    """Append the book's introducers, providers and clients to ``parties``, numbered on."""

    def add(kind: PartyKind, table: tuple[Business, ...], count: int) -> tuple[Party, ...]:
        added = []
        for index in range(count):
            row = table[(book * count + index) % len(table)]
            identity = make_identity(rng, row, names, people)
            added.append(Party(len(parties) + 1, kind, identity, row.activity))
            parties.append(added[-1])
        return tuple(added)

    introducers, providers, clients = sizes
    return Cast(
        add(PartyKind.INTRODUCER, INTRODUCERS, introducers),
        add(PartyKind.PROVIDER, PROVIDERS, providers),
        add(PartyKind.CLIENT, CLIENTS, clients),
    )


# --- the words of the records -----------------------------------------------------------------

CRITERIA = (
    "Une mise en relation est qualifiée lorsque le prospect a exprimé un besoin précis, dispose "
    "d'un budget identifié et a accepté un premier rendez-vous avec le prestataire."
)
CRITERIA_MEETING = (
    "Est qualifié tout rendez-vous tenu entre le prestataire et un décideur de l'entreprise "
    "prospectée, ayant un besoin d'au moins 800 € HT par mois, et confirmé par écrit."
)
INTRODUCTION_NOTES = (
    "Rencontré au salon des entrepreneurs",
    "Recommandé par un client satisfait",
    "Contact LinkedIn",
    "Déjeuner du club d'affaires",
)
RETAINER_LABELS = (
    "Forfait mensuel",
    "Accompagnement mensuel",
    "Abonnement mensuel — 20 h",
    "Contrat de prestation récurrente",
)
PROJECT_LABELS = (
    "Refonte du site internet",
    "Création de l'identité visuelle",
    "Audit et plan d'action",
    "Campagne de lancement",
    "Migration du système d'information",
    "Traduction du catalogue",
)
TRIAL_LABEL = "Essai d'un mois"
EXTENDED_TRIAL_LABEL = "Essai d'un mois prolongé d'un mois"
CLIENT_LEFT_LABEL = "Forfait mensuel — client parti après quelques semaines"
ESTIMATED_NOTE = "Estimation du mois, à confirmer"
CORRECTED_NOTE = "Correction du prestataire : facture rectifiée"
CONFIRMED_NOTE = "Montant confirmé après facturation"
