"""Reading uploaded boundaries: GeoJSON, GeoPackage, zipped Shapefile, all written here."""

from __future__ import annotations

import io
import json
import zipfile

import geopandas
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, box

from dashboard.geo.boundaries import (
    BoundaryError,
    feature_collection,
    normalise_ags,
    read_boundaries,
    to_geodataframe,
)

# Two Kreise side by side in WGS84 (a shared border at lon 7.0).
KREISE = geopandas.GeoDataFrame(
    {"AGS": ["05111", "05112"], "GEN": ["Düsseldorf", "Duisburg"]},
    geometry=[box(6.7, 51.1, 7.0, 51.35), box(7.0, 51.1, 7.3, 51.35)],
    crs=4326,
)


def _file(tmp_path, frame, name: str, **kwargs) -> bytes:
    path = tmp_path / name
    frame.to_file(path, engine="pyogrio", **kwargs)
    return path.read_bytes()


def _zipped_shapefile(tmp_path, frame, name="kreise") -> bytes:
    folder = tmp_path / "shp"
    folder.mkdir()
    frame.to_file(folder / f"{name}.shp", engine="pyogrio")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, f"daten/{path.name}")
    return buffer.getvalue()


def test_bnd001_geojson_gives_one_simplified_polygon_per_ags(tmp_path):
    result = read_boundaries(_file(tmp_path, KREISE, "k.geojson"), "k.geojson", "kreis")
    assert result.level == "kreis"
    assert result.frame["ags"].tolist() == ["05111", "05112"]
    assert result.frame["name"].tolist() == ["Düsseldorf", "Duisburg"]
    geometry = json.loads(result.frame["geometry"].iloc[0])
    assert geometry["type"] == "Polygon"
    assert shapely.from_geojson(result.frame["geometry"].iloc[0]).equals(box(6.7, 51.1, 7.0, 51.35))


def test_bnd002_geopackage_in_utm_is_reprojected_and_the_kreis_layer_is_picked(tmp_path):
    path = tmp_path / "vg250.gpkg"
    KREISE.to_crs(25832).to_file(path, layer="vg250_krs", engine="pyogrio")
    gemeinden = KREISE.assign(AGS=["05111000", "05112000"])
    gemeinden.to_crs(25832).to_file(path, layer="vg250_gem", engine="pyogrio")
    kreise = read_boundaries(path.read_bytes(), "vg250.gpkg", "kreis")
    assert kreise.layer == "vg250_krs" and kreise.frame["ags"].tolist() == ["05111", "05112"]
    minx, miny, maxx, maxy = shapely.from_geojson(kreise.frame["geometry"].iloc[0]).bounds
    assert (minx, miny, maxx, maxy) == pytest.approx((6.7, 51.1, 7.0, 51.35), abs=1e-4)
    gem = read_boundaries(path.read_bytes(), "vg250.gpkg", "gemeinde")
    assert gem.layer == "vg250_gem" and gem.frame["ags"].tolist() == ["05111000", "05112000"]


def test_bnd003_zipped_shapefile_with_regionalschluessel(tmp_path):
    gemeinden = geopandas.GeoDataFrame(
        {"RS": ["051110000000", "051120000000"], "GEN": ["Düsseldorf", "Duisburg"]},
        geometry=KREISE.geometry,
        crs=4326,
    ).to_crs(25832)
    result = read_boundaries(_zipped_shapefile(tmp_path, gemeinden), "gemeinden.zip", "gemeinde")
    assert result.frame["ags"].tolist() == ["05111000", "05112000"]


def test_bnd004_water_parts_are_dropped_and_parts_of_one_ags_dissolved(tmp_path):
    frame = geopandas.GeoDataFrame(
        {"AGS": ["05111", "05111", "05111"], "GEN": ["Düsseldorf"] * 3, "GF": [4, 4, 2]},
        geometry=[
            box(6.7, 51.1, 6.85, 51.35),
            box(6.85, 51.1, 7.0, 51.35),
            box(6.0, 50.0, 6.5, 50.5),
        ],
        crs=4326,
    )
    result = read_boundaries(_file(tmp_path, frame, "d.geojson"), "d.geojson", "kreis")
    assert result.frame["ags"].tolist() == ["05111"]
    shape = shapely.from_geojson(result.frame["geometry"].iloc[0])
    assert shape.equals(box(6.7, 51.1, 7.0, 51.35))  # the water part (GF 2) is gone


