"""The read side: the data tables as DataFrames, cached per data version.

Callers always get copies, so no callback can change what another request sees. The
copies are shallow: pandas' copy-on-write (always on since pandas 3) copies the data only
when someone writes to it, so handing out 300,000 attendance rows costs nothing.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from dashboard.db import repository
from dashboard.db.engine import snapshot_connection


@dataclass(frozen=True)
class Snapshot:
    """All data tables at one data version, plus what was derived from them.

    `derived` computes a value from the tables once per data version and then hands out
    copies: the aggregates every request needs are not recomputed on every request.
    """

    version: str
    tables: dict[str, pd.DataFrame]
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # Unique to this version as loaded by this store: a cache key that, unlike the version,
    # cannot be shared by two databases served from one process.
    token: str = field(default_factory=lambda: uuid.uuid4().hex, compare=False)

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name].copy(deep=False)

    def derived(self, key: str, compute: Callable[[Mapping[str, pd.DataFrame]], Any]) -> Any:
        if key not in self._derived:
            self._derived[key] = compute(self.tables)
        return _copy(self._derived[key])

    def copy(self) -> Snapshot:
        """Fresh table frames; the per-version cache of derived values stays shared."""
        return Snapshot(
            self.version,
            {name: frame.copy(deep=False) for name, frame in self.tables.items()},
            self._derived,
            self.token,
        )


def _copy(value: Any) -> Any:
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=False)
    return value.copy() if hasattr(value, "copy") else value


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._cached: Snapshot | None = None

    def version(self) -> str:
        """The current data version (one small query)."""
        with self.engine.connect() as connection:
            return repository.data_version(connection)

    def snapshot(self) -> Snapshot:
        """The current data; re-read from the database only when the version moved.

        Version and tables come from one transaction, so a snapshot never mixes the data
        before and after a concurrent import.
        """
        with snapshot_connection(self.engine) as connection:
            version = repository.data_version(connection)
            with self._lock:
                if self._cached is None or self._cached.version != version:
                    self._cached = Snapshot(version, repository.read_all(connection))
                cached = self._cached
        return cached.copy()
