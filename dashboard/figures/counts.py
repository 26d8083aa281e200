"""Axis and colour-bar ticks for counts: whole numbers only (no "2,5 Sitzungen")."""

from __future__ import annotations

import math

import numpy as np


def count_step(max_value: float) -> int:
    """A whole-number tick step giving about five ticks up to `max_value`."""
    if not np.isfinite(max_value) or max_value <= 5:
        return 1
    raw = max_value / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return int(factor * magnitude)
    return int(10 * magnitude)


def count_ticks(max_value: float) -> dict[str, int | str]:
    """Tick settings for an axis or colour bar that shows counts from 0 to `max_value`."""
    return {"tick0": 0, "dtick": count_step(max_value), "tickformat": ",d"}
