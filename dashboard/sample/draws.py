"""Random draws shared by the sample generators."""

from __future__ import annotations

import numpy as np


def probabilities(values) -> np.ndarray:
    """Weights scaled to sum to one, as `rng.choice(p=...)` wants them."""
    array = np.asarray(values, dtype=float)
    return array / array.sum()


def gumbel_top(rng, weights: np.ndarray, k: int) -> np.ndarray:
    """Indices of k draws without replacement, each with probability ∝ weights.

    The exponential-keys method (Efraimidis–Spirakis): the k smallest of E_i / w_i, a
    vectorised equivalent of rng.choice(n, k, replace=False, p=w / w.sum()).
    """
    weights = np.asarray(weights, dtype=float)
    k = min(int(k), int(np.count_nonzero(weights > 0)))
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    with np.errstate(divide="ignore"):
        keys = rng.exponential(size=weights.size) / weights
    chosen = np.argpartition(keys, k - 1)[:k]
    return np.sort(chosen)
