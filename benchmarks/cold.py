"""Filter settings nobody asked for before: what a user exploring the data sends.

A seeded generator draws combinations of years, Bundesländer, actor types and topics from
the values the data offers, and never repeats one. Every cache the app keys by filters
(whole answers, selections, values inside callbacks) misses on such a setting; what the
app derives once per data version (layouts, the places' cells) is part of the data and
stays.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from urllib.parse import urlencode

from dashboard import schema
from dashboard.geo.states import STATES
from dashboard.state.filters import PARAM_FROM, PARAM_STATES, PARAM_TO, PARAM_TOPIC, PARAM_TYPES


@dataclass(frozen=True)
class Choices:
    """What a filter may be set to in the data at hand."""

    years: tuple[int, int]
    topics: tuple[str, ...]
    types: tuple[str, ...] = schema.ACTOR_TYPES
    states: tuple[str, ...] = tuple(STATES)


def choices_of(database_url: str) -> Choices:
    """The years and topics of the database (read as the app reads them)."""
    from dashboard.analysis.options import filter_options
    from dashboard.db.engine import make_engine
    from dashboard.store import Store

    engine = make_engine(database_url)
    try:
        options = filter_options(Store(engine).snapshot().tables)
    finally:
        engine.dispose()
    return Choices(years=options.years or (2017, 2017), topics=tuple(t for t, _ in options.topics))


def _setting(rng: random.Random, choices: Choices) -> dict[str, str]:
    """One filter setting: each filter set or not, as a user narrows step by step."""
    params: dict[str, str] = {}
    first, last = choices.years
    if rng.random() < 0.7:
        start = rng.randint(first, last)
        params[PARAM_FROM] = str(start)
        if rng.random() < 0.6:
            params[PARAM_TO] = str(rng.randint(start, last))
    if rng.random() < 0.5:
        params[PARAM_TYPES] = ",".join(sorted(rng.sample(choices.types, rng.randint(1, 3))))
    if rng.random() < 0.5:
        params[PARAM_STATES] = ",".join(sorted(rng.sample(choices.states, rng.randint(1, 4))))
    if choices.topics and rng.random() < 0.3:
        params[PARAM_TOPIC] = rng.choice(choices.topics)
    return params


def cold_searches(
    choices: Choices, seed: int = 2017, asked: frozenset[str] = frozenset()
) -> Iterator[str]:
    """Query strings, each a filter setting not drawn before and not among those `asked`
    already (nor the unfiltered view, which every first visit asks for)."""
    rng = random.Random(seed)
    seen: set[str] = {"", *asked}
    while True:
        search = "?" + urlencode(_setting(rng, choices), safe=",")
        search = "" if search == "?" else search
        if search not in seen:
            seen.add(search)
            yield search


# The load test's settings come from a generator of their own, apart from the single-request
# timings' one: the two never share a server, so they need not exclude each other.
LOAD_SEED = 2018


def load_searches(choices: Choices, count: int, fixed: frozenset[str]) -> list[str]:
    """`count` distinct settings for the load test's users, none of the `fixed` ones."""
    return list(islice(cold_searches(choices, seed=LOAD_SEED, asked=fixed), count))
