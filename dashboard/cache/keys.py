"""The one key scheme of every cached entry: (data version, view, state).

`view` names what is kept (a callback's output, an analysis result, a PDF); `state` describes
the inputs it was computed from (a URL query, filters, a year) and must be JSON-serialisable
or have a stable repr (frozen dataclasses such as Filters do). The namespace keeps apps on
different databases, drawing maps differently or running other code apart in a shared Redis.
As a string: `netzwerkatlas:<namespace>:<version digest>:<view>:<state digest>`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable

KEY_PREFIX = "netzwerkatlas:"


def digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def version_digest(version: str) -> str:
    """The data version as it appears in keys: short and free of the separator."""
    return hashlib.sha256(version.encode()).hexdigest()[:16]


def make_key(namespace: str, version: str, view: str, state: Hashable) -> str:
    return f"{KEY_PREFIX}{namespace}:{version_digest(version)}:{view}:{digest(state)}"


def version_of(key: str) -> str:
    """The version digest of a key made by `make_key`."""
    return key[len(KEY_PREFIX) :].split(":", 2)[1]
