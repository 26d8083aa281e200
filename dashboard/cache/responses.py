"""Results kept per data version, shared by every worker of one database.

The analytics callbacks are pure functions of the data and of their inputs (the URL and the
page's controls), so what they computed can be kept: a filter a visitor — or a presenter
clicking back and forth — has asked for once is answered without recomputing. Whole
callback answers are kept by dashboard.cache.answers (callbacks marked `cached_callback`),
single values inside a callback by `cached_value`. Keys hold the database, the data version
and the inputs, so an import makes every old entry unreachable at once and no stale answer
survives a data change. The backend is a directory of files by default and Redis when
REDIS_URL is set, so that gunicorn workers (and hosts) share what one of them computed.

Values are stored as the JSON Dash would send, and handed back as plain lists and dicts:
Dash accepts those for figures and children alike, and rebuilding plotly objects from a
pickle would cost as much as computing them.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from cachelib import BaseCache, FileSystemCache, RedisCache
from dash._utils import to_json

from dashboard.config import ROOT, Settings

DEFAULT_DIR = ROOT / "instance" / "cache"
TIMEOUT_S = 7 * 24 * 3600
FILE_THRESHOLD = 1000  # entries; at most about 1 MB each at national scale
KEY_PREFIX = "netzwerkatlas:"
CACHED_ANSWER = "netzwerkatlas_cached_answer"  # the attribute cached_callback sets


class ResponseCache:
    def __init__(self, backend: BaseCache, namespace: str) -> None:
        self.backend = backend
        self.namespace = namespace

    @classmethod
    def from_settings(cls, settings: Settings, directory: Path = DEFAULT_DIR) -> ResponseCache:
        if settings.redis_url:
            import redis

            backend: BaseCache = RedisCache(
                host=redis.Redis.from_url(settings.redis_url),
                key_prefix=KEY_PREFIX,
                default_timeout=TIMEOUT_S,
            )
        else:
            backend = FileSystemCache(
                str(directory), threshold=FILE_THRESHOLD, default_timeout=TIMEOUT_S
            )
        # Apps on different databases, drawing maps differently or running other code (after
        # an upgrade) must not share answers.
        identity = json.dumps([settings.database_url, settings.offline, code_version()])
        return cls(backend, hashlib.sha256(identity.encode()).hexdigest()[:16])

    def key(self, name: str, version: str, args: tuple) -> str:
        text = json.dumps([self.namespace, name, version, args], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def get_or_compute(self, key: str, compute: Callable[[], Any]) -> Any:
        """The value for `key`: computed and stored on a miss, decoded from JSON on a hit
        (a tuple of several outputs comes back as a tuple)."""
        stored = self.backend.get(key)
        if stored is not None:
            several, value = orjson.loads(stored)
            return tuple(value) if several else value
        value = compute()
        several = isinstance(value, tuple)
        encoded = to_json([several, list(value) if several else value])
        self.backend.set(key, encoded if isinstance(encoded, bytes) else encoded.encode())
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


def cached_callback(function: Callable) -> Callable:
    """Mark `function` (a Dash callback) so that its answers are kept and served again by
    dashboard.cache.answers for the current data version.

    Only for callbacks whose result depends on nothing but the data and their inputs and
    state: no callback context, no user, no `no_update`.
    """
    setattr(function, CACHED_ANSWER, True)
    return function


def cached_value(name: str, args: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()` cached in the app's ResponseCache under `name`, `args` and the data
    version; a hit comes back as decoded JSON (dicts, lists, a tuple stays a tuple)."""
    from dashboard.web.context import app_context

    context = app_context()
    cache = context.responses
    return cache.get_or_compute(cache.key(name, context.store.version(), args), compute)
