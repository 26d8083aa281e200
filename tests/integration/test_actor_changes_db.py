"""Editing and merging actors against a real database (SQLite and PostgreSQL): one batch
each, recorded for the audit, undone exactly by `undo` and by `python -m dashboard undo`."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from dashboard import schema
from dashboard.db import accounts, tables
from dashboard.db.setup import prepare
from dashboard.exchange.actor_changes import moved_counts
from dashboard.exchange.actor_commit import edit_actor, merge_actors, preview_merge
from dashboard.exchange.commit import ImportRejected, StalePreview, undo
from dashboard.sample.seed import conform
from tests.integration.db_state import every_row, run_cli
from tests.unit.analysis.frames import frame, tiny_tables


def _seed():
    data = tiny_tables()
    data["actor_aliases"] = frame(
        "actor_aliases",
        [
            {"alias": "Bürgerverein e. V.", "actor_id": "verein", "source": "sample"},
            {"alias": "Stadt Bonn", "actor_id": "bonn", "source": "sample"},
        ],
    )
    # A second record of the bonn–kiel exchange, under the duplicate's id.
    data["links"].loc[len(data["links"])] = {
        "source_id": "kiel",
        "target_id": "verein",
        "kind": "austausch",
        "since_year": 2018,
        "until_year": None,
        "weight": 3,
        "source": "sample",
    }
    return {name: conform(name, table) for name, table in data.items()}


@pytest.fixture
def db(engine):
    prepare(engine, _seed)
    return engine


def _data(state: dict) -> dict:
    return {name: state[name] for name in schema.LOAD_ORDER}


def _rows(engine, table, *where) -> list:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                select(table).where(*where).order_by(*table.primary_key.columns)
            )
        ]


def _batch(engine, batch_id: int):
    with engine.connect() as connection:
        return connection.execute(
            select(tables.import_batches).where(tables.import_batches.c.id == batch_id)
        ).one()


def _audit(engine) -> list[tuple[str, str, dict]]:
    with engine.connect() as connection:
        rows = connection.execute(select(tables.audit_log).order_by(tables.audit_log.c.id)).all()
    return [(row.user_name, row.action, json.loads(row.detail)) for row in rows]


def test_acdb001_edit_is_one_batch_and_undo_restores_every_table(db):
    before = every_row(db)
    fields = {
        "name": "Bundesstadt Bonn",
        "type": "kommune",
        "city": "Bonn",
        "state": "",
        "ags": "05314000",
        "lat": "50,7374",
        "lon": "7,0982",
    }
    result = edit_actor(db, "bonn", fields, ["Bonn am Rhein"], user="anna", ip="10.0.0.1")
    assert result.batch_id is not None
    actor = _rows(db, tables.actors, tables.actors.c.id == "bonn")[0]
    assert actor[1:8] == ("Bundesstadt Bonn", "kommune", "05314000", "05", "Bonn", 50.7374, 7.0982)
    assert actor[9] == "sample"
    assert _rows(db, tables.actor_aliases, tables.actor_aliases.c.actor_id == "bonn") == [
        ("Bonn am Rhein", "bonn", f"batch:{result.batch_id}")
    ]
    batch = _batch(db, result.batch_id)
    assert (batch.user, batch.file_name) == ("anna", "Akteur bearbeitet: Bundesstadt Bonn")
    user, action, detail = _audit(db)[-1]
    assert (user, action, detail["batch"]) == ("anna", accounts.ACTOR_EDIT, result.batch_id)

    undo(db, result.batch_id, user="anna")
    assert _data(every_row(db)) == _data(before)


def test_acdb002_invalid_edit_writes_nothing(db):
    before = every_row(db)
    with pytest.raises(ImportRejected) as rejected:
        edit_actor(db, "bonn", {"name": "Bonn", "type": "kommune", "ags": "1234"}, [], user="anna")
    assert [(p.column, p.value) for p in rejected.value.plan.errors] == [("ags", "1234")]
    assert every_row(db) == before


def test_acdb003_merge_moves_everything_and_undo_restores_every_table(db):
    before = every_row(db)
    preview = preview_merge(db, "bonn", "verein")
    assert moved_counts(preview, "bonn") == {
        "attendance": 3,
        "links": 2,
        "aliases": 2,
        "self_links": 1,
    }
    result = merge_actors(db, "bonn", "verein", user="anna", expected_version=preview.base_version)
    batch = result.batch_id

    assert _rows(db, tables.actors, tables.actors.c.id == "verein") == []
    attendance = {
        (r[1], r[3], r[4]): r[5]
        for r in _rows(db, tables.attendance, tables.attendance.c.actor_id == "bonn")
    }
    assert attendance[("e2016", None, "participant")] == 8  # 3 + 5
    assert attendance[("e2018", None, "participant")] == 2  # unknown + 2
    assert attendance[("e2018", "s18", "participant")] == 2  # moved
    assert _rows(db, tables.attendance, tables.attendance.c.actor_id == "verein") == []
    links = {(r[1], r[2], r[3]): r[4:7] for r in _rows(db, tables.links)}
    assert links == {
        ("bonn", "kiel", "austausch"): (2016, 2018, 3.0),  # joined: years widened, larger weight
        ("bonn", "kiel", "projekt"): (
            2019,
            None,
            1.0,
        ),  # moved; bonn–verein became a self-link and went
    }
    assert _rows(db, tables.actor_aliases) == [
        ("Bürgerverein", "bonn", f"batch:{batch}"),
        ("Bürgerverein e. V.", "bonn", "sample"),
        ("Stadt Bonn", "bonn", "sample"),
    ]
    assert _batch(db, batch).file_name == "Zusammengeführt: Bürgerverein → Bonn"
    assert _audit(db)[-1][:2] == ("anna", accounts.ACTOR_MERGE)

    undo(db, batch, user="anna")
    assert _data(every_row(db)) == _data(before)


def test_acdb004_merge_refuses_a_stale_confirmation(db):
    preview = preview_merge(db, "bonn", "verein")
    edit_actor(
        db,
        "verein",
        {"name": "Bürgerverein", "type": "initiative", "state": "05", "lat": "51,2", "lon": "6,8"},
        ["Neue Schreibweise"],
        user="anna",
    )
    before = every_row(db)
    with pytest.raises(StalePreview):
        merge_actors(db, "bonn", "verein", user="anna", expected_version=preview.base_version)
    assert every_row(db) == before


def test_acdb005_merge_is_undone_from_the_command_line(db, database_url):
    before = every_row(db)
    batch = merge_actors(db, "kiel", "bonn", user="anna").batch_id
    result = run_cli(database_url, "undo", str(batch))
    assert result.returncode == 0, result.stderr
    assert _data(every_row(db)) == _data(before)
