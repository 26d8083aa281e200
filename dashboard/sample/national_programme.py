"""The events of the national sample and their programme, one event a year."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.i18n.folding import slug
from dashboard.sample.draws import probabilities
from dashboard.sample.small import DOCUMENTED_YEAR
from dashboard.sample.vocabulary import (
    EVENT_TITLES,
    FIRST_YEAR,
    LAST_YEAR,
    STANDS,
    TOPICS,
    VENUES,
    WORKSHOP_TITLES,
    topic_weights,
)

SAMPLE = schema.SOURCE_SAMPLE
TOPIC_IDS = tuple(t[0] for t in TOPICS)
_HOST_MIN_POPULATION = 150_000


def topic_trend(year: int) -> np.ndarray:
    """Topic weights of `year`; before the small sample's first year the 2014 trend holds."""
    return np.clip(topic_weights(min(max(year, FIRST_YEAR), LAST_YEAR)), 0.05, None)


def draw_events(
    rng, years: list[int], gazetteer: pd.DataFrame, known_event: dict, cities: set[str]
) -> dict[int, dict]:
    """One event per year in a large city (each city once); 2017 is the documented one."""
    # Cities with a key of their own (kreisfrei), not a city's borough that GeoNames lists.
    big = gazetteer[
        (gazetteer["population"] >= _HOST_MIN_POPULATION)
        & (gazetteer["name_de"] != known_event["city"])
        & gazetteer["name_de"].isin(cities)
    ].drop_duplicates("name_de")
    if len(big) < len(years):  # a small test gazetteer: take the largest places there are
        big = gazetteer[gazetteer["name_de"] != known_event["city"]].drop_duplicates("name_de")
    sample_years = [y for y in years if y != DOCUMENTED_YEAR]
    hosts = big.iloc[
        rng.choice(len(big), size=len(sample_years), replace=len(big) < len(sample_years))
    ]
    titles = rng.permutation(len(EVENT_TITLES))
    events = {DOCUMENTED_YEAR: known_event} if DOCUMENTED_YEAR in years else {}
    for number, (year, city) in enumerate(
        zip(sample_years, hosts["name_de"].tolist(), strict=False)
    ):
        start = dt.date(year, int(rng.choice([6, 9])), int(rng.integers(1, 23)))
        while start.weekday() not in (1, 2, 3):  # Tuesday to Thursday
            start += dt.timedelta(days=1)
        days = 1 if rng.random() < 0.8 else 0
        venue = VENUES[int(rng.integers(len(VENUES)))]
        events[year] = {
            "id": f"{year}-{slug(city)}",
            "year": year,
            "title": EVENT_TITLES[int(titles[number % len(titles)])],
            "start_date": start,
            "end_date": start + dt.timedelta(days=days),
            "city": city,
            "venue": f"{venue} {city}",
            "source": SAMPLE,
            "host": city,
        }
    return dict(sorted(events.items()))


def draw_programme(rng, year: int, event_id: str) -> tuple[list[dict], list[dict]]:
    """A national-scale programme: plenary sessions, stands and 10–20 workshops."""
    weights = topic_trend(year)
    leading = [int(t) for t in np.argsort(-weights)]
    names = [name for _id, name, _start, _end in TOPICS]
    sessions: list[dict] = []
    links: list[dict] = []

    def add(session_id, kind, title, topics=()):
        sessions.append(
            {"id": session_id, "event_id": event_id, "kind": kind, "title": title, "source": SAMPLE}
        )
        links.extend({"session_id": session_id, "topic_id": TOPIC_IDS[t]} for t in topics)

    if rng.random() < 0.85:
        add(f"{year}-get-together", "get-together", "Get-Together am Vorabend")
    add(
        f"{year}-keynote",
        "keynote",
        f"Impulsvortrag zum Schwerpunkt {names[leading[0]]}",
        (leading[0],),
    )
    count = int(rng.integers(10, 21))
    main = rng.choice(len(TOPICS), size=count, replace=True, p=probabilities(weights))
    used: dict[int, int] = {}
    for topic in main.tolist():
        used[topic] = used.get(topic, 0) + 1
        topics: tuple[int, ...] = (topic,)
        if rng.random() < 0.35:
            others = [t for t in range(len(TOPICS)) if t != topic]
            topics += (int(rng.choice(others, p=probabilities(weights[others]))),)
        titles = WORKSHOP_TITLES[TOPIC_IDS[topic]]
        title = titles[(used[topic] - 1) % len(titles)]
        suffix = "" if used[topic] == 1 else f"-{used[topic]}"
        if used[topic] > len(titles):
            title = f"{title} ({used[topic] // len(titles) + 1})"
        add(f"{year}-ws-{TOPIC_IDS[topic]}{suffix}", "workshop", title, topics)
    if rng.random() < 0.9:
        add(
            f"{year}-panel",
            "panel",
            f"Podiumsdiskussion: {names[leading[1]]} gemeinsam gestalten",
            (leading[1],),
        )
    for title in STANDS:  # a large event has both a gallery walk and a market of projects
        add(f"{year}-{slug(title)}", "stand", title)
    return sessions, links
