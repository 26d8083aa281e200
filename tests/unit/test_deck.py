"""Decks: slides from addresses, the link encoding, and the editor's operations."""

from __future__ import annotations

import base64
import json

import pytest

from dashboard.presentation.deck import (
    MAX_NOTES,
    MAX_SLIDES,
    Deck,
    Slide,
    add_slide,
    deck_from_data,
    deck_to_data,
    decode_deck,
    edit_slide,
    encode_deck,
    move_slide,
    page_kind,
    presentation_href,
    remove_slide,
    rename_deck,
    requested_slides,
    slide_from_href,
)


def _deck() -> Deck:
    return Deck(
        name="Jahrestreffen 2025 – Köln",
        slides=(
            slide_from_href("/karte?von=2019&jahr=2021&modus=kumuliert"),
            slide_from_href(
                "/teilnahme?typ=kommune,initiative&land=05",
                chart="retention",
                title="Wer kam wieder?",
            ),
            slide_from_href("/akteur/pirmasens"),
        ),
    )


def test_deck001_addresses_of_views_become_slides_with_their_query():
    slide = slide_from_href("/themen?von=2018&thema=wirkung&lang=en")
    assert slide == Slide(path="/themen", search="?von=2018&thema=wirkung&lang=en")
    assert (
        slide.kind == "/themen"
        and slide.chart_key == "heatmap"
        and slide.href == "/themen?von=2018&thema=wirkung&lang=en"
    )
    actor = slide_from_href("/akteur/langenfeld-rheinland?von=2017")
    assert (
        actor.kind == "/akteur"
        and actor.actor_id == "langenfeld-rheinland"
        and actor.chart_key == "profile"
    )


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/karte",
        "//example.org/karte",
        "/daten",
        "/login",
        "/praesentation?folien=x",
        "/akteur/",
        "/akteur/a/b",
        "karte",
        None,
        42,
        "/karte?" + "x" * 700,
    ],
)
def test_deck002_anything_but_an_internal_view_is_refused(href):
    assert slide_from_href(href) is None


def test_deck003_a_chart_the_page_does_not_have_falls_back_to_the_main_chart():
    slide = slide_from_href("/netzwerk", chart="heatmap")
    assert slide.chart == "" and slide.chart_key == "graph"
    assert slide_from_href("/netzwerk", chart="growth").chart_key == "growth"


def test_deck004_encoding_round_trips_names_umlauts_filters_and_charts():
    deck = _deck()
    encoded = encode_deck(deck)
    assert all(c.isalnum() or c in "-_" for c in encoded)  # safe in a URL as it is
    assert decode_deck(encoded) == deck
    assert decode_deck(encoded).slides[1].search == "?typ=kommune,initiative&land=05"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "kein base64 !",
        "e30",
        "W10",
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        None,
        5,
    ],
)
def test_deck005_a_damaged_link_gives_an_empty_deck_instead_of_an_error(value):
    assert decode_deck(value) == Deck()


def test_deck006_decoding_drops_bad_slides_and_keeps_the_good_ones():
    raw = {
        "n": "Mix",
        "s": [
            ["/karte"],
            ["https://evil.example/"],
            "kaputt",
            ["/daten"],
            ["/vergleich?akteure=bonn,kiel", "roles", "Rollen"],
        ],
    }
    encoded = base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")
    deck = decode_deck(encoded)
    assert [s.href for s in deck.slides] == ["/karte", "/vergleich?akteure=bonn,kiel"]
    assert deck.slides[1].chart == "roles" and deck.slides[1].title == "Rollen"


def test_deck007_plain_form_for_the_browser_and_the_database_round_trips():
    deck = _deck()
    data = deck_to_data(deck)
    assert data["slides"][1] == {
        "href": "/teilnahme?typ=kommune,initiative&land=05",
        "chart": "retention",
        "title": "Wer kam wieder?",
    }
    assert deck_from_data(json.loads(json.dumps(data))) == deck
    assert deck_from_data(None) == Deck() and deck_from_data({"slides": "nein"}) == Deck()


