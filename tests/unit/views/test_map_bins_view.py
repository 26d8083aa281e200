"""The /karte overview: above the limit of places in view, hexagons and the flows between
them; zoomed in below it, the single places of the area around the view (views.map)."""

from __future__ import annotations

import pytest

from dashboard.analysis import hexbins
from dashboard.state.filters import Filters
from dashboard.state.map import MapView, Viewport
from dashboard.store import Snapshot
from dashboard.views.map import MapCanvas, MapSources, draw_map
from dashboard.views.overview import participant_map
from tests.unit.analysis.frames import tiny_tables

OUTLINES = {"type": "FeatureCollection", "features": []}
CANVAS = MapCanvas(sources=MapSources(states=OUTLINES))
BONN = Viewport(9.0, hexbins.Bounds(6.9, 50.6, 7.3, 50.85), {"lat": 50.73, "lon": 7.1})


@pytest.fixture
def few_places_allowed(monkeypatch):
    """The tiny data has three places: two of them are more than a map may show singly."""
    monkeypatch.setattr(hexbins, "AGGREGATE_ABOVE", 2)


def _snapshot() -> Snapshot:
    return Snapshot(version="test", tables=tiny_tables())


def test_mbin001_over_the_limit_the_map_draws_hexagons_and_flows(few_places_allowed):
    drawing = draw_map(_snapshot(), Filters(), MapView(basemap="plain"), CANVAS)
    assert drawing.detail == hexbins.Detail("bins", 4)
    hexagons, *flows = drawing.view.figure.data
    assert hexagons.type == "choroplethmap"
    # Bonn, Kiel and the Verein (Düsseldorf) lie in three cells, one actor each.
    assert len(hexagons.locations) == 3 and list(hexagons.z) == [1, 1, 1]
    assert {feature["id"] for feature in hexagons.geojson["features"]} == set(hexagons.locations)
    # Both links of the events' years (Kiel–Verein starts in 2019) join different cells:
    # two flows of one link each.
    segments = sum(len(trace.lat) for trace in flows if trace.mode == "lines")
    assert segments == 2 * 3  # two ends and a gap per line
    assert "3 Orte sind zu Sechsecken zusammengefasst (3 Sechsecke" in drawing.scale_note
    assert drawing.summary.startswith("3 Akteure")
    assert drawing.view.table["actors"].sum() == 3


def test_mbin002_zoomed_in_below_the_limit_the_places_of_the_area_are_drawn(few_places_allowed):
    drawing = draw_map(_snapshot(), Filters(), MapView(basemap="plain"), CANVAS, BONN)
    assert drawing.detail == hexbins.Detail("points", bounds=BONN.bounds.padded())
    drawn = {
        str(row[0])
        for trace in drawing.view.figure.data
        if trace.mode == "markers"
        for row in trace.customdata
    }
    assert drawn == {"bonn"}
    assert "Ausschnitt: 1 Ort" in drawing.scale_note
    view = drawing.view.figure.layout.map
    assert (view.zoom, view.center.lat) == (9.0, 50.73)  # the user's view, not the country


def test_mbin003_within_the_limit_every_place_is_drawn_as_before():
    drawing = draw_map(_snapshot(), Filters(), MapView(basemap="plain"), CANVAS, BONN)
    assert drawing.detail is hexbins.ALL_POINTS
    assert all(trace.type == "scattermap" for trace in drawing.view.figure.data)
    assert "Ausschnitt" not in drawing.scale_note


def test_mbin004_a_focused_actor_stays_on_top_of_the_hexagons(few_places_allowed):
    state = MapView(basemap="plain", focus="bonn")
    figure = draw_map(_snapshot(), Filters(), state, CANVAS).view.figure
    focus_lines = [trace for trace in figure.data if trace.name and "Bonn" in trace.name]
    assert focus_lines and figure.data[-1].type == "scattermap"
    assert float(figure.data[-1].lat[0]) == pytest.approx(50.73)


def test_mbin005_the_colour_scale_is_fixed_over_years(monkeypatch):
    monkeypatch.setattr(hexbins, "AGGREGATE_ABOVE", 1)  # 2018 has two places
    tables = tiny_tables()
    actors = tables["actors"]
    # Kiel moved next to Bonn: two actors in one cell over all years, Kiel not in 2018.
    actors.loc[actors["id"] == "kiel", ["lat", "lon"]] = (50.74, 7.11)
    snapshot = Snapshot(version="test", tables=tables)
    later = draw_map(snapshot, Filters(), MapView(year=2018, basemap="plain"), CANVAS)
    everything = draw_map(snapshot, Filters(), MapView(basemap="plain"), CANVAS)
    assert max(later.view.figure.data[0].z) == 1 and max(everything.view.figure.data[0].z) == 2
    assert later.view.figure.data[0].zmax == everything.view.figure.data[0].zmax == 2


def test_mbin006_the_overview_map_shows_hexagons_too_above_the_limit(few_places_allowed):

    binned = participant_map(_snapshot(), Filters(), OUTLINES).figure
    (hexagons,) = binned.data
    assert hexagons.type == "choroplethmap" and sum(hexagons.z) == 3
    assert "Klicken" not in hexagons.hovertemplate  # the overview's map opens nothing


def test_mbin007_the_overview_map_keeps_its_points_within_the_limit():

    points = participant_map(_snapshot(), Filters(), OUTLINES).figure
    assert {trace.type for trace in points.data} == {"scattermap"}


NORTH_SEA = Viewport(9.0, hexbins.Bounds(3.5, 54.5, 4.5, 55.0), {"lat": 54.75, "lon": 4.0})


def test_mbin008_a_view_with_no_place_keeps_the_map_and_says_so(few_places_allowed):
    drawing = draw_map(_snapshot(), Filters(), MapView(basemap="plain"), CANVAS, NORTH_SEA)
    figure = drawing.view.figure
    assert figure.layout.map.zoom == 9.0  # still a map the user can move, not a message
    assert "Keine Orte in diesem Ausschnitt" in figure.layout.annotations[0].text


def test_mbin009_a_focused_actor_outside_the_view_stays_drawn_with_its_links(
    few_places_allowed,
):
    state = MapView(basemap="plain", focus="kiel")
    drawing = draw_map(_snapshot(), Filters(), state, CANVAS, BONN)
    drawn = {
        str(row[0])
        for trace in drawing.view.figure.data
        if trace.mode == "markers"
        if trace.customdata is not None
        for row in trace.customdata
    }
    assert drawn == {"bonn", "kiel"}
    focus_lines = [trace for trace in drawing.view.figure.data if "Kiel" in str(trace.name)]
    assert focus_lines and len(focus_lines[0].lat) == 3  # Kiel–Bonn, ending outside the view


def test_mbin010_finer_hexagons_cover_only_the_area_around_the_view(monkeypatch):
    monkeypatch.setattr(hexbins, "AGGREGATE_ABOVE", 1)  # Bonn and the Verein are in view
    rhineland = Viewport(6.5, hexbins.Bounds(6.0, 50.5, 7.6, 51.4), {"lat": 51.0, "lon": 6.8})
    drawing = draw_map(_snapshot(), Filters(), MapView(basemap="plain"), CANVAS, rhineland)
    assert drawing.detail == hexbins.Detail("bins", 5, rhineland.bounds.padded())
    hexagons = drawing.view.figure.data[0]
    assert len(hexagons.locations) == 2  # Kiel lies far outside: not drawn
    flows = sum(len(trace.lat) for trace in drawing.view.figure.data[1:] if trace.mode == "lines")
    assert flows == 2 * 3  # Bonn–Verein inside, Bonn–Kiel leaving the area
