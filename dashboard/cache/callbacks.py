"""What pages use of the cache: `cached_callback` marks a callback whose whole answer is kept
(served by dashboard.cache.answers), `cached_value` keeps one value inside a callback.

Both are for results that depend on nothing but the data and their inputs. Values are kept
as the JSON Dash would send and handed back as plain lists and dicts: Dash accepts those for
figures and children alike, and rebuilding plotly objects from a pickle would cost as much as
computing them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import orjson
from dash._utils import to_json

from dashboard.cache.versioned import Cache
from dashboard.web.context import app_context

CACHED_ANSWER = "netzwerkatlas_cached_answer"  # the attribute cached_callback sets


def cached_callback(function: Callable[..., Any]) -> Callable[..., Any]:
    """Mark `function` (a Dash callback) so that its answers are kept and served again by
    dashboard.cache.answers for the current data version.

    Only for callbacks whose result depends on nothing but the data and their inputs and
    state: no callback context, no user, no `no_update`.
    """
    setattr(function, CACHED_ANSWER, True)
    return function


def cached_value(view: str, state: Hashable, compute: Callable[[], Any]) -> Any:
    """`compute()` kept in the app's cache under `view`, `state` and the data version; a hit
    comes back as decoded JSON (dicts, lists, a tuple stays a tuple)."""
    context = app_context()
    return kept_json(context.cache, context.store.version(), view, state, compute)


def kept_json(
    cache: Cache, version: str, view: str, state: Hashable, compute: Callable[[], Any]
) -> Any:
    """The value for the key: decoded from JSON on a hit, computed and kept on a miss."""
    stored = cache.read(version, view, state)
    if stored is not None:
        several, value = orjson.loads(stored)
        return tuple(value) if several else value
    value = compute()
    several = isinstance(value, tuple)
    encoded = to_json([several, list(value) if several else value])
    cache.write(version, view, state, encoded if isinstance(encoded, bytes) else encoded.encode())
    return value
