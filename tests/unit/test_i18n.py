from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dashboard.i18n import (
    LANGUAGES,
    catalog,
    fmt_date,
    fmt_date_range,
    fmt_number,
    plural_categories,
    t,
    tn,
)

ROOT = Path(__file__).resolve().parents[2]


def test_i18n001_catalogs_have_the_same_keys():
    keys = {lang: set(catalog(lang)) for lang in LANGUAGES}
    assert keys["de"] - keys["en"] == set(), "missing in en.json"
    assert keys["en"] - keys["de"] == set(), "missing in de.json"


# t("key"), t(f"prefix.{name}.suffix") and register_page(..., nav_key="key").
_KEY_IN_CODE = re.compile(
    r"""(?:\bt\(\s*f?|\bnav_key\s*=\s*)["']([a-z0-9_.{}\[\]'"]+?)["']\s*[,)]"""
)


# tn("key", count, …): a counted text, kept as "key.one", "key.other", … in the catalogs.
_COUNTED_KEY_IN_CODE = re.compile(r"""\btn\(\s*["']([a-z0-9_.]+)["']\s*,""")


def _keys_in_code() -> set[str]:
    used = set()
    for path in (ROOT / "dashboard").rglob("*.py"):
        used |= set(_KEY_IN_CODE.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 100, "the pattern found too few keys: is it still matching the code?"
    return used


def _counted_keys_in_code() -> set[str]:
    used = set()
    for path in (ROOT / "dashboard").rglob("*.py"):
        used |= set(_COUNTED_KEY_IN_CODE.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 20, "the pattern found too few keys: is it still matching the code?"
    return used


def _plural_keys(lang: str) -> set[str]:
    """The base keys of counted texts: "count.actors" for "count.actors.one" and "….other"."""
    return {key.rsplit(".", 1)[0] for key in catalog(lang) if key.endswith(".other")}


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
    assert t("profile.topic_sessions.other", "de", count="3", years="2020") == (
        "3 Sitzungen (2020)"
    )
    assert t("nav.overview", "xx") == "Übersicht"
    with pytest.raises(KeyError):
        t("no.such.key")


def test_i18n008_every_counted_text_has_every_plural_form_of_both_languages():
    categories = set(plural_categories("de")) | set(plural_categories("en"))
    assert categories >= {"one", "other"}
    for lang in LANGUAGES:
        keys = set(catalog(lang))
        for base in _plural_keys(lang):
            assert {f"{base}.{c}" for c in categories} <= keys, base
            assert base not in keys, f"{base} is both a text and a counted text"
            for category in categories:
                assert "{count}" in catalog(lang)[f"{base}.{category}"], (base, category)


def test_i18n009_counted_keys_in_code_exist_as_counted_texts():
    used = _counted_keys_in_code()
    for lang in LANGUAGES:
        assert used - _plural_keys(lang) == set(), f"not a counted text in {lang}.json"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_i18n010_every_counted_text_takes_the_one_form_only_for_one(lang):
    for base in sorted(_plural_keys(lang)):
        one, other = catalog(lang)[f"{base}.one"], catalog(lang)[f"{base}.other"]
        names = set(re.findall(r"\{(\w+)\}", one + other)) - {"count"}
        values = {name: f"<{name}>" for name in names}
        for count, form in ((0, other), (1, one), (2, other), (21, other)):
            assert tn(base, count, lang, **values) == form.format(count=count, **values), (
                base,
                count,
            )


def test_i18n011_counted_words_and_the_number_format():
    assert tn("count.actors", 1, "de") == "1 Akteur"
    assert tn("count.actors", 2, "de") == "2 Akteure"
    assert tn("count.actors", 0, "de") == "0 Akteure"
    assert tn("count.actors", 1, "en") == "1 actor"
    assert tn("count.actors", 0, "en") == "0 actors"
    assert tn("count.events", 1, "de") == "1 Veranstaltung"
    assert tn("count.events", 1234, "de") == "1.234 Veranstaltungen"
    assert tn("count.events", 1234, "en") == "1,234 events"
    assert tn("count.rows", 1, "de") == "1 Zeile"
    assert tn("count.people", 2, "en") == "2 people"
    assert tn("kpi.headcount_unknown", 1, "de") == "ohne 1 Teilnahme mit unbekannter Personenzahl"
    assert tn("limits.too_many", 1, "en").endswith("try again in 1 second.")


ROLES = ("organiser", "speaker", "exhibitor", "participant")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_i18n020_one_glossary_names_the_roles_and_sessions_on_every_page(lang):
    """A role is named by one key everywhere (/teilnahme, /vergleich, the profile, the list
    import) and the parts of a programme are "Sitzungen" in German on every page."""
    texts = catalog(lang)
    role_keys = [key for key in texts if key.rsplit(".", 1)[-1] in ROLES and ".role." in f".{key}"]
    assert sorted(role_keys) == sorted(f"role.{role}" for role in ROLES)
    if lang == "de":
        assert [key for key, text in texts.items() if "Session" in text] == []
