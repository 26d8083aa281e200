"""Remembered column mappings of registration lists, one per header set."""
from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Connection, delete, insert, select

from dashboard.db import tables


def load(connection: Connection, header_key: str) -> dict[str, str] | None:
    row = connection.execute(
        select(tables.list_mappings.c.mapping).where(tables.list_mappings.c.header_key == header_key)
    ).first()
    if row is None:
        return None
    try:
        mapping = json.loads(row.mapping)
    except ValueError:
        return None
    return mapping if isinstance(mapping, dict) else None


def save(connection: Connection, header_key: str, mapping: dict[str, str], user: str | None) -> None:
    """Store (or replace) the mapping for this header set; the caller owns the transaction."""
    connection.execute(delete(tables.list_mappings).where(tables.list_mappings.c.header_key == header_key))
    connection.execute(insert(tables.list_mappings).values(
        header_key=header_key, mapping=json.dumps(mapping, ensure_ascii=False, sort_keys=True),
        user_name=user, updated_at=dt.datetime.now(dt.timezone.utc),
    ))
