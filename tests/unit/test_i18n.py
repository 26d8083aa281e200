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


def test_i18n002_every_key_used_in_code_exists():
    pattern = re.compile(r"""\bt\(\s*f?["']([a-z0-9_.{}]+)["']""")
    used = set()
    for path in (ROOT / "dashboard").rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    static = {key for key in used if "{" not in key}
    assert static, "the pattern found no keys at all"
    assert static - set(catalog("de")) == set()


def test_i18n003_german_number_and_date_formats():
    assert fmt_number(1234, "de") == "1.234"
    assert fmt_number(1234.5, "de", digits=1) == "1.234,5"
    assert fmt_number(1234, "en") == "1,234"
    assert fmt_date(dt.date(2017, 6, 13), "de") == "13.06.2017"
    assert fmt_date_range(dt.date(2017, 6, 13), dt.date(2017, 6, 14), "de") == "13.06.2017 – 14.06.2017"


def test_i18n004_unknown_is_said_in_words():
    assert fmt_number(None, "de") == "unbekannt"
    assert fmt_number(float("nan"), "en") == "unknown"
    assert fmt_date(None, "de") == "unbekannt"


def test_i18n005_placeholders_and_missing_keys():
    assert t("kpi.headcount_unknown", "de", count="3") == "ohne 3 Teilnahmen mit unbekannter Personenzahl"
    assert t("nav.overview", "xx") == "Übersicht"
    with pytest.raises(KeyError):
        t("no.such.key")
