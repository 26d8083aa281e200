"""Hexagonal bins of places and the flows between them (analysis.hexbins)."""

from __future__ import annotations

from dataclasses import asdict

import h3
import numpy as np
import pandas as pd
import pytest

from dashboard.analysis import hexbins
from dashboard.analysis.hexbins import ALL_POINTS, NOTHING_DRAWN, Bounds, Detail

DUESSELDORF = (51.2277, 6.7735)
RATINGEN_WEST = (51.26, 6.75)  # 4 km away: the same cell at resolution 4
MUENCHEN = (48.1374, 11.5755)
HAMBURG = (53.5511, 9.9937)


def _points(rows: list[tuple[str, str, tuple[float, float], float | None, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [row[0] for row in rows],
            "name": [row[1] for row in rows],
            "lat": [row[2][0] for row in rows],
            "lon": [row[2][1] for row in rows],
            "headcount": [row[3] for row in rows],
            "events": [row[4] for row in rows],
        }
    )


POINTS = _points(
    [
        ("d", "Düsseldorf", DUESSELDORF, 40, 3),
        ("n", "Ratingen-West", RATINGEN_WEST, None, 1),
        ("m", "München", MUENCHEN, 12, 2),
        ("h", "Hamburg", HAMBURG, 5, 1),
    ]
)


def _cells(points: pd.DataFrame, resolution: int = 4) -> pd.Series:
    return pd.Series(
        hexbins.cells_of(points["lat"].to_numpy(), points["lon"].to_numpy(), resolution),
        index=points["id"].to_numpy(),
        dtype=object,
    )


def test_hex001_places_close_together_share_a_cell_and_are_counted_once_each():
    cells = _cells(POINTS)
    assert cells["d"] == cells["n"] != cells["m"]
    bins = hexbins.hex_bins(POINTS, cells).set_index("cell")
    rhine = bins.loc[cells["d"]]
    assert rhine["actors"] == 2
    assert rhine["headcount"] == 40  # an unknown headcount adds nothing
    assert rhine["events"] == 4
    assert rhine["names"] == ["Düsseldorf", "Ratingen-West"]  # the largest first
    assert bins["actors"].sum() == len(POINTS)
    lat, lon = h3.cell_to_latlng(cells["m"])
    assert bins.loc[cells["m"], ["lat", "lon"]].tolist() == pytest.approx([lat, lon])


def test_hex002_flows_join_both_directions_and_leave_out_links_inside_a_cell():
    cells = _cells(POINTS)
    links = pd.DataFrame(
        {
            "source_id": ["d", "m", "n", "d", "h", "x"],
            "target_id": ["m", "d", "m", "n", "m", "d"],
            "weight": [1.0, 2.0, None, 5.0, 1.0, 1.0],
        }
    )
    flows = hexbins.region_flows(links, cells)
    pairs = {frozenset((row.cell0, row.cell1)): row for row in flows.itertuples()}
    rhine_munich = pairs[frozenset((cells["d"], cells["m"]))]
    assert rhine_munich.links == 3  # d→m, m→d and n→m: Ratingen-West lies in Düsseldorf's cell
    assert rhine_munich.weight == pytest.approx(4.0)  # a missing weight counts 1
    assert pairs[frozenset((cells["h"], cells["m"]))].links == 1
    assert len(flows) == 2  # d–n lies inside one cell; x has no place
    assert flows["links"].tolist() == sorted(flows["links"], reverse=True)
    assert hexbins.region_flows(links.iloc[:0], cells).empty


def test_hex003_bins_above_the_limit_in_view_single_places_below():
    assert hexbins.detail_for(POINTS, None, None, limit=3) == Detail("bins", 4)
    assert hexbins.detail_for(POINTS, None, None, limit=4) is ALL_POINTS
    rhine = Bounds(6.0, 50.8, 7.5, 51.6)
    zoomed = hexbins.detail_for(POINTS, rhine, 8.0, limit=3)
    assert zoomed == Detail("points", bounds=rhine.padded())
    assert rhine.padded().contains(rhine) and not rhine.contains(rhine.padded())
    germany = Bounds(5.0, 47.0, 15.0, 55.0)
    assert hexbins.detail_for(POINTS, germany, 5.0, limit=3) == Detail("bins", 4)
    # Finer hexagons are drawn around the view only, like single places.
    assert hexbins.detail_for(POINTS, germany, 6.0, limit=3) == Detail("bins", 5, germany.padded())
    assert hexbins.detail_for(POINTS, germany, 7.5, limit=3) == Detail("bins", 6, germany.padded())


@pytest.mark.parametrize(
    "zoom, resolution", [(None, 4), (4.0, 4), (5.8, 4), (5.9, 5), (7.0, 5), (7.1, 6), (12, 6)]
)
def test_hex004_finer_cells_as_the_user_zooms_in(zoom, resolution):
    assert hexbins.resolution_for_zoom(zoom) == resolution
    assert hexbins.edge_km(resolution) > hexbins.edge_km(resolution + 1)


def test_hex005_a_drawing_covers_a_view_only_with_the_same_detail_and_area():
    rhine = Bounds(6.0, 50.8, 7.5, 51.6)
    drawn = Detail("points", bounds=rhine.padded())
    nearby = Bounds(6.2, 50.9, 7.7, 51.7)
    assert drawn.covers(Detail("points", bounds=nearby.padded()), nearby)
    far = Bounds(9.0, 50.8, 10.5, 51.6)
    assert not drawn.covers(Detail("points", bounds=far.padded()), far)
    assert not drawn.covers(Detail("bins", 5), nearby)
    assert Detail("bins", 4).covers(Detail("bins", 4), nearby)
    assert not Detail("bins", 4).covers(Detail("bins", 5), nearby)
    assert ALL_POINTS.covers(ALL_POINTS, nearby)
    assert not NOTHING_DRAWN.covers(ALL_POINTS, None)


@pytest.mark.parametrize(
    "detail", [Detail("bins", 5), ALL_POINTS, Detail("points", bounds=Bounds(6, 50, 7, 51))]
)
def test_hex006_a_drawn_detail_survives_the_page_store(detail):
    assert hexbins.detail_from(asdict(detail)) == detail


@pytest.mark.parametrize(
    "data", [None, "bins", {}, {"mode": "kreis"}, {"mode": "bins", "resolution": "fein"}]
)
def test_hex007_anything_else_in_the_store_is_nothing_drawn(data):
    assert hexbins.detail_from(data) is NOTHING_DRAWN


def test_hex008_outlines_are_closed_hexagons_named_by_their_cell():
    cells = _cells(POINTS)
    outlines = hexbins.hex_outlines(pd.Series(sorted(set(cells))))
    assert [feature["id"] for feature in outlines["features"]] == sorted(set(cells))
    for feature in outlines["features"]:
        (ring,) = feature["geometry"]["coordinates"]
        assert ring[0] == ring[-1] and len(ring) == 7
        lons, lats = np.array(ring).T
        assert 5 < lons.mean() < 16 and 47 < lats.mean() < 56


def test_hex009_around_a_dense_view_the_area_drawn_is_the_view_itself():
    # Two places in view, two more just outside: with one allowed beyond the view's
    # count, the padded area would hold four, more than the limit.
    dense = _points(
        [
            ("d", "Düsseldorf", DUESSELDORF, 1, 1),
            ("r", "Ratingen-West", RATINGEN_WEST, 1, 1),
            ("n", "Neuss", (51.2042, 6.6879), 1, 1),
            ("m", "Erkrath", (51.22, 6.90), 1, 1),
            ("x", "München", MUENCHEN, 1, 1),
        ]
    )
    view = Bounds(6.70, 51.20, 6.85, 51.30)
    assert hexbins.detail_for(dense, view, 9.0, limit=3) == Detail("points", bounds=view)
    assert hexbins.detail_for(dense, view, 9.0, limit=4) == Detail("points", bounds=view.padded())
