from __future__ import annotations

import pandas as pd

from dashboard.analysis.selection import participations, select, select_in
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from tests.unit.analysis.frames import tiny_tables


def _by_pair(part: pd.DataFrame) -> dict:
    return {
        (r.event_id, r.actor_id): (
            None if pd.isna(r.headcount) else int(r.headcount),
            r.role,
            r.source,
        )
        for r in part.itertuples()
    }


def test_sel001_participation_headcount_rules():
    part = _by_pair(participations(tiny_tables()["attendance"]))
    assert part[("e2017", "bonn")] == (3, "speaker", "sample")  # event rows add up: 2 + 1
    assert part[("e2017", "kiel")] == (4, "participant", "sample")  # only a session row
    assert part[("e2017", "portal")] == (None, "exhibitor", "documented")  # unknown stays unknown
    assert part[("e2018", "bonn")] == (None, "participant", "sample")
    assert part[("e2018", "verein")] == (2, "participant", "sample")  # session row not added on top
    assert len(part) == 7


def test_sel002_no_filter_selects_everything():
    selection = select(tiny_tables(), Filters())
    assert selection.year_range == (2016, 2018)
    assert set(selection.actors["id"]) == {"bonn", "kiel", "verein", "portal"}
    assert len(selection.participation) == 7
    # the 2019 link lies after the last event
    assert sorted(selection.links["kind"]) == ["austausch", "kooperation"]


def test_sel003_year_range_limits_events_actors_and_links():
    selection = select(tiny_tables(), Filters(year_from=2017, year_to=2018))
    assert list(selection.events["id"]) == ["e2017", "e2018"]
    assert list(selection.links["kind"]) == ["kooperation"]


def test_sel004_type_and_state_filters():
    selection = select(tiny_tables(), Filters(types=("kommune",), states=("05",)))
    assert set(selection.actors["id"]) == {"bonn"}
    assert set(selection.participation["actor_id"]) == {"bonn"}
    assert selection.links.empty


def test_sel005_topic_keeps_those_who_attended_it():
    selection = select(tiny_tables(), Filters(topic="wirkung"))
    assert list(selection.events["id"]) == ["e2017"]
    assert set(selection.participation["actor_id"]) == {"bonn", "kiel"}


def test_sel006_filter_without_matches_is_empty_not_an_error():
    selection = select(tiny_tables(), Filters(year_from=2030))
    assert selection.is_empty
    assert selection.year_range is None
    assert selection.links.empty


def test_sel007_sample_rows_are_noticed():
    assert select(tiny_tables(), Filters()).has_sample_rows
    documented_only = select(tiny_tables(), Filters(types=("organisation",)))
    assert not documented_only.has_sample_rows


def test_sel020_select_in_a_snapshot_derives_participations_once():
    snapshot = Snapshot(version="v", tables=tiny_tables())
    filters = Filters(year_from=2017)
    first = select_in(snapshot, filters)
    pd.testing.assert_frame_equal(
        first.participation, select(snapshot.tables, filters).participation
    )
    select_in(snapshot, Filters())
    assert snapshot.cache.status()["views"]["participations"] == {"hits": 1, "misses": 1}
