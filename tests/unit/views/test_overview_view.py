"""The overview's charts as views: numbers counted by hand on the tiny dataset."""

from __future__ import annotations

from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from dashboard.views import overview
from tests.unit.analysis.frames import tiny_tables

OUTLINES = {"type": "FeatureCollection", "features": []}


def _snapshot() -> Snapshot:
    return Snapshot(version="test", tables=tiny_tables())


def test_attendance_per_year_table_and_caption():
    result = overview.attendance(_snapshot(), Filters(year_from=2016, year_to=2018))
    rows = {row[0]: row[1:] for row in result.table.itertuples(index=False, name=None)}
    # 2016: bonn 3 + verein 5; 2018: verein 2, bonn unknown.
    assert rows[2016] == (8, 2, 0)
    assert rows[2018] == (2, 2, 1)
    assert result.table.columns[0] == "Jahr"
    assert result.caption == "2016–2018"
    assert result.title == "Teilnahme je Jahr"


def test_the_map_lists_only_actors_with_a_place():
    result = overview.participant_map(_snapshot(), Filters(), OUTLINES)
    assert sorted(result.table["id"]) == ["bonn", "kiel", "verein"]
    drawn = {
        (trace.name, round(float(lat), 2)) for trace in result.figure.data for lat in trace.lat
    }
    assert drawn == {("Kommune", 50.73), ("Kommune", 54.32), ("Initiative", 51.2)}
