"""The region view: one choropleth with a fixed colour scale, grey where the value is unknown."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis import geography
from dashboard.analysis.selection import select
from dashboard.figures.regions import region_map
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import tiny_tables

POPULATION = pd.DataFrame({"state": ["01", "05"], "population": [400_000, 1_000_000]})
STATES_URL = "/karte/geodaten/laender.geojson"


def _table():
    selection = select(tiny_tables(), Filters())
    return geography.region_table(
        selection.participation,
        geography.state_assignment(selection.actors),
        geography.state_regions(POPULATION, "de"),
    )


def test_reg001_absolute_values_on_the_fixed_scale():
    figure = region_map(_table(), STATES_URL, "de", "headcount", zmax=20, states_geojson=STATES_URL)
    (choropleth,) = figure.data
    assert choropleth.geojson == STATES_URL
    assert len(choropleth.locations) == 16
    values = dict(zip(choropleth.locations, choropleth.z, strict=False))
    assert (values["05"], values["01"], values["09"]) == (13, 4, 0)
    assert (choropleth.zmin, choropleth.zmax) == (0, 20)
    assert choropleth.colorbar.title.text == "Personen"
    assert figure.layout.map.style == "white-bg" and len(figure.layout.map.layers) == 1


def test_reg002_per_100k_greys_out_regions_without_population():
    figure = region_map(_table(), STATES_URL, "de", "per_100k", zmax=2)
    known, missing = figure.data
    assert sorted(known.locations) == ["01", "05"]
    assert len(missing.locations) == 14 and missing.showscale is False
    assert missing.name == "Einwohnerzahl unbekannt"
    hover = {row[0]: list(row) for row in known.customdata}
    assert hover["Nordrhein-Westfalen"] == ["Nordrhein-Westfalen", "13", "1,3", "2", "5", "1"]


def test_reg003_empty_regions_say_so():
    empty = _table().iloc[0:0]
    figure = region_map(empty, STATES_URL, "en", "headcount", zmax=1)
    assert figure.data == () and figure.layout.annotations[0].text == "No regions for this level"


def test_reg004_english_labels_and_number_format():
    figure = region_map(_table(), STATES_URL, "en", "actors", zmax=2)
    assert figure.data[0].colorbar.title.text == "Actors"
    assert figure.layout.separators == ".,"
    assert np.isclose(figure.data[0].zmax, 2)
