"""Engine creation: one place that knows the per-dialect connection settings."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

# Seconds a SQLite writer waits for another one; `?timeout=` on the URL overrides it.
SQLITE_BUSY_SECONDS = 30.0


def _configure_sqlite(dbapi_connection, _record, busy_seconds: float) -> None:
    # Let SQLAlchemy own transactions (see _begin_sqlite); pysqlite's own handling would
    # start them late and let one read span several snapshots.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets readers keep reading while an import writes; foreign keys are off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={round(busy_seconds * 1000)}")
    cursor.close()


def _begin_sqlite(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(database_url: str) -> Engine:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        busy_seconds = float(url.query.get("timeout", SQLITE_BUSY_SECONDS))  # type: ignore[arg-type]
        engine = create_engine(
            url.difference_update_query(["timeout"]), connect_args={"timeout": busy_seconds}
        )
        event.listen(engine, "connect", partial(_configure_sqlite, busy_seconds=busy_seconds))
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True)


def snapshot_connection(engine: Engine) -> Connection:
    """A connection whose transaction reads one consistent state of the whole database.

    PostgreSQL's default READ COMMITTED gives every statement a fresh snapshot, so reading
    the data version and then seven tables could see some of them before and some after a
    concurrent import; REPEATABLE READ fixes the snapshot at the first statement. SQLite in
    WAL mode already reads one snapshot per transaction. Writers keep READ COMMITTED: they
    read only after taking the writers' lock and must see what was committed before it.
    """
    connection = engine.connect()
    if engine.dialect.name == "postgresql":
        connection.execution_options(isolation_level="REPEATABLE READ")
    return connection
