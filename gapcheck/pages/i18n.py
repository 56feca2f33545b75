"""The reader's language: which locale a page is written in, and its message catalogue.

A language is offered when `gapcheck/locale/<lang>/LC_MESSAGES/messages.mo` exists;
English, the source language, needs no catalogue.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.support import Translations

from gapcheck.resources import PACKAGE_DIR

LOCALE_DIR = PACKAGE_DIR / "locale"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"


def choose_locale(language: str) -> tuple[Locale, bool]:
    """The report locale for an assessment's `language`, and whether it is the one asked for.

    A language without a catalogue falls back to English entirely (words, numbers, dates
    and direction), rather than print English words in, say, Arabic number format.
    """
    try:
        wanted = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(SOURCE_LANGUAGE), False
    if wanted.language == SOURCE_LANGUAGE or _has_catalogue(wanted):
        return wanted, True
    return Locale.parse(SOURCE_LANGUAGE), False


def offered() -> list[str]:
    """The languages pages can be written in: English and every compiled catalogue."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [SOURCE_LANGUAGE, *found]


def _has_catalogue(locale: Locale) -> bool:
    return any(
        (LOCALE_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
        for name in (str(locale), locale.language)
    )


@lru_cache(maxsize=8)
def translations(locale_id: str) -> gettext.NullTranslations:
    """The message catalogue of a locale (NullTranslations: the English source words)."""
    if Locale.parse(locale_id).language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return Translations.load(str(LOCALE_DIR), [locale_id], domain=DOMAIN)


def shared_locale(languages: Iterable[str]) -> Locale:
    """The locale of assessments that share a language with a catalogue; English otherwise."""
    distinct = set(languages)
    if len(distinct) == 1:
        return choose_locale(distinct.pop())[0]
    return Locale.parse(SOURCE_LANGUAGE)
