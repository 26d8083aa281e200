"""The read side: the data tables as DataFrames, loaded once per data version.

Values derived from them are kept in the app's cache (dashboard.cache) under the version.
Callers always get copies, so no callback can change what another request sees. The
copies are shallow: pandas' copy-on-write (always on since pandas 3) copies the data only
when someone writes to it, so handing out 300,000 attendance rows costs nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import pandas as pd
from sqlalchemy import Engine

from dashboard.cache.versioned import Cache, Scope, code_version
from dashboard.db import layouts, repository
from dashboard.db.engine import snapshot_connection

Value = TypeVar("Value")


@dataclass(frozen=True)
class Snapshot:
    """All data tables at one data version, plus what was derived from them.

    `derived` computes a value from the tables once per data version and then hands out
    copies: the aggregates every request needs are not recomputed on every request.
    `cached` does the same for values that also depend on some state (filters, a year).
    Both keep them in `cache`, the app's cache, which keeps apps on different databases apart.
    """

    version: str
    tables: dict[str, pd.DataFrame]
    cache: Cache = field(default_factory=Cache.in_memory, repr=False, compare=False)
    # The network layout stored with this version (dashboard.db.layouts), if any.
    stored_layout: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name].copy(deep=False)

    def derived(self, view: str, compute: Callable[[Mapping[str, pd.DataFrame]], Value]) -> Value:
        return self.cache.local(self.version, view, None, lambda: compute(self.tables))

    def cached(self, view: str, state: Hashable, compute: Callable[[], Value]) -> Value:
        return self.cache.local(self.version, view, state, compute)

    def scope(self, state: Hashable = None) -> Scope:
        """This snapshot's cache for the analysis functions that keep results per `state`."""
        return Scope(self.cache, self.version, state)

    def copy(self) -> Snapshot:
        """Fresh table frames; the cache of derived values stays shared."""
        return Snapshot(
            self.version,
            {name: frame.copy(deep=False) for name, frame in self.tables.items()},
            self.cache,
            self.stored_layout,
        )


class Store:
    """The data of one database. `on_new_version` is told of every data version the store
    loads (the first one included), with its snapshot: the app derives from it ahead of
    the requests that need it."""

    def __init__(
        self,
        engine: Engine,
        cache: Cache | None = None,
        on_new_version: Callable[[Snapshot], object] | None = None,
    ) -> None:
        self.engine = engine
        self.cache = cache or Cache.in_memory()
        self.on_new_version = on_new_version
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
                cached = self._cached
                loaded = cached is None or cached.version != version
                if cached is None or loaded:
                    self.cache.new_version(version)
                    cached = Snapshot(
                        version,
                        repository.read_all(connection),
                        self.cache,
                        layouts.read_layout(connection, version, code_version()),
                    )
                    self._cached = cached
        if loaded and self.on_new_version is not None:
            self.on_new_version(cached.copy())
        return cached.copy()
