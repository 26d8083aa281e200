"""Imports under stress, as real processes on SQLite and PostgreSQL: killed with SIGKILL in
the middle of writing, two at once, and read while they write."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select, text

from dashboard.db import repository, tables
from dashboard.db.engine import make_engine
from dashboard.db.setup import prepare
from dashboard.sample.national import generate_large
from dashboard.sample.small import generate
from dashboard.store import Store
from tests.integration.db_state import every_row

ROOT = Path(__file__).resolve().parents[2]
WRITERS_LOCK = 727017  # repository.lock_for_writing's advisory lock key on PostgreSQL
PATIENCE = 120  # seconds any wait below may take on a busy machine before the test gives up


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> Path:
    """A national-scale sample cut down to ~6,000 actors and ~60,000 attendance rows: the
    import of it writes for a few seconds, long enough to be killed in the middle."""
    folder = tmp_path_factory.mktemp("big")
    frames = generate_large(
        7,
        municipalities=3000,
        organisations=3000,
        events=12,
        attendance_rows=60_000,
        link_rows=15_000,
    )
    for name, frame in frames.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


@pytest.fixture
def seeded(engine):
    prepare(engine, generate)
    return engine


def _cli(database_url: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait(condition, process: subprocess.Popen | None, what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if process is not None and process.poll() is not None:
            raise AssertionError(
                f"the import ended ({process.returncode}) before {what}: {process.stderr.read()}"
            )
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {PATIENCE} s in vain for {what}")
        time.sleep(0.05)


def _sqlite_path(engine) -> Path:
    return Path(engine.url.database)


def _writer_active(engine) -> bool:
    """Whether some process holds the writers' lock now (without waiting for it)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            return (
                connection.execute(
                    text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :key AND granted"
                    ),
                    {"key": WRITERS_LOCK},
                ).scalar_one()
                > 0
            )
    probe = sqlite3.connect(_sqlite_path(engine), timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return True
    finally:
        probe.close()


def _writing_rows(engine, baseline_wal: int) -> bool:
    """Whether the import is past planning and is writing rows in its open transaction."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            return (
                connection.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                        "AND datname = current_database() "
                        "AND query ~* '^\\s*(INSERT|UPDATE|DELETE)\\M' AND query !~* 'import_batches'"
                    )
                ).scalar_one()
                > 0
            )
    wal = _sqlite_path(engine).with_name(_sqlite_path(engine).name + "-wal")
    # Uncommitted pages spill from SQLite's page cache into the WAL file as the import writes.
    return wal.exists() and wal.stat().st_size > baseline_wal + 1024 * 1024


def _waiting_for_lock(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :key AND NOT granted"
            ),
            {"key": WRITERS_LOCK},
        ).scalar_one()


def _wal_size(engine) -> int:
    if engine.dialect.name != "sqlite":
        return 0
    wal = _sqlite_path(engine).with_name(_sqlite_path(engine).name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def _small_file(tmp_path: Path, actor: str = "nach-dem-absturz") -> Path:
    path = tmp_path / "actors.csv"
    path.write_text(f"id,name,type\n{actor},Nach dem Absturz,initiative\n", encoding="utf-8")
    return path


def test_crash001_sigkill_while_writing_leaves_the_previous_data(
    seeded, database_url, big_folder, tmp_path
):
    before = every_row(seeded)
    baseline = _wal_size(seeded)
    process = _cli(database_url, "import", "--replace", str(big_folder))
    try:
        _wait(lambda: _writer_active(seeded), process, "the import took the writers' lock")
        _wait(lambda: _writing_rows(seeded, baseline), process, "the import wrote rows")
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=PATIENCE)
    assert process.returncode == -signal.SIGKILL

    # PostgreSQL rolls the dead client's transaction back when its connection drops.
    _wait(lambda: not _writer_active(seeded), None, "the killed import's lock to go")
    assert every_row(seeded) == before
    if seeded.dialect.name == "sqlite":
        with sqlite3.connect(_sqlite_path(seeded)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    after = _cli(database_url, "import", str(_small_file(tmp_path)))
    _out, err = after.communicate(timeout=PATIENCE)
    assert after.returncode == 0, err
    with seeded.connect() as connection:
        names = (
            connection.execute(
                select(tables.actors.c.name).where(tables.actors.c.id == "nach-dem-absturz")
            )
            .scalars()
            .all()
        )
    assert names == ["Nach dem Absturz"]


def test_crash002_two_imports_at_once_are_serialised(seeded, database_url, tmp_path):
    """Both import the same new actor while the test holds the writers' lock; released, one
    writes it and the other, planning only after the first committed, finds nothing new.
    Without the lock both would insert it and one would fail on the primary key."""
    file = _small_file(tmp_path, "gleichzeitig")
    batches_before = len(every_row(seeded)["import_batches"])
    with seeded.connect() as holder:
        transaction = holder.begin()
        repository.lock_for_writing(holder)
        imports = [_cli(database_url, "import", str(file)) for _ in range(2)]
        if seeded.dialect.name == "postgresql":
            _wait(lambda: _waiting_for_lock(seeded) == 2, None, "both imports to wait for the lock")
        else:
            # SQLite cannot show who waits; both are blocked as long as the lock is held,
            # and they wait up to busy_timeout (30 s) for it.
            time.sleep(8)
        assert [process.poll() for process in imports] == [None, None]
        transaction.rollback()
    results = [process.communicate(timeout=PATIENCE) for process in imports]
    assert [process.returncode for process in imports] == [0, 0], results
    outputs = sorted(out for out, _ in results)
    assert sum("übernommen" in out for out in outputs) == 1
    assert sum("nichts Neues" in out for out in outputs) == 1
    assert len(every_row(seeded)["import_batches"]) == batches_before + 1


def _fingerprint(tables_by_name: dict[str, pd.DataFrame]) -> str:
    digest = hashlib.sha256()
    for name in sorted(tables_by_name):
        frame = tables_by_name[name]
        digest.update(name.encode())
        digest.update(pd.util.hash_pandas_object(frame.astype(str), index=False).values.tobytes())
    return digest.hexdigest()


def test_crash003_reader_during_an_import_sees_old_or_new_never_a_mix(
    seeded, database_url, big_folder
):
    store = Store(seeded)
    old = store.snapshot()
    seen: list[tuple[str, str]] = []
    during = 0
    process = _cli(database_url, "import", "--replace", str(big_folder))
    try:
        _wait(lambda: _writer_active(seeded), process, "the import took the writers' lock")
        while process.poll() is None:
            active_before = _writer_active(seeded)
            snapshot = Store(seeded).snapshot()  # a fresh store: no cache from earlier reads
            during += active_before and _writer_active(seeded)
            seen.append((snapshot.version, _fingerprint(snapshot.tables)))
    finally:
        _out, err = process.communicate(timeout=PATIENCE)
    assert process.returncode == 0, err
    new = store.snapshot()
    assert new.version != old.version
    allowed = {(old.version, _fingerprint(old.tables)), (new.version, _fingerprint(new.tables))}
    assert during > 0  # some reads really happened while the import held its transaction
    assert set(seen) <= allowed


def test_crash004_sqlite_import_blocked_past_the_busy_timeout_says_so(tmp_path):
    """SQLite waits for another writer as long as the URL's `timeout` says (30 s unless
    set), PostgreSQL as long as it takes. Past it the import gives up with a message and
    exit code 2, not a traceback."""
    database_url = f"sqlite:///{tmp_path / 'busy.db'}?timeout=2"
    engine = make_engine(database_url)
    prepare(engine, generate)
    before = every_row(engine)
    with engine.connect() as holder:
        transaction = holder.begin()
        repository.lock_for_writing(holder)
        blocked = _cli(database_url, "import", str(_small_file(tmp_path)))
        _out, err = blocked.communicate(timeout=PATIENCE)
        transaction.rollback()
    assert blocked.returncode == 2
    assert "Traceback" not in err and "anderen Import gesperrt" in err
    assert every_row(engine) == before
    engine.dispose()
