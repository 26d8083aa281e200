"""A large deterministic sample dataset at national scale, for the benchmark harness.

`generate_large()` gives the same frames as `dashboard.sample.small.generate()` (one DataFrame per
table in `schema.LOAD_ORDER`, typed by `dashboard.sample.seed.conform`), only much larger: every
place of the gazetteer (data/geo/places.csv, about 11,900) as a municipality, 5,000
generated local initiatives and organisations, 20 yearly events (2006–2025, the documented
2017 event among them), about 300,000 attendance rows and about 50,000 collaboration links.

The documented rows (`dashboard.sample.seed.documented`) are contained unchanged, as in the small
sample: no session is added to 2017 and no generated row restates a documented one.
Everything else carries source="sample". Names, patterns, topics and workshop titles come
from `dashboard.sample.small`; only the drawing is vectorised with numpy, so that the whole set is
made in seconds. All randomness comes from one `numpy.random.default_rng(seed)`: a seed
always gives identical frames.

Every row satisfies the constraints of `dashboard.db.tables`: unique ids of at most 64
characters, one (event, actor, session, role) per attendance row, links stored once with
`source_id < target_id`, unique per (source_id, target_id, kind), weight > 0 and
until_year ≥ since_year.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.geo.data import districts, places
from dashboard.geo.states import STATES
from dashboard.i18n.folding import slug
from dashboard.sample.seed import conform, documented
from dashboard.sample.small import (
    _ABROAD,
    _EVENT_TITLES,
    _LINK_KIND_SHARES,
    _NATIONAL,
    _PARTNERS,
    _PLENARY_SHARE,
    _STANDS,
    _TOPICS,
    _VENUES,
    _WORKSHOP_TITLES,
    LAST_YEAR,
    _base_name,
    _kreisfrei_ags,
    _topic_weights,
    _weights,
)
from dashboard.sample.small import FIRST_YEAR as _TREND_FIRST

SAMPLE = schema.SOURCE_SAMPLE
DOCUMENTED_YEAR = 2017

# The numbers of the issue ("national scale"); generate_large() takes smaller ones for tests.
ORGANISATIONS = 5_000
EVENTS = 20
ATTENDANCE_ROWS = 300_000
LINK_ROWS = 50_000

_ID_LENGTH = 64  # tables.ID
_HOST_MIN_POPULATION = 150_000
_SECOND_KIND_SHARE = 0.12  # links of a pair that also works together in a second way
_UNKNOWN_HEADCOUNT_SHARE = 0.01  # event-wide rows whose headcount nobody wrote down
_TOPIC_IDS = tuple(t[0] for t in _TOPICS)


def _unique_ids(bases: list[str], fallbacks: list[list[str]], taken: set[str]) -> list[str | None]:
    """The first of base, *fallbacks that is free (at most 64 characters), else None."""
    result = []
    for base, others in zip(bases, fallbacks, strict=False):
        chosen = None
        for candidate in (base, *others):
            candidate = candidate[:_ID_LENGTH].strip("-")
            if candidate and candidate not in taken:
                chosen = candidate
                break
        if chosen is not None:
            taken.add(chosen)
        result.append(chosen)
    return result


def _gumbel_top(rng, weights: np.ndarray, k: int) -> np.ndarray:
    """Indices of k draws without replacement, each with probability ∝ weights.

    The exponential-keys method (Efraimidis–Spirakis): the k smallest of E_i / w_i, a
    vectorised equivalent of rng.choice(n, k, replace=False, p=w / w.sum()).
    """
    weights = np.asarray(weights, dtype=float)
    k = int(min(k, np.count_nonzero(weights > 0)))
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    with np.errstate(divide="ignore"):
        keys = rng.exponential(size=weights.size) / weights
    chosen = np.argpartition(keys, k - 1)[:k]
    return np.sort(chosen)


def _trend(year: int) -> np.ndarray:
    """Topic weights of `year`; before the small sample's first year the 2014 trend holds."""
    return np.clip(_topic_weights(min(max(year, _TREND_FIRST), LAST_YEAR)), 0.05, None)


