"""`python -m dashboard import | export | undo | create-user | backup | restore` as real processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA_TABLES = ("actors", "events", "sessions", "topics", "session_topics", "attendance", "links")
ALL_TABLES = (*DATA_TABLES, "import_batches", "import_changes", "audit_log", "users")


def _run(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _dump(db: Path) -> dict[str, list]:
    with sqlite3.connect(db) as connection:
        return {
            name: connection.execute(f"SELECT * FROM {name} ORDER BY 1, 2").fetchall()
            for name in ALL_TABLES
        }


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A seeded database, created once; tests copy it."""
    db = tmp_path_factory.mktemp("cli") / "seed.db"
    result = _run(db, "init-db")
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def db(seeded, tmp_path) -> Path:
    target = tmp_path / "app.db"
    with sqlite3.connect(seeded) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def test_cli001_rejected_file_exits_non_zero_and_changes_nothing(db, tmp_path):
    before = _dump(db)
    bad = tmp_path / "actors.csv"
    bad.write_text(
        "id;name;type;lat;lon\nneu;Neu;initiative;91;7\nzwei;Zwei;verein2;;\n", encoding="cp1252"
    )
    result = _run(db, "import", str(bad))
    assert result.returncode == 1
    assert "Breitengrad außerhalb" in result.stderr and "Zeile 2" in result.stderr
    assert "Zeile 3" in result.stderr  # every problem, not only the first
    assert "Import abgelehnt: 2 Fehler" in result.stderr
    assert _dump(db) == before


def test_cli002_rejected_against_the_data_also_changes_nothing(db, tmp_path):
    before = _dump(db)
    folder = tmp_path / "upload"
    folder.mkdir()
    (folder / "attendance.csv").write_text(
        "event_id,actor_id,role\n2017-duesseldorf,atlantis,participant\n", encoding="utf-8"
    )
    result = _run(db, "import", str(folder))
    assert result.returncode == 1
    assert "atlantis" in result.stderr
    assert _dump(db) == before


