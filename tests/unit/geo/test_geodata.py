"""The committed geodata files and their loaders (dashboard/geo/data.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.geo import data
from dashboard.geo.states import STATES, normalise_state

GERMANY_LAT = (47.0, 55.1)
GERMANY_LON = (5.8, 15.1)


def in_germany(lat: float, lon: float) -> bool:
    return GERMANY_LAT[0] <= lat <= GERMANY_LAT[1] and GERMANY_LON[0] <= lon <= GERMANY_LON[1]


def place_named(german_name: str) -> dict:
    frame = data.places()
    rows = frame[frame["name_de"] == german_name]
    assert not rows.empty, f"{german_name} missing from places.csv"
    return rows.iloc[0].to_dict()  # sorted by population: the largest of that name


# --- states.geojson ------------------------------------------------------------------------


def test_states_geojson_has_the_16_states_with_ags_codes_and_german_names():
    geojson = data.states_geojson()
    assert geojson["type"] == "FeatureCollection"
    codes = [f["properties"]["state"] for f in geojson["features"]]
    assert sorted(codes) == sorted(STATES) == [f"{n:02d}" for n in range(1, 17)]
    for feature in geojson["features"]:
        code = feature["properties"]["state"]
        assert feature["properties"]["name"] == STATES[code].name_de
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_states_geojson_is_small():
    size = (data.GEO_DIR / "states.geojson").stat().st_size
    assert 20_000 < size < 400_000


def test_state_outlines_are_valid_and_lie_in_germany():
    shapely = pytest.importorskip("shapely")
    from shapely.geometry import shape

    geojson = data.states_geojson()
    features = {f["properties"]["state"]: shape(f["geometry"]) for f in geojson["features"]}
    assert all(g.is_valid and not g.is_empty for g in features.values())
    minx, miny, maxx, maxy = shapely.union_all(list(features.values())).bounds
    assert in_germany(miny, minx) and in_germany(maxy, maxx)
    # Düsseldorf lies in NRW's outline, Munich in Bavaria's, and not the other way round.
    duesseldorf = shapely.Point(6.78, 51.22)
    munich = shapely.Point(11.58, 48.14)
    assert features["05"].contains(duesseldorf) and not features["09"].contains(duesseldorf)
    assert features["09"].contains(munich) and not features["05"].contains(munich)
    # Berlin is a hole in Brandenburg: the outlines do not overlap.
    berlin = shapely.Point(13.40, 52.52)
    assert features["11"].contains(berlin) and not features["12"].contains(berlin)


def test_states_geojson_returns_a_copy():
    first = data.states_geojson()
    first["features"].clear()
    assert len(data.states_geojson()["features"]) == 16


# --- places.csv ----------------------------------------------------------------------------


def test_places_columns_and_types():
    frame = data.places()
    assert list(frame.columns) == [
        "geonameid",
        "name",
        "name_de",
        "state",
        "ags",
        "lat",
        "lon",
        "population",
    ]
    assert len(frame) > 10_000
    assert frame["state"].map(lambda s: isinstance(s, str)).all()
    assert set(frame["state"]) == set(STATES)
    assert frame["geonameid"].map(lambda s: isinstance(s, str) and s.isdigit()).all()
    assert pd.api.types.is_float_dtype(frame["lat"]) and pd.api.types.is_float_dtype(frame["lon"])
    assert pd.api.types.is_integer_dtype(frame["population"])
    assert frame["population"].is_monotonic_decreasing
    assert frame.apply(lambda r: in_germany(r["lat"], r["lon"]), axis=1).all()


def test_munich_is_muenchen_in_bavaria():
    muenchen = place_named("München")
    assert muenchen["name"] == "Munich"
    assert muenchen["state"] == "09"
    assert in_germany(muenchen["lat"], muenchen["lon"])
    assert 48.0 < muenchen["lat"] < 48.3 and 11.4 < muenchen["lon"] < 11.8
    assert muenchen["population"] > 1_000_000


def test_duesseldorf_is_in_nrw_via_the_geonames_admin1_mapping():
    # GeoNames has NRW as admin1 "07"; the AGS code of NRW is "05".
    duesseldorf = place_named("Düsseldorf")
    assert duesseldorf["state"] == "05"
    assert 51.1 < duesseldorf["lat"] < 51.4 and 6.6 < duesseldorf["lon"] < 7.0
    assert place_named("Köln")["state"] == "05"
    assert place_named("Hamburg")["state"] == "02"
    assert place_named("Berlin")["state"] == "11"


def test_places_returns_a_copy():
    frame = data.places()
    frame.loc[:, "name"] = "x"
    assert data.places()["name"].iloc[0] != "x"


# --- find_place ----------------------------------------------------------------------------


def test_find_place_picks_the_nrw_langenfeld_by_state():
    found = data.find_place("Langenfeld", "05")
    assert found
    assert found[0]["state"] == "05"
    assert found[0]["lat"] == pytest.approx(51.1, abs=0.05)
    assert found[0]["lon"] == pytest.approx(6.95, abs=0.05)


def test_find_place_without_state_returns_all_candidates_largest_first():
    found = data.find_place("Langenfeld")
    assert len(found) > 1
    assert len({f["state"] for f in found}) > 1
    populations = [f["population"] for f in found]
    assert populations == sorted(populations, reverse=True)
    assert found[0]["state"] == "05"


def test_find_place_tolerates_qualifiers_case_and_umlaut_spelling():
    rheinland = data.find_place("Langenfeld (Rheinland)", "NRW")
    assert rheinland and rheinland[0]["state"] == "05"
    assert rheinland[0]["lat"] == pytest.approx(51.1, abs=0.05)
    assert data.find_place("münchen")[0]["name_de"] == "München"
    assert data.find_place("Muenchen")[0]["name_de"] == "München"
    assert data.find_place("Munich")[0]["state"] == "09"
    assert data.find_place("DÜSSELDORF")[0]["state"] == "05"
    assert data.find_place("Mülheim an der Ruhr")[0]["state"] == "05"
    frankfurt = data.find_place("Frankfurt")
    assert {f["state"] for f in frankfurt[:2]} == {"06", "12"}  # am Main and (Oder)
    # A qualified query ranks the exact name above places that only share the base name.
    weinstrasse = data.find_place("Neustadt an der Weinstraße")
    assert weinstrasse[0]["name"] == "Neustadt an der Weinstraße"
    assert weinstrasse[0]["match"] == "exact"


def test_find_place_state_filter_and_misses():
    assert data.find_place("Langenfeld", "14") == []
    assert data.find_place("Köln", "Atlantis") == []
    assert data.find_place("Atlantis") == []
    assert data.find_place("") == []


# --- districts.csv -------------------------------------------------------------------------


def test_districts_have_text_keys_and_the_2018_population():
    frame = data.districts()
    assert list(frame.columns) == ["ags", "name", "state", "population"]
    assert 390 <= len(frame) <= 410
    assert frame["ags"].map(lambda a: isinstance(a, str) and len(a) == 5 and a.isdigit()).all()
    assert frame["ags"].is_unique
    assert (frame["state"] == frame["ags"].str[:2]).all()
    assert "01001" in set(frame["ags"])  # Flensburg keeps its leading zero
    assert 80_000_000 < frame["population"].sum() < 84_000_000


def test_state_population_sums_districts():
    frame = data.state_population()
    assert list(frame.columns) == ["state", "population"]
    assert list(frame["state"]) == sorted(STATES)
    assert frame["population"].sum() == data.districts()["population"].sum()
    by_state = dict(zip(frame["state"], frame["population"], strict=False))
    assert max(by_state, key=by_state.get) == "05"  # NRW is the most populous state
    assert min(by_state, key=by_state.get) == "04"  # Bremen the least


# --- states.py -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["NRW", "Nordrhein-Westfalen", "05", "5", "nw", " nrw "])
def test_normalise_state_accepts_what_people_type(value):
    assert normalise_state(value) == "05"


@pytest.mark.parametrize("value", ["Atlantis", "", None, "17", "00"])
def test_normalise_state_rejects_unknown(value):
    assert normalise_state(value) is None
