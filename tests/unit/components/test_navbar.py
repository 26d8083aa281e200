from __future__ import annotations

from urllib.parse import parse_qs

from dashboard.components.navbar import language_search


def test_nav001_language_switch_keeps_filters_and_page_parameters():
    search = language_search("?von=2019&akteure=pirmasens,hannover", "en")
    assert parse_qs(search.lstrip("?")) == {
        "von": ["2019"],
        "akteure": ["pirmasens,hannover"],
        "lang": ["en"],
    }


def test_nav002_back_to_german_drops_the_language_parameter():
    assert language_search("?lang=en&von=2019", "de") == "?von=2019"
