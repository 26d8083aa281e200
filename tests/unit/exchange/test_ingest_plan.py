"""The plan: what an import would change, on the hand-made tiny dataset."""

from __future__ import annotations

import pytest

from dashboard.exchange import parse_bytes
from dashboard.exchange.plan import MERGE, REPLACE, build_plan
from tests.unit.analysis.frames import tiny_tables


def _current():
    tables = tiny_tables()
    for name in ("attendance", "links"):
        tables[name].insert(0, "id", range(1, len(tables[name]) + 1))
    return tables


def _plan(files: dict[str, str], mode=MERGE, choices=None):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(f"{name}.csv", text)
    parsed = parse_bytes(buffer.getvalue(), "daten.zip")
    return build_plan(parsed, _current(), mode, choices)


def _keys(plan):
    return [(p.message_key, p.table, p.row, p.value) for p in plan.problems if p.severity != "info"]


ACTORS_AS_STORED = (
    "id,name,type,state,lat,lon\n"
    "bonn,Bonn,kommune,05,50.73,7.1\n"
    "kiel,Kiel,kommune,01,54.32,10.13\n"
    "verein,Bürgerverein,initiative,05,51.2,6.8\n"
    "portal,Portal,organisation,,,\n"
)


def test_pl001_same_rows_change_nothing_and_keep_their_source():
    plan = _plan({"actors": ACTORS_AS_STORED})
    assert plan.ok and not plan.has_changes
    assert plan.counts() == {"actors": {"new": 0, "changed": 0, "unchanged": 4, "removed": 0}}


def test_pl002_merge_adds_and_updates_but_never_removes():
    plan = _plan(
        {"actors": "id,name,type\nbonn,Bundesstadt Bonn,kommune\nneu,Neu e. V.,initiative\n"}
    )
    change = plan.changes["actors"]
    assert change.counts() == {"new": 1, "changed": 1, "unchanged": 0, "removed": 0}
    before, after = change.changed[0]
    assert (before["name"], after["name"]) == ("Bonn", "Bundesstadt Bonn")
    # Columns the file does not have keep their stored values.
    assert (after["lat"], after["lon"], after["state"]) == (50.73, 7.1, "05")
    assert after["source"] is None  # = this batch, set at commit


def test_pl003_replace_removes_rows_missing_from_the_file_unless_still_used():
    plan = _plan(
        {
            "actors": "id,name,type\nbonn,Bonn,kommune\nkiel,Kiel,kommune\nverein,Bürgerverein,initiative\n"
        },
        REPLACE,
    )
    # portal is not in the file; attendance (not in the file) still refers to it.
    assert _keys(plan) == [("still_referenced", "actors", None, "portal")]
    assert plan.problems[0].params == {"table": "attendance", "count": 1}
    assert not plan.ok


def test_pl004_replace_with_dependent_tables_in_the_file_is_allowed():
    attendance = "event_id,actor_id,role,headcount\ne2016,bonn,participant,3\n"
    links = "source_id,target_id,kind,weight\nkiel,bonn,austausch,3\n"  # stored as bonn–kiel
    actors = "id,name,type\nbonn,Bonn,kommune\nkiel,Kiel,kommune\n"
    plan = _plan({"actors": actors, "attendance": attendance, "links": links}, REPLACE)
    assert plan.ok, _keys(plan)
    assert plan.changes["actors"].counts()["removed"] == 2
    assert plan.changes["attendance"].counts() == {
        "new": 0,
        "changed": 0,
        "unchanged": 1,
        "removed": 9,
    }
    assert plan.changes["links"].counts() == {"new": 0, "changed": 1, "unchanged": 0, "removed": 2}


def test_pl005_unknown_references_point_at_the_row():
    plan = _plan(
        {
            "attendance": (
                "event_id,actor_id,session_id,role\n"
                "e2017,atlantis,,participant\ne2099,bonn,,participant\ne2016,bonn,s17,speaker\n"
            )
        }
    )
    assert _keys(plan) == [
        ("unknown_reference", "attendance", 2, "atlantis"),
        ("unknown_reference", "attendance", 3, "e2099"),
        ("session_of_other_event", "attendance", 4, "s17"),
    ]


