"""Deterministic sample dataset ("Beispieldaten") grown around the documented 2017 event.

All randomness comes from one `numpy.random.default_rng(seed)` and every draw runs over
lists in a fixed order, so a seed always gives identical frames. Municipalities and their
coordinates are real (data/geo/places.csv); the other actors' names, event titles, venues,
dates, headcounts and links are invented and carry source="sample". The documented rows
(`dashboard.sample.seed.documented`) are contained unchanged: no sample session is added to 2017
and no sample row restates a documented one.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.geo.data import districts, places
from dashboard.geo.states import STATES
from dashboard.i18n.folding import slug
from dashboard.sample import participation
from dashboard.sample.draws import probabilities
from dashboard.sample.evaluation import sample_results
from dashboard.sample.municipalities import MUNICIPALITIES
from dashboard.sample.participation import Actor, Session
from dashboard.sample.seed import conform, documented
from dashboard.sample.vocabulary import (
    ABROAD,
    EVENT_TITLES,
    FIRST_YEAR,
    LAST_YEAR,
    NATIONAL,
    PARTNERS,
    STANDS,
    TOPICS,
    VENUES,
    WORKSHOP_TITLES,
    topic_weights,
)

__all__ = ["DOCUMENTED_YEAR", "FIRST_YEAR", "LAST_YEAR", "SAMPLE", "YEARS", "generate"]

DOCUMENTED_YEAR = 2017
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
SAMPLE = schema.SOURCE_SAMPLE

_HOST_MIN_POPULATION = 150_000
# What follows a place's base name: "Oldenburg (Oldenburg), Stadt", "Frankfurt am Main".
_QUALIFIER = re.compile(r"\s*(?:[(,/]|\s(?:an|am|im|in|ob|bei|vor|auf)\s|\s[aiov]\.).*$")


def base_name(name: str) -> str:
    return _QUALIFIER.sub("", name).strip().casefold()


def kreisfrei_ags(place: dict, district_rows: list[dict]) -> str | None:
    """The AGS of a kreisfreie Stadt: its 5-digit district key followed by "000".

    A district qualifies when it has the city's name in the same state and about its
    population. A Landkreis of the same name is several times larger, so a town inside a
    Landkreis (Göttingen) or a Region (Hannover) gets no key rather than a wrong one.
    """
    base = base_name(place["name_de"])
    candidates = [
        d for d in district_rows if d["state"] == place["state"] and base_name(d["name"]) == base
    ]
    if not candidates:
        return None
    best = min(candidates, key=lambda d: abs(d["population"] - place["population"]))
    if abs(best["population"] - place["population"]) > 0.3 * place["population"]:
        return None
    return best["ags"] + "000"


def _gazetteer() -> list[dict]:
    """The candidate municipalities as gazetteer records, the largest place of each name."""
    table = places().drop_duplicates(["state", "name_de"])
    wanted = {(state, name) for state, names in MUNICIPALITIES.items() for name in names}
    by_key = {
        (r["state"], r["name_de"]): r
        for r in table.to_dict("records")
        if (r["state"], r["name_de"]) in wanted
    }
    district_rows = districts().to_dict("records")
    pool = []
    for state, names in MUNICIPALITIES.items():
        for name in names:
            place = by_key.get((state, name))
            if place is None:
                raise LookupError(f"{name} ({state}) is missing from data/geo/places.csv")
            pool.append({**place, "ags": kreisfrei_ags(place, district_rows)})
    return pool


def _actor_row(
    name: str, actor_type: str, state=None, city=None, lat=None, lon=None, ags=None
) -> dict:
    return {
        "id": slug(name),
        "name": name,
        "type": actor_type,
        "ags": ags,
        "state": state,
        "city": city,
        "lat": lat,
        "lon": lon,
        "website": None,
        "source": SAMPLE,
    }


def _hosts(rng, pool: list[dict], documented_city: str) -> dict[int, int]:
    """Pool index of the host city per sample year: large cities, each once."""
    candidates = [
        i
        for i, place in enumerate(pool)
        if place["population"] >= _HOST_MIN_POPULATION and place["name_de"] != documented_city
    ]
    years = [year for year in YEARS if year != DOCUMENTED_YEAR]
    picked = rng.choice(candidates, size=len(years), replace=False)
    return {year: int(index) for year, index in zip(years, picked, strict=False)}


def _choose_municipalities(rng, pool: list[dict], required: list[int]) -> list[int]:
    """Pool indices: the required ones, at least one per state, then a random mix."""
    chosen = list(dict.fromkeys(required))
    for state in STATES:
        if not any(pool[i]["state"] == state for i in chosen):
            options = [i for i, place in enumerate(pool) if place["state"] == state]
            chosen.append(int(rng.choice(options)))
    rest = [i for i in range(len(pool)) if i not in chosen]
    # Bigger cities are somewhat more likely, small towns still come in.
    weights = probabilities([pool[i]["population"] ** 0.35 for i in rest])
    size = max(0, int(rng.integers(85, 101)) - len(chosen))
    extra = rng.choice(rest, size=size, replace=False, p=weights)
    return sorted(chosen + [int(i) for i in extra])


def _actors(rng, documented: pd.DataFrame, pool: list[dict], required: list[int]):
    """All candidate actors, documented ones first, and the actor id of each pool index used."""
    place_index = {(p["state"], p["lat"], p["lon"]): i for i, p in enumerate(pool)}
    actors, ids = [], {}
    for row in documented.to_dict("records"):
        index = place_index.get((row["state"], row["lat"], row["lon"]))
        if row["type"] == "kommune" and index is not None:
            ids[index] = row["id"]
            actors.append(Actor(row, pool[index]["population"]))
        else:
            actors.append(Actor(row))

    chosen = _choose_municipalities(rng, pool, [*ids, *required])
    for index in chosen:
        if index not in ids:
            place = pool[index]
            row = _actor_row(
                place["name_de"],
                "kommune",
                place["state"],
                place["name_de"],
                place["lat"],
                place["lon"],
                place["ags"],
            )
            ids[index] = row["id"]
            actors.append(Actor(row, place["population"]))

    taken = {actor.id for actor in actors}
    pattern_weights = probabilities([share for _type, _pattern, share in PARTNERS])
    city_weights = probabilities([pool[i]["population"] ** 0.5 for i in chosen])
    wanted = len(actors) + int(rng.integers(45, 56))
    while len(actors) < wanted:
        actor_type, pattern, _share = PARTNERS[int(rng.choice(len(PARTNERS), p=pattern_weights))]
        place = pool[chosen[int(rng.choice(len(chosen), p=city_weights))]]
        row = _actor_row(
            pattern.format(place["name_de"]),
            actor_type,
            place["state"],
            place["name_de"],
            place["lat"],
            place["lon"],
        )
        if row["id"] not in taken:
            taken.add(row["id"])
            actors.append(Actor(row))
    actors.extend(Actor(_actor_row(name, actor_type)) for name, actor_type in NATIONAL)
    actors.extend(
        Actor(_actor_row(name, actor_type, None, city, lat, lon))
        for name, actor_type, city, lat, lon in ABROAD
    )
    for actor in actors:
        actor.interests = np.zeros(len(TOPICS))
        actor.interests[rng.choice(len(TOPICS), size=3, replace=False)] = 1.0
    return actors, ids


def _events(rng, pool: list[dict], hosts: dict[int, int]) -> dict[int, dict]:
    titles = rng.permutation(len(EVENT_TITLES))
    events = {}
    for number, (year, index) in enumerate(hosts.items()):
        city = pool[index]["name_de"]
        start = dt.date(year, int(rng.choice([6, 9])), int(rng.integers(1, 23)))
        while start.weekday() not in (1, 2, 3):  # Tuesday to Thursday
            start += dt.timedelta(days=1)
        days = 1 if rng.random() < 0.8 else 0
        venue = VENUES[int(rng.integers(len(VENUES)))]
        events[year] = {
            "id": f"{year}-{slug(city)}",
            "year": year,
            "title": EVENT_TITLES[titles[number]],
            "start_date": start,
            "end_date": start + dt.timedelta(days=days),
            "city": city,
            "venue": f"{venue} {city}",
            "source": SAMPLE,
        }
    return events


def _event_sessions(rng, year: int) -> list[Session]:
    """6–10 sessions, mostly workshops on topics drawn by that year's topic trend."""
    weights = topic_weights(year)
    names = [name for _id, name, _start, _end in TOPICS]
    get_together = rng.random() < 0.85
    panel = rng.random() < 0.9
    stand = rng.random() < 0.45
    count = max(3, int(rng.integers(6, 11)) - (1 + get_together + panel + stand))
    main = [
        int(t) for t in rng.choice(len(TOPICS), size=count, replace=False, p=probabilities(weights))
    ]
    leading = sorted(main, key=lambda t: -weights[t])

    sessions = []
    if get_together:
        sessions.append(
            Session(f"{year}-get-together", "get-together", "Get-Together am Vorabend", ())
        )
    sessions.append(
        Session(
            f"{year}-keynote",
            "keynote",
            f"Impulsvortrag zum Schwerpunkt {names[leading[0]]}",
            (leading[0],),
        )
    )
    for topic in main:
        topics: tuple[int, ...] = (topic,)
        if rng.random() < 0.35:
            others = [t for t in range(len(TOPICS)) if t != topic]
            topics += (int(rng.choice(others, p=probabilities(weights[others]))),)
        titles = WORKSHOP_TITLES[TOPICS[topic][0]]
        sessions.append(
            Session(
                f"{year}-ws-{TOPICS[topic][0]}",
                "workshop",
                titles[int(rng.integers(len(titles)))],
                topics,
            )
        )
    if panel:
        sessions.append(
            Session(
                f"{year}-panel",
                "panel",
                f"Podiumsdiskussion: {names[leading[1]]} gemeinsam gestalten",
                (leading[1],),
            )
        )
    if stand:
        title = STANDS[int(rng.integers(len(STANDS)))]
        sessions.append(Session(f"{year}-{slug(title)}", "stand", title, ()))
    return sessions


