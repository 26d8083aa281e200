"""The sample generator: deterministic, contains the documented rows, obeys every data rule."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import func, select

from dashboard import schema
from dashboard.db import tables
from dashboard.db.engine import make_engine
from dashboard.db.migrate import upgrade
from dashboard.geo.data import find_place
from dashboard.geo.states import STATES
from dashboard.sample.seed import documented
from dashboard.sample.small import FIRST_YEAR, LAST_YEAR, generate

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DOCUMENTED_EVENT = "2017-duesseldorf"


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return generate()


def _years(frames) -> pd.Series:
    return frames["attendance"]["event_id"].map(frames["events"].set_index("id")["year"])


def test_sample001_same_seed_same_frames():
    first, second = generate(7), generate(7)
    for table in schema.STORED_TABLES:
        assert_frame_equal(first[table], second[table])
        assert first[table].to_csv(index=False) == second[table].to_csv(index=False)


def test_sample002_other_seed_other_frames():
    first, second = generate(7), generate(8)
    assert any(not first[table].equals(second[table]) for table in schema.LOAD_ORDER)


def test_sample003_documented_rows_unchanged(frames):
    known = documented()
    for table in ("actors", "events", "sessions", "attendance"):
        ours = frames[table][frames[table]["source"] == schema.SOURCE_DOCUMENTED]
        assert_frame_equal(ours.reset_index(drop=True), known[table])
    for table in ("topics", "session_topics"):
        merged = known[table].merge(frames[table], how="left", indicator=True)
        assert (merged["_merge"] == "both").all()
    # The documented event keeps its sessions and their topics, nothing added.
    sessions = frames["sessions"]
    assert set(sessions.loc[sessions["event_id"] == DOCUMENTED_EVENT, "id"]) == set(
        known["sessions"]["id"]
    )
    links = frames["session_topics"]
    ours = links[links["session_id"].isin(known["sessions"]["id"])].reset_index(drop=True)
    assert_frame_equal(ours, known["session_topics"])


def test_sample004_sample_rows_at_the_documented_event_add_no_roles(frames):
    attendance = frames["attendance"]
    added = attendance[
        (attendance["event_id"] == DOCUMENTED_EVENT)
        & (attendance["source"] == schema.SOURCE_SAMPLE)
    ]
    assert not added.empty
    assert set(added["role"]) == {"participant"}
    assert "2017-gallery-walk" not in set(added["session_id"].dropna())


def test_sample005_every_other_row_is_sample(frames):
    for table in ("actors", "events", "sessions", "attendance", "links"):
        assert set(frames[table]["source"]) <= {schema.SOURCE_DOCUMENTED, schema.SOURCE_SAMPLE}
    assert set(frames["links"]["source"]) == {schema.SOURCE_SAMPLE}


def test_sample006_events_and_sessions(frames):
    events = frames["events"]
    assert len(events) == 12
    assert list(events["year"]) == list(range(FIRST_YEAR, LAST_YEAR + 1))
    assert events["city"].is_unique
    assert (events["end_date"] >= events["start_date"]).all()
    sample = events[events["source"] == schema.SOURCE_SAMPLE]
    assert {d.month for d in sample["start_date"]} <= {6, 9}
    assert all(
        event_id == f"{year}-{event_id.split('-', 1)[1]}"
        for event_id, year in zip(events["id"], events["year"], strict=False)
    )
    per_event = frames["sessions"].groupby("event_id").size()
    assert per_event.drop(DOCUMENTED_EVENT).between(6, 10).all()
    assert set(frames["sessions"]["kind"]) <= set(schema.SESSION_KINDS)
    per_session = frames["session_topics"].groupby("session_id").size()
    assert per_session.between(1, 2).all()


def test_sample007_actors(frames):
    actors = frames["actors"]
    assert actors["id"].is_unique
    assert all(SLUG.match(i) and len(i) <= 64 for i in actors["id"])
    assert set(actors["type"]) <= set(schema.ACTOR_TYPES)
    kommunen = actors[actors["type"] == "kommune"]
    assert 60 <= len(kommunen) <= 120
    assert set(kommunen["state"]) == set(STATES)
    assert 35 <= len(actors) - len(kommunen) <= 70
    assert {"pirmasens", "langenfeld-rheinland", "hannover", "mannheim"} <= set(kommunen["id"])
    assert set(actors["state"].dropna()) <= set(STATES)
    assert all(len(a) == 8 and a.isdigit() for a in actors["ags"].dropna())
    assert (actors["lat"].isna() == actors["lon"].isna()).all()
    assert actors["lat"].isna().any()  # some actors have no place ("ohne Ort")


def test_sample008_municipal_coordinates_are_the_gazetteers(frames):
    kommunen = frames["actors"][frames["actors"]["type"] == "kommune"]
    for row in kommunen.itertuples():
        places = find_place(row.name, row.state)
        assert any((p["lat"], p["lon"]) == (row.lat, row.lon) for p in places), row.name


def test_sample009_attendance(frames):
    attendance = frames["attendance"]
    assert set(attendance["role"]) <= set(schema.ROLES)
    assert (attendance["headcount"].dropna() >= 0).all()
    key = attendance[["event_id", "actor_id", "role"]].assign(
        session=attendance["session_id"].fillna("")
    )
    assert not key.duplicated().any()
    sample = attendance[attendance["source"] == schema.SOURCE_SAMPLE]
    assert sample["headcount"].notna().all()
    whole = sample[sample["session_id"].isna()]
    assert not whole.duplicated(["event_id", "actor_id"]).any()
    per_session = sample[sample["session_id"].notna()].merge(
        whole[["event_id", "actor_id", "headcount"]],
        on=["event_id", "actor_id"],
        suffixes=("", "_event"),
    )
    assert len(per_session) == sample["session_id"].notna().sum()
    assert (per_session["headcount"] <= per_session["headcount_event"]).all()


def test_sample010_network_grows(frames):
    attendance = frames["attendance"]
    actors_per_year = attendance.groupby(_years(frames))["actor_id"].nunique()
    assert 25 <= actors_per_year[FIRST_YEAR] <= 40
    assert 70 <= actors_per_year[LAST_YEAR] <= 110
    links = frames["links"]
    assert (links["since_year"] <= LAST_YEAR).sum() > (links["since_year"] <= 2016).sum()


def test_sample011_foreign_keys_resolve(frames):
    actor_ids = set(frames["actors"]["id"])
    session_event = frames["sessions"].set_index("id")["event_id"]
    assert set(frames["sessions"]["event_id"]) <= set(frames["events"]["id"])
    assert set(frames["session_topics"]["session_id"]) <= set(session_event.index)
    assert set(frames["session_topics"]["topic_id"]) <= set(frames["topics"]["id"])
    attendance = frames["attendance"]
    assert set(attendance["event_id"]) <= set(frames["events"]["id"])
    assert set(attendance["actor_id"]) <= actor_ids
    in_session = attendance[attendance["session_id"].notna()]
    assert (in_session["session_id"].map(session_event) == in_session["event_id"]).all()
    assert set(frames["links"]["source_id"]) | set(frames["links"]["target_id"]) <= actor_ids


def test_sample012_link_rules(frames):
    links = frames["links"]
    assert 150 <= len(links) <= 300
    assert (links["source_id"] < links["target_id"]).all()
    assert not links.duplicated(["source_id", "target_id", "kind"]).any()
    assert links["weight"].between(1, 5).all()
    assert set(links["kind"]) == set(schema.LINK_KINDS)
    ended = links.dropna(subset=["until_year"])
    assert (ended["until_year"] >= ended["since_year"]).all()


def test_sample013_loads_into_a_fresh_database(tmp_path, frames):
    engine = make_engine("sqlite:///" + str(tmp_path / "t.db"))
    try:
        upgrade(engine)
        with engine.begin() as connection:
            for table in schema.STORED_TABLES:
                frames[table].to_sql(table, connection, if_exists="append", index=False)
        with engine.connect() as connection:
            for table in schema.STORED_TABLES:
                count = connection.execute(
                    select(func.count()).select_from(tables.DATA_TABLES[table])
                )
                assert count.scalar_one() == len(frames[table])
    finally:
        engine.dispose()


def test_sample014_evaluation_results_for_sample_years_only(frames):
    results = frames["evaluation_results"]
    events = frames["events"].set_index("id")
    assert not results.empty
    assert (results["source"] == schema.SOURCE_SAMPLE).all()
    years = set(events.loc[results["event_id"].unique(), "year"])
    assert 2017 not in years and len(years) >= 5
    # Each question's whole-event counts add up to at least its sessions' counts.
    whole = results[results["session_id"].isna()].groupby(["event_id", "question_key"])["count"]
    parts = results[results["session_id"].notna()].groupby(["event_id", "question_key"])["count"]
    assert (whole.sum() >= parts.sum().reindex(whole.sum().index, fill_value=0)).all()
