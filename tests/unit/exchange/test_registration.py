"""A registration list from bytes to import tables, without a database."""

from __future__ import annotations

import pytest

from dashboard.exchange.lists import mapping as list_mapping
from dashboard.exchange.lists.entries import NEW_ACTOR
from dashboard.exchange.lists.importer import preview_list
from dashboard.exchange.lists.registration import EventSpec
from dashboard.exchange.lists.sheet import read_sheet
from dashboard.sample.small import generate

EVENT = "2025-magdeburg"


@pytest.fixture(scope="module")
def stored():
    tables = generate(2017)
    for name in ("attendance", "links"):
        tables[name].insert(0, "id", range(1, len(tables[name]) + 1))
    return tables


def _preview(stored, text: str, **options):
    return preview_list(
        read_sheet(text.encode("utf-8"), "liste.csv"), EventSpec(EVENT), stored, **options
    )


def _proposed(text: str) -> list[str]:
    sheet = read_sheet(text.encode("utf-8"), "liste.csv")
    return list_mapping.propose(sheet.headers, [sheet.column(i) for i in range(len(sheet.headers))])


def test_reg001_a_name_column_beside_first_names_is_a_person_never_the_organisation():
    assert _proposed("Vorname;Name;E-Mail;Workshop\nMax;Mustermann;max@x.de;Steuerung\n") == [
        "person",
        "person",
        "contact",
        "session",
    ]
    assert _proposed("Name;Anzahl\nStadt Kiel;3\n") == ["organisation", "headcount"]


def test_reg002_a_column_of_counts_under_a_people_header_is_the_headcount():
    assert _proposed("Organisation;Teilnehmende\nStadt Kiel;12\nStadt Trier;3\n") == [
        "organisation",
        "headcount",
    ]


def test_reg003_a_person_list_without_organisation_column_is_refused(stored):
    preview = _preview(stored, "Vorname;Name;E-Mail\nMax;Mustermann;max@x.de\n")
    assert not preview.ok
    assert [p.message_key for p in preview.all_problems if p.is_error] == ["list_no_organisation"]


def test_reg004_placeholders_are_no_organisation_and_no_workshop(stored):
    preview = _preview(stored, "Organisation;Workshop\n-;Steuerung\nk. A.;\nStadt Kiel;-\n")
    assert [entry.name for entry in preview.entries] == ["Stadt Kiel"]
    assert all(session is None for entry in preview.entries for session, _role in entry.headcounts)
    assert sum(p.message_key == "list_no_name" for p in preview.all_problems) == 2


def test_reg005_an_email_in_a_workshop_cell_is_refused_and_never_stored(stored):
    preview = _preview(stored, "Organisation;Workshop\nStadt Kiel;Max Mustermann max@x.de\n")
    assert not preview.ok
    problem = next(p for p in preview.all_problems if p.is_error)
    assert (problem.message_key, problem.row, problem.column) == (
        "personal_value_email",
        2,
        "Workshop",
    )


def test_reg006_an_implausible_headcount_is_an_error_not_a_crash(stored):
    preview = _preview(stored, "Organisation;Anzahl\nStadt Kiel;99999999999999999999999\n")
    assert [p.message_key for p in preview.all_problems if p.is_error] == ["headcount_too_large"]


def test_reg007_one_new_body_written_twice_is_one_new_actor(stored):
    preview = _preview(
        stored, "Organisation;Bundesland;Anzahl\nStadt Aalen;BW;2\nGroße Kreisstadt Aalen;BW;1\n"
    )
    new_actors = preview.plan.changes["actors"].new
    assert [actor["name"] for actor in new_actors] == ["Aalen"]
    attendance = preview.plan.changes["attendance"].new
    assert [(row["actor_id"], row["headcount"]) for row in attendance] == [(new_actors[0]["id"], 3)]


def test_reg008_a_decision_on_an_ambiguous_name_is_not_remembered_as_a_spelling(stored):
    text = "Organisation;Anzahl\nFrankfurt;2\nSeniorenbuero Giesen;1\n"
    preview = _preview(stored, text)
    keys = {entry.name: entry.key for entry in preview.entries}
    assert {entry.name: entry.decision.reason_key for entry in preview.entries} == {
        "Frankfurt": "several_actors",
        "Seniorenbuero Giesen": "new",
    }
    chosen = _preview(
        stored,
        text,
        choices={
            keys["Frankfurt"]: "frankfurt-am-main",
            keys["Seniorenbuero Giesen"]: "seniorenbuero-giessen",
        },
    )
    aliases = [(row["alias"], row["actor_id"]) for row in chosen.plan.changes["actor_aliases"].new]
    assert aliases == [("Seniorenbuero Giesen", "seniorenbuero-giessen")]


def test_reg009_a_new_actor_may_be_chosen_for_a_review_row(stored):
    preview = _preview(stored, "Organisation\nNeustadt\n")
    entry = preview.entries[0]
    assert entry.final == "review" and "actors" not in preview.plan.changes
    chosen = _preview(stored, "Organisation\nNeustadt\n", choices={entry.key: NEW_ACTOR})
    assert [actor["name"] for actor in chosen.plan.changes["actors"].new] == ["Neustadt"]


def test_reg010_header_detection_prefers_known_headers_and_reads_one_column_lists():
    titled = read_sheet(
        b"Export vom;12.03.2024\nOrganisation;Anzahl;Bundesland\nKiel;3;SH\n", "l.csv"
    )
    assert titled.headers == ["Organisation", "Anzahl", "Bundesland"] and titled.row_numbers == [3]
    single = read_sheet("Organisation\nKiel\nLübeck\n".encode(), "l.csv")
    assert single.headers == ["Organisation"] and len(single.rows) == 2


def test_reg011_headers_that_hold_an_email_are_never_remembered():
    assert not list_mapping.savable(["Max Mustermann", "max@x.de", "Kiel"])
    assert list_mapping.savable(["Organisation", "E-Mail", "Ort"])


def test_reg012_a_mapping_file_names_some_columns_and_the_rest_keep_the_proposal():
    headers = ["Einrichtung", "Anzahl", "Bundesland", "Organisation"]
    proposed = ["ignore", "headcount", "state", "organisation"]
    assert list_mapping.from_file(headers, {"Einrichtung": "organisation"}, proposed) == [
        "organisation",
        "headcount",
        "state",
        "ignore",
    ]


def test_reg013_a_title_line_without_separators_does_not_hide_the_table_below():
    sheet = read_sheet(
        b"Anmeldeliste Netzwerktreffen (Export)\nOrganisation;Vorname;Anzahl\nStadt Kiel;Anna;3\n",
        "l.csv",
    )
    assert sheet.headers == ["Organisation", "Vorname", "Anzahl"] and sheet.rows == [
        ["Stadt Kiel", "Anna", "3"]
    ]


def test_reg014_a_district_key_or_a_country_column_is_not_taken_for_ags_or_bundesland():
    assert _proposed("Organisation;Kreisschlüssel;Land\nStadt Kiel;01002;Deutschland\n") == [
        "organisation",
        "ignore",
        "ignore",
    ]
