"""A small hand-made dataset with answers that can be counted on fingers."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.schema import TABLE_COLUMNS


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS[name]))


def tiny_tables() -> dict[str, pd.DataFrame]:
    """Three events (2016–2018), four actors, one topic.

    bonn (kommune, NRW): 2016 (3 people), 2017 (event row 2 + speaker 1), 2018 (unknown)
    kiel (kommune, SH): 2017 only via a session row of 4 people
    verein (initiative, NRW): 2016 (5), 2018 (2)
    portal (organisation, no place): 2017 exhibitor, headcount unknown, documented
    """
    actors = frame(
        "actors",
        [
            {
                "id": "bonn",
                "name": "Bonn",
                "type": "kommune",
                "state": "05",
                "lat": 50.73,
                "lon": 7.1,
                "source": "sample",
            },
            {
                "id": "kiel",
                "name": "Kiel",
                "type": "kommune",
                "state": "01",
                "lat": 54.32,
                "lon": 10.13,
                "source": "sample",
            },
            {
                "id": "verein",
                "name": "Bürgerverein",
                "type": "initiative",
                "state": "05",
                "lat": 51.2,
                "lon": 6.8,
                "source": "sample",
            },
            {"id": "portal", "name": "Portal", "type": "organisation", "source": "documented"},
        ],
    )
    events = frame(
        "events",
        [
            {
                "id": "e2016",
                "year": 2016,
                "title": "A",
                "start_date": dt.date(2016, 6, 1),
                "end_date": dt.date(2016, 6, 2),
                "city": "Kassel",
                "source": "sample",
            },
            {
                "id": "e2017",
                "year": 2017,
                "title": "Die vernetzte Kommune",
                "start_date": dt.date(2017, 6, 13),
                "end_date": dt.date(2017, 6, 14),
                "city": "Düsseldorf",
                "source": "documented",
            },
            {"id": "e2018", "year": 2018, "title": "C", "city": "Leipzig", "source": "sample"},
        ],
    )
    sessions = frame(
        "sessions",
        [
            {
                "id": "s17",
                "event_id": "e2017",
                "kind": "workshop",
                "title": "Wirkung",
                "source": "documented",
            },
            {
                "id": "s18",
                "event_id": "e2018",
                "kind": "workshop",
                "title": "Steuerung",
                "source": "sample",
            },
        ],
    )
    topics = frame(
        "topics", [{"id": "wirkung", "name": "Wirkung"}, {"id": "steuerung", "name": "Steuerung"}]
    )
    session_topics = frame(
        "session_topics",
        [
            {"session_id": "s17", "topic_id": "wirkung"},
            {"session_id": "s18", "topic_id": "steuerung"},
        ],
    )
    attendance = frame(
        "attendance",
        [
            {
                "event_id": "e2016",
                "actor_id": "bonn",
                "role": "participant",
                "headcount": 3,
                "source": "sample",
            },
            {
                "event_id": "e2016",
                "actor_id": "verein",
                "role": "participant",
                "headcount": 5,
                "source": "sample",
            },
            {
                "event_id": "e2017",
                "actor_id": "bonn",
                "role": "participant",
                "headcount": 2,
                "source": "sample",
            },
            {
                "event_id": "e2017",
                "actor_id": "bonn",
                "role": "speaker",
                "headcount": 1,
                "source": "sample",
            },
            {
                "event_id": "e2017",
                "actor_id": "bonn",
                "session_id": "s17",
                "role": "participant",
                "headcount": 2,
                "source": "sample",
            },
            {
                "event_id": "e2017",
                "actor_id": "kiel",
                "session_id": "s17",
                "role": "participant",
                "headcount": 4,
                "source": "sample",
            },
            {
                "event_id": "e2017",
                "actor_id": "portal",
                "role": "exhibitor",
                "headcount": None,
                "source": "documented",
            },
            {
                "event_id": "e2018",
                "actor_id": "bonn",
                "role": "participant",
                "headcount": None,
                "source": "sample",
            },
            {
                "event_id": "e2018",
                "actor_id": "verein",
                "role": "participant",
                "headcount": 2,
                "source": "sample",
            },
            {
                "event_id": "e2018",
                "actor_id": "verein",
                "session_id": "s18",
                "role": "participant",
                "headcount": 2,
                "source": "sample",
            },
        ],
    )
    links = frame(
        "links",
        [
            {
                "source_id": "bonn",
                "target_id": "verein",
                "kind": "kooperation",
                "since_year": 2017,
                "weight": 2,
                "source": "sample",
            },
            {
                "source_id": "bonn",
                "target_id": "kiel",
                "kind": "austausch",
                "since_year": 2016,
                "until_year": 2016,
                "weight": 1,
                "source": "sample",
            },
            {
                "source_id": "kiel",
                "target_id": "verein",
                "kind": "projekt",
                "since_year": 2019,
                "weight": 1,
                "source": "sample",
            },
        ],
    )
    actor_aliases = frame("actor_aliases", [])
    return {
        "actors": actors,
        "actor_aliases": actor_aliases,
        "events": events,
        "sessions": sessions,
        "topics": topics,
        "session_topics": session_topics,
        "attendance": attendance,
        "links": links,
        "evaluation_results": frame("evaluation_results", []),  # no survey in the tiny data
    }
