"""The stored network layout of a data version (table network_layouts).

A layout is a cache of the data tables: it is written by the process that changed the data
and read by an app that loads that version; a layout of another version or another code
version is never read.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, delete, insert, inspect, select

from dashboard.db import tables

LAYOUTS = tables.network_layouts


def save_layout(
    connection: Connection, data_version: str, code_version: str, frame: pd.DataFrame
) -> int:
    """Replace whatever layout is stored by `frame` (x, y per actor id, the index); the
    number of rows written."""
    connection.execute(delete(LAYOUTS))
    rows = [
        {
            "data_version": data_version,
            "actor_id": actor_id,
            "code_version": code_version,
            "x": float(x),
            "y": float(y),
        }
        for actor_id, x, y in zip(
            frame.index.astype(str), frame["x"].tolist(), frame["y"].tolist(), strict=True
        )
    ]
    if rows:
        connection.execute(insert(LAYOUTS), rows)
    return len(rows)


def has_layout(connection: Connection, data_version: str, code_version: str) -> bool:
    """Whether a layout is stored for this data and code version."""
    if not inspect(connection).has_table(LAYOUTS.name):
        return False
    query = select(LAYOUTS.c.actor_id).where(*_of(data_version, code_version)).limit(1)
    return connection.execute(query).first() is not None


def read_layout(
    connection: Connection, data_version: str, code_version: str
) -> pd.DataFrame | None:
    """The layout stored for this data and code version (x, y per actor id, sorted as
    Python sorts, not as the database's collation does), or None when there is none, also
    in a database not yet migrated to hold layouts (a cache must not stop the app)."""
    if not inspect(connection).has_table(LAYOUTS.name):
        return None
    query = select(LAYOUTS.c.actor_id, LAYOUTS.c.x, LAYOUTS.c.y).where(
        *_of(data_version, code_version)
    )
    rows = connection.execute(query).all()
    if not rows:
        return None
    frame = pd.DataFrame([tuple(row) for row in rows], columns=["id", "x", "y"])
    return frame.set_index("id").astype("float64").sort_index()


def _of(data_version: str, code_version: str) -> tuple:
    return LAYOUTS.c.data_version == data_version, LAYOUTS.c.code_version == code_version
