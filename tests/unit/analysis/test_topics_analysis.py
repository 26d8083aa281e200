from __future__ import annotations

import math

import pandas as pd

from dashboard.analysis import topics
from dashboard.analysis.selection import select
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import frame, tiny_tables


def _tables():
    """tiny_tables plus a second 2017 session on Wirkung and Steuerung with unknown headcount."""
    tables = tiny_tables()
    tables["sessions"] = pd.concat(
        [
            tables["sessions"],
            frame(
                "sessions",
                [
                    {
                        "id": "s17b",
                        "event_id": "e2017",
                        "kind": "panel",
                        "title": "Podium",
                        "source": "sample",
                    }
                ],
            ),
        ],
        ignore_index=True,
    )
    tables["session_topics"] = pd.concat(
        [
            tables["session_topics"],
            frame(
                "session_topics",
                [
                    {"session_id": "s17b", "topic_id": "wirkung"},
                    {"session_id": "s17b", "topic_id": "steuerung"},
                ],
            ),
        ],
        ignore_index=True,
    )
    tables["attendance"] = pd.concat(
        [
            tables["attendance"],
            frame(
                "attendance",
                [
                    {
                        "event_id": "e2017",
                        "actor_id": "portal",
                        "session_id": "s17b",
                        "role": "speaker",
                        "headcount": None,
                        "source": "sample",
                    },
                    {
                        "event_id": "e2017",
                        "actor_id": "bonn",
                        "session_id": "s17b",
                        "role": "participant",
                        "headcount": 1,
                        "source": "sample",
                    },
                ],
            ),
        ],
        ignore_index=True,
    )
    return tables


def test_topics001_topic_year():
    tables = _tables()
    result = topics.topic_year(tables, select(tables, Filters()))
    rows = {
        (r.topic_id, r.year): (r.sessions, r.actors, r.headcount, r.unknown)
        for r in result.itertuples()
    }
    assert rows == {
        # s17 (bonn 2, kiel 4) + s17b (bonn 1, portal unknown): 2 sessions, 3 actors, 7 known people.
        ("wirkung", 2017): (2, 3, 7, 1),
        # s17b only: bonn 1, portal unknown.
        ("steuerung", 2017): (1, 2, 1, 1),
        ("steuerung", 2018): (1, 1, 2, 0),
    }


def test_topics002_heatmap_matrix_gaps_are_nan():
    tables = _tables()
    per_year = topics.topic_year(tables, select(tables, Filters()))
    matrix = topics.heatmap_matrix(per_year, "sessions", [2016, 2017, 2018])
    assert matrix.index.tolist() == ["steuerung", "wirkung"]  # alphabetical by name
    assert matrix["topic"].tolist() == ["Steuerung", "Wirkung"]
    assert matrix.loc["steuerung", 2017] == 1 and matrix.loc["steuerung", 2018] == 1
    assert math.isnan(matrix.loc["wirkung", 2016]) and math.isnan(matrix.loc["wirkung", 2018])
    assert matrix.loc["wirkung", 2017] == 2


def test_topics003_totals_rank_topics():
    tables = _tables()
    totals = topics.topic_totals(topics.topic_year(tables, select(tables, Filters())))
    # Two sessions each; the tie goes to more known people (Wirkung 7, Steuerung 3).
    assert totals["topic_id"].tolist() == ["wirkung", "steuerung"]
    assert totals["sessions"].tolist() == [2, 2]
    assert totals["headcount"].tolist() == [7, 3]


def test_topics004_event_sessions_with_topics_and_headcounts():
    tables = _tables()
    selection = select(tables, Filters())
    result = topics.event_sessions(tables, selection, "e2017")
    assert result["session_id"].tolist() == ["s17", "s17b"]  # workshop before panel
    assert result["topics"].tolist() == ["Wirkung", "Steuerung · Wirkung"]
    assert result["topic_ids"].tolist() == [["wirkung"], ["steuerung", "wirkung"]]
    assert result["headcount"].tolist() == [6, 1]
    assert result["unknown"].tolist() == [0, 1]
    assert result["actors"].tolist() == [2, 2]
    assert topics.event_sessions(tables, selection, "e2016").empty  # no sessions recorded
    assert topics.event_sessions(tables, selection, "nope").empty


def test_topics005_default_event_prefers_events_with_sessions():
    tables = _tables()
    assert topics.default_event(tables, select(tables, Filters())) == "e2018"
    assert topics.default_event(tables, select(tables, Filters()), "e2016") == "e2016"
    assert topics.default_event(tables, select(tables, Filters(year_to=2016))) == "e2016"
    assert topics.default_event(tables, select(tables, Filters(year_from=2030))) is None


def test_topics006_topics_by_type():
    tables = _tables()
    result = topics.topics_by_type(tables, select(tables, Filters()))
    rows = {(r.topic_id, r.type): (r.actors, r.headcount, r.unknown) for r in result.itertuples()}
    assert rows == {
        ("wirkung", "kommune"): (2, 7, 0),  # bonn (2+1) and kiel (4) in 2017
        ("wirkung", "organisation"): (1, 0, 1),
        ("steuerung", "kommune"): (1, 1, 0),
        ("steuerung", "organisation"): (1, 0, 1),
        ("steuerung", "initiative"): (1, 2, 0),
    }
    assert result["topic_id"].iloc[0] == "steuerung"  # 3 actor-event pairs against 3: name order
    filtered = topics.topics_by_type(tables, select(tables, Filters(types=("kommune",))))
    assert set(filtered["type"]) == {"kommune"}


def test_topics007_filters_and_empty():
    tables = _tables()
    only_2018 = topics.topic_year(tables, select(tables, Filters(year_from=2018)))
    assert only_2018["topic_id"].tolist() == ["steuerung"]
    empty = select(tables, Filters(year_from=2030))
    assert topics.topic_year(tables, empty).empty
    assert topics.topics_by_type(tables, empty).empty
    assert topics.heatmap_matrix(topics.topic_year(tables, empty), "sessions", []).empty
