"""Translations and locale-aware formatting.

UI strings live only in the JSON catalogs beside this file; code refers to them by key.
German is the default language; English is the second catalog and must stay complete.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, get_group_symbol
from babel.plural import PluralRule

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
_LOCALES = {"de": "de_DE", "en": "en_GB"}
_CATALOG_DIR = Path(__file__).resolve().parent


def normalise_language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


@cache
def catalog(lang: str) -> dict[str, str]:
    with open(_CATALOG_DIR / f"{lang}.json", encoding="utf-8") as handle:
        return json.load(handle)


def t(key: str, lang: str | None = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `values`.

    A key missing from the catalog raises KeyError: a silent fallback would ship an
    untranslated screen, and the catalog test keeps both languages complete.
    """
    text = catalog(normalise_language(lang))[key]
    return text.format(**values) if values else text


@cache
def _plural_rule(lang: str) -> PluralRule:
    return Locale.parse(_LOCALES[lang]).plural_form


@cache
def plural_categories(lang: str) -> tuple[str, ...]:
    """The CLDR plural categories of `lang` ("one", "other" for de and en), each a catalog
    key suffix of every counted text."""
    return tuple(sorted(_plural_rule(normalise_language(lang)).tags | {"other"}))


def is_plural(key: str) -> bool:
    """Whether `key` is a counted text, kept as "key.one", "key.other", … in the catalogs."""
    return f"{key}.other" in catalog(DEFAULT_LANGUAGE)


def tn(key: str, count: float, lang: str | None = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for `count` things: the form of `key` that the language's plural rule picks
    ("1 Akteur", "2 Akteure"), with `{count}` the number in the language's format."""
    lang = normalise_language(lang)
    category = _plural_rule(lang)(count)
    return t(f"{key}.{category}", lang, count=fmt_number(count, lang), **values)


@cache
def _group_symbol(lang: str) -> str:
    return get_group_symbol(_LOCALES[lang])


def fmt_number(
    value: float | int | None, lang: str | None = DEFAULT_LANGUAGE, digits: int = 0
) -> str:
    """1234.5 → "1.234,5" (de) or "1,234.5" (en); None/NaN → the word for unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("common.unknown", lang)
    lang = normalise_language(lang)
    if digits == 0 and float(value).is_integer():
        # Whole numbers are most of what the pages label, often tens of thousands per figure:
        # grouping them here is exact and far quicker than Babel's general formatter.
        return f"{int(value):,}".replace(",", _group_symbol(lang))
    pattern = "#,##0" if digits == 0 else "#,##0." + "0" * digits
    return format_decimal(value, format=pattern, locale=_LOCALES[lang])


def fmt_date(value: dt.date | None, lang: str | None = DEFAULT_LANGUAGE) -> str:
    """13.06.2017 (de) or 13/06/2017 (en); None → the word for unknown."""
    if value is None:
        return t("common.unknown", lang)
    return format_date(
        value,
        format="dd.MM.yyyy" if normalise_language(lang) == "de" else "dd/MM/yyyy",
        locale=_LOCALES[normalise_language(lang)],
    )


def fmt_date_range(
    start: dt.date | None, end: dt.date | None, lang: str | None = DEFAULT_LANGUAGE
) -> str:
    if start is None or end is None or start == end:
        return fmt_date(start or end, lang)
    return f"{fmt_date(start, lang)} – {fmt_date(end, lang)}"
