"""`python -m dashboard backup | restore` as real processes on SQLite (online backup API)
and PostgreSQL (pg_dump / psql), and a backup taken while a write is still open."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import insert

from dashboard.db import tables
from dashboard.db.setup import prepare
from dashboard.exchange import backup
from dashboard.sample.small import generate
from tests.integration.db_state import every_row, run_cli


@pytest.fixture
def seeded(engine):
    if engine.dialect.name == "postgresql" and not (
        shutil.which("pg_dump") and shutil.which("psql")
    ):
        pytest.skip("pg_dump/psql not installed: PostgreSQL backups cannot be made here")
    prepare(engine, generate)
    return engine


def test_bak101_cli_backup_then_import_then_restore_gives_the_backed_up_state(
    seeded, database_url, tmp_path
):
    before = every_row(seeded)
    path = tmp_path / "sicherung" / "netzwerkatlas.backup"
    result = run_cli(database_url, "backup", str(path))
    assert result.returncode == 0, result.stderr
    assert path.is_file() and not path.with_name(path.name + ".part").exists()

    file = tmp_path / "actors.csv"
    file.write_text(
        "id,name,type\nnach-der-sicherung,Nach der Sicherung,initiative\n", encoding="utf-8"
    )
    assert run_cli(database_url, "import", str(file)).returncode == 0
    assert every_row(seeded) != before

    result = run_cli(database_url, "restore", str(path))
    assert result.returncode == 0, result.stderr
    assert every_row(seeded) == before


def test_bak102_restore_of_a_file_that_is_no_backup_is_refused_and_changes_nothing(
    seeded, database_url, tmp_path
):
    before = every_row(seeded)
    path = tmp_path / "kein-backup.sql"
    path.write_text("DROP TABLE actors;\n", encoding="utf-8")
    result = run_cli(database_url, "restore", str(path))
    assert result.returncode == 1 and result.stderr.strip()
    assert "Traceback" not in result.stderr
    assert every_row(seeded) == before


def test_bak103_backup_during_an_open_write_holds_only_committed_data(seeded, tmp_path):
    before = every_row(seeded)
    path = tmp_path / "waehrend.backup"
    with seeded.connect() as writer:
        transaction = writer.begin()
        writer.execute(
            insert(tables.actors),
            [{"id": "unfertig", "name": "Unfertig", "type": "initiative", "source": "x"}],
        )
        backup.backup(seeded, path)  # the app keeps running: no lock stops the backup
        transaction.commit()
    assert "unfertig" in {row[0] for row in every_row(seeded)["actors"]}
    backup.restore(seeded, path)
    assert every_row(seeded) == before
