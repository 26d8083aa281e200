"""Backup and restore of the whole database.

SQLite: the online backup API copies a consistent snapshot while the app keeps running, and
restores the same way (page by page into the live file, under SQLite's locks).
PostgreSQL: `pg_dump` writes a plain SQL file of this app's tables (in the schema the
connection uses), `psql` replays it in a single transaction. Both must be installed; the
password travels in PGPASSWORD, not on the command line.

After a restore, running app processes see the restored data at their next request: the
data version is read from the restored import_batches table.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

_SQLITE_MAGIC = b"SQLite format 3\x00"
_REQUIRED_TABLE = "import_batches"


class BackupError(RuntimeError):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def backup(engine: Engine, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    if engine.dialect.name == "sqlite":
        _sqlite_copy(_sqlite_file(engine), partial)
    elif engine.dialect.name == "postgresql":
        _pg_dump(engine, partial)
    else:
        raise BackupError("cli.backup.unsupported", dialect=engine.dialect.name)
    os.replace(partial, path)


def restore(engine: Engine, path: Path) -> None:
    if not path.is_file():
        raise BackupError("cli.restore.missing", path=str(path))
    if engine.dialect.name == "sqlite":
        _sqlite_restore(path, _sqlite_file(engine))
    elif engine.dialect.name == "postgresql":
        _psql_restore(engine, path)
    else:
        raise BackupError("cli.backup.unsupported", dialect=engine.dialect.name)


# --- SQLite ------------------------------------------------------------------------------------


def _sqlite_file(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("cli.backup.unsupported", dialect="sqlite :memory:")
    return Path(database)


def _sqlite_copy(source: Path, target: Path) -> None:
    if target.exists():
        target.unlink()
    src, dst = sqlite3.connect(source, timeout=30), sqlite3.connect(target)
    try:
        src.backup(dst)
        # The copy is one self-contained file, not dependent on a -wal file beside it.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def _sqlite_restore(backup_file: Path, database: Path) -> None:
    with open(backup_file, "rb") as handle:
        if handle.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            raise BackupError("cli.restore.not_a_backup", path=str(backup_file))
    src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        names = {row[0] for row in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if _REQUIRED_TABLE not in names:
            raise BackupError("cli.restore.not_a_backup", path=str(backup_file))
        database.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(database, timeout=30)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


# --- PostgreSQL ----------------------------------------------------------------------------------


def _libpq(engine: Engine) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without password, and the environment carrying it."""
    url = make_url(engine.url.render_as_string(hide_password=False))
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError("cli.backup.tool_missing", tool=name)
    return found


def _pg_dump(engine: Engine, target: Path) -> None:
    with engine.connect() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    uri, env = _libpq(engine)
    command = [
        _tool("pg_dump"),
        "--dbname",
        uri,
        "--format=plain",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--table",
        f'"{schema}".*',
        "--file",
        str(target),
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError("cli.backup.failed", detail=result.stderr.strip()[-500:])


def _psql_restore(engine: Engine, backup_file: Path) -> None:
    head = backup_file.read_bytes()[:4096]
    if b"PostgreSQL database dump" not in head:
        raise BackupError("cli.restore.not_a_backup", path=str(backup_file))
    uri, env = _libpq(engine)
    command = [
        _tool("psql"),
        "--dbname",
        uri,
        "--single-transaction",
        "--set",
        "ON_ERROR_STOP=1",
        "--quiet",
        "--no-psqlrc",
        "--file",
        str(backup_file),
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError("cli.backup.failed", detail=result.stderr.strip()[-500:])
