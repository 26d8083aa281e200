"""Reading and writing the data tables as pandas frames.

Every write goes through `write_batch`: one transaction, one import_batches row, and the
batch row is what moves the data version that caches are keyed by.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy import Connection, CursorResult, delete, func, insert, select, text
from sqlalchemy.exc import OperationalError

from dashboard import schema
from dashboard.db import tables

_DATE_COLUMNS = {"events": ("start_date", "end_date")}


def data_version(connection: Connection) -> str:
    """A string that changes with every committed or reverted batch, in every process."""
    query = select(
        func.count(tables.import_batches.c.id),
        func.max(tables.import_batches.c.id),
        func.max(tables.import_batches.c.created_at),
        func.max(tables.import_batches.c.reverted_at),
    )
    # The creation time keeps versions of two databases apart (both start at batch 1),
    # which matters to caches shared by several apps in one process.
    count, newest, created, reverted = connection.execute(query).one()
    return f"{count}-{newest}-{created}-{reverted}"


def has_data(connection: Connection) -> bool:
    return (
        connection.execute(select(func.count()).select_from(tables.import_batches)).scalar_one() > 0
    )


def read_table(
    connection: Connection, name: str, with_ids: bool = False, where=None
) -> pd.DataFrame:
    """One data table in its canonical columns. `with_ids` adds the surrogate `id` of
    attendance and links (first column), which import and undo need to address rows;
    `where` (a clause on the table) keeps only some rows."""
    table = tables.DATA_TABLES[name]
    names = list(schema.TABLE_COLUMNS[name])
    if with_ids and "id" not in names and "id" in table.c:
        names = ["id", *names]
    query = select(*[table.c[c] for c in names]).order_by(*table.primary_key.columns)
    rows = connection.execute(query if where is None else query.where(where)).all()
    # Plain tuples: pandas reads a list of Row objects six times slower (1.6 s instead of
    # 0.26 s for the 300,000 attendance rows of the national sample).
    frame = pd.DataFrame([tuple(row) for row in rows], columns=names)
    for column in _DATE_COLUMNS.get(name, ()):
        frame[column] = frame[column].map(_as_date)
    return frame


def actor_years(connection: Connection) -> dict[str, tuple[int, ...]]:
    """The years each actor took part in, counted by the database rather than read row by row."""
    attendance, events = tables.attendance, tables.events
    pairs = connection.execute(
        select(attendance.c.actor_id, events.c.year)
        .distinct()
        .join(events, events.c.id == attendance.c.event_id)
        .order_by(attendance.c.actor_id, events.c.year)
    ).all()
    years: dict[str, list[int]] = {}
    for actor_id, year in pairs:
        years.setdefault(actor_id, []).append(int(year))
    return {actor_id: tuple(found) for actor_id, found in years.items()}


def read_all(connection: Connection) -> dict[str, pd.DataFrame]:
    """All data tables; call inside one transaction so they are consistent with each other."""
    return {name: read_table(connection, name) for name in schema.STORED_TABLES}


def _as_date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _records(name: str, frame: pd.DataFrame) -> list[dict]:
    """Frame rows as plain Python values: NaN/NA become None, numpy scalars become Python."""
    columns = [c for c in schema.TABLE_COLUMNS[name] if c in frame.columns]
    clean = frame[columns].astype(object).where(frame[columns].notna(), None)
    records = clean.to_dict("records")
    for column in _DATE_COLUMNS.get(name, ()):
        for record in records:
            record[column] = _as_date(record[column])
    return records


def insert_frames(connection: Connection, frames: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    counts = {}
    for name in schema.STORED_TABLES:
        frame = frames.get(name)
        if frame is None or frame.empty:
            counts[name] = 0
            continue
        records = _records(name, frame)
        connection.execute(insert(tables.DATA_TABLES[name]), records)
        counts[name] = len(records)
    return counts


def start_batch(connection: Connection, user: str | None, file_name: str | None) -> int:
    result = connection.execute(
        insert(tables.import_batches).values(
            user=user, file_name=file_name, created_at=dt.datetime.now(dt.UTC)
        )
    )
    return inserted_id(result)


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the row a single-row INSERT created."""
    key = result.inserted_primary_key
    if key is None:  # SQLAlchemy gives none for other statements
        raise ValueError("not a single-row INSERT")
    return int(key[0])


def finish_batch(connection: Connection, batch_id: int, summary: Mapping[str, object]) -> None:
    connection.execute(
        tables.import_batches.update()
        .where(tables.import_batches.c.id == batch_id)
        .values(summary=json.dumps(summary, ensure_ascii=False, sort_keys=True))
    )


def replace_all(connection: Connection, frames: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Empty every data table and load `frames`; the caller owns the transaction."""
    for name in reversed(schema.STORED_TABLES):
        connection.execute(delete(tables.DATA_TABLES[name]))
    return insert_frames(connection, frames)


class WritersBusy(RuntimeError):
    """Another process held SQLite's write lock for longer than the busy timeout (30 s)."""


def lock_for_writing(connection: Connection) -> None:
    """Serialise writers across processes before they read what they will change.

    PostgreSQL waits for the lock as long as it takes; SQLite gives up after its busy
    timeout, and that becomes WritersBusy, which callers answer with a message.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(727017)"))
    elif connection.dialect.name == "sqlite":
        # A no-op write takes SQLite's write lock now instead of at the first real write.
        try:
            connection.execute(text("DELETE FROM import_batches WHERE id < 0"))
        except OperationalError as error:
            if "locked" in str(error.orig).lower():
                raise WritersBusy() from error
            raise


def batches(connection: Connection, limit: int = 50) -> list[dict]:
    """The newest import batches, newest first, as plain dicts (summary parsed from JSON)."""
    query = select(tables.import_batches).order_by(tables.import_batches.c.id.desc()).limit(limit)
    result = []
    for row in connection.execute(query).mappings():
        record = dict(row)
        try:
            record["summary"] = json.loads(record["summary"]) if record["summary"] else {}
        except ValueError:
            record["summary"] = {}
        result.append(record)
    return result
