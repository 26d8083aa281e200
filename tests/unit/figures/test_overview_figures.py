from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis import overview
from dashboard.analysis.selection import select
from dashboard.figures.attendance import attendance_per_year
from dashboard.figures.map import marker_sizes, participant_map
from dashboard.figures.map_layout import OFFLINE_STYLE
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import tiny_tables

STATES = {"type": "FeatureCollection", "features": []}


def test_fig001_attendance_bars_carry_the_counts():
    per_year = overview.attendance_per_year(select(tiny_tables(), Filters()))
    figure = attendance_per_year(per_year, "de")
    (bars,) = figure.data
    assert list(bars.x) == [2016, 2017, 2018]
    assert list(bars.y) == [8, 7, 2]
    assert figure.layout.separators == ",."
    assert figure.layout.xaxis.title.text == "Jahr"


def test_fig002_empty_selection_says_so_instead_of_an_empty_axis():
    figure = attendance_per_year(
        pd.DataFrame(columns=["year", "headcount", "actors", "unknown"]), "de"
    )
    assert figure.data == ()
    assert figure.layout.annotations[0].text == "Keine Daten für diese Auswahl"
    assert figure.layout.xaxis.visible is False


def test_fig003_map_has_one_trace_per_actor_type_and_no_tiles_offline():
    points = overview.map_points(select(tiny_tables(), Filters()))
    figure = participant_map(points, STATES, "en", headcount_max=7)
    assert [trace.name for trace in figure.data] == ["Municipality", "Initiative"]
    assert figure.layout.map.style == OFFLINE_STYLE
    assert len(figure.layout.map.layers) == 2
    assert all(trace.mode == "markers" for trace in figure.data)  # text labels would fetch glyphs


def test_fig004_marker_scale_is_fixed_by_the_maximum_not_by_the_data():
    small = marker_sizes(pd.Series([1, 4]), headcount_max=100)
    alone = marker_sizes(pd.Series([4]), headcount_max=100)
    assert small[1] == alone[0]
    assert np.all(np.diff(marker_sizes(pd.Series([0, 1, 10, 100]), 100)) > 0)
    assert marker_sizes(pd.Series([None]), 100)[0] == marker_sizes(pd.Series([0]), 100)[0]


def test_fig005_map_without_located_actors_shows_a_message():
    points = overview.map_points(select(tiny_tables(), Filters(types=("organisation",))))
    figure = participant_map(points, STATES, "de", headcount_max=7)
    assert figure.data == ()
    assert "Keine Akteure mit Ort" in figure.layout.annotations[0].text
