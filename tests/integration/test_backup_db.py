"""Backup and restore on SQLite (online backup API) and PostgreSQL (pg_dump / psql)."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from dashboard.db import tables
from dashboard.db.setup import prepare
from dashboard.exchange import backup, parse_bytes
from dashboard.exchange.commit import commit
from dashboard.sample.seed import conform
from tests.unit.analysis.frames import tiny_tables

NAMES = (
    "actors",
    "events",
    "sessions",
    "topics",
    "session_topics",
    "attendance",
    "links",
    "import_batches",
)


def _rows(engine):
    with engine.connect() as connection:
        return {
            name: [
                tuple(r)
                for r in connection.execute(
                    select(tables.metadata.tables[name]).order_by(
                        *tables.metadata.tables[name].primary_key.columns
                    )
                )
            ]
            for name in NAMES
        }


def test_bak001_restore_brings_back_the_backed_up_state(engine, tmp_path):
    if engine.dialect.name == "postgresql" and not (
        shutil.which("pg_dump") and shutil.which("psql")
    ):
        pytest.skip("pg_dump/psql not installed")
    prepare(engine, lambda: {n: conform(n, f) for n, f in tiny_tables().items()})
    before = _rows(engine)
    path = tmp_path / "sicherung"
    backup.backup(engine, path)
    commit(engine, parse_bytes(b"id,name,type\nneu,Neu,initiative\n", "actors.csv"), user="x")
    assert _rows(engine) != before
    backup.restore(engine, path)
    assert _rows(engine) == before


def test_bak002_restore_refuses_a_file_that_is_no_backup(engine, tmp_path):
    prepare(engine, None)
    path = tmp_path / "x"
    path.write_text("SELECT 1;")
    with pytest.raises(backup.BackupError):
        backup.restore(engine, path)