def test_deck008_move_remove_rename_and_edit():
    deck = _deck()
    moved = move_slide(deck, 2, -1)
    assert [s.kind for s in moved.slides] == ["/karte", "/akteur", "/teilnahme"]
    assert (
        move_slide(deck, 0, -1) == deck
        and move_slide(deck, 2, 1) == deck
        and move_slide(deck, 7, 1) == deck
    )
    assert [s.kind for s in remove_slide(deck, 0).slides] == ["/teilnahme", "/akteur"]
    assert remove_slide(deck, 3) == deck
    assert rename_deck(deck, "  Neuer Name ").name == "Neuer Name"
    edited = edit_slide(deck, 1, title="Kohorten", chart="cohorts")
    assert edited.slides[1].title == "Kohorten" and edited.slides[1].chart_key == "cohorts"
    assert edit_slide(deck, 1, chart="map") == deck  # not a chart of /teilnahme


def test_deck009_a_deck_holds_at_most_max_slides():
    deck = Deck()
    for _ in range(MAX_SLIDES + 3):
        deck = add_slide(deck, slide_from_href("/karte"))
    assert len(deck) == MAX_SLIDES
    many = {"name": "", "slides": [{"href": "/karte"}] * (MAX_SLIDES + 5)}
    assert len(deck_from_data(many)) == MAX_SLIDES


def test_deck012_requested_slides_counts_what_the_link_asks_for_before_cutting():
    long = Deck(
        name="Lang",
        slides=tuple(slide_from_href(f"/karte?von={2000 + i}") for i in range(MAX_SLIDES + 60)),
    )
    encoded = encode_deck(long)
    assert len(decode_deck(encoded)) == MAX_SLIDES and requested_slides(encoded) == MAX_SLIDES + 60
    assert requested_slides(encode_deck(_deck())) == len(_deck())
    for broken in (
        "",
        "kaputt",
        None,
        base64.urlsafe_b64encode(b'{"s": 5}').decode(),
        base64.urlsafe_b64encode(b"[1]").decode(),
    ):
        assert requested_slides(broken) == 0


def test_deck010_the_show_link_carries_the_deck_and_the_language():
    deck = _deck()
    href = presentation_href(deck, "en", edit=True)
    assert href.startswith("/praesentation?folien=") and href.endswith("&bearbeiten=1&lang=en")
    assert decode_deck(href.split("folien=")[1].split("&")[0]) == deck
    assert presentation_href(deck) == f"/praesentation?folien={encode_deck(deck)}"


def test_deck011_page_kinds():
    assert page_kind("/karte/") == "/karte" and page_kind("/akteur/bonn") == "/akteur"
    assert page_kind("/") == "/" and slide_from_href("/?bis=2025").href == "/?bis=2025"
    assert page_kind("/akteur") is None and page_kind("/daten") is None and page_kind(None) is None


def test_deck013_speaker_notes_travel_in_the_link_and_the_plain_form():
    deck = edit_slide(_deck(), 1, notes="  Zwei Drittel kamen wieder – „danke“ sagen. ")
    assert deck.slides[1].notes == "Zwei Drittel kamen wieder – „danke“ sagen."
    assert decode_deck(encode_deck(deck)) == deck
    assert deck_from_data(json.loads(json.dumps(deck_to_data(deck)))) == deck
    assert deck_to_data(deck)["slides"][1]["notes"] == deck.slides[1].notes
    long = edit_slide(deck, 0, notes="x" * (MAX_NOTES + 50))
    assert len(decode_deck(encode_deck(long)).slides[0].notes) == MAX_NOTES


def test_deck014_links_and_saved_decks_from_before_notes_still_open():
    # A link made before notes existed: rows of address, chart and title only.
    raw = {"n": "Alt", "s": [["/karte?von=2019"], ["/teilnahme", "retention", "Wer kam wieder?"]]}
    encoded = base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")
    deck = decode_deck(encoded)
    assert [s.notes for s in deck.slides] == ["", ""]
    assert deck.slides[1].title == "Wer kam wieder?"
    # A slide without notes keeps the old forms, so older copies of the app read new links.
    assert json.loads(base64.urlsafe_b64decode(encode_deck(deck) + "==")) == {
        "n": "Alt",
        "s": [["/karte?von=2019", "", ""], ["/teilnahme", "retention", "Wer kam wieder?"]],
    }
    assert "notes" not in deck_to_data(deck)["slides"][0]
