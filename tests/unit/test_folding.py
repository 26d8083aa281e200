"""The one folding of names (dashboard/i18n/folding.py) and the callers that used to carry
their own copy of the umlaut table."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.i18n.folding import fold, fold_compact, fold_words, slug

DECOMPOSED_DUESSELDORF = "Du\u0308sseldorf"  # "ü" as "u" plus a combining mark (macOS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Düsseldorf", "duesseldorf"),
        ("DÜSSELDORF", "duesseldorf"),
        (DECOMPOSED_DUESSELDORF, "duesseldorf"),
        ("  Mülheim   an der\tRuhr ", "muelheim an der ruhr"),
        ("Öhringen", "oehringen"),
        ("Café Élysée", "café élysée"),  # accents other than umlauts are kept
        ("Oﬄine-Treﬀ", "offline-treff"),  # ligatures from a PDF copy
        (None, ""),
        (float("nan"), ""),
        (2024, "2024"),
    ],
)
def test_fold001_case_umlauts_spacing_and_missing_values(text, expected):
    assert fold(text) == expected


def test_fold002_words_treat_punctuation_as_breaks_and_keep_other_scripts():
    assert fold_words("Langenfeld (Rhld.)") == "langenfeld rhld"
    assert fold_words("Seniorenbüro Gießen e.V.") == "seniorenbuero giessen e v"
    assert fold_words("Mülheim an der Ruhr") == "muelheim an der ruhr"
    assert fold_words("Киев") == "киев"
    assert fold_compact("Start_Date") == fold_compact("start date") == "startdate"


def test_fold003_slugs_are_ascii_ids():
    assert slug("Nürnberg") == "nuernberg"
    assert slug("Halle (Saale)") == "halle-saale"
    assert slug("Straße der Begegnung") == "strasse-der-begegnung"
    assert slug("Café Élysée") == "cafe-elysee"
    assert slug(DECOMPOSED_DUESSELDORF) == "duesseldorf"
    assert slug("Bürgerbeteiligung & Teilhabe") == "buergerbeteiligung-teilhabe"
    assert slug("Киев") == ""
    assert slug("Киев", "akteur") == "akteur"


def test_fold004_former_callers_fold_alike():
    from dashboard.analysis.compare import actor_options
    from dashboard.exchange import aliases
    from dashboard.exchange.lists.names import name_key
    from dashboard.geo.data import find_place

    # geo: a place found whatever the spelling of its umlauts
    found = find_place("DUESSELDORF")
    assert found and found == find_place(DECOMPOSED_DUESSELDORF)
    assert found[0]["name_de"] == "Düsseldorf"
    # exchange: headers and table names, and the key that matches list spellings
    assert aliases.table_for("Akteure") == aliases.table_for("AKTEURE") == "actors"
    assert name_key("Stadt Mülheim an der Ruhr") == name_key("Stadt Muelheim a.d. Ruhr")
    # analysis: sorting ignores case and umlaut spelling ("Ö" sorts as "oe", before "p")
    frame = pd.DataFrame(
        {"id": ["p", "o", "a"], "name": ["Pirmasens", "Öhringen", "aachen"], "type": "kommune"}
    ).assign(state=None, city=None)
    assert list(actor_options(frame)["id"]) == ["a", "o", "p"]
