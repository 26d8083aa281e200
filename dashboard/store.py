"""The read side: the data tables as DataFrames, loaded once per data version.

Values derived from them are kept in the app's cache (dashboard.cache) under the version.
Callers always get copies, so no callback can change what another request sees. The
copies are shallow: pandas' copy-on-write (always on since pandas 3) copies the data only
when someone writes to it, so handing out 300,000 attendance rows costs nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import pandas as pd
from sqlalchemy import Engine

from dashboard.cache.versioned import Cache, Scope, code_version
from dashboard.config import DEFAULT_MIN_RESPONSES
from dashboard.db import layouts, repository
from dashboard.db.engine import snapshot_connection

Value = TypeVar("Value")

log = logging.getLogger(__name__)

# How long the process that changed the data waits for the new version (it reads and
# derives in seconds at national scale; a request is never held longer than this).
OWN_WRITE_WAIT_SECONDS = 60.0


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
    # A newer version is being prepared; this one answers meanwhile.
    updating: bool = field(default=False, compare=False)
    # Survey results of fewer responses are never shown (the MIN_RESPONSES setting): what
    # may be shown of the data travels with it to every page, export, slide and PDF.
    min_responses: int = field(default=DEFAULT_MIN_RESPONSES, compare=False)

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name].copy(deep=False)

    def derived(self, view: str, compute: Callable[[Mapping[str, pd.DataFrame]], Value]) -> Value:
        return self.cache.kept(self.version, view, lambda: compute(self.tables))

    def cached(self, view: str, state: Hashable, compute: Callable[[], Value]) -> Value:
        return self.cache.local(self.version, view, state, compute)

    def scope(self, state: Hashable = None) -> Scope:
        """This snapshot's cache for the analysis functions that keep results per `state`."""
        return Scope(self.cache, self.version, state)

    def copy(self, updating: bool = False) -> Snapshot:
        """Fresh table frames; the cache of derived values stays shared."""
        return Snapshot(
            self.version,
            {name: frame.copy(deep=False) for name, frame in self.tables.items()},
            self.cache,
            self.stored_layout,
            updating,
            self.min_responses,
        )


class Store:
    """The data of one database. `on_new_version` is told of every data version the store
    loads, with its snapshot, to derive from it ahead of the requests that need it (it
    runs in a thread of the store's).

    The first version is loaded by the first caller and derived from in the background.
    A later version (an import, another process's change) is loaded and derived from in a
    thread of its own; meanwhile callers wait up to `wait_seconds` for it and then get the
    previous version, marked `updating`, instead of a timeout: at national scale reading
    and deriving take several seconds.
    """

    def __init__(
        self,
        engine: Engine,
        cache: Cache | None = None,
        on_new_version: Callable[[Snapshot], object] | None = None,
        wait_seconds: float = 2.5,
        min_responses: int = DEFAULT_MIN_RESPONSES,
    ) -> None:
        self.engine = engine
        self.min_responses = min_responses
        self.cache = cache or Cache.in_memory()
        self.on_new_version = on_new_version
        self.wait_seconds = wait_seconds
        self._lock = threading.Lock()
        self._cached: Snapshot | None = None
        self._loading: threading.Event | None = None  # set when the next version is ready
        self._own_write = False
        self._loader: int | None = None  # the loader thread's ident

    def version(self) -> str:
        """The data version answers are given from now (see `snapshot`)."""
        return self._current()[0].version

    def snapshot(self) -> Snapshot:
        """The current data, or the previous version while the current one is prepared;
        re-read from the database only when the version moved.

        Version and tables come from one transaction, so a snapshot never mixes the data
        before and after a concurrent import.
        """
        current, updating = self._current()
        return current.copy(updating=updating)

    def note_write(self) -> None:
        """This process committed a write (an upload, an edit, an undo): until the version
        moves, the next answer waits for the new version, for whoever changed the data here
        expects to see the change. The store's own writes (the loader's) do not count."""
        if threading.get_ident() != self._loader:
            self._own_write = True

    @property
    def updating(self) -> bool:
        """Whether a newer data version is being prepared (answers come from the previous)."""
        return self._loading is not None

    def _current(self) -> tuple[Snapshot, bool]:
        with self.engine.connect() as connection:
            version = repository.data_version(connection)
        with self._lock:
            cached = self._cached
            if cached is None:
                cached = self._cached = self._read()
                self.cache.new_version(cached.version)
                first = cached
            else:
                first = None
                if cached.version != version and self._loading is None:
                    self._loading = threading.Event()
                    threading.Thread(
                        target=self._load_next, name="load-next-version", daemon=True
                    ).start()
            loading = self._loading
        if first is not None:
            if self.on_new_version is not None:  # its requests compute what they need meanwhile
                threading.Thread(
                    target=self.on_new_version,
                    args=(first.copy(),),
                    name=f"derive-{first.version[:12]}",
                    daemon=True,
                ).start()
            return first, False
        if cached.version == version or loading is None:
            self._own_write = False  # a write that moved no version (a login, a saved deck)
            return cached, False
        if loading.wait(OWN_WRITE_WAIT_SECONDS if self._own_write else self.wait_seconds):
            newest = self._cached
            assert newest is not None  # set by the first load, never unset
            return newest, False
        return cached, True

    def _read(self) -> Snapshot:
        """The newest version, its tables and stored layout, read in one transaction."""
        with snapshot_connection(self.engine) as connection:
            version = repository.data_version(connection)
            return Snapshot(
                version,
                repository.read_all(connection),
                self.cache,
                layouts.read_layout(connection, version, code_version()),
                min_responses=self.min_responses,
            )

    def _load_next(self) -> None:
        """Read the newest version and derive from it (in this thread), then answer from it."""
        loading = self._loading
        assert loading is not None
        self._loader = threading.get_ident()
        try:
            fresh = self._read()
            if self.on_new_version is not None:
                self.on_new_version(fresh.copy())
            with self._lock:
                self._cached = fresh
                self._own_write = False
            self.cache.new_version(fresh.version)
        except Exception:  # the next request tries again; say why this one failed
            log.exception("loading a new data version failed")
        finally:
            with self._lock:
                self._loading = None
            loading.set()
