"""Slides drawn from their own addresses with the pages' analysis and figure functions."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.figures.presentation import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SLIDE_FONT_SIZE,
    for_page,
    for_slide,
)
from dashboard.figures.theme import base_layout
from dashboard.i18n import t
from dashboard.presentation.deck import SLIDE_CHARTS, slide_from_href
from dashboard.presentation.slides import MapSources, build_slide, facts_line, sample_label
from dashboard.schema import SOURCE_DOCUMENTED
from dashboard.store import Snapshot
from tests.unit.analysis.frames import tiny_tables

OUTLINES = {"type": "FeatureCollection", "features": []}
SOURCES = MapSources(states=OUTLINES, neighbours=OUTLINES)
ALL_CHARTS = [(kind, chart) for kind, charts in SLIDE_CHARTS.items() for chart in charts]


def _snapshot() -> Snapshot:
    return Snapshot(version="test", tables=tiny_tables())


def _href(kind: str, chart: str = "") -> str:
    # The tiny data's only link that began in the last year shown is bonn–verein, 2017.
    if (kind, chart) == ("/netzwerk", "new_links"):
        return "/netzwerk?bis=2017"
    return {
        "/akteur": "/akteur/bonn",
        "/vergleich": "/vergleich?akteure=bonn,verein",
        "/veranstaltung": "/veranstaltung/e2017",
    }.get(kind, kind)


@pytest.mark.parametrize("kind, chart", ALL_CHARTS)
def test_sld001_every_chart_of_every_page_draws_in_slide_size(kind, chart):
    view = build_slide(_snapshot(), slide_from_href(_href(kind, chart), chart), "de", SOURCES)
    assert view.title
    assert view.figure.layout.font.size == SLIDE_FONT_SIZE
    assert view.figure.layout.height is None  # the slide gives the size
    if (kind, chart) == ("/veranstaltung", "evaluation"):
        # The documented 2017 event has no evaluation results: the slide says so.
        assert [note.text for note in view.figure.layout.annotations] == [
            t("event.evaluation.none_2017", "de")
        ]
    else:
        assert len(view.figure.data) > 0


def test_sld002_a_slide_keeps_its_own_filters():
    snapshot = _snapshot()
    all_years = build_slide(snapshot, slide_from_href("/teilnahme", "events"), "de", SOURCES)
    one_year = build_slide(
        snapshot, slide_from_href("/teilnahme?von=2017&bis=2017", "events"), "de", SOURCES
    )
    assert all_years.subtitle == "2016–2018"
    assert one_year.subtitle == "2017"
    shown = {str(x) for trace in one_year.figure.data for x in trace.x}
    assert shown and all("2017" in label for label in shown)
    kommune = build_slide(
        snapshot, slide_from_href("/teilnahme?typ=kommune&land=05", "events"), "de", SOURCES
    )
    assert kommune.subtitle == "2016–2018 · Kommune · Nordrhein-Westfalen"


def test_sld003_the_show_language_wins_over_the_language_in_the_slide_address():
    slide = slide_from_href("/themen?lang=de", "heatmap", "")
    assert build_slide(_snapshot(), slide, "en", SOURCES).title == "Topics per year"
    assert build_slide(_snapshot(), slide, "de", SOURCES).title == "Themen je Jahr"


def test_sld004_own_title_and_actor_profile_facts():
    snapshot = _snapshot()
    assert (
        build_slide(
            snapshot, slide_from_href("/netzwerk", "growth", "Wachstum"), "de", SOURCES
        ).title
        == "Wachstum"
    )
    bonn = build_slide(snapshot, slide_from_href("/akteur/bonn"), "de", SOURCES)
    facts = dict(bonn.facts)
    assert (
        bonn.title == "Bonn"
        and facts["Veranstaltungen"] == "3"
        and facts["Erste Teilnahme"] == "2016"
    )
    assert "Veranstaltungen: 3" in facts_line(bonn)
    unknown = build_slide(snapshot, slide_from_href("/akteur/atlantis"), "de", SOURCES)
    assert unknown.facts == () and "atlantis" in unknown.figure.layout.annotations[0].text


def test_sld005_map_slides_use_the_tile_free_basemap_with_the_given_outlines():
    view = build_slide(_snapshot(), slide_from_href("/karte?jahr=2017"), "de", SOURCES)
    assert view.figure.layout.map.style == "white-bg"
    assert view.figure.layout.map.layers[0].source == OUTLINES
    regions = build_slide(_snapshot(), slide_from_href("/karte?ansicht=regionen"), "de", SOURCES)
    assert regions.figure.data[0].type == "choroplethmap"


def test_sld006_page_figure_has_title_size_and_escapes_data_text():
    figure = for_slide(go.Figure(layout=base_layout("de", height=300)))
    page = for_page(figure, "A <b>&</b> B", "2017")
    assert page.layout.width == PAGE_WIDTH and page.layout.height == PAGE_HEIGHT
    assert (
        "A &lt;b&gt;&amp;&lt;/b&gt; B" in page.layout.title.text
        and "2017" in page.layout.title.text
    )


def _drawn_nodes(figure: go.Figure) -> int:
    """Actors drawn: the marker points that carry an actor id (edge hover points carry none)."""
    return sum(
        len(trace.customdata)
        for trace in figure.data
        if trace.mode == "markers" and trace.customdata is not None
    )


def test_sld020_the_network_slide_follows_the_settings_in_its_address():
    snapshot = _snapshot()
    whole = build_slide(snapshot, slide_from_href("/netzwerk", "graph"), "de", SOURCES)
    single = build_slide(
        snapshot, slide_from_href("/netzwerk?jahr=2017&modus=einzeln", "graph"), "de", SOURCES
    )
    ego = build_slide(
        snapshot,
        slide_from_href("/netzwerk?jahr=2017&modus=einzeln&ego=bonn", "graph"),
        "de",
        SOURCES,
    )
    assert (_drawn_nodes(whole.figure), _drawn_nodes(single.figure), _drawn_nodes(ego.figure)) == (
        4,
        3,
        1,
    )


def test_sld021_a_slide_of_sample_data_says_so_one_of_documented_data_does_not():
    documented = {
        name: frame.assign(source=SOURCE_DOCUMENTED) if "source" in frame else frame
        for name, frame in tiny_tables().items()
    }
    snapshot = Snapshot(version="documented", tables=documented)
    for href in ("/teilnahme", "/netzwerk", "/", "/akteur/bonn"):
        view = build_slide(snapshot, slide_from_href(href), "de", SOURCES)
        assert not view.sample and sample_label(view, "de") is None, href

    mixed = _snapshot()  # the test data's own sources: sample rows among them
    for href in ("/teilnahme", "/netzwerk", "/", "/akteur/bonn"):
        view = build_slide(mixed, slide_from_href(href), "en", SOURCES)
        assert view.sample and sample_label(view, "en") == "Sample data", href