def _documented_sessions(frames: dict[str, pd.DataFrame]) -> list[Session]:
    topic_ids = [t[0] for t in TOPICS]
    links = frames["session_topics"]
    return [
        Session(
            row["id"],
            row["kind"],
            row["title"],
            tuple(
                topic_ids.index(t) for t in links.loc[links["session_id"] == row["id"], "topic_id"]
            ),
        )
        for row in frames["sessions"].to_dict("records")
    ]


def generate(seed: int = 2017) -> dict[str, pd.DataFrame]:
    """The documented rows plus a sample network 2014–2025; the same seed, the same frames."""
    rng = np.random.default_rng(seed)
    known = documented()
    known_event = known["events"].to_dict("records")[0]
    pool = _gazetteer()
    names = [place["name_de"] for place in pool]

    hosts = _hosts(rng, pool, known_event["city"])
    # Mannheim (home of Change2 Mannheim) and the host city also come to the documented event.
    joined_2017 = [names.index("Mannheim"), names.index(known_event["city"])]
    actors, actor_of_pool = _actors(rng, known["actors"], pool, [*joined_2017, *hosts.values()])
    position = {actor.id: i for i, actor in enumerate(actors)}

    events = {**_events(rng, pool, hosts), DOCUMENTED_YEAR: known_event}
    event_ids = {year: events[year]["id"] for year in YEARS}
    sessions = {
        year: _documented_sessions(known) if year == DOCUMENTED_YEAR else _event_sessions(rng, year)
        for year in YEARS
    }
    organisers = {year: position[actor_of_pool[index]] for year, index in hosts.items()}
    forced = {year: [i] for year, i in organisers.items()}
    forced[DOCUMENTED_YEAR] = [
        *(position[actor_id] for actor_id in known["attendance"]["actor_id"]),
        *(position[actor_of_pool[index]] for index in joined_2017),
    ]
    presence = participation.draw_presence(rng, actors, forced)
    attendance, meetings = participation.draw_attendance(
        rng, actors, presence, sessions, event_ids, organisers
    )
    links = participation.draw_links(rng, actors, meetings)

    came = np.logical_or.reduce([presence[year] for year in YEARS])
    session_rows: list[dict] = []
    session_topic_rows: list[dict] = []
    for year in YEARS:
        if year == DOCUMENTED_YEAR:
            session_rows.extend(known["sessions"].to_dict("records"))
            continue
        for session in sessions[year]:
            session_rows.append(
                {
                    "id": session.id,
                    "event_id": event_ids[year],
                    "kind": session.kind,
                    "title": session.title,
                    "source": SAMPLE,
                }
            )
            session_topic_rows.extend(
                {"session_id": session.id, "topic_id": TOPICS[t][0]} for t in session.topics
            )
    known_topics = set(known["topics"]["id"])
    rows = {
        # Sample actors who never came to an event would only be dots without a story.
        "actors": [
            actor.row
            for i, actor in enumerate(actors)
            if came[i] or actor.row["source"] == schema.SOURCE_DOCUMENTED
        ],
        "actor_aliases": known["actor_aliases"].to_dict("records"),
        "events": [events[year] for year in YEARS],
        "sessions": session_rows,
        "topics": known["topics"].to_dict("records")
        + [
            {"id": topic_id, "name": name}
            for topic_id, name, _start, _end in TOPICS
            if topic_id not in known_topics
        ],
        "session_topics": known["session_topics"].to_dict("records") + session_topic_rows,
        "attendance": known["attendance"].to_dict("records") + attendance,
        "links": links,
    }
    result = {
        table: conform(table, pd.DataFrame(rows[table], columns=list(schema.TABLE_COLUMNS[table])))
        for table in schema.LOAD_ORDER
    }
    result["evaluation_results"] = sample_results(result["events"], result["sessions"], seed)
    return result
