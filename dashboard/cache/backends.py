"""Where cached entries live: a bounded LRU in this process, or Redis shared by workers.

Both hold entries under the string keys of dashboard.cache.keys, whose second part is the
data version. When the data version moves, `drop_other_versions` removes what belongs to
older versions; until then old entries are only unreachable (nobody asks for their keys).
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, Protocol

import numpy as np
import pandas as pd

from dashboard.cache.keys import KEY_PREFIX, version_of

TIMEOUT_S = 7 * 24 * 3600  # Redis forgets an entry nobody asked for in a week
MAX_ENTRIES = 2048
# Per process. What every answer starts from is kept outside this budget (Cache.kept); here
# are one filter setting's selections, scopes and, without Redis, answers (10-100 KB each).
# Measured at national scale: a worker holds about 435 MB after loading and deriving.
MAX_BYTES = 64 * 1024 * 1024
GRAPH_ITEM_BYTES = 200  # what a node or an edge of a networkx graph costs, roughly


class Backend(Protocol):
    name: str

    def get(self, key: str) -> Any | None: ...

    def set(self, key: str, value: Any) -> None: ...

    def entries(self, namespace: str) -> int: ...

    def drop_other_versions(self, namespace: str, version: str) -> int: ...


class MemoryBackend:
    """A thread-safe LRU bounded by entries and by an estimate of their size in bytes.

    Holds any Python object (frozen graphs, frames, encoded answers); callers that mutate
    what they get must copy it (Cache.local hands out copies of frames).
    """

    name = "memory"

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self._max_entries = max_entries
        self._max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Any | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def set(self, key: str, value: Any) -> None:
        size = size_of(value)
        with self._lock:
            self._remove(key)
            self._entries[key] = (value, size)
            self._bytes += size
            # The newest entry stays even when it alone is over the byte budget.
            while len(self._entries) > 1 and (
                len(self._entries) > self._max_entries or self._bytes > self._max_bytes
            ):
                self._remove(next(iter(self._entries)))

    def entries(self, namespace: str) -> int:
        with self._lock:
            return sum(1 for _ in self._keys_of(namespace))

    def drop_other_versions(self, namespace: str, version: str) -> int:
        with self._lock:
            stale = [key for key in self._keys_of(namespace) if version_of(key) != version]
            for key in stale:
                self._remove(key)
        return len(stale)

    def _keys_of(self, namespace: str) -> Iterator[str]:
        prefix = f"{KEY_PREFIX}{namespace}:"
        return (key for key in self._entries if key.startswith(prefix))

    def _remove(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry[1]


def size_of(value: Any) -> int:
    """A cheap estimate of what `value` holds in memory, for the byte budget."""
    if isinstance(value, (bytes, bytearray, str)):
        return len(value)
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(index=True, deep=False).sum())
    if isinstance(value, pd.Series):
        return int(value.memory_usage(index=True, deep=False))
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, (tuple, list)):
        return sum(size_of(part) for part in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(size_of(getattr(value, field.name)) for field in dataclasses.fields(value))
    if hasattr(value, "ecount"):  # an igraph graph, without importing igraph
        return int(value.vcount() + value.ecount()) * GRAPH_ITEM_BYTES
    if hasattr(value, "number_of_edges"):  # a networkx graph, without importing networkx
        return int(value.number_of_nodes() + value.number_of_edges()) * GRAPH_ITEM_BYTES
    return sys.getsizeof(value)


class RedisBackend:
    """Entries as bytes in Redis, shared by every worker and host on one REDIS_URL."""

    name = "redis"

    def __init__(self, url: str, timeout_s: int = TIMEOUT_S) -> None:
        import redis  # only when REDIS_URL is set

        self._client = redis.Redis.from_url(url)
        self._timeout_s = timeout_s

    def get(self, key: str) -> bytes | None:
        value = self._client.get(key)
        return value if isinstance(value, bytes) else None

    def set(self, key: str, value: Any) -> None:
        if not isinstance(value, bytes):
            raise TypeError("Redis holds encoded entries (bytes) only")
        self._client.set(key, value, ex=self._timeout_s)

    def entries(self, namespace: str) -> int:
        return sum(1 for _ in self._client.scan_iter(match=f"{KEY_PREFIX}{namespace}:*"))

    def drop_other_versions(self, namespace: str, version: str) -> int:
        stale = [
            key
            for key in self._client.scan_iter(match=f"{KEY_PREFIX}{namespace}:*")
            if version_of(key.decode()) != version
        ]
        for start in range(0, len(stale), 500):
            self._client.delete(*stale[start : start + 500])
        return len(stale)