def test_cli003_export_import_round_trip_and_undo(db, tmp_path):
    for name in ("all.xlsx", "all.zip"):
        result = _run(db, "export", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
    before = _dump(db)
    result = _run(db, "import", str(tmp_path / "all.zip"), "--replace")
    assert result.returncode == 0, result.stderr
    assert "Die Datei enthält nichts Neues" in result.stdout
    after = _dump(db)
    assert {n: after[n] for n in DATA_TABLES} == {n: before[n] for n in DATA_TABLES}
    assert after["import_batches"] == before["import_batches"]

    new = tmp_path / "Akteure.csv"
    new.write_text(
        "Kennung,Name,Typ,Bundesland\nhilden-neu,Hilden,Kommune,NRW\n", encoding="utf-8-sig"
    )
    assert _run(db, "import", str(new), "--dry-run").returncode == 0
    assert _dump(db)["actors"] == before["actors"]
    result = _run(db, "import", str(new))
    assert result.returncode == 0, result.stderr
    assert "Akteure: 1 neu" in result.stdout
    actors = {row[0]: row for row in _dump(db)["actors"]}
    assert actors["hilden-neu"][6] == pytest.approx(51.17, abs=0.02)  # placed from the gazetteer
    batch = _dump(db)["import_batches"][-1][0]
    result = _run(db, "undo", str(batch))
    assert result.returncode == 0, result.stderr
    restored = _dump(db)
    assert {n: restored[n] for n in DATA_TABLES} == {n: before[n] for n in DATA_TABLES}


def test_cli004_export_needs_a_known_extension(db, tmp_path):
    result = _run(db, "export", str(tmp_path / "all.csv"))
    assert result.returncode == 2
    assert not (tmp_path / "all.csv").exists()


def test_cli005_create_user_stores_only_a_hash(db):
    result = _run(
        db,
        "create-user",
        "anna",
        "--role",
        "editor",
        "--password-stdin",
        stdin="ein langes Passwort\n",
    )
    assert result.returncode == 0, result.stderr
    [user] = _dump(db)["users"]
    assert user[1] == "anna" and user[3] == "editor"
    assert "ein langes Passwort" not in user[2] and user[2].startswith("scrypt:")
    assert (
        _run(
            db,
            "create-user",
            "anna",
            "--role",
            "admin",
            "--password-stdin",
            stdin="ein langes Passwort\n",
        ).returncode
        == 2
    )
    assert (
        _run(
            db, "create-user", "bert", "--role", "viewer", "--password-stdin", stdin="kurz\n"
        ).returncode
        == 2
    )


def test_cli011_set_password_and_disable_user_end_the_sessions(db):
    """users columns: id, name, password_hash, role, created_at, disabled_at, session_version."""
    assert (
        _run(
            db,
            "create-user",
            "anna",
            "--role",
            "editor",
            "--password-stdin",
            stdin="ein langes Passwort\n",
        ).returncode
        == 0
    )
    [before] = _dump(db)["users"]
    result = _run(
        db, "set-password", "anna", "--password-stdin", stdin="ein neues langes Passwort\n"
    )
    assert result.returncode == 0, result.stderr
    [changed] = _dump(db)["users"]
    assert changed[2] != before[2] and changed[6] == before[6] + 1
    assert _run(db, "set-password", "anna", "--password-stdin", stdin="kurz\n").returncode == 2
    assert _run(db, "disable-user", "niemand").returncode == 2
    assert _run(db, "disable-user", "anna").returncode == 0
    [disabled] = _dump(db)["users"]
    assert disabled[5] is not None and disabled[6] == before[6] + 2


def test_cli006_backup_and_restore(db, tmp_path):
    backup = tmp_path / "sicherung.db"
    assert _run(db, "backup", str(backup)).returncode == 0
    before = _dump(db)
    new = tmp_path / "actors.csv"
    new.write_text("id,name,type\nneu,Neu,initiative\n", encoding="utf-8")
    assert _run(db, "import", str(new)).returncode == 0
    assert _dump(db) != before
    result = _run(db, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert _dump(db) == before
    not_a_backup = tmp_path / "x.db"
    not_a_backup.write_text("hello")
    assert _run(db, "restore", str(not_a_backup)).returncode == 1
    assert _dump(db) == before


def test_cli012_a_negative_headcount_no_longer_hides_an_unknown_actor(db, tmp_path):
    before = _dump(db)
    bad = tmp_path / "attendance.csv"
    bad.write_text(
        "event_id;actor_id;role;headcount\n2017-duesseldorf;pirmasens;participant;-2\n2017-duesseldorf;atlantis;participant;3\n",
        encoding="utf-8",
    )
    result = _run(db, "import", str(bad))
    assert result.returncode == 1
    assert "Zeile 2" in result.stderr and "negativ" in result.stderr
    assert "Zeile 3" in result.stderr and "atlantis" in result.stderr
    assert "Import abgelehnt: 2 Fehler" in result.stderr
    assert _dump(db) == before


def test_cli012_an_import_stores_the_new_network_layout_and_a_dry_run_does_not(db, tmp_path):
    new = tmp_path / "Akteure.csv"
    new.write_text(
        "Kennung,Name,Typ,Bundesland\nhilden-neu,Hilden,Kommune,NRW\n", encoding="utf-8-sig"
    )
    result = _run(db, "import", str(new), "--dry-run")
    assert result.returncode == 0 and "Netzwerk-Layout" not in result.stdout
    assert _layout_actors(db) == set()

    result = _run(db, "import", str(new))
    assert result.returncode == 0, result.stderr
    assert "Netzwerk-Layout der neuen Daten vorausberechnet" in result.stdout
    stored = _layout_actors(db)
    assert "hilden-neu" in stored and stored == {row[0] for row in _dump(db)["actors"]}
    versions = _layout_versions(db)
    batch = _dump(db)["import_batches"][-1][0]

    assert _run(db, "undo", str(batch)).returncode == 0
    assert "hilden-neu" not in _layout_actors(db) and _layout_versions(db) != versions


def _layout_actors(db: Path) -> set[str]:
    with sqlite3.connect(db) as connection:
        return {row[0] for row in connection.execute("SELECT actor_id FROM network_layouts")}


def _layout_versions(db: Path) -> set[str]:
    with sqlite3.connect(db) as connection:
        return {row[0] for row in connection.execute("SELECT data_version FROM network_layouts")}
