"""Ready decks made from the sample data: the review of the latest year and the network
over time, their slides, and the speaker notes that say each slide's figures."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analysis import network as nw
from dashboard.analysis.selection import Selection, select_in
from dashboard.presentation.deck import decode_deck, encode_deck
from dashboard.presentation.ready_decks import network_over_time, ready_decks, year_review
from dashboard.presentation.slides import build_slide
from dashboard.sample.small import generate
from dashboard.state.filters import Filters
from dashboard.state.network import NetworkView
from dashboard.store import Snapshot
from dashboard.views.network import growth_view
from tests.unit.analysis.frames import frame
from tests.unit.test_slides import SOURCES


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return Snapshot(version="sample", tables=generate())


def _latest(snapshot: Snapshot) -> int:
    return int(snapshot.tables["events"]["year"].max())


def test_rdk001_the_year_review_shows_the_latest_year_in_six_views(snapshot):
    year = _latest(snapshot)
    deck = year_review(snapshot, "de")
    assert deck.name == f"Jahresrückblick {year}"
    assert [(s.kind, s.chart_key) for s in deck.slides] == [
        ("/", "headline"),
        ("/karte", "map"),
        ("/teilnahme", "retention"),
        ("/themen", "by_type"),
        ("/netzwerk", "growth"),
        ("/netzwerk", "new_links"),
    ]
    for slide in deck.slides:
        filters = Filters.from_search(slide.search)
        assert filters.year_to == year and filters.year_from in (None, year)
        assert slide.title and slide.notes
    # The map of who came and the topics cover that year alone.
    assert Filters.from_search(deck.slides[1].search).year_from == year


def test_rdk002_every_ready_slide_draws_and_survives_the_link(snapshot):
    for deck in ready_decks(snapshot, "de"):
        assert decode_deck(encode_deck(deck)) == deck
        for slide in deck.slides:
            view = build_slide(snapshot, slide, "de", SOURCES)
            assert view.title == slide.title and len(view.figure.data) > 0


def test_rdk003_the_headline_slide_and_its_notes_give_the_same_figures(snapshot):
    year = _latest(snapshot)
    slide = year_review(snapshot, "de").slides[0]
    view = build_slide(snapshot, slide, "de", SOURCES)
    facts = dict(view.facts)
    selection = select_in(snapshot, Filters(year_from=year, year_to=year))
    assert facts["Akteure"] == str(selection.participation["actor_id"].nunique())
    assert facts["Kommunen"] == str(
        selection.actors.loc[selection.actors["type"] == "kommune", "id"].nunique()
    )
    assert slide.notes.startswith(f"{year}: Akteure {facts['Akteure']} ")
    for label in ("Kommunen", "Personen", "neue Kooperationen"):
        value = facts[label if label != "Personen" else "Teilnehmende Personen"]
        assert f"{label} {value}" in slide.notes


def test_rdk004_the_strongest_new_links_are_on_the_slide_and_in_its_notes(snapshot):
    year = _latest(snapshot)
    slide = year_review(snapshot, "de").slides[-1]
    (bars,) = build_slide(snapshot, slide, "de", SOURCES).figure.data
    links = snapshot.tables["links"]
    begun = links[pd.to_numeric(links["since_year"]) == year]
    assert len(bars.y) == 3 and list(bars.x) == sorted(bars.x, reverse=True)
    pairs = begun.apply(lambda row: frozenset((row["source_id"], row["target_id"])), axis=1)
    assert max(bars.x) == begun.groupby(pairs)["weight"].sum().max()
    for pair in bars.y:
        assert pair in slide.notes


def test_rdk005_the_growth_notes_name_the_first_and_last_year_of_the_chart(snapshot):
    deck = network_over_time(snapshot, "en")
    growth = deck.slides[0]
    table = growth_view(snapshot, Filters(lang="en"), NetworkView()).table
    actors, years = table["Actors"].astype(int), table["Year"].astype(int)
    assert f"from {actors.iloc[0]} to {actors.iloc[-1]} actors" in growth.notes
    assert f"From {years.iloc[0]} to {years.iloc[-1]}" in growth.notes
    years = [NetworkView.from_search(s.search).year for s in deck.slides if s.chart_key == "graph"]
    all_years = sorted(snapshot.tables["events"]["year"].unique())
    assert years[0] == all_years[0] and years[-1] == all_years[-1] and len(years) == 3


def test_rdk006_no_events_no_ready_decks(snapshot):
    empty = {name: table.iloc[0:0] for name, table in snapshot.tables.items()}
    assert ready_decks(Snapshot(version="empty", tables=empty), "de") == ()


def test_rdk007_strongest_new_links_sum_a_pair_and_keep_only_that_years_links():
    actors = frame(
        "actors",
        [
            {"id": key, "name": name, "type": "kommune"}
            for key, name in (("a", "Aue"), ("b", "Bonn"), ("c", "Celle"), ("d", "Dessau"))
        ],
    )
    links = frame(
        "links",
        [
            {
                "source_id": "a",
                "target_id": "b",
                "kind": "projekt",
                "since_year": 2020,
                "weight": 2,
            },
            {
                "source_id": "b",
                "target_id": "a",
                "kind": "austausch",
                "since_year": 2020,
                "weight": 2,
            },
            {
                "source_id": "c",
                "target_id": "d",
                "kind": "kooperation",
                "since_year": 2020,
                "weight": 4,
            },
            {
                "source_id": "a",
                "target_id": "c",
                "kind": "kooperation",
                "since_year": 2020,
                "weight": 1,
            },
            {
                "source_id": "b",
                "target_id": "d",
                "kind": "kooperation",
                "since_year": 2019,
                "weight": 9,
            },
        ],
    )
    chosen = Selection(
        events=frame("events", []),
        actors=actors,
        participation=pd.DataFrame(),
        links=links,
        year_range=(2019, 2020),
    )
    found = nw.strongest_new_links(chosen, 2020, count=2)
    assert list(zip(found["source_name"], found["target_name"], found["weight"], strict=True)) == [
        ("Aue", "Bonn", 4.0),
        ("Celle", "Dessau", 4.0),
    ]
