"""The read side hands out copies: what one request changes, no other request sees."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.db.setup import prepare
from dashboard.sample.small import generate
from dashboard.store import Store


@pytest.fixture
def store(engine) -> Store:
    prepare(engine, generate)
    return Store(engine)


def test_store001_writes_to_a_snapshot_do_not_reach_the_next_one(store):
    first = store.snapshot()
    actors = first.tables["actors"]
    name = actors["name"].iloc[0]
    actors.loc[actors.index[0], "name"] = "überschrieben"
    actors["extra"] = 1
    attendance = first.tables["attendance"]
    headcount = attendance["headcount"].sum()
    attendance.loc[:, "headcount"] = 0
    links = first.table("links")
    links.iloc[0, 0] = "überschrieben"

    second = store.snapshot()
    assert second.tables["actors"]["name"].iloc[0] == name
    assert "extra" not in second.tables["actors"]
    assert second.tables["attendance"]["headcount"].sum() == headcount > 0
    assert second.tables["links"].iloc[0, 0] != "überschrieben"


def test_store002_derived_frames_are_computed_once_and_handed_out_as_copies(store):
    calls = []

    def count_types(tables):
        calls.append(1)
        return tables["actors"]["type"].value_counts().rename("count").reset_index()

    frame = store.snapshot().derived("types", count_types)
    total = int(frame["count"].sum())
    frame.loc[frame.index[0], "count"] = -1000
    again = store.snapshot().derived("types", count_types)
    assert len(calls) == 1
    assert int(again["count"].sum()) == total and isinstance(again, pd.DataFrame)
