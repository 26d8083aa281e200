"""The actor profile on the tiny hand-made dataset."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.profile import actor_profile, profile_map
from tests.unit.analysis.frames import frame, tiny_tables


def test_prof001_unknown_or_missing_id_has_no_profile():
    assert actor_profile(tiny_tables(), "atlantis") is None
    assert actor_profile(tiny_tables(), None) is None


def test_prof002_events_by_year_with_roles_and_headcounts():
    profile = actor_profile(tiny_tables(), "bonn")
    events = profile.events
    assert events["year"].tolist() == [2016, 2017, 2018]
    assert events["roles"].tolist() == [
        ("participant",),
        ("speaker", "participant"),
        ("participant",),
    ]
    assert events["headcount"].tolist()[:2] == [3, 3] and pd.isna(events["headcount"].iloc[2])
    assert (profile.first_year, profile.last_year) == (2016, 2018)
    assert (profile.headcount, profile.headcount_unknown) == (6, 1)
    assert events.set_index("year").loc[2017, "sessions"] == ("Wirkung",)


def test_prof003_sessions_and_topics_attended():
    profile = actor_profile(tiny_tables(), "bonn")
    assert profile.sessions[["session_id", "year", "kind", "topics"]].to_dict("records") == [
        {"session_id": "s17", "year": 2017, "kind": "workshop", "topics": ("Wirkung",)}
    ]
    assert profile.topics.to_dict("records") == [
        {
            "topic_id": "wirkung",
            "name": "Wirkung",
            "sessions": 1,
            "first_year": 2017,
            "last_year": 2017,
        }
    ]


def test_prof004_partners_from_links_in_both_directions():
    partners = actor_profile(tiny_tables(), "kiel").partners
    assert partners[["id", "kind"]].to_dict("records") == [
        {"id": "bonn", "kind": "austausch"},
        {"id": "verein", "kind": "projekt"},
    ]
    assert partners.set_index("id").loc["bonn", "until_year"] == 2016


def test_prof005_actor_without_anything_has_empty_parts_not_errors():
    tables = tiny_tables()
    tables["actors"] = pd.concat(
        [
            tables["actors"],
            pd.DataFrame([{"id": "neu", "name": "Neu", "type": "stiftung", "source": "sample"}]),
        ]
    )
    profile = actor_profile(tables, "neu")
    assert (
        profile.events.empty
        and profile.sessions.empty
        and profile.topics.empty
        and profile.partners.empty
    )
    assert (profile.first_year, profile.last_year, profile.headcount) == (None, None, 0)
    assert profile.has_sample_rows


def test_prof006_documented_actor_with_documented_rows_only_has_no_sample_mark():
    assert actor_profile(tiny_tables(), "portal").has_sample_rows is False
    assert actor_profile(tiny_tables(), "bonn").has_sample_rows is True


def test_prof007_minimap_has_the_actor_its_located_partners_and_their_links():
    tables = tiny_tables()
    profile = actor_profile(tables, "bonn")
    points, links = profile_map(tables, profile)
    assert set(points["id"]) == {"bonn", "kiel", "verein"}
    assert points.set_index("id").loc["verein", "headcount"] == 7
    assert sorted(links["target_id"]) == ["kiel", "verein"]
    assert set(links["source_id"]) == {"bonn"}


def test_prof008_aliases_of_the_actor_sorted_as_read():
    tables = tiny_tables()
    tables["actor_aliases"] = frame(
        "actor_aliases",
        [
            {"alias": "Stadt Bonn", "actor_id": "bonn", "source": "sample"},
            {"alias": "Kieler Rathaus", "actor_id": "kiel", "source": "sample"},
            {"alias": "Bundesstadt Bonn", "actor_id": "bonn", "source": "sample"},
        ],
    )
    assert actor_profile(tables, "bonn").aliases == ("Bundesstadt Bonn", "Stadt Bonn")
    assert actor_profile(tables, "portal").aliases == ()
