"""The Steckbrief's page: composed of the views the pages show, on A4, with the actor's
years, its peer ranks as /vergleich words them, and the sample marks where data is sample."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from dashboard.analysis import compare as compare_analysis
from dashboard.analysis.profile import actor_profile
from dashboard.components.compare_tables import ranks_table
from dashboard.i18n import t
from dashboard.presentation.steckbrief import PAGE_HEIGHT, PAGE_WIDTH, steckbrief
from dashboard.state.compare import CompareState
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from dashboard.views import compare
from dashboard.views.map import MapCanvas, MapSources
from dashboard.views.per_version import compare_peer_groups, compare_populations
from dashboard.views.profile import profile_result
from tests.unit.analysis.frames import tiny_tables

OUTLINES = {"type": "FeatureCollection", "features": []}
SOURCES = MapSources(states=OUTLINES, neighbours=OUTLINES)


def _snapshot() -> Snapshot:
    return Snapshot(version="test", tables=tiny_tables())


def _texts(figure: go.Figure) -> list[str]:
    return [annotation.text for annotation in figure.layout.annotations]


def _data(figure: go.Figure) -> list[dict]:
    return json.loads(figure.to_json())["data"]


def test_stb001_the_charts_are_the_pages_views_for_this_actor_placed_on_a4():
    snapshot = _snapshot()
    sheet = steckbrief(snapshot, "bonn", "de", SOURCES)
    assert sheet is not None and sheet.name == "Bonn"
    filters, state = Filters(), CompareState(actors=("bonn",))
    per_year, partners, topics = sheet.charts
    assert _data(per_year.figure) == _data(compare.per_year(snapshot, filters, state).figure)
    topic_trace = _data(compare.topics(snapshot, filters, state).figure)[0]
    drawn = _data(topics.figure)[0]
    assert [drawn[axis] for axis in "xyz"] == [topic_trace[axis] for axis in "xyz"]
    canvas = MapCanvas(
        sources=SOURCES, fit_size=(partners.width, partners.height), height=partners.height
    )
    profile = actor_profile(snapshot.tables, "bonn")
    assert profile is not None
    expected_map = profile_result(snapshot, profile, "de", canvas).figure
    assert _data(partners.figure) == _data(expected_map)
    assert partners.figure.layout.map.style == "white-bg"
    assert (sheet.page.layout.width, sheet.page.layout.height) == (PAGE_WIDTH, PAGE_HEIGHT)
    for chart in sheet.charts:
        assert (chart.figure.layout.width, chart.figure.layout.height) == (
            chart.width,
            chart.height,
        )
        assert chart.left >= 0 and chart.left + chart.width <= PAGE_WIDTH
        assert chart.top >= 0 and chart.top + chart.height <= PAGE_HEIGHT
    boxes = sorted((chart.top, chart.top + chart.height) for chart in sheet.charts)
    assert boxes[0][1] <= boxes[1][0] and boxes[1][1] <= boxes[2][0]  # one below the other


@pytest.mark.parametrize(
    "lang, years",
    [("de", "Teilnahme in den Jahren: 2016, 2017, 2018"), ("en", "Took part in: 2016, 2017, 2018")],
)
def test_stb002_the_page_names_the_actor_and_its_years_in_both_languages(lang, years):
    sheet = steckbrief(_snapshot(), "bonn", lang, SOURCES)
    assert sheet is not None
    texts = _texts(sheet.page)
    assert "<b>Bonn</b>" in texts and years in texts
    assert t("steckbrief.kicker", lang) in texts


def test_stb003_the_ranks_are_worded_as_on_the_compare_page():
    snapshot = _snapshot()
    sheet = steckbrief(snapshot, "bonn", "de", SOURCES)
    assert sheet is not None
    labels, texts = sheet.page.data[0].cells.values
    selection = compare.compare_selection(snapshot, Filters())
    ids = ["bonn"]
    population = compare_populations(snapshot)
    side = compare_analysis.side_by_side(snapshot.tables, selection, ids, population)
    ranks = compare_analysis.peer_ranks(
        snapshot.tables, selection, ids, population, compare_peer_groups(snapshot)
    )
    table = ranks_table(ranks, side, {"bonn": "Bonn"}, "de")
    rows = table.children[-1].children
    assert list(labels) == [row.children[0].children for row in rows]
    assert list(texts) == [row.children[1].children for row in rows]
    assert texts[0] == "Nordrhein-Westfalen (2 Akteure)"  # bonn and verein


def test_stb004_sample_marks_only_where_the_data_is_sample():
    snapshot = _snapshot()
    sample = steckbrief(snapshot, "bonn", "de", SOURCES)
    # portal is documented, with one documented participation, no sessions and no partners;
    # its peers (the whole selection) hold sample rows.
    documented = steckbrief(snapshot, "portal", "de", SOURCES)
    assert sample is not None and documented is not None
    mark = "<b>Beispieldaten</b>"
    assert _texts(sample.page).count(mark) == 5  # the page and each of its four parts
    assert _texts(documented.page).count(mark) == 2  # the page and the ranks


def test_stb005_an_unknown_actor_has_no_steckbrief():
    assert steckbrief(_snapshot(), "gibt-es-nicht", "de", SOURCES) is None


def test_stb006_data_text_does_not_become_markup():
    tables = tiny_tables()
    tables["actors"].loc[tables["actors"]["id"] == "bonn", "name"] = "<i>Bonn</i> & Co"
    sheet = steckbrief(Snapshot(version="test", tables=tables), "bonn", "de", SOURCES)
    assert sheet is not None
    assert "<b>&lt;i&gt;Bonn&lt;/i&gt; &amp; Co</b>" in _texts(sheet.page)
