"""Schema constraints, checked on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, inspect, select
from sqlalchemy.exc import DataError, IntegrityError

from dashboard.db import migrate, tables


def _actor(actor_id: str, **changes) -> dict:
    row = {"id": actor_id, "name": actor_id.title(), "type": "kommune", "source": "sample"}
    row.update(changes)
    return row


@pytest.fixture
def db(engine):
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(insert(tables.actors), [_actor("bonn"), _actor("essen"), _actor("kiel")])
        connection.execute(
            insert(tables.events),
            [
                {
                    "id": "e2017",
                    "year": 2017,
                    "title": "Die vernetzte Kommune",
                    "start_date": dt.date(2017, 6, 13),
                    "end_date": dt.date(2017, 6, 14),
                    "source": "documented",
                }
            ],
        )
        connection.execute(
            insert(tables.sessions),
            [
                {
                    "id": "s1",
                    "event_id": "e2017",
                    "kind": "workshop",
                    "title": "Wirkung",
                    "source": "documented",
                }
            ],
        )
    return engine


def _insert(engine, table, row):
    with engine.begin() as connection:
        connection.execute(insert(table), [row])


def test_db001_migration_creates_every_table(db):
    names = set(inspect(db).get_table_names())
    assert {
        "actors",
        "events",
        "sessions",
        "topics",
        "session_topics",
        "attendance",
        "links",
        "import_batches",
    } <= names


@pytest.mark.parametrize(
    "table, row",
    [
        (
            "attendance",
            {
                "event_id": "e2017",
                "actor_id": "bonn",
                "role": "participant",
                "headcount": -1,
                "source": "sample",
            },
        ),
        (
            "attendance",
            {"event_id": "e2017", "actor_id": "bonn", "role": "zuschauer", "source": "sample"},
        ),
        (
            "attendance",
            {
                "event_id": "e2017",
                "actor_id": "atlantis",
                "role": "participant",
                "source": "sample",
            },
        ),
        (
            "attendance",
            {"event_id": "e1999", "actor_id": "bonn", "role": "participant", "source": "sample"},
        ),
        ("actors", _actor("x1", lat=91.0, lon=7.0)),
        ("actors", _actor("x2", lat=50.0, lon=-181.0)),
        ("actors", _actor("x3", lat=50.0)),
        ("actors", _actor("x4", type="verein")),
        ("actors", _actor("x5", state="NRW")),
        ("actors", {"id": "x6", "name": "Ohne Quelle", "type": "kommune"}),
        (
            "sessions",
            {"id": "s2", "event_id": "e2017", "kind": "party", "title": "x", "source": "sample"},
        ),
        (
            "links",
            {"source_id": "bonn", "target_id": "bonn", "kind": "projekt", "source": "sample"},
        ),
        (
            "links",
            {"source_id": "kiel", "target_id": "bonn", "kind": "projekt", "source": "sample"},
        ),
        (
            "links",
            {"source_id": "bonn", "target_id": "kiel", "kind": "freundschaft", "source": "sample"},
        ),
        (
            "links",
            {
                "source_id": "bonn",
                "target_id": "kiel",
                "kind": "projekt",
                "weight": 0,
                "source": "sample",
            },
        ),
        (
            "events",
            {
                "id": "e2",
                "year": 2018,
                "title": "x",
                "start_date": dt.date(2018, 6, 2),
                "end_date": dt.date(2018, 6, 1),
                "source": "sample",
            },
        ),
    ],
    ids=[
        "negative-headcount",
        "unknown-role",
        "unknown-actor",
        "unknown-event",
        "lat-out-of-range",
        "lon-out-of-range",
        "lat-without-lon",
        "unknown-actor-type",
        "state-not-a-code",
        "missing-source",
        "unknown-session-kind",
        "self-link",
        "link-stored-reversed",
        "unknown-link-kind",
        "zero-weight",
        "end-before-start",
    ],
)
def test_db002_constraint_rejects_bad_row(db, table, row):
    # PostgreSQL reports an over-long value as a data error, SQLite via the CHECK constraint.
    with pytest.raises((IntegrityError, DataError)):
        _insert(db, tables.DATA_TABLES[table], row)


def test_db003_link_stored_once_per_kind(db):
    link = {"source_id": "bonn", "target_id": "kiel", "kind": "projekt", "source": "sample"}
    _insert(db, tables.links, link)
    _insert(db, tables.links, {**link, "kind": "austausch"})
    with pytest.raises(IntegrityError):
        _insert(db, tables.links, link)


def test_db004_event_wide_attendance_counts_once_per_actor_and_role(db):
    row = {
        "event_id": "e2017",
        "actor_id": "bonn",
        "role": "participant",
        "headcount": 3,
        "source": "sample",
    }
    _insert(db, tables.attendance, row)
    _insert(db, tables.attendance, {**row, "session_id": "s1"})
    _insert(db, tables.attendance, {**row, "role": "speaker"})
    with pytest.raises(IntegrityError):
        _insert(db, tables.attendance, row)


def test_db005_unknown_headcount_and_place_are_allowed(db):
    _insert(db, tables.actors, _actor("nebenan-de", type="organisation"))
    _insert(
        db,
        tables.attendance,
        {
            "event_id": "e2017",
            "actor_id": "nebenan-de",
            "role": "exhibitor",
            "source": "documented",
        },
    )
    with db.connect() as connection:
        row = connection.execute(select(tables.attendance.c.headcount)).one()
    assert row.headcount is None


def test_db006_deleting_an_event_removes_its_sessions_and_attendance(db):
    _insert(
        db,
        tables.attendance,
        {
            "event_id": "e2017",
            "actor_id": "bonn",
            "session_id": "s1",
            "role": "participant",
            "source": "sample",
        },
    )
    with db.begin() as connection:
        connection.execute(tables.events.delete())
    with db.connect() as connection:
        assert connection.execute(select(tables.sessions)).all() == []
        assert connection.execute(select(tables.attendance)).all() == []


def test_db007_downgrade_and_upgrade_round_trip(db):
    migrate.downgrade(db, "base")
    assert "actors" not in inspect(db).get_table_names()
    migrate.upgrade(db)
    assert "actors" in inspect(db).get_table_names()