def _municipalities(known_actors: pd.DataFrame, limit: int | None):
    """Every gazetteer place as a kommune (documented ones keep their documented row)."""
    table = places()
    if limit is not None:
        table = table.head(limit)
    table = table.reset_index(drop=True)
    district_rows: dict[tuple[str, str], list[dict]] = {}
    for row in districts().to_dict("records"):
        district_rows.setdefault((row["state"], _base_name(row["name"])), []).append(row)

    documented_at = {
        (row["state"], row["lat"], row["lon"]): row
        for row in known_actors.to_dict("records")
        if row["type"] == "kommune"
    }
    records = table.to_dict("records")
    matched = [documented_at.get((p["state"], p["lat"], p["lon"])) for p in records]
    taken = set(known_actors["id"])
    bases = [slug(p["name_de"]) for p in records]
    fallbacks = [
        [
            f"{b}-{STATES[p['state']].abbr.lower()}" if p["state"] in STATES else b,
            f"{b}-{p['geonameid']}",
        ]
        for b, p in zip(bases, records, strict=False)
    ]
    ids = _unique_ids(
        [b if m is None else "" for b, m in zip(bases, matched, strict=False)],
        [f if m is None else [] for f, m in zip(fallbacks, matched, strict=False)],
        taken,
    )
    rows, population = [], []
    for place, known, actor_id in zip(records, matched, ids, strict=False):
        if known is not None:
            rows.append(known)
        elif actor_id is not None:
            candidates = district_rows.get((place["state"], _base_name(place["name_de"])), [])
            rows.append(
                {
                    "id": actor_id,
                    "name": place["name_de"],
                    "type": "kommune",
                    "ags": _kreisfrei_ags(place, candidates) if candidates else None,
                    "state": place["state"],
                    "city": place["name_de"],
                    "lat": place["lat"],
                    "lon": place["lon"],
                    "website": None,
                    "source": SAMPLE,
                }
            )
        else:
            continue
        population.append(int(place["population"]))
    return rows, np.array(population, dtype=np.int64), taken


def _partners(rng, count: int, gazetteer: pd.DataFrame, taken: set[str]) -> list[dict]:
    """`count` local partners named after a pattern and a place, bigger places more often."""
    pattern_weights = _weights([share for _type, _pattern, share in _PARTNERS])
    place_weights = np.sqrt(np.maximum(gazetteer["population"].to_numpy(dtype=float), 500.0))
    place_weights /= place_weights.sum()
    names = gazetteer["name_de"].to_numpy(dtype=object)
    rows: list[dict] = []
    for _attempt in range(100):
        if len(rows) >= count:
            break
        batch = max(64, 2 * (count - len(rows)))
        patterns = rng.choice(len(_PARTNERS), size=batch, p=pattern_weights)
        where = rng.choice(len(gazetteer), size=batch, p=place_weights)
        for p, w in zip(patterns.tolist(), where.tolist(), strict=False):
            actor_type, pattern, _share = _PARTNERS[p]
            name = pattern.format(names[w])
            actor_id = slug(name)[:_ID_LENGTH].strip("-")
            if actor_id in taken:
                continue
            taken.add(actor_id)
            place = gazetteer.iloc[w]
            rows.append(
                {
                    "id": actor_id,
                    "name": name,
                    "type": actor_type,
                    "ags": None,
                    "state": place["state"],
                    "city": place["name_de"],
                    "lat": float(place["lat"]),
                    "lon": float(place["lon"]),
                    "website": None,
                    "source": SAMPLE,
                }
            )
            if len(rows) == count:
                break
    if len(rows) < count:
        raise ValueError(
            f"only {len(rows)} distinct partner names for {count} wanted: use more municipalities"
        )
    return rows


def _national_and_abroad(taken: set[str]) -> list[dict]:
    rows = []
    for name, actor_type in _NATIONAL:
        rows.append(
            {
                "id": slug(name),
                "name": name,
                "type": actor_type,
                "ags": None,
                "state": None,
                "city": None,
                "lat": None,
                "lon": None,
                "website": None,
                "source": SAMPLE,
            }
        )
    for name, actor_type, city, lat, lon in _ABROAD:
        rows.append(
            {
                "id": slug(name),
                "name": name,
                "type": actor_type,
                "ags": None,
                "state": None,
                "city": city,
                "lat": lat,
                "lon": lon,
                "website": None,
                "source": SAMPLE,
            }
        )
    rows = [row for row in rows if row["id"] not in taken]
    taken.update(row["id"] for row in rows)
    return rows


