"""The read side: the data tables as DataFrames, cached per data version.

Callers always get copies, so no callback can change what another request sees. With
pandas' copy-on-write a copy costs nothing until someone writes to it.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from dashboard.db import repository


@dataclass(frozen=True)
class Snapshot:
    """All data tables at one data version."""

    version: str
    tables: dict[str, pd.DataFrame]

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name].copy()

    def copy(self) -> "Snapshot":
        return Snapshot(self.version, {name: frame.copy() for name, frame in self.tables.items()})


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._cached: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        """The current data; re-read from the database only when the version moved.

        Version and tables come from one transaction, so a snapshot never mixes the data
        before and after a concurrent import.
        """
        with self.engine.connect() as connection:
            version = repository.data_version(connection)
            with self._lock:
                if self._cached is None or self._cached.version != version:
                    self._cached = Snapshot(version, repository.read_all(connection))
                cached = self._cached
        return cached.copy()
