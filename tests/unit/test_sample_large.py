"""The national-scale sample dataset: sizes, determinism and every database constraint."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import schema
from dashboard.db import migrate, repository
from dashboard.db.engine import make_engine
from dashboard.geo.data import places
from dashboard.sample.national import generate_large
from dashboard.sample.seed import conform, documented

SMALL = {
    "municipalities": 400,
    "organisations": 150,
    "events": 6,
    "attendance_rows": 4_000,
    "link_rows": 500,
}


@pytest.fixture(scope="module")
def small():
    return generate_large(7, **SMALL)


def test_large001_same_seed_same_frames(small):
    again = generate_large(7, **SMALL)
    for name in schema.STORED_TABLES:
        pd.testing.assert_frame_equal(small[name], again[name])
    other = generate_large(8, **SMALL)
    assert not small["attendance"].equals(other["attendance"])


def test_large002_frames_follow_the_conventions(small):
    assert list(small) == list(schema.STORED_TABLES)
    for name, frame in small.items():
        assert tuple(frame.columns) == schema.TABLE_COLUMNS[name]
        pd.testing.assert_frame_equal(frame, conform(name, frame))


def test_large003_sizes_follow_the_parameters(small):
    actors = small["actors"]
    assert (actors["type"] == "kommune").sum() == 400
    generated = actors[(actors["source"] == "sample") & (actors["type"] != "kommune")]
    assert len(generated) >= 150
    assert len(small["events"]) == 6
    assert small["events"]["year"].is_unique
    assert 2017 in set(small["events"]["year"])
    assert abs(len(small["attendance"]) - 4_000) < 0.15 * 4_000
    assert abs(len(small["links"]) - 500) < 0.15 * 500


def test_large004_documented_rows_are_contained_unchanged(small):
    for name, frame in documented().items():
        if frame.empty:
            continue
        merged = frame.merge(small[name], how="left", indicator=True)
        assert (merged["_merge"] == "both").all(), name
    sample_2017 = small["sessions"][small["sessions"]["event_id"] == "2017-duesseldorf"]
    assert (sample_2017["source"] == "documented").all()


def test_large005_every_row_satisfies_the_constraints(small):
    actors, events, sessions = small["actors"], small["events"], small["sessions"]
    attendance, links = small["attendance"], small["links"]
    assert actors["id"].is_unique and actors["id"].str.len().max() <= 64
    assert set(actors["type"]) <= set(schema.ACTOR_TYPES)
    assert (actors["lat"].isna() == actors["lon"].isna()).all()
    assert actors["state"].dropna().str.len().eq(2).all()
    assert actors["ags"].dropna().str.len().eq(8).all()
    assert actors["ags"].notna().any()
    assert events["id"].is_unique and sessions["id"].is_unique
    assert sessions["event_id"].isin(events["id"]).all()
    assert set(sessions["kind"]) <= set(schema.SESSION_KINDS)
    assert small["session_topics"]["topic_id"].isin(small["topics"]["id"]).all()
    assert small["session_topics"]["session_id"].isin(sessions["id"]).all()
    assert attendance["event_id"].isin(events["id"]).all()
    assert attendance["actor_id"].isin(actors["id"]).all()
    assert attendance["session_id"].dropna().isin(sessions["id"]).all()
    assert set(attendance["role"]) <= set(schema.ROLES)
    assert (attendance["headcount"].dropna() >= 0).all()
    key = attendance.fillna({"session_id": ""})[["event_id", "actor_id", "session_id", "role"]]
    assert not key.duplicated().any()
    assert (links["source_id"] < links["target_id"]).all()
    assert not links.duplicated(["source_id", "target_id", "kind"]).any()
    assert (
        links["source_id"].isin(actors["id"]).all() and links["target_id"].isin(actors["id"]).all()
    )
    assert (links["weight"] > 0).all()
    ended = links.dropna(subset=["since_year", "until_year"])
    assert (ended["until_year"] >= ended["since_year"]).all()
    assert set(links["kind"]) <= set(schema.LINK_KINDS)


def test_large006_loads_into_the_database(small, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'large.db'}")
    migrate.upgrade(engine)
    with engine.begin() as connection:
        batch = repository.start_batch(connection, "test", "large")
        counts = repository.insert_frames(connection, small)
        repository.finish_batch(connection, batch, {"inserted": counts})
    with engine.connect() as connection:
        back = repository.read_all(connection)
    engine.dispose()
    assert {name: len(frame) for name, frame in back.items()} == {
        name: len(small[name]) for name in small
    }


def test_large007_default_is_national_scale():
    frames = generate_large()
    actors = frames["actors"]
    assert (actors["type"] == "kommune").sum() == len(places())
    assert ((actors["source"] == "sample") & (actors["type"] != "kommune")).sum() >= 5_000
    assert len(frames["events"]) == 20
    assert abs(len(frames["attendance"]) - 300_000) < 15_000
    assert abs(len(frames["links"]) - 50_000) < 2_500
