"""Which actors /vergleich and its slides compare, from the address."""

from __future__ import annotations

from dashboard.state.compare import CompareState
from dashboard.store import Snapshot
from dashboard.views.compare import chosen_ids, labels_of
from tests.unit.analysis.frames import frame, tiny_tables


def _snapshot(tables=None) -> Snapshot:
    return Snapshot(version="test", tables=tables or tiny_tables())


def test_no_parameter_means_the_default_actors():
    tables = tiny_tables()
    tables["actors"] = frame("actors", [{"id": "h", "name": "Hannover", "type": "kommune"}])
    assert chosen_ids(_snapshot(tables), CompareState.from_search("?von=2017")) == ["h"]


def test_an_emptied_parameter_stays_empty():
    assert chosen_ids(_snapshot(), CompareState.from_search("?akteure=")) == []


def test_unknown_and_repeated_ids_are_dropped_and_at_most_six_kept():
    snapshot = _snapshot()
    assert chosen_ids(snapshot, CompareState.from_search("?akteure=kiel,unbekannt,kiel, bonn")) == [
        "kiel",
        "bonn",
    ]
    tables = tiny_tables()
    extra = [{"id": f"a{i}", "name": f"A{i}", "type": "kommune"} for i in range(7)]
    tables["actors"] = frame("actors", extra)
    many = CompareState.from_search("?akteure=" + ",".join(row["id"] for row in extra))
    assert chosen_ids(_snapshot(tables), many) == [f"a{i}" for i in range(6)]


def test_labels_tell_actors_of_the_same_name_apart_by_city():
    actors = frame(
        "actors",
        [
            {"id": "a", "name": "Neustadt", "type": "kommune", "city": "Neustadt a. d. W."},
            {"id": "b", "name": "Neustadt", "type": "kommune", "city": "Neustadt i. H."},
            {"id": "c", "name": "Kiel", "type": "kommune", "city": "Kiel"},
        ],
    )
    assert labels_of(actors, ["a", "b", "c"]) == {
        "a": "Neustadt (Neustadt a. d. W.)",
        "b": "Neustadt (Neustadt i. H.)",
        "c": "Kiel",
    }
