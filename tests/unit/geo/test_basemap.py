"""Neighbouring countries for the tile-free basemap, decoded from the shipped topojson."""

from __future__ import annotations

import json

import shapely

from dashboard.geo.basemap import FRAME, neighbours_geojson


def test_base001_neighbours_around_germany_without_germany():
    collection = neighbours_geojson()
    ids = {feature["id"] for feature in collection["features"]}
    assert {"FRA", "POL", "AUT", "CHE", "NLD", "BEL", "DNK", "CZE", "LUX"} <= ids
    assert "DEU" not in ids


def test_base002_shapes_are_valid_cut_to_the_frame_and_small():
    collection = neighbours_geojson()
    frame = shapely.box(*FRAME).buffer(1e-6)
    for feature in collection["features"]:
        shape = shapely.geometry.shape(feature["geometry"])
        assert shape.is_valid and frame.covers(shape), feature["id"]
    assert len(json.dumps(collection)) < 120_000


def test_base003_france_contains_paris_and_not_berlin():
    france = next(f for f in neighbours_geojson()["features"] if f["id"] == "FRA")
    shape = shapely.geometry.shape(france["geometry"])
    assert shape.contains(shapely.Point(2.35, 48.86)) and not shape.contains(
        shapely.Point(13.4, 52.52)
    )
