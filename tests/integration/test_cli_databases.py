"""The import commands of `python -m dashboard` as real processes on SQLite and PostgreSQL
(test_cli_import.py covers every command on SQLite; these are the ones that write data)."""

from __future__ import annotations

import pytest

from dashboard.db.setup import prepare
from dashboard.sample.small import generate
from tests.integration.db_state import every_row, run_cli

DATA_TABLES = ("actors", "events", "sessions", "topics", "session_topics", "attendance", "links")


@pytest.fixture
def seeded(engine):
    prepare(engine, generate)
    return engine


def test_clidb001_rejected_files_exit_1_and_leave_every_table(seeded, database_url, tmp_path):
    before = every_row(seeded)
    by_itself = tmp_path / "actors.csv"
    by_itself.write_text("id;name;type;lat;lon\nneu;Neu;initiative;91;7\n", encoding="cp1252")
    against_data = tmp_path / "upload"
    against_data.mkdir()
    (against_data / "attendance.csv").write_text(
        "event_id,actor_id,role\n2017-duesseldorf,atlantis,participant\n", encoding="utf-8"
    )
    for path in (by_itself, against_data):
        result = run_cli(database_url, "import", str(path))
        assert result.returncode == 1 and "Import abgelehnt" in result.stderr, result.stderr
    assert every_row(seeded) == before


def test_clidb002_export_reimport_changes_nothing_then_import_and_undo(
    seeded, database_url, tmp_path
):
    assert run_cli(database_url, "export", str(tmp_path / "all.zip")).returncode == 0
    before = every_row(seeded)
    result = run_cli(database_url, "import", "--replace", str(tmp_path / "all.zip"))
    assert result.returncode == 0, result.stderr
    assert "nichts Neues" in result.stdout
    assert {n: v for n, v in every_row(seeded).items() if n != "audit_log"} == {
        n: v for n, v in before.items() if n != "audit_log"
    }

    new = tmp_path / "Akteure.csv"
    new.write_text(
        "Kennung,Name,Typ,Bundesland\nhilden-neu,Hilden,Kommune,NRW\n", encoding="utf-8-sig"
    )
    result = run_cli(database_url, "import", str(new))
    assert result.returncode == 0, result.stderr
    batch = every_row(seeded)["import_batches"][-1][0]
    assert "hilden-neu" in {row[0] for row in every_row(seeded)["actors"]}
    result = run_cli(database_url, "undo", str(batch))
    assert result.returncode == 0, result.stderr
    restored = every_row(seeded)
    assert {n: restored[n] for n in DATA_TABLES} == {n: before[n] for n in DATA_TABLES}
