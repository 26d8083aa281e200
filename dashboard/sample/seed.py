"""The documented 2017 event as data frames, and the column types every frame follows.

`data/seed/documented/` holds only what the source document states (see its README.md).
`conform` is the one place that fixes the in-memory types of the data tables, so frames
from the seed, the sample generator and the database compare equal cell by cell.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import schema

DOCUMENTED_DIR = Path(__file__).resolve().parents[2] / "data" / "seed" / "documented"

_INT = {"events": ("year",), "evaluation_results": ("count",)}
_NULLABLE_INT = {"attendance": ("headcount",), "links": ("since_year", "until_year")}
_FLOAT = {"actors": ("lat", "lon"), "links": ("weight",)}
_DATE = {"events": ("start_date", "end_date")}


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and value == ""


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _column(table: str, column: str, values: list) -> object:
    if column in _INT.get(table, ()):
        return np.array([int(v) for v in values], dtype="int64")
    if column in _NULLABLE_INT.get(table, ()):
        return pd.array([None if _missing(v) else int(v) for v in values], dtype="Int64")
    if column in _FLOAT.get(table, ()):
        return np.array([math.nan if _missing(v) else float(v) for v in values], dtype="float64")
    if column in _DATE.get(table, ()):
        return pd.Series([None if _missing(v) else _date(v) for v in values], dtype=object)
    # Text stays object with None for empty: pandas' own string dtype would turn empties
    # into NaN, which reads back as a float and is not what the database returns either.
    return pd.Series([None if _missing(v) else str(v) for v in values], dtype=object)


def conform(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with exactly the table's columns (missing ones empty) in canonical types.

    Text columns: object, None when empty. Integers: int64 (`year`) or nullable Int64
    (`headcount`, `since_year`, `until_year`). `lat`, `lon`, `weight`: float64.
    Dates: `datetime.date` or None. Empty strings count as empty everywhere.
    """
    size = len(frame)
    data = {}
    for column in schema.TABLE_COLUMNS[table]:
        values = frame[column].tolist() if column in frame.columns else [None] * size
        data[column] = _column(table, column, values)
    return pd.DataFrame(data, index=pd.RangeIndex(size))


def documented() -> dict[str, pd.DataFrame]:
    """The documented rows of all data tables; `links` is empty (the source names none)."""
    frames = {}
    for table in schema.LOAD_ORDER:
        if table == "links":
            raw = pd.DataFrame(columns=list(schema.TABLE_COLUMNS[table]))
        else:
            # Everything is read as text first: ags "07317000" and state "07" keep their
            # leading zeros, and a name like "NA" stays a name.
            raw = pd.read_csv(
                DOCUMENTED_DIR / f"{table}.csv", dtype=str, keep_default_na=False, encoding="utf-8"
            )
        frames[table] = conform(table, raw)
    return frames
