from __future__ import annotations

from dashboard.analysis import overview
from dashboard.analysis.selection import participations, select
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import tiny_tables


def test_ovw001_kpis_count_the_selection():
    kpis = overview.kpis(select(tiny_tables(), Filters()))
    assert kpis == overview.Kpis(
        events=3,
        municipalities=2,
        initiatives=2,
        headcount=3 + 5 + 3 + 4 + 2,
        headcount_unknown=2,
        links=2,
    )


def test_ovw002_kpis_follow_the_year_filter():
    kpis = overview.kpis(select(tiny_tables(), Filters(year_from=2018)))
    assert (
        kpis.events,
        kpis.municipalities,
        kpis.initiatives,
        kpis.headcount,
        kpis.headcount_unknown,
    ) == (1, 1, 1, 2, 1)


def test_ovw003_attendance_per_year():
    per_year = overview.attendance_per_year(select(tiny_tables(), Filters()))
    assert per_year.to_dict("records") == [
        {"year": 2016, "headcount": 8, "actors": 2, "unknown": 0},
        {"year": 2017, "headcount": 7, "actors": 3, "unknown": 1},
        {"year": 2018, "headcount": 2, "actors": 2, "unknown": 1},
    ]


def test_ovw004_event_list_newest_first_with_counts():
    events = overview.event_list(select(tiny_tables(), Filters()))
    assert list(events["id"]) == ["e2018", "e2017", "e2016"]
    assert list(events["actors"]) == [2, 3, 2]
    assert list(events["documented"]) == [False, True, False]
    # the documented 2017 event has sample attendance rows too: both must be visible
    assert list(events["sample_rows"]) == [True, True, True]


def test_ovw007_documented_only_event_row_is_not_marked_sample():
    events = overview.event_list(select(tiny_tables(), Filters(types=("organisation",))))
    assert list(events["id"]) == ["e2017"]
    assert list(events["sample_rows"]) == [False]


def test_ovw005_map_points_and_actors_without_place():
    selection = select(tiny_tables(), Filters())
    points = overview.map_points(selection).set_index("id")
    assert set(points.index) == {"bonn", "kiel", "verein"}
    assert points.loc["bonn", "events"] == 3 and points.loc["bonn", "headcount"] == 6
    assert list(overview.unplaced_actors(selection)["id"]) == ["portal"]


def test_ovw006_headcount_scale_is_the_largest_actor_total():
    assert (
        overview.headcount_scale(participations(tiny_tables()["attendance"])) == 7.0
    )  # verein: 5 + 2


def test_ovw008_empty_selection_gives_empty_frames_with_columns():
    selection = select(tiny_tables(), Filters(year_from=2030))
    assert overview.map_points(selection).empty
    assert "id" in overview.map_points(selection).columns
    assert overview.attendance_per_year(selection).empty
    assert overview.event_list(selection).empty
