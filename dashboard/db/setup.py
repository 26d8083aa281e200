"""First-start preparation: schema migrations and the seed, safe with several workers."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, text

from dashboard.db import migrate, repository

SEED_USER = "system"
SEED_FILE = "Erstbefüllung"
_PG_STARTUP_LOCK = 727018


@contextlib.contextmanager
def _startup_lock(engine: Engine) -> Iterator[None]:
    """Only one process at a time migrates and seeds; the others wait, then find it done."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _PG_STARTUP_LOCK})
            try:
                yield
            finally:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_STARTUP_LOCK}
                )
                connection.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(Path(database).with_suffix(".startup.lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def prepare(engine: Engine, seed: Callable[[], Mapping[str, pd.DataFrame]] | None) -> bool:
    """Bring the schema up to date; load `seed()` if the database has never held data.

    Returns True when this call loaded the seed.
    """
    with _startup_lock(engine):
        migrate.upgrade(engine)
        if seed is None:
            return False
        with engine.begin() as connection:
            if repository.has_data(connection):
                return False
            batch_id = repository.start_batch(connection, SEED_USER, SEED_FILE)
            counts = repository.insert_frames(connection, seed())
            repository.finish_batch(connection, batch_id, {"inserted": counts})
    return True
