"""Translations through one gettext catalogue, ``apporteur``, shared by the UI, the command line
and the documents.

Message ids are English; French is the default language. There is deliberately no module-level
``_``: code that words messages receives a :class:`Translator` (from the application context or
the command line) and calls ``translator.gettext`` / ``translator.ngettext``, or binds
``_ = translator.gettext`` locally. :func:`N_` marks a string for extraction where it is defined
(in a table, as a default) and translated later.

This module has no Qt and reads the compiled catalogues from the shipped resources.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from apporteur_desktop.infra.resources import resource_path

DOMAIN = "apporteur"
DEFAULT_LANGUAGE = "fr"
LANGUAGES = ("fr", "en")


def N_(message: str) -> str:
    """Mark ``message`` for extraction into the catalogue without translating it now."""
    return message


# Names of the languages, for a language picker; worded by Translator.language_name.
LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType({"fr": N_("French"), "en": N_("English")})


def _base_language(locale_name: str) -> str:
    """``"en"`` from ``en``, ``en_GB.UTF-8``, ``en-US`` or ``en@euro``; lower case."""
    name = locale_name.strip().replace("-", "_")
    for separator in (".", "@", "_"):
        name = name.split(separator, 1)[0]
    return name.lower()


def normalise_language(locale_name: str) -> str:
    """``"en"`` for any English locale name (``en``, ``en_GB.UTF-8``, ``en-US``), else ``"fr"``."""
    return "en" if _base_language(locale_name) == "en" else DEFAULT_LANGUAGE


def language_from_environment(environ: Mapping[str, str]) -> str:
    """The interface language from the usual locale variables, as gettext reads them.

    ``LANGUAGE`` is a colon-separated list of preferences: its first entry that is a language of
    the app wins. Otherwise the first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set
    decides: ``"en"`` for an English locale, ``"fr"`` for anything else, French being the default.
    """
    for entry in environ.get("LANGUAGE", "").split(":"):
        base = _base_language(entry)
        if base in LANGUAGES:
            return base
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "").strip()
        if value:
            return normalise_language(value)
    return DEFAULT_LANGUAGE


@lru_cache(maxsize=len(LANGUAGES))
def _load_catalogue(language: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``language``; message ids are returned where it is missing."""
    compiled = resource_path("locale", language, "LC_MESSAGES", f"{DOMAIN}.mo")
    if not compiled.is_file():
        return _gettext.NullTranslations()
    with compiled.open("rb") as stream:
        return _gettext.GNUTranslations(stream)


class Translator:
    """Words messages in one language. Cheap to build: catalogues are loaded once per language."""

    __slots__ = ("_catalogue", "_language")

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
        self._language = language
        self._catalogue = _load_catalogue(language)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Translator:
        return cls(language_from_environment(environ))

    @property
    def language(self) -> str:
        return self._language

    def gettext(self, message: str) -> str:
        """The translation of ``message``, or ``message`` itself if the catalogue lacks it."""
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of the message for ``n`` items, by the language's plural rule."""
        return self._catalogue.ngettext(singular, plural, n)

    def language_name(self, code: str) -> str:
        """The name of language ``code`` (``"fr"``, ``"en"``) in this translator's language."""
        return self.gettext(LANGUAGE_NAMES[code])

    def __repr__(self) -> str:
        return f"Translator({self._language!r})"
