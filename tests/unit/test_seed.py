"""The documented seed holds exactly what the 2017 report states, each row marked documented."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import schema
from dashboard.geo.data import find_place
from dashboard.sample.seed import DOCUMENTED_DIR, documented

EXHIBITORS = {
    "pirmasens",
    "langenfeld-rheinland",
    "hannover",
    "sinzer",
    "nebenan-de",
    "regsam",
    "change2-mannheim",
    "engagierte-stadt",
}
SESSIONS = {
    "2017-get-together": ("get-together", set()),
    "2017-keynote": ("keynote", set()),
    "2017-ws-kompetenzen": ("workshop", {"Kompetenzen"}),
    "2017-ws-quartiersmanagement": ("workshop", {"Quartiersmanagement"}),
    "2017-ws-steuerung": ("workshop", {"Steuerung"}),
    "2017-ws-wirkung": ("workshop", {"Wirkung"}),
    "2017-panel": ("panel", set()),
    "2017-ws-quartierskoordination": ("workshop", {"Quartierskoordination", "Netzwerkmanagement"}),
    "2017-gallery-walk": ("stand", set()),
}


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return documented()


def test_seed001_tables_columns_and_types(frames):
    assert list(frames) == list(schema.LOAD_ORDER)
    for table, frame in frames.items():
        assert tuple(frame.columns) == schema.TABLE_COLUMNS[table]
    assert frames["links"].empty
    actors = frames["actors"]
    for column in ("id", "ags", "state", "website"):
        assert actors[column].dtype == object
    assert actors["lat"].dtype == "float64"
    assert frames["events"]["year"].dtype == "int64"
    assert isinstance(frames["events"].loc[0, "start_date"], dt.date)
    assert frames["attendance"]["headcount"].dtype == "Int64"


def test_seed002_every_row_is_documented(frames):
    for table in ("actors", "events", "sessions", "attendance"):
        assert set(frames[table]["source"]) == {schema.SOURCE_DOCUMENTED}


def test_seed003_the_event(frames):
    events = frames["events"]
    assert len(events) == 1
    event = events.iloc[0]
    assert event["id"] == "2017-duesseldorf"
    assert event["year"] == 2017
    assert event["title"] == "Die vernetzte Kommune"
    assert event["start_date"] == dt.date(2017, 6, 13)
    assert event["end_date"] == dt.date(2017, 6, 14)
    assert event["city"] == "Düsseldorf"
    assert event["venue"] is None


def test_seed004_sessions_and_topics(frames):
    sessions = frames["sessions"]
    assert set(sessions["event_id"]) == {"2017-duesseldorf"}
    assert dict(zip(sessions["id"], sessions["kind"], strict=False)) == {
        k: kind for k, (kind, _) in SESSIONS.items()
    }
    names = dict(zip(frames["topics"]["id"], frames["topics"]["name"], strict=False))
    links = frames["session_topics"]
    for session_id, (_kind, topics) in SESSIONS.items():
        assert {
            names[t] for t in links.loc[links["session_id"] == session_id, "topic_id"]
        } == topics
    assert set(names.values()) == set().union(*(topics for _kind, topics in SESSIONS.values()))


def test_seed005_eight_exhibitors_with_unknown_headcount(frames):
    attendance = frames["attendance"]
    assert len(attendance) == 8
    assert set(attendance["actor_id"]) == EXHIBITORS == set(frames["actors"]["id"])
    assert set(attendance["event_id"]) == {"2017-duesseldorf"}
    assert set(attendance["session_id"]) == {"2017-gallery-walk"}
    assert set(attendance["role"]) == {"exhibitor"}
    assert attendance["headcount"].isna().all()


def test_seed006_actors_types_and_places(frames):
    actors = frames["actors"].set_index("id")
    assert actors["type"].to_dict() == {
        "pirmasens": "kommune",
        "langenfeld-rheinland": "kommune",
        "hannover": "kommune",
        "sinzer": "organisation",
        "nebenan-de": "organisation",
        "regsam": "netzwerk",
        "change2-mannheim": "initiative",
        "engagierte-stadt": "netzwerk",
    }
    keys = {
        "pirmasens": ("07317000", "07"),
        "langenfeld-rheinland": ("05158020", "05"),
        "hannover": ("03241001", "03"),
    }
    for actor_id, (ags, state) in keys.items():
        row = actors.loc[actor_id]
        assert (row["ags"], row["state"]) == (ags, state)
        assert len(row["ags"]) == 8 and row["ags"].isdigit()
        place = find_place(row["name"], state)[0]
        assert (row["lat"], row["lon"]) == (place["lat"], place["lon"])
    assert actors.loc["langenfeld-rheinland", "name"] == "Langenfeld (Rheinland)"
    mannheim = find_place("Mannheim", "08")[0]
    change2 = actors.loc["change2-mannheim"]
    assert (change2["city"], change2["state"], change2["ags"]) == ("Mannheim", "08", None)
    assert (change2["lat"], change2["lon"]) == (mannheim["lat"], mannheim["lon"])
    for actor_id in ("sinzer", "nebenan-de", "regsam", "engagierte-stadt"):
        row = actors.loc[actor_id]
        assert row["state"] is None and row["city"] is None and row["ags"] is None
        assert pd.isna(row["lat"]) and pd.isna(row["lon"])
    assert actors["website"].isna().all()


def test_seed007_no_person_names_anywhere():
    files = [path for path in DOCUMENTED_DIR.parent.rglob("*") if path.is_file()]
    assert files
    for path in files:
        assert "amrhein" not in path.read_text(encoding="utf-8").casefold(), path
