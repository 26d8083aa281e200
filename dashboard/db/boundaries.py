"""Storing and reading uploaded boundaries (table `boundaries`).

An upload replaces the boundaries of its level in one transaction that is also an import
batch, so it moves the data version: caches keyed by that version see the new polygons.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine, delete, insert, select

from dashboard import schema
from dashboard.cache.versioned import Cache
from dashboard.db import accounts, repository, tables
from dashboard.db.engine import snapshot_connection
from dashboard.geo.boundaries import Boundaries

COLUMNS = ["ags", "level", "name", "geometry"]


def save_boundaries(
    engine: Engine,
    boundaries: Boundaries,
    user: str | None,
    file_name: str | None,
    ip: str | None = None,
) -> int:
    """Replace the stored boundaries of `boundaries.level`; returns the number stored. The
    caller has checked the role; `user` is recorded in the batch and the audit log."""
    frame = boundaries.frame
    with engine.begin() as connection:
        repository.lock_for_writing(connection)
        batch_id = repository.start_batch(connection, user, file_name)
        connection.execute(
            delete(tables.boundaries).where(tables.boundaries.c.level == boundaries.level)
        )
        now = dt.datetime.now(dt.UTC)
        source = schema.batch_source(batch_id)
        rows = [
            {
                "ags": row.ags,
                "level": boundaries.level,
                "name": row.name,
                "geometry": row.geometry,
                "source": source,
                "created_at": now,
            }
            for row in frame.itertuples(index=False)
        ]
        if rows:
            connection.execute(insert(tables.boundaries), rows)
        summary = {
            "boundaries": {
                "level": boundaries.level,
                "inserted": len(rows),
                "layer": boundaries.layer,
            }
        }
        repository.finish_batch(connection, batch_id, summary)
        accounts.record(
            connection,
            user,
            accounts.BOUNDARIES,
            {"batch": batch_id, "file": file_name, **summary},
            ip,
        )
    return len(rows)


def load_boundaries(engine: Engine, cache: Cache | None = None) -> tuple[str, pd.DataFrame]:
    """(data version, all stored boundaries: ags, level, name, geometry text), kept in
    `cache` (the app's) per data version when given. Callers get a copy."""
    with snapshot_connection(engine) as connection:
        version = repository.data_version(connection)

        def read() -> pd.DataFrame:
            table = tables.boundaries
            rows = connection.execute(
                select(*(table.c[c] for c in COLUMNS)).order_by(table.c.ags)
            ).all()
            return pd.DataFrame(rows, columns=COLUMNS)

        stored = read() if cache is None else cache.local(version, "boundaries", None, read)
    return version, stored


def boundary_levels(engine: Engine, cache: Cache | None = None) -> list[str]:
    """The levels that have stored boundaries, in the order of tables.BOUNDARY_LEVELS."""
    _version, frame = load_boundaries(engine, cache)
    present = set(frame["level"])
    return [level for level in tables.BOUNDARY_LEVELS if level in present]