def test_bnd005_numeric_keys_regain_their_leading_zero():
    assert normalise_ags(
        pd.Series([5111, 5111.0, "05111", " 05111 ", "1234567", None, "x"]), "kreis"
    ).tolist() == ["05111", "05111", "05111", "05111", None, None, None]
    assert normalise_ags(pd.Series([5111000, "051110000000", 5111]), "gemeinde").tolist() == [
        "05111000",
        "05111000",
        None,
    ]


@pytest.mark.parametrize(
    "make, name, level, key",
    [
        (lambda tmp: b"not a geofile", "x.geojson", "kreis", "map.upload.error.unreadable"),
        (lambda tmp: b"a;b\n1;2\n", "x.csv", "kreis", "map.upload.error.format"),
        (lambda tmp: b"", "x.geojson", "kreis", "map.upload.error.empty"),
        (
            lambda tmp: _file(tmp, KREISE, "k.geojson"),
            "k.geojson",
            "gemeinde",
            "map.upload.error.level_is_kreis",
        ),
        (
            lambda tmp: _file(tmp, KREISE.rename(columns={"AGS": "Schluessel"}), "k.geojson"),
            "k.geojson",
            "kreis",
            "map.upload.error.no_ags",
        ),
        (
            lambda tmp: _file(tmp, KREISE.assign(AGS=["05111", "X"]), "k.geojson"),
            "k.geojson",
            "kreis",
            "map.upload.error.bad_ags",
        ),
        (
            lambda tmp: _file(
                tmp,
                geopandas.GeoDataFrame({"AGS": ["05111"]}, geometry=[Point(6.8, 51.2)], crs=4326),
                "p.geojson",
            ),
            "p.geojson",
            "kreis",
            "map.upload.error.not_polygons",
        ),
        (
            lambda tmp: _zip_without_shapefile(),
            "leer.zip",
            "kreis",
            "map.upload.error.no_shapefile",
        ),
        (
            lambda tmp: _file(
                tmp, KREISE.to_crs(25832).set_crs(None, allow_override=True), "k.gpkg"
            ),
            "k.gpkg",
            "kreis",
            "map.upload.error.no_crs",
        ),
    ],
    ids=[
        "garbage",
        "csv",
        "empty",
        "wrong-level",
        "no-ags-column",
        "bad-ags",
        "points",
        "zip-without-shp",
        "utm-without-crs",
    ],
)
@pytest.mark.filterwarnings("ignore:'crs' was not provided:UserWarning")
def test_bnd006_bad_files_get_a_clear_error(tmp_path, make, name, level, key):
    with pytest.raises(BoundaryError) as caught:
        read_boundaries(make(tmp_path), name, level)
    assert caught.value.key == key


def _zip_without_shapefile() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("liesmich.txt", "keine Geodaten")
    return buffer.getvalue()


def test_bnd007_ambiguous_layers_are_named_in_the_error(tmp_path):
    path = tmp_path / "two.gpkg"
    KREISE.to_file(path, layer="erste", engine="pyogrio")
    KREISE.to_file(path, layer="zweite", engine="pyogrio")
    with pytest.raises(BoundaryError) as caught:
        read_boundaries(path.read_bytes(), "two.gpkg", "kreis")
    assert caught.value.key == "map.upload.error.layers"
    assert caught.value.values == {"layers": "erste, zweite"}


def test_bnd008_too_large_is_refused_before_reading(tmp_path):
    with pytest.raises(BoundaryError) as caught:
        read_boundaries(b"x" * 3_000_000, "k.geojson", "kreis", max_bytes=2 * 1024 * 1024)
    assert caught.value.key == "map.upload.error.too_large"


def test_bnd009_stored_rows_round_trip_to_geojson_and_geodataframe(tmp_path):
    frame = read_boundaries(_file(tmp_path, KREISE, "k.geojson"), "k.geojson", "kreis").frame
    collection = feature_collection(frame)
    assert [feature["id"] for feature in collection["features"]] == ["05111", "05112"]
    assert collection["features"][0]["properties"]["name"] == "Düsseldorf"
    gdf = to_geodataframe(frame)
    assert gdf.crs.to_epsg() == 4326 and gdf.contains(Point(6.8, 51.2)).tolist() == [True, False]
