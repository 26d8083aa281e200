"""The app's one cache: every entry keyed by (data version, view, state), counted per view.

Two kinds of entries share the key scheme, the counters and the invalidation:

- encoded entries (bytes: whole callback answers, values of `cached_value`, deck PDFs) go to
  the shared backend, Redis when REDIS_URL is set, so that every worker serves what one of
  them computed; without Redis they stay in this process;
- objects (frames, frozen graphs, the network's metrics) always stay in this process,
  since encoding them would cost as much as computing them: those of one filter setting in
  the bounded LRU, those of the whole data version (`kept`: `Snapshot.derived`, the layout)
  outside it, so that a user exploring many settings never pushes out what every answer
  starts from (seconds to compute again at national scale).

Invalidation: every key holds the data version, and every commit or undo moves it, so an
import in any process makes all older entries unreachable at once. The store reports each
new version it loads (`new_version`), and the entries of other versions are then dropped
from both backends; Redis also forgets untouched entries after a week.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from dashboard.cache.backends import Backend, MemoryBackend, RedisBackend
from dashboard.cache.keys import make_key, version_digest, version_of
from dashboard.config import Settings

Value = TypeVar("Value")

log = logging.getLogger(__name__)


class Cache:
    def __init__(self, shared: Backend, local: MemoryBackend, namespace: str) -> None:
        self.shared = shared
        self.local_backend = local
        self.namespace = namespace
        self._hits: Counter[str] = Counter()
        self._misses: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._computing = KeyLocks()
        self._kept: dict[str, Any] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> Cache:
        local = MemoryBackend()
        shared: Backend = RedisBackend(settings.redis_url) if settings.redis_url else local
        # Apps on different databases, drawing maps differently or running other code (after
        # an upgrade) must not share entries.
        identity = json.dumps([settings.database_url, settings.tiles_allowed, code_version()])
        return cls(shared, local, hashlib.sha256(identity.encode()).hexdigest()[:16])

    @classmethod
    def in_memory(cls) -> Cache:
        """A cache of its own, for a store or snapshot made outside an app (tests, CLI)."""
        local = MemoryBackend()
        return cls(local, local, uuid.uuid4().hex[:16])

    def key(self, version: str, view: str, state: Hashable) -> str:
        return make_key(self.namespace, version, view, state)

    def read(self, version: str, view: str, state: Hashable) -> bytes | None:
        """The encoded entry, or None (a miss); a backend that fails counts as empty."""
        stored = _guarded(lambda: self.shared.get(self.key(version, view, state)))
        self._count(view, hit=stored is not None)
        return stored if isinstance(stored, bytes) else None

    def write(self, version: str, view: str, state: Hashable, value: bytes) -> None:
        """Keep an encoded entry; when the backend fails, the next request computes again."""
        _guarded(lambda: self.shared.set(self.key(version, view, state), value))

    def local(
        self, version: str, view: str, state: Hashable, compute: Callable[[], Value]
    ) -> Value:
        """`compute()` kept in this process; frames come back as copies, so no caller can
        change what another one gets (graphs are frozen by their callers and shared)."""
        key = self.key(version, view, state)
        stored = self.local_backend.get(key)
        if stored is None:
            # Callbacks of one page ask for the same graph or frame at once; one computes it,
            # the others wait for it instead of computing it again beside it.
            with self._computing.hold(key):
                stored = self.local_backend.get(key)
                self._count(view, hit=stored is not None)
                if stored is None:
                    stored = compute()
                    self.local_backend.set(key, stored)
        else:
            self._count(view, hit=True)
        handed_out: Value = _handed_out(stored)
        return handed_out

    def kept(self, version: str, view: str, compute: Callable[[], Value]) -> Value:
        """`compute()` of the whole data version, kept in this process until the version
        moves; frames come back as copies."""
        key = self.key(version, view, None)
        stored = self._kept.get(key)
        self._count(view, hit=stored is not None)
        if stored is None:
            with self._computing.hold(key):
                stored = self._kept.get(key)
                if stored is None:
                    stored = self._kept[key] = compute()
        handed_out: Value = _handed_out(stored)
        return handed_out

    def new_version(self, version: str) -> None:
        """Drop the entries of every other data version (the store loaded `version`)."""
        current = version_digest(version)
        with self._lock:
            for key in list(self._kept):  # one step under the GIL: others may add meanwhile
                if version_of(key) != current:
                    self._kept.pop(key, None)
        for backend in self._backends():
            _guarded(functools.partial(backend.drop_other_versions, self.namespace, current))

    def status(self) -> dict[str, Any]:
        """The shared backend, entries per backend, and hits and misses per view (counted in
        this process)."""
        entries = {
            backend.name: _guarded(functools.partial(backend.entries, self.namespace))
            for backend in self._backends()
        }
        with self._lock:
            views = {
                view: {"hits": self._hits[view], "misses": self._misses[view]}
                for view in sorted(set(self._hits) | set(self._misses))
            }
        return {
            "backend": self.shared.name,
            "entries": entries,
            "views": views,
        }

    def _backends(self) -> list[Backend]:
        if self.shared is self.local_backend:
            return [self.shared]
        return [self.shared, self.local_backend]

    def _count(self, view: str, hit: bool) -> None:
        with self._lock:
            (self._hits if hit else self._misses)[view] += 1


class KeyLocks:
    """One lock per key while anyone holds or waits for it. A computation that asks for
    other keys cannot deadlock: it only waits for keys it depends on, never for its own."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[str, tuple[threading.Lock, list[int]]] = {}

    @contextmanager
    def hold(self, key: str) -> Iterator[None]:
        with self._lock:
            lock, users = self._held.setdefault(key, (threading.Lock(), [0]))
            users[0] += 1
        try:
            with lock:
                yield
        finally:
            with self._lock:
                users[0] -= 1
                if users[0] == 0:
                    del self._held[key]

    def held(self) -> int:
        with self._lock:
            return len(self._held)


@dataclass(frozen=True)
class Scope:
    """The cache at one data version, bound to one state (e.g. the filters of a selection):
    lets analysis functions keep intermediate results without knowing the app."""

    cache: Cache
    version: str
    state: Hashable

    def local(self, view: str, detail: Hashable, compute: Callable[[], Value]) -> Value:
        if self.state is None and detail is None:  # of the whole data version
            return self.cache.kept(self.version, view, compute)
        return self.cache.local(self.version, view, (self.state, detail), compute)


def _guarded(operation: Callable[[], Any]) -> Any:
    """A cache operation that cannot fail the request: with Redis unavailable the app
    answers as if nothing were stored (and says so in the log)."""
    try:
        return operation()
    except Exception:  # redis passes on connection, timeout and protocol errors alike
        log.warning("cache unavailable", exc_info=True)
        return None


def _handed_out(value: Any) -> Any:
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=False)
    if isinstance(value, tuple):
        return tuple(_handed_out(part) for part in value)
    if isinstance(value, (dict, list, set)):
        return value.copy()
    return value


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A fingerprint of the app's code and catalogs, from their content: the same release
    on several hosts shares a Redis cache, an upgraded one starts afresh."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(
        path for pattern in ("**/*.py", "**/*.json") for path in package.glob(pattern)
    ):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
