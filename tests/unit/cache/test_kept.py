"""What every answer of a data version starts from is kept apart from the bounded LRU of
filter settings: a user exploring many settings never pushes it out."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.cache.backends import MemoryBackend, size_of
from dashboard.cache.versioned import Cache


def _cache(max_bytes: int) -> Cache:
    local = MemoryBackend(max_bytes=max_bytes)
    return Cache(local, local, "test")


def test_kept001_values_of_the_version_outlive_any_number_of_filter_settings():
    cache = _cache(max_bytes=10_000)
    computed = []
    whole = pd.DataFrame({"x": np.arange(1_000)})

    def derive():
        computed.append(1)
        return whole

    cache.kept("v1", "index", derive)
    for setting in range(200):  # each 8 KB: the LRU holds one or two at a time
        cache.local("v1", "selection", setting, lambda: np.zeros(1_000))
    again = cache.kept("v1", "index", derive)
    assert computed == [1]
    pd.testing.assert_frame_equal(again, whole)
    again["x"] = 0  # a copy: the kept frame is not changed by a caller
    assert cache.kept("v1", "index", derive)["x"].sum() == whole["x"].sum()


def test_kept002_a_new_version_drops_the_kept_values_of_the_others():
    cache = _cache(max_bytes=10_000)
    cache.kept("v1", "index", lambda: "old")
    cache.kept("v2", "index", lambda: "new")
    cache.new_version("v2")
    assert cache.kept("v1", "index", lambda: "computed again") == "computed again"
    assert cache.kept("v2", "index", lambda: "not again") == "new"


@dataclass(frozen=True)
class _Held:
    codes: np.ndarray
    frame: pd.DataFrame


def test_kept003_the_byte_budget_counts_what_dataclasses_and_arrays_hold():
    held = _Held(np.zeros(10_000, dtype="int64"), pd.DataFrame({"x": np.zeros(5_000)}))
    assert size_of(held) >= 80_000 + 40_000
    assert size_of(np.zeros(3, dtype="int32")) == 12
