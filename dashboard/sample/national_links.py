"""Collaboration links of the national sample, drawn from who met in which workshop."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.sample.draws import gumbel_top, probabilities
from dashboard.sample.vocabulary import LAST_YEAR, LINK_KIND_SHARES

SAMPLE = schema.SOURCE_SAMPLE
_SECOND_KIND_SHARE = 0.12  # links of a pair that also works together in a second way


def draw_links(
    rng, workshop_parts, years, actor_ids, states, is_kommune, wanted: int
) -> pd.DataFrame:
    """Links between actors who met in a workshop, mostly from the following year on.

    Pairs from the same state or of different types are likelier to link up.
    """
    columns = list(schema.TABLE_COLUMNS["links"])
    if not workshop_parts or wanted <= 0:
        return pd.DataFrame(columns=columns)
    event = np.concatenate([p[0] for p in workshop_parts])
    session = np.concatenate([p[1] for p in workshop_parts])
    actor = np.concatenate([p[2] for p in workshop_parts])
    order = np.argsort(session, kind="stable")
    event, session, actor = event[order], session[order], actor[order]
    starts = np.flatnonzero(np.r_[True, session[1:] != session[:-1]])
    sizes = np.diff(np.r_[starts, session.size])
    useful = sizes >= 2
    starts, sizes = starts[useful], sizes[useful]
    if not starts.size:
        return pd.DataFrame(columns=columns)

    first_rows = round(wanted / (1 + _SECOND_KIND_SHARE))
    draws = 4 * first_rows
    group = rng.choice(starts.size, size=draws, p=probabilities(sizes.astype(float) ** 2))
    i = rng.integers(0, sizes[group])
    j = (i + rng.integers(1, sizes[group])) % sizes[group]
    a, b = actor[starts[group] + i], actor[starts[group] + j]
    year = years[event[starts[group]]]
    keep = a != b
    a, b, year = a[keep], b[keep], year[keep]
    low, high = np.minimum(a, b), np.maximum(a, b)
    by_year = np.lexsort((high, low, year))  # the first meeting of a pair comes first
    pair = low[by_year] * len(actor_ids) + high[by_year]
    _unique, first = np.unique(pair, return_index=True)
    pick = by_year[np.sort(first)]
    low, high, year = low[pick], high[pick], year[pick]
    same_state = (states[low] == states[high]) & (states[low] != "")
    score = (1.0 + 0.8 * same_state + 0.6 * (is_kommune[low] != is_kommune[high])) ** 2
    chosen = gumbel_top(rng, score, first_rows)
    low, high, year = low[chosen], high[chosen], year[chosen]

    count = low.size
    kind = rng.choice(len(schema.LINK_KINDS), size=count, p=LINK_KIND_SHARES)
    since = np.minimum(year + rng.choice(4, size=count, p=[0.1, 0.65, 0.17, 0.08]), LAST_YEAR)
    weight = 1.0 + rng.integers(0, 5, size=count)
    second = np.flatnonzero(rng.random(count) < _SECOND_KIND_SHARE)
    other_kind = (kind[second] + rng.integers(1, 3, size=second.size)) % len(schema.LINK_KINDS)
    later = np.minimum(since[second] + rng.integers(1, 4, size=second.size), LAST_YEAR)
    low = np.r_[low, low[second]]
    high = np.r_[high, high[second]]
    kind = np.r_[kind, other_kind]
    since = np.r_[since, later]
    weight = np.r_[weight, 1.0 + rng.integers(0, 3, size=second.size)]

    ends = rng.random(kind.size) < np.where(kind == schema.LINK_KINDS.index("projekt"), 0.5, 0.07)
    until = since + rng.integers(1, 4, size=kind.size)
    until = np.where(ends & (until <= LAST_YEAR), until, -1)

    source, target = actor_ids[low], actor_ids[high]
    swap = source > target
    source, target = np.where(swap, target, source), np.where(swap, source, target)
    frame = pd.DataFrame(
        {
            "source_id": source,
            "target_id": target,
            "kind": np.array(schema.LINK_KINDS, dtype=object)[kind],
            "since_year": since,
            "until_year": pd.Series(until, dtype="Int64").mask(until < 0).array,
            "weight": weight,
            "source": SAMPLE,
        }
    )
    return frame.sort_values(["since_year", "source_id", "target_id", "kind"], ignore_index=True)
