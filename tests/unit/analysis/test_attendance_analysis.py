from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis import attendance
from dashboard.analysis.selection import select
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import frame, tiny_tables


def _selection(**filters):
    return select(tiny_tables(), Filters(**filters))


def test_attendance001_per_event_by_type_counts_and_unknown():
    result = attendance.per_event_by_type(_selection())
    rows = {(r.event_id, r.type): (r.actors, r.headcount, r.unknown) for r in result.itertuples()}
    # 2017: bonn 2 + speaker 1 (event rows) and kiel 4 (session row) are kommunen;
    # portal's headcount is unknown: 0 known people, 1 unknown, never counted as 0 people.
    assert rows == {
        ("e2016", "kommune"): (1, 3, 0),
        ("e2016", "initiative"): (1, 5, 0),
        ("e2017", "kommune"): (2, 7, 0),
        ("e2017", "organisation"): (1, 0, 1),
        ("e2018", "kommune"): (1, 0, 1),
        ("e2018", "initiative"): (1, 2, 0),
    }
    assert result["year"].tolist() == [2016, 2016, 2017, 2017, 2018, 2018]
    assert result["title"].iloc[2] == "Die vernetzte Kommune"


def test_attendance002_by_state_groups_unknown_state():
    result = attendance.by_state(_selection())
    assert result["state"].tolist() == ["05", "01", ""]
    nrw = result.iloc[0]
    assert (nrw.actors, nrw.participations, nrw.headcount, nrw.unknown) == (2, 5, 13, 1)
    assert result.iloc[2].unknown == 1 and result.iloc[2].headcount == 0


def test_attendance003_top_actors_ranks_and_ties():
    result = attendance.top_actors(_selection())
    assert result["actor_id"].tolist() == ["bonn", "verein", "kiel", "portal"]
    assert result["rank"].tolist() == [1, 2, 3, 4]
    assert result["events"].tolist() == [3, 2, 1, 1]
    assert pd.isna(result["headcount"].iloc[3])  # portal: unknown, not 0
    assert result["unknown"].tolist() == [1, 0, 0, 1]


def test_attendance004_top_actors_limit_keeps_ties():
    tables = tiny_tables()
    # A fifth actor exactly like kiel: one event, four people.
    tables["actors"] = pd.concat(
        [
            tables["actors"],
            frame(
                "actors",
                [
                    {
                        "id": "kiel2",
                        "name": "Aachen",
                        "type": "kommune",
                        "state": "05",
                        "source": "sample",
                    }
                ],
            ),
        ]
    )
    tables["attendance"] = pd.concat(
        [
            tables["attendance"],
            frame(
                "attendance",
                [
                    {
                        "event_id": "e2017",
                        "actor_id": "kiel2",
                        "role": "participant",
                        "headcount": 4,
                        "source": "sample",
                    }
                ],
            ),
        ]
    )
    result = attendance.top_actors(select(tables, Filters()), limit=3)
    assert result["actor_id"].tolist() == [
        "bonn",
        "verein",
        "kiel2",
        "kiel",
    ]  # tie at rank 3 kept, by name
    assert result["rank"].tolist() == [1, 2, 3, 3]


def test_attendance005_competition_rank():
    ranks = attendance.competition_rank(np.array([5, 5, 4, 4, 4, 1]), np.array([9, 9, 3, 3, 2, 0]))
    assert ranks.tolist() == [1, 1, 3, 3, 5, 6]
    assert attendance.competition_rank(np.array([])).tolist() == []


def test_attendance006_per_role_uses_most_prominent_role():
    result = attendance.per_role(_selection())
    rows = {
        (r.year, r.role): (r.participations, r.headcount, r.unknown) for r in result.itertuples()
    }
    # bonn 2017 was participant and speaker: counted once, as speaker, with 3 people.
    assert rows[(2017, "speaker")] == (1, 3, 0)
    assert rows[(2017, "participant")] == (1, 4, 0)
    assert rows[(2017, "exhibitor")] == (1, 0, 1)
    assert rows[(2016, "participant")] == (2, 8, 0)
    assert int(result["participations"].sum()) == 7


def test_attendance007_filters_and_empty():
    result = attendance.per_event_by_type(_selection(types=("initiative",)))
    assert set(result["type"]) == {"initiative"} and result["headcount"].sum() == 7
    empty = _selection(year_from=2030)
    for function in (
        attendance.per_event_by_type,
        attendance.by_state,
        attendance.top_actors,
        attendance.per_role,
    ):
        assert function(empty).empty