def test_pl006_references_to_rows_of_the_same_file_are_fine():
    plan = _plan(
        {
            "actors": "id,name,type,lat,lon\nneu,Neu,initiative,50.1,8.6\n",
            "attendance": "event_id,actor_id,role,headcount\ne2018,neu,participant,2\n",
        }
    )
    assert plan.ok, _keys(plan)
    assert plan.changes["attendance"].counts()["new"] == 1


def test_pl007_headcount_change_of_an_attendance_row_is_a_change_of_that_row():
    plan = _plan(
        {
            "attendance": (
                "event_id,actor_id,session_id,role,headcount\n"
                "e2016,bonn,,participant,4\ne2018,bonn,,participant,\n"
            )
        }
    )
    change = plan.changes["attendance"]
    assert change.counts() == {"new": 0, "changed": 1, "unchanged": 1, "removed": 0}
    before, after = change.changed[0]
    assert before["id"] == after["id"] == 1 and after["headcount"] == 4


def test_pl008_new_actor_without_coordinates_is_placed_from_the_gazetteer():
    plan = _plan({"actors": "id,name,type,state\nhannover,Hannover,kommune,Niedersachsen\n"})
    [actor] = plan.changes["actors"].new
    assert actor["lat"] == pytest.approx(52.37, abs=0.01) and actor["lon"] == pytest.approx(
        9.73, abs=0.01
    )
    assert [p.message_key for p in plan.problems] == ["geo_placed"]


def test_pl009_ambiguous_place_is_listed_not_guessed_until_chosen():
    plan = _plan({"actors": "id,name,type\nlangenfeld,Langenfeld,kommune\n"})
    [actor] = plan.changes["actors"].new
    assert actor["lat"] is None
    [ambiguity] = plan.ambiguities
    assert ambiguity.actor_id == "langenfeld" and len(ambiguity.candidates) == 3
    assert [p.message_key for p in plan.problems] == ["geo_ambiguous"]
    assert plan.ok  # a warning: the user chooses, or the actor stays without a place
    bavarian = next(c for c in ambiguity.candidates if c.state == "09")
    chosen = _plan(
        {"actors": "id,name,type\nlangenfeld,Langenfeld,kommune\n"},
        choices={"langenfeld": bavarian.geonameid},
    )
    [actor] = chosen.changes["actors"].new
    assert (actor["lat"], actor["lon"], actor["state"]) == (bavarian.lat, bavarian.lon, "09")
    assert chosen.ambiguities == []


def test_pl010_state_or_ags_resolves_the_ambiguity():
    plan = _plan({"actors": "id,name,type,ags\nlangenfeld,Langenfeld,kommune,05158020\n"})
    [actor] = plan.changes["actors"].new
    assert actor["lat"] == pytest.approx(51.108, abs=0.01)
    assert plan.ambiguities == []


def test_pl011_organisation_name_is_not_looked_up_as_a_place():
    plan = _plan({"actors": "id,name,type\nessen-netz,Essen,organisation\n"})
    assert plan.changes["actors"].new[0]["lat"] is None
    assert plan.problems == [] and plan.ambiguities == []


def test_pl012_blank_coordinates_keep_the_stored_place():
    plan = _plan({"actors": "id,name,type,state,lat,lon\nbonn,Bonn,kommune,05,,\n"})
    assert not plan.has_changes


def test_pl013_topics_column_creates_topics_and_assignments():
    plan = _plan(
        {
            "sessions": "id,event_id,kind,title,Themen\ns18,e2018,workshop,Steuerung,Steuerung | Neue Wege\n"
        }
    )
    assert plan.ok, _keys(plan)
    assert [t["id"] for t in plan.changes["topics"].new] == ["neue-wege"]
    assert plan.changes["session_topics"].counts() == {
        "new": 1,
        "changed": 0,
        "unchanged": 1,
        "removed": 0,
    }


def test_pl014_topics_column_states_all_topics_of_its_sessions():
    plan = _plan(
        {"sessions": "id,event_id,kind,title,topics\ns18,e2018,workshop,Steuerung,wirkung\n"}
    )
    change = plan.changes["session_topics"]
    assert change.counts() == {"new": 1, "changed": 0, "unchanged": 0, "removed": 1}
    assert change.removed[0] == {"session_id": "s18", "topic_id": "steuerung"}


def test_pl015_topic_name_must_stay_unique():
    plan = _plan({"topics": "id,name\nwirkung2,wirkung\n"})
    assert _keys(plan) == [("topic_name_taken", "topics", 2, "wirkung")]
