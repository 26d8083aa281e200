"""Loaders for the committed geodata in data/geo (built by scripts/build_geodata.py).

Pure functions without Dash: each file is read once (lru_cache) and every call returns a
copy, so callers may modify what they get.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from dashboard.geo.states import normalise_state
from dashboard.i18n.folding import fold

GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"

# The app serves the outlines at this address, so map figures reference them by URL instead
# of carrying (and plotly validating) 190 KB of GeoJSON in every figure.
GEOJSON_URL_PREFIX = "/geo/"
STATES_GEOJSON_URL = GEOJSON_URL_PREFIX + "states.geojson"

# What follows the base name of a German place: "Langenfeld (Rheinland)", "Kiel, Landeshauptstadt",
# "Frankfurt am Main", "Halle/Saale", "Neumarkt i.d.OPf.", "Bad Homburg v.d.Höhe".
_SUFFIX = re.compile(
    r"\s*(?:[(,/]|\s(?:an|am|im|in|ob|bei|vor|auf)\s|\s[aiov]\.).*$", re.IGNORECASE
)


def _base(text: str) -> str:
    """The folded name without its qualifier: "Langenfeld (Rheinland)" -> "langenfeld"."""
    stripped = _SUFFIX.sub("", text.strip())
    return fold(stripped or text)


@lru_cache(maxsize=1)
def _places() -> pd.DataFrame:
    text_columns = ("geonameid", "name", "name_de", "state", "ags")
    dtypes: dict[str, type | str] = {
        **dict.fromkeys(text_columns, str),
        "lat": float,
        "lon": float,
        "population": "int64",
    }
    frame = pd.read_csv(
        GEO_DIR / "places.csv",
        dtype=dtypes,
        keep_default_na=False,  # a place called "NA" stays a name; an empty ags stays ""
    )
    return frame


def places() -> pd.DataFrame:
    """German GeoNames places: geonameid, name, name_de, state, ags (text), lat, lon, population.

    Sorted by population, largest first. `ags` is empty where the source has no key.
    """
    return _places().copy()


@lru_cache(maxsize=1)
def _districts() -> pd.DataFrame:
    return pd.read_csv(
        GEO_DIR / "districts.csv",
        dtype={"ags": "str", "name": "str", "state": "str", "population": "int64"},
        keep_default_na=False,
    )


def districts() -> pd.DataFrame:
    """Kreise and kreisfreie Städte: ags (5-digit text), name, state, population (31.12.2018)."""
    return _districts().copy()


@lru_cache(maxsize=1)
def _state_population() -> pd.DataFrame:
    return (
        _districts()
        .groupby("state", as_index=False)[["population"]]
        .sum()
        .sort_values("state", ignore_index=True)
    )


def state_population() -> pd.DataFrame:
    """Population per state (columns state, population): the sum of its districts."""
    return _state_population().copy()


@lru_cache(maxsize=1)
def _states_geojson() -> dict:
    with (GEO_DIR / "states.geojson").open(encoding="utf-8") as handle:
        return json.load(handle)


def states_geojson() -> dict:
    """FeatureCollection of the 16 states, properties `state` (AGS code) and `name`."""
    return copy.deepcopy(_states_geojson())


@lru_cache(maxsize=1)
def _place_index() -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Places by folded full name and by folded base name: a lookup must not scan the
    whole gazetteer, since matching every actor of a national-scale network does one each."""
    by_full: dict[str, list[dict]] = {}
    by_base: dict[str, list[dict]] = {}
    for record in _places().to_dict("records"):
        clean = {key: record[key] for key in ("geonameid", "name", "name_de", "state")}
        clean["ags"] = record["ags"] or None
        clean["lat"], clean["lon"] = float(record["lat"]), float(record["lon"])
        clean["population"] = int(record["population"])
        names = (clean["name"], clean["name_de"])
        for key in set(map(fold, names)):
            by_full.setdefault(key, []).append(clean)
        for key in set(map(_base, names)):
            by_base.setdefault(key, []).append(clean)
    return by_full, by_base


def find_place(name: str, state: str | None = None) -> list[dict]:
    """Places called `name` (GeoNames or German name), largest first.

    Matching ignores case and umlaut spelling ("Muenchen" finds München) and qualifiers:
    "Langenfeld (Rheinland)" finds the places called Langenfeld, "Frankfurt" finds
    Frankfurt am Main and Frankfurt (Oder). When the query carries a qualifier, places whose
    full name matches it come before places that only share the base name. `state` may be
    anything `normalise_state` accepts ("05", "NRW", ...); an unknown state matches nothing.
    Each result is a dict with the columns of `places()` plus `match` ("exact" or "base").
    """
    query = (name or "").strip()
    if not query:
        return []
    code = None
    if state is not None and str(state).strip():
        code = normalise_state(state)
        if code is None:
            return []
    full, base = fold(query), _base(query)
    qualified = full != base
    by_full, by_base = _place_index()
    exact = by_full.get(full, [])
    exact_ids = {record["geonameid"] for record in exact}
    matches = [(record, "exact") for record in exact]
    matches += [
        (record, "base") for record in by_base.get(base, []) if record["geonameid"] not in exact_ids
    ]
    results = [
        {**record, "match": match}
        for record, match in matches
        if code is None or record["state"] == code
    ]
    results.sort(
        key=lambda r: (qualified and r["match"] != "exact", -r["population"], r["geonameid"])
    )
    return results
