"""Shared by the integration tests: the whole stored state, and the command line as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from dashboard import schema
from dashboard.db import tables

ROOT = Path(__file__).resolve().parents[2]
ALL_TABLES = (*schema.STORED_TABLES, "import_batches", "import_changes", "audit_log", "users")


def every_row(engine, names: tuple[str, ...] = ALL_TABLES) -> dict[str, list]:
    """Every row of every table in primary-key order: a byte-for-byte picture of the data."""
    with engine.connect() as connection:
        result = {}
        for name in names:
            table = tables.metadata.tables[name]
            result[name] = [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
        return result


def run_cli(database_url: str, *args: str) -> subprocess.CompletedProcess:
    """`python -m dashboard ARGS` against `database_url`, as a finished process."""
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
