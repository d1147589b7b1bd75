"""The translation catalogue cannot fall behind the code.

Adding, changing or removing a translatable string without ``make catalogue`` fails here, as does
a French message left untranslated or fuzzy, a stale ``.mo`` file or a translation whose
``{placeholders}`` differ from its message id's.
"""

from __future__ import annotations

import io
import string
import tomllib
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from apporteur_desktop.i18n import (
    DEFAULT_LANGUAGE,
    DOMAIN,
    LANGUAGES,
    Translator,
    language_from_environment,
    normalise_language,
)

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "resources" / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def _po_file(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read_po(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=language)


def _keys(catalogue: Catalog) -> set[tuple[object, str | None]]:
    """What identifies a message: its id (a tuple for plurals) and its context."""
    return {(message.id, message.context) for message in catalogue if message.id}


def _fresh_extraction() -> Catalog:
    """Extract the messages of the code the way ``make catalogue`` does ([tool.babel])."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    method_map = []
    options_map = {}
    for mapping in config["tool"]["babel"]["mappings"]:
        options = {"keywords": parse_keywords(mapping["keywords"])}
        method_map.append((mapping["pattern"], mapping["method"]))
        options_map[mapping["pattern"]] = options
    catalogue = Catalog()
    for _filename, _lineno, message, _comments, context in extract_from_dir(
        str(ROOT / "apporteur_desktop"), method_map, options_map, keywords={}
    ):
        catalogue.add(message, context=context)
    return catalogue


def _forms(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if message.pluralizable else (message.string,)


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


# --- the catalogue files ------------------------------------------------------------------------


def test_the_template_matches_the_code() -> None:
    fresh = _keys(_fresh_extraction())
    committed = _keys(_read_po(TEMPLATE))
    report = [f"new in the code: {key!r}" for key in sorted(fresh - committed, key=repr)]
    report += [f"gone from the code: {key!r}" for key in sorted(committed - fresh, key=repr)]
    advice = "run `make catalogue` and translate the French catalogue"
    assert not report, "\n".join([advice, *report])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    catalogue = _read_po(_po_file(language), language)
    assert _keys(catalogue) == _keys(_read_po(TEMPLATE)), "run `make catalogue`"
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        forms = _forms(message)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(forms) or (message.pluralizable and len(forms) != catalogue.num_plurals):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, f"{_po_file(language).relative_to(ROOT)}:\n" + "\n".join(problems)


def test_english_messages_are_their_ids() -> None:
    for message in _read_po(_po_file("en"), "en"):
        if message.id:
            ids = tuple(message.id) if message.pluralizable else (message.id,)
            assert _forms(message) == ids, "run `make catalogue`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    problems = []
    for message in _read_po(_po_file(language), language):
        if not message.id:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        expected = set().union(*map(_placeholders, ids))
        for form in _forms(message):
            found = _placeholders(form)
            # A plural form may leave out the count ("one invoice"); a singular message may not.
            if found != expected and not (message.pluralizable and found <= expected):
                problems.append(f"{message.id!r}: {sorted(found)} instead of {sorted(expected)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_fresh(language: str) -> None:
    compiled_now = io.BytesIO()
    write_mo(compiled_now, _read_po(_po_file(language), language))
    compiled_now.seek(0)
    with _po_file(language).with_suffix(".mo").open("rb") as stream:
        committed = read_mo(stream)
    fresh = read_mo(compiled_now)

    def messages(catalogue: Catalog) -> dict[object, object]:
        def frozen(value: object) -> object:
            return tuple(value) if isinstance(value, list | tuple) else value

        return {(frozen(m.id), m.context): frozen(m.string) for m in catalogue}

    assert messages(committed) == messages(fresh), "run `make catalogue`"


# --- the translator -----------------------------------------------------------------------------


def test_french_and_english_word_a_catalogued_message_differently() -> None:
    french = {
        message.id: message.string
        for message in _read_po(_po_file("fr"), "fr")
        if message.id
        and not message.pluralizable
        and not message.fuzzy
        and message.string not in ("", message.id)
    }
    assert french, "the French catalogue should translate at least one message"
    for message_id, translation in french.items():
        assert Translator("fr").gettext(message_id) == translation
        assert Translator("en").gettext(message_id) == message_id


def test_language_names_are_translated() -> None:
    assert Translator("fr").language_name("en") == "Anglais"
    assert Translator("fr").language_name("fr") == "Français"
    assert Translator("en").language_name("fr") == "French"


def test_unknown_messages_fall_back_to_their_ids() -> None:
    translator = Translator("fr")
    assert translator.gettext("No such message {name}") == "No such message {name}"
    assert translator.ngettext("{count} thing", "{count} things", 1) == "{count} thing"
    assert translator.ngettext("{count} thing", "{count} things", 3) == "{count} things"


def test_french_is_the_default_and_other_languages_are_refused() -> None:
    assert Translator().language == DEFAULT_LANGUAGE == "fr"
    with pytest.raises(ValueError, match="de"):
        Translator("de")


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "fr"),
        ({"LANG": "C"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "fr"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "en_US"}, "en"),
        ({"LANGUAGE": "en", "LC_ALL": "fr_FR.UTF-8"}, "en"),
        ({"LANGUAGE": "de:en_GB:fr", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANGUAGE": "de", "LANG": "en_US.UTF-8"}, "en"),
        ({"LANGUAGE": "fr", "LANG": "en_US.UTF-8"}, "fr"),
    ],
)
def test_language_from_environment(environ: dict[str, str], language: str) -> None:
    assert language_from_environment(environ) == language


@pytest.mark.parametrize(
    ("locale_name", "language"),
    [("en", "en"), ("EN-us", "en"), ("en@euro", "en"), ("fr_BE", "fr"), ("it", "fr"), ("", "fr")],
)
def test_normalise_language(locale_name: str, language: str) -> None:
    assert normalise_language(locale_name) == language


def test_the_translator_follows_the_environment() -> None:
    assert Translator.from_environment({"LANG": "en_US.UTF-8"}).language == "en"
    assert Translator.from_environment({}).language == "fr"
