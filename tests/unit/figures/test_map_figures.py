"""The /karte map figure: traces per kind (not per link), fixed scales, offline basemap."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from dashboard import schema
from dashboard.analysis import geography, overview
from dashboard.analysis.selection import select
from dashboard.figures.map import (
    READABLE_POINTS,
    SMALLEST_SHRINK,
    density_shrink,
    location_map,
    marker_sizes,
    network_map,
)
from dashboard.figures.map_layout import OFFLINE_STYLE, ONLINE_STYLE, fit_view, map_style
from dashboard.figures.map_links import HIDDEN_LINKS_NOTE, LINK_CLASSES, weight_classes
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import tiny_tables

STATES_URL = "/karte/geodaten/laender.geojson"
NEIGHBOURS_URL = "/karte/geodaten/nachbarn.geojson"


def _points(count: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    return pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(count)],
            "name": [f"Akteur {i}" for i in range(count)],
            "type": [schema.ACTOR_TYPES[i % len(schema.ACTOR_TYPES)] for i in range(count)],
            "state": ["05"] * count,
            "city": ["Ort"] * count,
            "lat": rng.uniform(47.5, 54.5, count),
            "lon": rng.uniform(6.0, 14.5, count),
            "events": [1] * count,
            "headcount": pd.array([i % 9 for i in range(count)], dtype="Int64"),
            "source": ["sample"] * count,
        }
    )


def _links(points: pd.DataFrame, count: int) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    pairs = rng.integers(0, len(points), size=(count, 2))
    raw = pd.DataFrame(
        {
            "source_id": points["id"].to_numpy()[pairs[:, 0]],
            "target_id": points["id"].to_numpy()[pairs[:, 1]],
            "kind": [schema.LINK_KINDS[i % 3] for i in range(count)],
            "weight": rng.integers(1, 6, count).astype(float),
        }
    )
    return geography.map_links(raw, points)


def _figure(points, links, **kwargs):
    return network_map(points, links, STATES_URL, "de", headcount_max=8, weight_max=5, **kwargs)


def test_map001_trace_count_does_not_grow_with_the_number_of_links():
    points = _points(40)
    few, many = _figure(points, _links(points, 3)), _figure(points, _links(points, 600))
    assert len(few.data) == len(many.data) <= 30
    lines = [trace for trace in many.data if trace.mode == "lines"]
    assert len(lines) == len(schema.LINK_KINDS) * LINK_CLASSES
    # Every link is in there: two points and a gap each.
    assert sum(len(trace.lat) for trace in lines) == 3 * 600
    assert sum(int(np.isnan(np.asarray(trace.lat, dtype=float)).sum()) for trace in lines) == 600


def test_map002_one_legend_entry_per_link_kind_and_per_actor_type():
    points = _points(10)
    figure = _figure(points, _links(points, 30))
    names = [trace.name for trace in figure.data if trace.showlegend is not False]
    assert names == [
        "Kooperation",
        "Austausch",
        "Projekt",
        "Kommune",
        "Initiative",
        "Organisation",
        "Stiftung",
        "Netzwerk",
    ]


def test_map002b_the_link_legend_stays_when_only_heavy_links_are_drawn():
    points = _points(10)
    heavy = _links(points, 30).assign(weight=5)  # all in the top class of weight_max=5
    lines = [trace for trace in _figure(points, heavy).data if trace.mode == "lines"]
    legend = [trace for trace in lines if trace.showlegend]
    assert [trace.name for trace in legend] == ["Kooperation", "Austausch", "Projekt"]
    assert all(len(trace.lat) for trace in legend)


def test_map003_without_weight_it_is_exactly_one_trace_per_kind():
    points = _points(10)
    figure = _figure(points, _links(points, 30), link_mode="opacity")
    lines = [trace for trace in figure.data if trace.mode == "lines"]
    assert {trace.line.width for trace in lines} == {2.0}
    assert len({trace.opacity for trace in lines}) == LINK_CLASSES
    hidden = [
        trace
        for trace in _figure(points, _links(points, 30), link_mode="off").data
        if trace.mode == "lines"
    ]
    assert len(hidden) == len(lines) and not any(trace.visible for trace in hidden)


def test_map003b_every_link_trace_carries_its_style_for_each_mode_the_browser_can_switch_to():
    points = _points(30)
    links = _links(points, 200)
    hidden = [
        trace for trace in _figure(points, links, link_mode="off").data if trace.mode == "lines"
    ]
    for mode in ("width", "opacity"):
        drawn = [
            trace for trace in _figure(points, links, link_mode=mode).data if trace.mode == "lines"
        ]
        assert all(trace.visible for trace in drawn)
        # What the browser applies from meta is exactly what the server draws for that mode.
        assert [trace.meta["link_styles"][mode] for trace in hidden] == [
            {"width": trace.line.width, "opacity": trace.opacity} for trace in drawn
        ]
        assert all(
            np.array_equal(a.lat, b.lat, equal_nan=True) for a, b in zip(hidden, drawn, strict=True)
        )


def test_map004_marker_sizes_and_colours_are_fixed_across_frames():
    selection = select(tiny_tables(), Filters())
    per_year = [overview.map_points(geography.year_frame(selection, year)) for year in (2016, 2017)]
    figures = [
        _figure(
            points,
            geography.map_links(
                pd.DataFrame(columns=["source_id", "target_id", "kind", "weight"]), points
            ),
        )
        for points in per_year
    ]
    # Always the same traces in the same order, so the legend and colours do not jump.
    assert [t.name for t in figures[0].data] == [t.name for t in figures[1].data]
    assert [t.marker.color for t in figures[0].data] == [t.marker.color for t in figures[1].data]
    # Bonn sent 3 people in both years: same size although the other points differ.
    sizes = []
    for figure in figures:
        municipalities = next(t for t in figure.data if t.name == "Kommune")
        ids = [row[0] for row in municipalities.customdata]
        sizes.append(municipalities.marker.size[ids.index("bonn")])
    assert sizes[0] == sizes[1] == marker_sizes(pd.Series([3]), 8)[0]


def test_map005_empty_frame_says_so():
    figure = _figure(
        _points(0), _links(_points(1), 0), empty_message="Keine Teilnahmen mit Ort für 2031"
    )
    assert figure.data == ()
    assert figure.layout.annotations[0].text == "Keine Teilnahmen mit Ort für 2031"


def test_map006_points_carry_the_actor_id_and_german_hover():
    selection = select(tiny_tables(), Filters())
    figure = _figure(overview.map_points(selection), pd.DataFrame(columns=geography.LINK_COLUMNS))
    municipalities = next(t for t in figure.data if t.name == "Kommune")
    rows = {row[0]: list(row) for row in municipalities.customdata}
    assert rows["bonn"] == ["bonn", "Bonn", "Nordrhein-Westfalen", "3", "6"]
    assert (
        "Veranstaltungen" in municipalities.hovertemplate
        and "Personen" in municipalities.hovertemplate
    )
    assert figure.layout.separators == ",."


def test_map006b_names_in_hover_labels_are_text_not_markup():
    points = _points(2)
    points.loc[0, "name"] = '<a href="https://evil.example">Stadt</a> & <b>fett</b>'
    figure = _figure(points, pd.DataFrame(columns=geography.LINK_COLUMNS))
    names = [
        row[1] for trace in figure.data if trace.customdata is not None for row in trace.customdata
    ]
    assert (
        '&lt;a href="https://evil.example"&gt;Stadt&lt;/a&gt; &amp; &lt;b&gt;fett&lt;/b&gt;'
        in names
    )
    assert not any("<" in str(name) for name in names)


def test_map007_tile_free_basemap_has_url_layers_and_no_text():
    points = _points(10)
    offline = _figure(
        points, _links(points, 10), style=OFFLINE_STYLE, neighbours_geojson=NEIGHBOURS_URL
    )
    assert offline.layout.map.style == "white-bg"
    assert [layer.source for layer in offline.layout.map.layers] == [NEIGHBOURS_URL, STATES_URL]
    assert all("text" not in trace.mode for trace in offline.data)  # text would fetch glyphs
    online = _figure(points, _links(points, 10), style=ONLINE_STYLE)
    assert online.layout.map.style == "carto-positron" and online.layout.map.layers == ()


def test_map008_focus_draws_its_links_on_top_and_dims_the_rest():
    selection = select(tiny_tables(), Filters())
    frame = geography.year_frame(selection, 2017, cumulative=True)
    points = overview.map_points(frame)
    links = geography.map_links(frame.links, points)
    plain = _figure(points, links)
    focused = _figure(points, links, focus="kiel")
    assert len(focused.data) == len(plain.data) + 2
    own = next(t for t in focused.data if t.name == "Kooperationen von Kiel")
    assert list(own.lat[:2]) == [50.73, 54.32]
    dimmed = [t.opacity for t in focused.data if t.mode == "lines" and t.legendgroup]
    assert max(dimmed) < min(t.opacity for t in plain.data if t.mode == "lines")
    assert len(_figure(points, links, focus="nobody").data) == len(plain.data)


def test_map009_weight_classes_are_thirds_of_the_fixed_maximum():
    assert weight_classes(np.array([0.5, 1, 2, 3, 4, 5, 9]), 6).tolist() == [0, 0, 0, 1, 1, 2, 2]
    assert (
        weight_classes(np.array([1.0]), 6).tolist() == weight_classes(np.array([1.0]), 6.0).tolist()
    )


def test_map010_map_style_goes_tile_free_offline_in_presentation_or_on_request():
    assert map_style(offline=False) == ONLINE_STYLE
    assert map_style(offline=True) == OFFLINE_STYLE
    assert map_style(offline=False, presentation=True) == OFFLINE_STYLE
    assert map_style(offline=False, basemap="plain") == OFFLINE_STYLE
    assert map_style(offline=True, basemap="tiles") == OFFLINE_STYLE


def test_map011_fit_view_shows_every_point():
    center, zoom = fit_view(np.array([54.32, 47.5]), np.array([10.13, 7.6]), 600, 360)
    assert 47.5 < center["lat"] < 54.32 and 7.6 < center["lon"] < 10.13
    assert 3 <= zoom < 6
    alone_center, alone_zoom = fit_view(
        np.array([54.32]), np.array([10.13]), 600, 360, max_zoom=6.5
    )
    assert (
        alone_center == {"lat": pytest.approx(54.32), "lon": pytest.approx(10.13)}
        and alone_zoom == 6.5
    )
    assert fit_view(np.array([]), np.array([]), 600, 360)[1] == 4.9


def test_map020_only_the_strongest_links_are_drawn_and_the_map_says_so():
    points = _points(60)
    links = _links(points, 900)
    drawn = geography.strongest_links(links, limit=100)
    assert len(drawn) == 100
    assert drawn["weight"].min() >= links["weight"].nlargest(100).min()
    focus = links["source_id"].iloc[0]
    with_focus = geography.strongest_links(links, limit=100, keep_actor=focus)
    own = links[(links["source_id"] == focus) | (links["target_id"] == focus)]
    assert set(own.index) <= set(with_focus.index)
    assert geography.strongest_links(links, limit=5000) is links

    figure = _figure(points, drawn, hidden_links=800)
    notes = [note.text for note in figure.layout.annotations]
    assert notes == ["Die 100 stärksten von 900 Kooperationen gezeigt"]
    assert not _figure(points, links).layout.annotations
    # Hidden with the links, shown again with them (in the browser, from this figure).
    off = _figure(points, drawn, hidden_links=800, link_mode="off").layout.annotations
    assert [(note.name, note.visible) for note in off] == [(HIDDEN_LINKS_NOTE, False)]
    lines = [trace for trace in figure.data if trace.mode == "lines"]
    assert sum(len(trace.lat) for trace in lines) == 3 * 100


def test_map021_coordinates_travel_as_compact_typed_arrays():
    points = _points(50)
    figure = _figure(points, _links(points, 40))
    arrays = [trace.lat for trace in figure.data if trace.lat is not None and len(trace.lat)]
    assert arrays and all(np.asarray(array).dtype == np.float32 for array in arrays)
    assert np.allclose(
        np.asarray(figure.data[-1].lat, dtype=float),
        points[points["type"] == schema.ACTOR_TYPES[-1]]["lat"],
        atol=1e-5,
    )


def test_map022_crowded_maps_get_smaller_markers_on_one_scale_per_selection():
    assert density_shrink(10) == density_shrink(READABLE_POINTS) == 1.0
    shrinks = [density_shrink(count) for count in (1_000, 3_000, 9_000, 100_000)]
    assert (
        all(a > b for a, b in itertools.pairwise(shrinks[:-1])) and shrinks[-1] == SMALLEST_SHRINK
    )
    headcounts = pd.Series([0, 10, 100])
    full, crowded = (
        marker_sizes(headcounts, 100),
        marker_sizes(headcounts, 100, density_shrink(9_000)),
    )
    assert np.all(crowded < full) and np.all(np.diff(crowded) > 0)
    assert crowded[-1] <= 0.35 * full[-1] and crowded[0] >= 3  # still a visible dot

    points = _points(40)
    sizes = [
        np.concatenate(
            [
                trace.marker.size
                for trace in _figure(points, _links(points, 10), shrink=shrink).data
                if trace.mode == "markers"
            ]
        )
        for shrink in (1.0, 0.5)
    ]
    assert np.all(sizes[1] < sizes[0])


def test_map_location001_form_map_is_tile_free_with_one_marker_or_none():
    placed = location_map(
        49.2, 7.6, "/geo/states.geojson", "/karte/geodaten/nachbarn.geojson", "de"
    )
    assert placed.layout.map.style == OFFLINE_STYLE
    assert [layer.source for layer in placed.layout.map.layers] == [
        "/karte/geodaten/nachbarn.geojson",
        "/geo/states.geojson",
    ]
    assert (list(placed.data[0].lat), list(placed.data[0].lon)) == ([49.2], [7.6])
    assert (placed.layout.map.center.lat, placed.layout.map.zoom) == (49.2, 7.0)
    assert placed.data[0].mode == "markers"  # no text: MapLibre would fetch glyphs from outside
    empty = location_map(None, None, "/geo/states.geojson", None, "de")
    assert len(empty.data[0].lat) == 0 and empty.layout.map.zoom < 5