def _events(
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
    titles = rng.permutation(len(_EVENT_TITLES))
    events = {DOCUMENTED_YEAR: known_event} if DOCUMENTED_YEAR in years else {}
    for number, (year, city) in enumerate(
        zip(sample_years, hosts["name_de"].tolist(), strict=False)
    ):
        start = dt.date(year, int(rng.choice([6, 9])), int(rng.integers(1, 23)))
        while start.weekday() not in (1, 2, 3):  # Tuesday to Thursday
            start += dt.timedelta(days=1)
        days = 1 if rng.random() < 0.8 else 0
        venue = _VENUES[int(rng.integers(len(_VENUES)))]
        events[year] = {
            "id": f"{year}-{slug(city)}",
            "year": year,
            "title": _EVENT_TITLES[int(titles[number % len(titles)])],
            "start_date": start,
            "end_date": start + dt.timedelta(days=days),
            "city": city,
            "venue": f"{venue} {city}",
            "source": SAMPLE,
            "host": city,
        }
    return dict(sorted(events.items()))


def _sessions(rng, year: int, event_id: str) -> tuple[list[dict], list[dict]]:
    """A national-scale programme: plenary sessions, stands and 10–20 workshops."""
    weights = _trend(year)
    leading = [int(t) for t in np.argsort(-weights)]
    names = [name for _id, name, _start, _end in _TOPICS]
    sessions, links = [], []

    def add(session_id, kind, title, topics=()):
        sessions.append(
            {"id": session_id, "event_id": event_id, "kind": kind, "title": title, "source": SAMPLE}
        )
        links.extend({"session_id": session_id, "topic_id": _TOPIC_IDS[t]} for t in topics)

    if rng.random() < 0.85:
        add(f"{year}-get-together", "get-together", "Get-Together am Vorabend")
    add(
        f"{year}-keynote",
        "keynote",
        f"Impulsvortrag zum Schwerpunkt {names[leading[0]]}",
        (leading[0],),
    )
    count = int(rng.integers(10, 21))
    main = rng.choice(len(_TOPICS), size=count, replace=True, p=_weights(weights))
    used: dict[int, int] = {}
    for topic in main.tolist():
        used[topic] = used.get(topic, 0) + 1
        topics = (topic,)
        if rng.random() < 0.35:
            others = [t for t in range(len(_TOPICS)) if t != topic]
            topics += (int(rng.choice(others, p=_weights(weights[others]))),)
        titles = _WORKSHOP_TITLES[_TOPIC_IDS[topic]]
        title = titles[(used[topic] - 1) % len(titles)]
        suffix = "" if used[topic] == 1 else f"-{used[topic]}"
        if used[topic] > len(titles):
            title = f"{title} ({used[topic] // len(titles) + 1})"
        add(f"{year}-ws-{_TOPIC_IDS[topic]}{suffix}", "workshop", title, topics)
    if rng.random() < 0.9:
        add(
            f"{year}-panel",
            "panel",
            f"Podiumsdiskussion: {names[leading[1]]} gemeinsam gestalten",
            (leading[1],),
        )
    for title in _STANDS:  # a large event has both a gallery walk and a market of projects
        add(f"{year}-{slug(title)}", "stand", title)
    return sessions, links


def _targets(rng, rows_per_event: np.ndarray, total_rows: int, actor_count: int) -> np.ndarray:
    """Participations per event: growing from about 0.4 to 1.6 times the mean, with noise."""
    years = len(rows_per_event)
    shape = np.linspace(0.4, 1.6, years) if years > 1 else np.ones(1)
    shape = shape * (1 + rng.normal(0, 0.04, years))
    parts = shape / shape.sum() * total_rows / rows_per_event
    return np.clip(np.round(parts), 1, actor_count).astype(np.int64)


def _presence(rng, targets, appeal_by_year, forced, actor_count) -> list[np.ndarray]:
    """Who comes each year: most return, some drop out (and may come back), newcomers fill up."""
    loyalty = rng.beta(7, 2, size=actor_count)
    ever = np.zeros(actor_count, dtype=bool)
    previous = np.zeros(actor_count, dtype=bool)
    result = []
    for target, appeal, must in zip(targets, appeal_by_year, forced, strict=False):
        present = previous & (rng.random(actor_count) < loyalty)
        present |= ever & ~previous & (rng.random(actor_count) < 0.2)
        surplus = int(present.sum()) - int(target)
        if surplus > 0:
            drop = np.flatnonzero(present)[_gumbel_top(rng, np.ones(int(present.sum())), surplus)]
            present[drop] = False
        present[must] = True
        for group in (~ever, ever):  # newcomers first, then those who had stayed away
            options = np.flatnonzero(group & ~present)
            missing = int(target - present.sum())
            if missing > 0 and options.size:
                present[options[_gumbel_top(rng, appeal[options], missing)]] = True
        ever |= present
        previous = present
        result.append(present)
    return result


def _headcounts(rng, kinds: np.ndarray, population: np.ndarray) -> np.ndarray:
    """People an actor sends (float, NaN = unknown): big cities send more."""
    low = np.where(
        kinds & (population >= 500_000), 3, np.where(kinds & (population >= 100_000), 2, 1)
    )
    high = np.where(
        kinds & (population >= 500_000), 9, np.where(kinds & (population >= 100_000), 6, 4)
    )
    head = rng.integers(low, high).astype(float)
    head[rng.random(head.size) < _UNKNOWN_HEADCOUNT_SHARE] = np.nan
    return head


def _session_heads(rng, head: np.ndarray, cap: int) -> np.ndarray:
    top = np.where(np.isnan(head), 1, np.minimum(np.nan_to_num(head, nan=1), cap)).astype(np.int64)
    values = rng.integers(1, top + 1).astype(float)
    values[np.isnan(head)] = np.nan
    return values


def _stack(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    return {key: np.concatenate([p[key] for p in parts]) for key in parts[0]} if parts else {}


def generate_large(
    seed: int = 2017,
    *,
    municipalities: int | None = None,
    organisations: int = ORGANISATIONS,
    events: int = EVENTS,
    attendance_rows: int = ATTENDANCE_ROWS,
    link_rows: int = LINK_ROWS,
) -> dict[str, pd.DataFrame]:
    """The documented rows plus a national-scale sample network; the same seed, the same frames.

    `municipalities` limits the gazetteer to its largest places (None: all of them); the
    other numbers are targets for the generated rows (attendance and links come out within
    a few percent of them). The defaults are the sizes the benchmark harness measures.
    """
    rng = np.random.default_rng(seed)
    known = documented()
    known_event = known["events"].to_dict("records")[0]
    gazetteer = places()
    if municipalities is not None:
        gazetteer = gazetteer.head(municipalities).reset_index(drop=True)

    # --- actors -------------------------------------------------------------------------
    kommune_rows, kommune_population, taken = _municipalities(known["actors"], municipalities)
    kommune_ids = {row["id"] for row in kommune_rows}
    other_known = [
        row for row in known["actors"].to_dict("records") if row["id"] not in kommune_ids
    ]
    partner_rows = _partners(rng, organisations, gazetteer, taken)
    actor_rows = kommune_rows + other_known + partner_rows + _national_and_abroad(taken)
    n = len(actor_rows)
    actor_ids = np.array([row["id"] for row in actor_rows], dtype=object)
    position = {actor_id: i for i, actor_id in enumerate(actor_ids.tolist())}
    is_kommune = np.array([row["type"] == "kommune" for row in actor_rows])
    population = np.zeros(n, dtype=np.int64)
    population[: len(kommune_rows)] = kommune_population
    states = np.array([row["state"] or "" for row in actor_rows], dtype=object)
    interests = np.zeros((n, len(_TOPICS)))
    favourite = np.argsort(rng.random((n, len(_TOPICS))), axis=1)[:, :3]
    np.put_along_axis(interests, favourite, 1.0, axis=1)
    pull = (np.maximum(population, 20_000) / 100_000) ** 0.3

    # --- events and sessions ------------------------------------------------------------
    years = list(range(LAST_YEAR - max(events, 1) + 1, LAST_YEAR + 1))
    if DOCUMENTED_YEAR not in years:  # the documented event is always one of them
        years = sorted([DOCUMENTED_YEAR, *years[1:]])
    event_rows = _events(
        rng, years, gazetteer, known_event, {r["city"] for r in kommune_rows if r["ags"]}
    )
    session_rows, session_topic_rows = [], []
    programme: dict[int, list[dict]] = {}
    topics_of: dict[str, list[int]] = {}
    for row in known["session_topics"].to_dict("records"):
        topics_of.setdefault(row["session_id"], []).append(_TOPIC_IDS.index(row["topic_id"]))
    for year, event in event_rows.items():
        if year == DOCUMENTED_YEAR:
            programme[year] = known["sessions"].to_dict("records")
            continue
        sessions, links = _sessions(rng, year, event["id"])
        for link in links:
            topics_of.setdefault(link["session_id"], []).append(_TOPIC_IDS.index(link["topic_id"]))
        programme[year] = sessions
        session_rows.extend(sessions)
        session_topic_rows.extend(links)

    # Rows one participation brings on average: the event row, plenary sessions, 1.5 workshops.
    per_participation = np.array(
        [
            1.0
            + sum(_PLENARY_SHARE.get(s["kind"], 0.0) for s in programme[y])
            + (1.5 if any(s["kind"] == "workshop" for s in programme[y]) else 0.0)
            for y in event_rows
        ]
    )
    generated_rows = max(attendance_rows - len(known["attendance"]), len(event_rows))
    targets = _targets(rng, per_participation, generated_rows, n)
    appeal_by_year, forced = [], []
    documented_present = [position[a] for a in known["attendance"]["actor_id"] if a in position]
    host_position = {}
    kommune_by_city = {}
    for i, row in enumerate(actor_rows[: len(kommune_rows)]):
        kommune_by_city.setdefault(row["city"], i)  # the largest place of that name
    for year, event in event_rows.items():
        appeal_by_year.append(pull * np.where(is_kommune, 1.0, 0.35 + 0.05 * (year - years[0])))
        if year == DOCUMENTED_YEAR:
            forced.append(np.array(documented_present, dtype=np.int64))
        else:
            host = kommune_by_city.get(event.get("host"))
            host_position[year] = host
            forced.append(np.array([] if host is None else [host], dtype=np.int64))
    presence = _presence(rng, targets, appeal_by_year, forced, n)

    # --- attendance ---------------------------------------------------------------------
    parts = []
    workshop_parts = []  # (event index, session code, actor) of every workshop visit, for links
    session_codes: dict[str, int] = {}
    for e, (year, event) in enumerate(event_rows.items()):
        idx = np.flatnonzero(presence[e])
        m = idx.size
        head = _headcounts(rng, is_kommune[idx], population[idx])
        roles = np.full(m, "participant", dtype=object)
        sessions = programme[year]
        stands = [s for s in sessions if s["kind"] == "stand"]
        if year != DOCUMENTED_YEAR:  # the documented event keeps the roles the source states
            weight = np.where(is_kommune[idx], 1.0, 3.0)
            if stands:
                roles[_gumbel_top(rng, weight, max(1, m // 50))] = "exhibitor"
            speakers = np.flatnonzero(roles == "participant")
            roles[speakers[_gumbel_top(rng, np.ones(speakers.size), max(1, m // 100))]] = "speaker"
            host = host_position.get(year)
            if host is not None:
                at = np.flatnonzero(idx == host)
                roles[at] = "organiser"
                head[at] = np.minimum(8, np.nan_to_num(head[at], nan=1) + 2)

        def rows(actors, session_id, role, heads):
            return {
                "event": np.full(actors.size, e, dtype=np.int64),
                "actor": actors,
                "session": np.full(actors.size, session_id, dtype=object),
                "role": role
                if isinstance(role, np.ndarray)
                else np.full(actors.size, role, dtype=object),
                "headcount": heads,
            }

        parts.append(rows(idx, None, roles, head))
        for session in sessions:
            share = _PLENARY_SHARE.get(session["kind"])
            if share is not None:
                came = rng.random(m) < share
                parts.append(
                    rows(
                        idx[came], session["id"], "participant", _session_heads(rng, head[came], 8)
                    )
                )
            elif session["kind"] == "stand":
                came = roles == "exhibitor"
                parts.append(
                    rows(idx[came], session["id"], "exhibitor", _session_heads(rng, head[came], 2))
                )
        workshops = [s for s in sessions if s["kind"] == "workshop"]
        if workshops and m:
            trend = _trend(year)
            first = np.array([topics_of.get(s["id"], [0])[0] for s in workshops])
            second = np.array([topics_of.get(s["id"], [0])[-1] for s in workshops])
            liking = np.maximum(interests[idx][:, first], interests[idx][:, second])
            weight = (1.0 + 3.0 * liking) * trend[first]
            keys = rng.exponential(size=weight.shape) / weight  # per row: draws without replacement
            order = np.argsort(keys, axis=1)
            visits = np.minimum(rng.integers(1, 3, size=m), len(workshops))
            for rank in range(int(visits.max())):
                going = visits > rank
                chosen = order[going, rank]
                heads = _session_heads(rng, head[going], 3)
                for w, workshop in enumerate(workshops):
                    at = chosen == w
                    if not at.any():
                        continue
                    parts.append(rows(idx[going][at], workshop["id"], "participant", heads[at]))
                    code = session_codes.setdefault(workshop["id"], len(session_codes))
                    workshop_parts.append(
                        (np.full(int(at.sum()), e), np.full(int(at.sum()), code), idx[going][at])
                    )
    table = _stack(parts)
    event_id_of = np.array([event["id"] for event in event_rows.values()], dtype=object)
    attendance = pd.DataFrame(
        {
            "event_id": event_id_of[table["event"]],
            "actor_id": actor_ids[table["actor"]],
            "session_id": table["session"],
            "role": table["role"],
            "headcount": table["headcount"],
            "source": SAMPLE,
        }
    )
    attendance["headcount"] = attendance["headcount"].astype("Int64")
    key = ["event_id", "actor_id", "session_id", "role"]
    known_keys = pd.MultiIndex.from_frame(known["attendance"][key].fillna({"session_id": ""}))
    restated = pd.MultiIndex.from_frame(attendance[key].fillna({"session_id": ""})).isin(known_keys)
    attendance = pd.concat([known["attendance"], attendance[~restated]], ignore_index=True)

    # --- links --------------------------------------------------------------------------
    link_frame = _links(
        rng, workshop_parts, np.array(years), actor_ids, states, is_kommune, link_rows
    )

    topic_rows = known["topics"].to_dict("records")
    known_topics = {row["id"] for row in topic_rows}
    topic_rows += [{"id": t, "name": name} for t, name, _s, _e in _TOPICS if t not in known_topics]
    frames = {
        "actors": pd.DataFrame(actor_rows),
        "actor_aliases": known["actor_aliases"],
        "events": pd.DataFrame(
            [{k: v for k, v in event.items() if k != "host"} for event in event_rows.values()]
        ),
        "sessions": pd.concat([known["sessions"], pd.DataFrame(session_rows)], ignore_index=True),
        "topics": pd.DataFrame(topic_rows),
        "session_topics": pd.concat(
            [known["session_topics"], pd.DataFrame(session_topic_rows)], ignore_index=True
        ),
        "attendance": attendance,
        "links": link_frame,
    }
    return {
        name: conform(name, frames[name].reindex(columns=list(schema.TABLE_COLUMNS[name])))
        for name in schema.LOAD_ORDER
    }


def _links(rng, workshop_parts, years, actor_ids, states, is_kommune, wanted: int) -> pd.DataFrame:
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
    group = rng.choice(starts.size, size=draws, p=_weights(sizes.astype(float) ** 2))
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
    chosen = _gumbel_top(rng, score, first_rows)
    low, high, year = low[chosen], high[chosen], year[chosen]

    count = low.size
    kind = rng.choice(len(schema.LINK_KINDS), size=count, p=_LINK_KIND_SHARES)
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
            "until_year": pd.array(np.where(until < 0, None, until), dtype="Int64"),
            "weight": weight,
            "source": SAMPLE,
        }
    )
    return frame.sort_values(["since_year", "source_id", "target_id", "kind"], ignore_index=True)
