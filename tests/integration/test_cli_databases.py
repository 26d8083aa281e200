"""The import commands of `python -m dashboard` as real processes on SQLite and PostgreSQL
(test_cli_import.py covers every command on SQLite; these are the ones that write data)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from dashboard.db import tables
from dashboard.db.setup import prepare
from dashboard.sample import generate

ROOT = Path(__file__).resolve().parents[2]
DATA_TABLES = ("actors", "events", "sessions", "topics", "session_topics", "attendance", "links")
ALL_TABLES = (*DATA_TABLES, "import_batches", "import_changes", "audit_log", "users")


@pytest.fixture
def seeded(engine):
    prepare(engine, generate)
    return engine


def _run(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def _everything(engine) -> dict[str, list]:
    with engine.connect() as connection:
        return {
            name: [tuple(row) for row in connection.execute(select(tables.metadata.tables[name]).order_by(*tables.metadata.tables[name].primary_key.columns))]
            for name in ALL_TABLES
        }


def test_clidb001_rejected_files_exit_1_and_leave_every_table(seeded, database_url, tmp_path):
    before = _everything(seeded)
    by_itself = tmp_path / "actors.csv"
    by_itself.write_text("id;name;type;lat;lon\nneu;Neu;initiative;91;7\n", encoding="cp1252")
    against_data = tmp_path / "upload"
    against_data.mkdir()
    (against_data / "attendance.csv").write_text("event_id,actor_id,role\n2017-duesseldorf,atlantis,participant\n", encoding="utf-8")
    for path in (by_itself, against_data):
        result = _run(database_url, "import", str(path))
        assert result.returncode == 1 and "Import abgelehnt" in result.stderr, result.stderr
    assert _everything(seeded) == before


def test_clidb002_export_reimport_changes_nothing_then_import_and_undo(seeded, database_url, tmp_path):
    assert _run(database_url, "export", str(tmp_path / "all.zip")).returncode == 0
    before = _everything(seeded)
    result = _run(database_url, "import", "--replace", str(tmp_path / "all.zip"))
    assert result.returncode == 0, result.stderr
    assert "nichts Neues" in result.stdout
    assert {n: v for n, v in _everything(seeded).items() if n != "audit_log"} == {n: v for n, v in before.items() if n != "audit_log"}

    new = tmp_path / "Akteure.csv"
    new.write_text("Kennung,Name,Typ,Bundesland\nhilden-neu,Hilden,Kommune,NRW\n", encoding="utf-8-sig")
    result = _run(database_url, "import", str(new))
    assert result.returncode == 0, result.stderr
    batch = _everything(seeded)["import_batches"][-1][0]
    assert "hilden-neu" in {row[0] for row in _everything(seeded)["actors"]}
    result = _run(database_url, "undo", str(batch))
    assert result.returncode == 0, result.stderr
    restored = _everything(seeded)
    assert {n: restored[n] for n in DATA_TABLES} == {n: before[n] for n in DATA_TABLES}
