from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dashboard.i18n import LANGUAGES, catalog, fmt_date, fmt_date_range, fmt_number, t

ROOT = Path(__file__).resolve().parents[2]


def test_i18n001_catalogs_have_the_same_keys():
    keys = {lang: set(catalog(lang)) for lang in LANGUAGES}
    assert keys["de"] - keys["en"] == set(), "missing in en.json"
    assert keys["en"] - keys["de"] == set(), "missing in de.json"


# t("key"), t(f"prefix.{name}.suffix") and register_page(..., nav_key="key").
_KEY_IN_CODE = re.compile(
    r"""(?:\bt\(\s*f?|\bnav_key\s*=\s*)["']([a-z0-9_.{}\[\]'"]+?)["']\s*[,)]"""
)


def _keys_in_code() -> set[str]:
    used = set()
    for path in (ROOT / "dashboard").rglob("*.py"):
        used |= set(_KEY_IN_CODE.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 100, "the pattern found too few keys: is it still matching the code?"
    return used


def test_i18n002_every_key_used_in_code_exists_in_both_catalogs():
    static = {key for key in _keys_in_code() if "{" not in key}
    for lang in LANGUAGES:
        assert static - set(catalog(lang)) == set(), f"missing in {lang}.json"


def test_i18n006_every_built_key_pattern_has_keys_in_both_catalogs():
    """t(f"topics.{key}.title"): some key of that shape must exist in each language."""
    built = {key for key in _keys_in_code() if "{" in key}
    assert built, "no f-string keys found"
    for lang in LANGUAGES:
        keys = catalog(lang)
        unmatched = set()
        for template in built:
            pattern = re.compile(
                "^" + re.sub(r"\\\{[^}]*\\\}", "[a-z0-9_.]+", re.escape(template)) + "$"
            )
            if not any(pattern.match(key) for key in keys):
                unmatched.add(template)
        assert unmatched == set(), f"no key of these shapes in {lang}.json"


def test_i18n007_english_catalog_is_translated():
    """A value copied from German unchanged is a missed translation, unless it reads the
    same in both languages (names, abbreviations, numbers)."""
    same = {
        key
        for key, text in catalog("de").items()
        if catalog("en").get(key) == text and re.search(r"[äöüß]", text)
    }
    assert same == set()


def test_i18n003_german_number_and_date_formats():
    assert fmt_number(1234, "de") == "1.234"
    assert fmt_number(1234.5, "de", digits=1) == "1.234,5"
    assert fmt_number(1234, "en") == "1,234"
    assert fmt_date(dt.date(2017, 6, 13), "de") == "13.06.2017"
    assert (
        fmt_date_range(dt.date(2017, 6, 13), dt.date(2017, 6, 14), "de")
        == "13.06.2017 – 14.06.2017"
    )


def test_i18n004_unknown_is_said_in_words():
    assert fmt_number(None, "de") == "unbekannt"
    assert fmt_number(float("nan"), "en") == "unknown"
    assert fmt_date(None, "de") == "unbekannt"


def test_i18n005_placeholders_and_missing_keys():
    assert (
        t("kpi.headcount_unknown", "de", count="3")
        == "ohne 3 Teilnahmen mit unbekannter Personenzahl"
    )
    assert t("nav.overview", "xx") == "Übersicht"
    with pytest.raises(KeyError):
        t("no.such.key")
