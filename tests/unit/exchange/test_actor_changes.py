"""Plans for editing an actor and merging two actors, without a database."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.exchange.actor_changes import (
    EDITED_COLUMNS,
    combined_headcount,
    edit_plan,
    merge_plan,
    moved_counts,
    widened_years,
)
from tests.unit.analysis.frames import frame, tiny_tables


def _current(**extra_rows) -> dict[str, pd.DataFrame]:
    """The tiny dataset as `commit.current_tables` reads it: attendance and links with ids."""
    tables = tiny_tables()
    for name, rows in extra_rows.items():
        tables[name] = pd.concat([tables[name], frame(name, rows)], ignore_index=True)
    for name in ("attendance", "links"):
        tables[name].insert(0, "id", range(1, len(tables[name]) + 1))
    return tables


def _fields(**changes) -> dict:
    bonn = {
        "name": "Bonn",
        "type": "kommune",
        "city": None,
        "state": "05",
        "ags": None,
        "lat": "50,73",
        "lon": "7,1",
    }
    return {**bonn, **changes}


def test_ac001_edit_changes_the_fields_and_adds_aliases():
    plan = edit_plan(
        _current(),
        "bonn",
        _fields(name="Bundesstadt Bonn", ags="05314000", city="Bonn"),
        ["Stadt Bonn", " "],
    )
    assert plan.ok and plan.file_name == "Akteur bearbeitet: Bundesstadt Bonn"
    ((before, after),) = plan.changes["actors"].changed
    assert before["name"] == "Bonn"
    assert {c: after[c] for c in EDITED_COLUMNS} == {
        "name": "Bundesstadt Bonn",
        "type": "kommune",
        "city": "Bonn",
        "state": "05",
        "ags": "05314000",
        "lat": 50.73,
        "lon": 7.1,
    }
    assert after["source"] == "sample"  # sample data stays marked as such
    assert plan.changes["actor_aliases"].new == [
        {"alias": "Stadt Bonn", "actor_id": "bonn", "source": None}
    ]


def test_ac002_unchanged_fields_change_nothing():
    plan = edit_plan(_current(), "bonn", _fields(), [])
    assert plan.ok and not plan.has_changes
    assert plan.changes["actors"].unchanged == 1


def test_ac003_edit_derives_the_state_from_the_ags_and_may_clear_the_place():
    plan = edit_plan(
        _current(),
        "portal",
        {"name": "Portal", "type": "Organisation", "ags": "9162000", "lat": "", "lon": None},
        [],
    )
    ((_before, after),) = plan.changes["actors"].changed
    assert (after["ags"], after["state"], after["lat"], after["lon"]) == (
        "09162000",
        "09",
        None,
        None,
    )
    assert after["type"] == "organisation"
    assert after["source"] is None  # documented → this batch: the document never said this


@pytest.mark.parametrize(
    "fields, column, value, message",
    [
        ({"ags": "99000000"}, "ags", "99000000", "Kein gültiger Amtlicher Gemeindeschlüssel"),
        ({"ags": "123"}, "ags", "123", "Kein gültiger Amtlicher Gemeindeschlüssel"),
        (
            {"type": "Verwaltung"},
            "type",
            "Verwaltung",
            "Unbekannter Wert. Erlaubt: kommune, initiative",
        ),
        ({"lat": "95", "lon": "7"}, "lat", "95", "Breitengrad außerhalb von −90 bis 90"),
        ({"lon": ""}, "lon", None, "Breiten- und Längengrad gehören zusammen"),
        ({"name": "  "}, "name", None, "Pflichtangabe fehlt"),
        ({"name": "x" * 201}, "name", "x" * 79 + "…", "länger als 200 Zeichen"),
        ({"city": "info@bonn.de"}, "city", "info@bonn.de", "E-Mail-Adresse"),
        ({"state": "Atlantis"}, "state", "Atlantis", "Unbekanntes Bundesland"),
    ],
)
def test_ac004_invalid_fields_are_errors_naming_field_and_value(fields, column, value, message):
    plan = edit_plan(_current(), "bonn", _fields(**fields), [])
    assert not plan.ok and not plan.changes
    errors = plan.errors
    assert [(p.table, p.column, p.value) for p in errors] == [("actors", column, value)]
    assert message in errors[0].message("de")


def test_ac005_an_alias_of_another_actor_is_refused_and_removed_aliases_go():
    current = _current(
        actor_aliases=[
            {"alias": "Stadt Kiel", "actor_id": "kiel", "source": "sample"},
            {"alias": "Bundesstadt", "actor_id": "bonn", "source": "sample"},
            {"alias": "Stadt Bonn", "actor_id": "bonn", "source": "sample"},
        ]
    )
    refused = edit_plan(current, "bonn", _fields(), ["STADT KIEL"])
    assert [(p.column, p.value, p.message("de")) for p in refused.errors] == [
        (
            "alias",
            "STADT KIEL",
            "Diese Schreibweise gehört schon zu „Kiel“. Eine Schreibweise kann nur einem Akteur zugeordnet sein.",
        )
    ]
    plan = edit_plan(current, "bonn", _fields(), ["Stadt Bonn", "Bonn am Rhein", "bonn am rhein"])
    aliases = plan.changes["actor_aliases"]
    assert [row["alias"] for row in aliases.new] == ["Bonn am Rhein"]
    assert [row["alias"] for row in aliases.removed] == ["Bundesstadt"]
    assert aliases.unchanged == 1


def test_ac006_editing_an_unknown_actor_is_an_error():
    plan = edit_plan(_current(), "gibt-es-nicht", _fields(), [])
    assert [p.message_key for p in plan.errors] == ["actor_unknown"]


def test_ac007_merge_moves_attendance_and_adds_up_headcounts():
    plan = merge_plan(_current(), "bonn", "verein")
    assert plan.ok and plan.file_name == "Zusammengeführt: Bürgerverein → Bonn"
    attendance = plan.changes["attendance"]
    assert {(r["event_id"], r["session_id"], r["headcount"]) for r in attendance.removed} == {
        ("e2016", None, 5),
        ("e2018", None, 2),
        ("e2018", "s18", 2),
    }
    # e2016: 3 + 5; e2018 event-wide: unknown + 2 → 2; the session row only moves.
    assert sorted(
        (before["event_id"], before["headcount"], after["headcount"])
        for before, after in attendance.changed
    ) == [("e2016", 3, 8), ("e2018", None, 2)]
    assert [
        (r["event_id"], r["actor_id"], r["session_id"], r["headcount"], r["source"])
        for r in attendance.new
    ] == [("e2018", "bonn", "s18", 2, "sample")]
    assert plan.changes["actors"].removed[0]["id"] == "verein"


def test_ac008_merge_drops_self_links_and_joins_duplicate_links():
    current = _current(
        links=[
            {
                "source_id": "kiel",
                "target_id": "verein",
                "kind": "austausch",
                "since_year": 2018,
                "weight": 3,
                "source": "batch:4",
            }
        ]
    )
    plan = merge_plan(current, "bonn", "verein")
    links = plan.changes["links"]
    # bonn–verein would become bonn–bonn; kiel–verein (projekt) is new for bonn; kiel–verein
    # (austausch) meets bonn–kiel (austausch, 2016–2016, weight 1).
    assert {(r["source_id"], r["target_id"], r["kind"]) for r in links.removed} == {
        ("bonn", "verein", "kooperation"),
        ("kiel", "verein", "projekt"),
        ("kiel", "verein", "austausch"),
    }
    assert [(r["source_id"], r["target_id"], r["kind"], r["since_year"]) for r in links.new] == [
        ("bonn", "kiel", "projekt", 2019)
    ]
    ((before, after),) = links.changed
    assert (before["kind"], before["weight"]) == ("austausch", 1)
    assert (after["since_year"], after["until_year"], after["weight"], after["source"]) == (
        2016,
        2018,
        3.0,
        "sample",
    )
    assert moved_counts(plan, "bonn") == {
        "attendance": 3,
        "links": 2,
        "aliases": 1,
        "self_links": 1,
    }


def test_ac009_merge_moves_aliases_and_keeps_the_old_name_as_one():
    current = _current(
        actor_aliases=[
            {"alias": "Bürgerverein e. V.", "actor_id": "verein", "source": "batch:2"},
            {"alias": "Bonner", "actor_id": "bonn", "source": "batch:2"},
        ]
    )
    aliases = merge_plan(current, "bonn", "verein").changes["actor_aliases"]
    assert [
        (before["actor_id"], after["actor_id"], after["source"])
        for before, after in aliases.changed
    ] == [("verein", "bonn", "batch:2")]
    assert aliases.new == [{"alias": "Bürgerverein", "actor_id": "bonn", "source": None}]
    assert aliases.unchanged == 1


def test_ac010_a_name_already_known_does_not_become_an_alias():
    same_name = _current(
        actors=[{"id": "bonn-2", "name": "bonn", "type": "kommune", "source": "batch:3"}]
    )
    assert merge_plan(same_name, "bonn", "bonn-2").changes["actor_aliases"].new == []
    third = _current(
        actor_aliases=[{"alias": "Bürgerverein", "actor_id": "kiel", "source": "batch:2"}]
    )
    assert merge_plan(third, "bonn", "verein").changes["actor_aliases"].new == []


def test_ac011_merge_refuses_itself_and_unknown_actors():
    assert [p.message_key for p in merge_plan(_current(), "bonn", "bonn").errors] == ["merge_same"]
    unknown = merge_plan(_current(), "bonn", "weg")
    assert [(p.message_key, p.value) for p in unknown.errors] == [("actor_unknown", "weg")]
    assert not unknown.changes


def test_ac012_headcounts_and_years_combine_as_documented():
    assert combined_headcount(3, 5) == 8
    assert combined_headcount(None, 5) == 5
    assert combined_headcount(3.0, None) == 3
    assert combined_headcount(None, None) is None
    assert widened_years(
        {"since_year": 2017, "until_year": 2019}, {"since_year": 2015, "until_year": 2016}
    ) == (2015, 2019)
    assert widened_years(
        {"since_year": 2017, "until_year": None}, {"since_year": None, "until_year": None}
    ) == (2017, None)
    # Each link valid on its own; together they span 2016–2019, never "2019 until 2016".
    assert widened_years(
        {"since_year": 2019, "until_year": None}, {"since_year": None, "until_year": 2016}
    ) == (2016, 2019)
