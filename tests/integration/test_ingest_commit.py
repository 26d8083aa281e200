"""Import commit and undo against a real database, on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from sqlalchemy import func, select

from dashboard import schema
from dashboard.db import accounts, repository, tables
from dashboard.db.setup import prepare
from dashboard.exchange import parse_bytes
from dashboard.exchange.commit import (
    ImportRejected,
    StalePreview,
    UndoRefused,
    commit,
    current_tables,
    preview,
    undo,
)
from dashboard.exchange.plan import MERGE, REPLACE
from dashboard.exchange.workbook import dataset_xlsx, dataset_zip
from dashboard.sample.seed import conform
from dashboard.sample.small import generate
from tests.integration.db_state import every_row
from tests.unit.analysis.frames import tiny_tables


def _tiny():
    return {name: conform(name, frame) for name, frame in tiny_tables().items()}


@pytest.fixture
def tiny_db(engine):
    prepare(engine, _tiny)
    return engine


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(f"{name}.csv", text)
    return buffer.getvalue()


def _snapshot(engine) -> dict[str, pd.DataFrame]:
    with engine.connect() as connection:
        return current_tables(connection)


@pytest.mark.parametrize(
    "writer, name", [(dataset_xlsx, "export.xlsx"), (dataset_zip, "export.zip")]
)
def test_com001_export_then_import_changes_nothing(engine, writer, name):
    prepare(engine, generate)
    with engine.connect() as connection:
        frames = repository.read_all(connection)
    parsed = parse_bytes(writer(frames), name)
    assert parsed.ok, [p.message_key for p in parsed.problems if p.is_error]
    before = every_row(engine)
    for mode in (MERGE, REPLACE):
        plan = preview(engine, parsed, mode)
        assert plan.ok
        assert not plan.has_changes, {
            k: v for k, v in plan.counts().items() if v["new"] or v["changed"] or v["removed"]
        }
        # Survey results are not part of the dataset format (only shown suppressed).
        assert {name: counts["unchanged"] for name, counts in plan.counts().items()} == {
            n: len(frames[n]) for n in schema.LOAD_ORDER
        }
    result = commit(engine, parsed, user="anna", mode=REPLACE)
    assert result.batch_id is None
    assert every_row(engine) == before


def test_com002_commit_writes_one_batch_and_undo_restores_exactly(tiny_db):
    before = _snapshot(tiny_db)
    data = _zip(
        {
            "actors": (
                "id,name,type,state,lat,lon\n"
                "bonn,Bundesstadt Bonn,kommune,05,50.73,7.1\n"
                "kiel,Kiel,kommune,01,54.32,10.13\n"
                "neu,Neu e. V.,initiative,05,51.0,7.0\n"
            ),
            "attendance": (
                "event_id,actor_id,session_id,role,headcount\n"
                "e2016,bonn,,participant,7\ne2017,kiel,s17,participant,4\ne2018,neu,,participant,1\n"
            ),
            "links": "source_id,target_id,kind\nkiel,neu,projekt\n",
        }
    )
    parsed = parse_bytes(data, "jahr.zip")
    result = commit(tiny_db, parsed, user="anna", mode=REPLACE)
    assert result.batch_id is not None
    counts = result.plan.counts()
    assert counts["actors"] == {"new": 1, "changed": 1, "unchanged": 1, "removed": 2}
    assert counts["attendance"] == {"new": 1, "changed": 1, "unchanged": 1, "removed": 8}
    after = _snapshot(tiny_db)
    actors = after["actors"].set_index("id")
    assert actors.loc["bonn", "name"] == "Bundesstadt Bonn"
    assert actors.loc["bonn", "source"] == schema.batch_source(result.batch_id)
    assert actors.loc["kiel", "source"] == "sample"  # unchanged rows keep their provenance
    assert set(actors.index) == {"bonn", "kiel", "neu"}
    with tiny_db.connect() as connection:
        batch = connection.execute(
            select(tables.import_batches).where(tables.import_batches.c.id == result.batch_id)
        ).one()
        assert (batch.user, batch.file_name) == ("anna", "jahr.zip")
        assert (
            connection.execute(select(func.count()).select_from(tables.import_batches)).scalar_one()
            == 2
        )
    counts = undo(tiny_db, result.batch_id, user="anna")
    assert counts == {"insert": 3, "update": 2, "delete": 2 + 8 + 3}
    restored = _snapshot(tiny_db)
    for name in schema.LOAD_ORDER:
        pd.testing.assert_frame_equal(restored[name], before[name], check_dtype=False, obj=name)
    with tiny_db.connect() as connection:
        actions = [
            row.action
            for row in connection.execute(
                select(tables.audit_log.c.action).order_by(tables.audit_log.c.id)
            )
        ]
    assert actions == [accounts.IMPORT, accounts.UNDO]


def test_com003_rejected_import_leaves_every_table_unchanged(tiny_db):
    before = every_row(tiny_db)
    data = _zip(
        {
            "actors": "id,name,type\nneu,Neu,initiative\n",
            "attendance": "event_id,actor_id,role,headcount\ne2018,neu,participant,2\ne2018,atlantis,participant,1\n",
        }
    )
    parsed = parse_bytes(data, "kaputt.zip")
    assert parsed.ok  # the file is fine by itself; the reference is only wrong against the data
    with pytest.raises(ImportRejected) as rejected:
        commit(tiny_db, parsed, user="anna")
    assert [p.message_key for p in rejected.value.plan.errors] == ["unknown_reference"]
    assert every_row(tiny_db) == before


def test_com004_failure_while_writing_rolls_everything_back(tiny_db, monkeypatch):
    before = every_row(tiny_db)
    parsed = parse_bytes(
        _zip({"actors": "id,name,type\nneu,Neu,initiative\nbonn,Bonn neu,kommune\n"}), "a.zip"
    )

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(accounts, "record", broken)
    with pytest.raises(RuntimeError):
        commit(tiny_db, parsed, user="anna")
    assert every_row(tiny_db) == before


def test_com005_commit_after_the_data_moved_needs_a_new_preview(tiny_db):
    parsed = parse_bytes(_zip({"actors": "id,name,type\nneu,Neu,initiative\n"}), "a.zip")
    plan = preview(tiny_db, parsed)
    other = parse_bytes(_zip({"actors": "id,name,type\nanders,Anders,netzwerk\n"}), "b.zip")
    commit(tiny_db, other, user="bert")
    with pytest.raises(StalePreview):
        commit(tiny_db, parsed, user="anna", expected_version=plan.base_version)


def test_com006_only_the_newest_import_can_be_undone(tiny_db):
    first = commit(
        tiny_db,
        parse_bytes(_zip({"actors": "id,name,type\na1,A1,initiative\n"}), "1.zip"),
        user="x",
    ).batch_id
    second = commit(
        tiny_db,
        parse_bytes(_zip({"actors": "id,name,type\na2,A2,initiative\n"}), "2.zip"),
        user="x",
    ).batch_id
    with pytest.raises(UndoRefused) as refused:
        undo(tiny_db, first, user="x")
    assert refused.value.key == "ingest.undo_not_newest"
    undo(tiny_db, second, user="x")
    with pytest.raises(UndoRefused):
        undo(tiny_db, second, user="x")
    undo(tiny_db, first, user="x")
    # The seed batch has no recorded changes: it cannot be undone.
    with pytest.raises(UndoRefused):
        undo(tiny_db, 1, user="x")
    assert set(_snapshot(tiny_db)["actors"]["id"]) == {"bonn", "kiel", "verein", "portal"}


def test_com007_sample_rows_stay_marked_as_sample(tiny_db):
    parsed = parse_bytes(
        _zip(
            {
                "actors": "id,name,type,source\ns1,S1,initiative,sample\ns2,S2,initiative,documented\n"
            }
        ),
        "s.zip",
    )
    batch = commit(tiny_db, parsed, user="x").batch_id
    sources = _snapshot(tiny_db)["actors"].set_index("id")["source"]
    assert (sources["s1"], sources["s2"]) == ("sample", schema.batch_source(batch))


def test_com008_every_commit_moves_the_data_version(tiny_db):
    with tiny_db.connect() as connection:
        v0 = repository.data_version(connection)
    batch = commit(
        tiny_db, parse_bytes(_zip({"actors": "id,name,type\nx,X,netzwerk\n"}), "x.zip"), user="x"
    ).batch_id
    with tiny_db.connect() as connection:
        v1 = repository.data_version(connection)
    undo(tiny_db, batch, user="x")
    with tiny_db.connect() as connection:
        v2 = repository.data_version(connection)
    assert len({v0, v1, v2}) == 3


def test_com009_renamed_event_keeps_its_moved_sessions_and_undo_restores_exactly(tiny_db):
    """Replacing events with a renamed one while its sessions and attendance move along: the
    old event's removal must not cascade into rows the same import keeps (found by the
    crash tests of issue 9: session_topics vanished, then an insert failed)."""
    before = every_row(tiny_db)
    data = _zip(
        {
            "events": (
                "id,year,title,city\ne2016,2016,A,Kassel\n"
                "e2017,2017,Die vernetzte Kommune,Düsseldorf\ne2018-leipzig,2018,C,Leipzig\n"
            ),
            "sessions": "id,event_id,kind,title\ns17,e2017,workshop,Wirkung\ns18,e2018-leipzig,workshop,Steuerung\n",
            "attendance": (
                "event_id,actor_id,session_id,role,headcount\n"
                "e2016,bonn,,participant,3\ne2016,verein,,participant,5\ne2017,bonn,,participant,2\n"
                "e2017,bonn,,speaker,1\ne2017,bonn,s17,participant,2\ne2017,kiel,s17,participant,4\n"
                "e2017,portal,,exhibitor,\ne2018-leipzig,bonn,,participant,\ne2018-leipzig,verein,,participant,2\n"
                "e2018-leipzig,verein,s18,participant,2\n"
            ),
        }
    )
    result = commit(tiny_db, parse_bytes(data, "umbenannt.zip"), user="anna", mode=REPLACE)
    after = _snapshot(tiny_db)
    assert set(after["events"]["id"]) == {"e2016", "e2017", "e2018-leipzig"}
    assert after["sessions"].set_index("id").loc["s18", "event_id"] == "e2018-leipzig"
    assert len(after["session_topics"]) == 2  # not in the file, so untouched
    assert (after["attendance"]["event_id"] == "e2018-leipzig").sum() == 3
    undo(tiny_db, result.batch_id, user="anna")
    restored = every_row(tiny_db)
    for name in schema.LOAD_ORDER:
        assert restored[name] == before[name], name


def test_com010_new_topic_may_take_the_name_of_a_removed_one_and_undo_restores_exactly(tiny_db):
    """Topic names are unique: the removed topic must be gone before the new one is written,
    and on undo the new one before the removed one comes back."""
    before = every_row(tiny_db)
    data = _zip(
        {
            "topics": "id,name\nwirkung-neu,Wirkung\nsteuerung,Steuerung\n",
            "session_topics": "session_id,topic_id\ns17,wirkung-neu\ns18,steuerung\n",
        }
    )
    result = commit(tiny_db, parse_bytes(data, "themen.zip"), user="anna", mode=REPLACE)
    after = _snapshot(tiny_db)
    assert set(zip(after["topics"]["id"], after["topics"]["name"], strict=False)) == {
        ("wirkung-neu", "Wirkung"),
        ("steuerung", "Steuerung"),
    }
    assert set(
        zip(
            after["session_topics"]["session_id"], after["session_topics"]["topic_id"], strict=False
        )
    ) == {
        ("s17", "wirkung-neu"),
        ("s18", "steuerung"),
    }
    undo(tiny_db, result.batch_id, user="anna")
    restored = every_row(tiny_db)
    for name in schema.LOAD_ORDER:
        assert restored[name] == before[name], name
