"""A large deterministic sample dataset at national scale, for the benchmark harness.

`generate_large()` gives the same frames as `dashboard.sample.small.generate()` (one DataFrame per
table in `schema.LOAD_ORDER`, typed by `dashboard.sample.seed.conform`), only much larger: every
place of the gazetteer (data/geo/places.csv, about 11,900) as a municipality, 5,000
generated local initiatives and organisations, 20 yearly events (2006–2025, the documented
2017 event among them), about 300,000 attendance rows and about 50,000 collaboration links.

The documented rows (`dashboard.sample.seed.documented`) are contained unchanged, as in the small
sample: no session is added to 2017 and no generated row restates a documented one.
Everything else carries source="sample". Names, patterns, topics and workshop titles come
from `dashboard.sample.vocabulary`, as in the small sample; only the drawing is vectorised with
numpy, so that the whole set is made in seconds. All randomness comes from one
`numpy.random.default_rng(seed)`: a seed always gives identical frames. This module puts the
frames together; the actors, the programme, the attendance and the links are drawn in
`national_actors`, `national_programme`, `national_attendance` and `national_links`.

Every row satisfies the constraints of `dashboard.db.tables`: unique ids of at most 64
characters, one (event, actor, session, role) per attendance row, links stored once with
`source_id < target_id`, unique per (source_id, target_id, kind), weight > 0 and
until_year ≥ since_year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.geo.data import places
from dashboard.sample.evaluation import sample_results
from dashboard.sample.national_actors import (
    draw_partners,
    municipality_rows,
    national_and_abroad_rows,
)
from dashboard.sample.national_attendance import (
    attendance_frame,
    draw_attendance,
    draw_presence,
    participation_targets,
)
from dashboard.sample.national_links import draw_links
from dashboard.sample.national_programme import TOPIC_IDS, draw_events, draw_programme
from dashboard.sample.seed import conform, documented
from dashboard.sample.small import DOCUMENTED_YEAR
from dashboard.sample.vocabulary import LAST_YEAR, PLENARY_SHARE, TOPICS

# The numbers of the issue ("national scale"); generate_large() takes smaller ones for tests.
ORGANISATIONS = 5_000
EVENTS = 20
ATTENDANCE_ROWS = 300_000
LINK_ROWS = 50_000


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
    kommune_rows, kommune_population, taken = municipality_rows(known["actors"], municipalities)
    kommune_ids = {row["id"] for row in kommune_rows}
    other_known = [
        row for row in known["actors"].to_dict("records") if row["id"] not in kommune_ids
    ]
    partner_rows = draw_partners(rng, organisations, gazetteer, taken)
    actor_rows = kommune_rows + other_known + partner_rows + national_and_abroad_rows(taken)
    n = len(actor_rows)
    actor_ids = np.array([row["id"] for row in actor_rows], dtype=object)
    position = {actor_id: i for i, actor_id in enumerate(actor_ids.tolist())}
    is_kommune = np.array([row["type"] == "kommune" for row in actor_rows])
    population = np.zeros(n, dtype=np.int64)
    population[: len(kommune_rows)] = kommune_population
    states = np.array([row["state"] or "" for row in actor_rows], dtype=object)
    interests = np.zeros((n, len(TOPICS)))
    favourite = np.argsort(rng.random((n, len(TOPICS))), axis=1)[:, :3]
    np.put_along_axis(interests, favourite, 1.0, axis=1)
    pull = (np.maximum(population, 20_000) / 100_000) ** 0.3

    # --- events and sessions ------------------------------------------------------------
    years = list(range(LAST_YEAR - max(events, 1) + 1, LAST_YEAR + 1))
    if DOCUMENTED_YEAR not in years:  # the documented event is always one of them
        years = sorted([DOCUMENTED_YEAR, *years[1:]])
    event_rows = draw_events(
        rng, years, gazetteer, known_event, {r["city"] for r in kommune_rows if r["ags"]}
    )
    session_rows, session_topic_rows = [], []
    programme: dict[int, list[dict]] = {}
    topics_of: dict[str, list[int]] = {}
    for row in known["session_topics"].to_dict("records"):
        topics_of.setdefault(row["session_id"], []).append(TOPIC_IDS.index(row["topic_id"]))
    for year, event in event_rows.items():
        if year == DOCUMENTED_YEAR:
            programme[year] = known["sessions"].to_dict("records")
            continue
        sessions, links = draw_programme(rng, year, event["id"])
        for link in links:
            topics_of.setdefault(link["session_id"], []).append(TOPIC_IDS.index(link["topic_id"]))
        programme[year] = sessions
        session_rows.extend(sessions)
        session_topic_rows.extend(links)

    # Rows one participation brings on average: the event row, plenary sessions, 1.5 workshops.
    per_participation = np.array(
        [
            1.0
            + sum(PLENARY_SHARE.get(s["kind"], 0.0) for s in programme[y])
            + (1.5 if any(s["kind"] == "workshop" for s in programme[y]) else 0.0)
            for y in event_rows
        ]
    )
    generated_rows = max(attendance_rows - len(known["attendance"]), len(event_rows))
    targets = participation_targets(rng, per_participation, generated_rows, n)
    appeal_by_year, forced = [], []
    documented_present = [position[a] for a in known["attendance"]["actor_id"] if a in position]
    host_position = {}
    kommune_by_city: dict[str, int] = {}
    for i, row in enumerate(actor_rows[: len(kommune_rows)]):
        kommune_by_city.setdefault(row["city"], i)  # the largest place of that name
    for year, event in event_rows.items():
        appeal_by_year.append(pull * np.where(is_kommune, 1.0, 0.35 + 0.05 * (year - years[0])))
        if year == DOCUMENTED_YEAR:
            forced.append(np.array(documented_present, dtype=np.int64))
        else:
            host = kommune_by_city.get(event["host"])  # draw_events names every sample host
            host_position[year] = host
            forced.append(np.array([] if host is None else [host], dtype=np.int64))
    presence = draw_presence(rng, targets, appeal_by_year, forced, n)

    parts, workshop_parts = draw_attendance(
        rng,
        event_rows,
        programme,
        presence,
        host_position,
        topics_of,
        is_kommune,
        population,
        interests,
    )
    attendance = attendance_frame(parts, event_rows, actor_ids, known["attendance"])

    # --- links --------------------------------------------------------------------------
    link_frame = draw_links(
        rng, workshop_parts, np.array(years), actor_ids, states, is_kommune, link_rows
    )

    topic_rows = known["topics"].to_dict("records")
    known_topics = {row["id"] for row in topic_rows}
    topic_rows += [{"id": t, "name": name} for t, name, _s, _e in TOPICS if t not in known_topics]
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
    result = {
        name: conform(name, frames[name].reindex(columns=list(schema.TABLE_COLUMNS[name])))
        for name in schema.LOAD_ORDER
    }
    result["evaluation_results"] = sample_results(result["events"], result["sessions"], seed)
    return result
