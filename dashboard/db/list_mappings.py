"""Remembered column mappings of registration lists, one per header set."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from dashboard.db import tables


def load(connection: Connection, header_key: str) -> dict[str, str] | None:
    row = connection.execute(
        select(tables.list_mappings.c.mapping).where(
            tables.list_mappings.c.header_key == header_key
        )
    ).first()
    if row is None:
        return None
    try:
        mapping = json.loads(row.mapping)
    except ValueError:
        return None
    return mapping if isinstance(mapping, dict) else None


def save(engine: Engine, header_key: str, mapping: dict[str, str], user: str | None) -> None:
    """Store (or replace) the mapping for this header set, in a transaction of its own. Two
    staff members committing lists with the same headers at once: the later one wins."""
    row = {
        "header_key": header_key,
        "mapping": json.dumps(mapping, ensure_ascii=False, sort_keys=True),
        "user_name": user,
        "updated_at": dt.datetime.now(dt.UTC),
    }
    try:
        with engine.begin() as connection:
            connection.execute(
                delete(tables.list_mappings).where(tables.list_mappings.c.header_key == header_key)
            )
            connection.execute(insert(tables.list_mappings).values(**row))
    except IntegrityError:
        with engine.begin() as connection:
            connection.execute(
                update(tables.list_mappings)
                .where(tables.list_mappings.c.header_key == header_key)
                .values(**row)
            )
