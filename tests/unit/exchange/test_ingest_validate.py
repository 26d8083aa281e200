"""Validation collects every problem with row, column and value; each kind of bad input."""

from __future__ import annotations

import datetime as dt

from dashboard.exchange import parse_bytes
from dashboard.exchange.columns import ROW
from dashboard.i18n import t


def _parse(table: str, text: str):
    return parse_bytes(text.encode("utf-8"), f"{table}.csv")


def _found(parsed) -> list[tuple]:
    return [(p.message_key, p.row, p.column, p.severity) for p in parsed.problems]


def test_val101_german_headers_and_values_are_understood():
    parsed = _parse(
        "actors",
        "Kennung;Name;Typ;Gemeindeschlüssel;Bundesland;Ort;Breitengrad;Längengrad;Webseite\n"
        "bonn;Bonn;Kommune;05314000;NRW;Bonn;50,73;7,1;www.bonn.de\n",
    )
    assert parsed.ok, _found(parsed)
    record = parsed.tables["actors"].frame.iloc[0].to_dict()
    assert record == {
        "id": "bonn",
        "name": "Bonn",
        "type": "kommune",
        "ags": "05314000",
        "state": "05",
        "city": "Bonn",
        "lat": 50.73,
        "lon": 7.1,
        "website": "https://www.bonn.de",
        ROW: 2,
    }


def test_val102_every_problem_is_collected_not_only_the_first():
    parsed = _parse(
        "attendance",
        "event_id,actor_id,role,headcount\n"
        "e,a,participant,-3\n"
        "e,b,zuschauer,2\n"
        "e,c,participant,zwei\n"
        ",d,speaker,1\n",
    )
    assert _found(parsed) == [
        ("negative_headcount", 2, "headcount", "error"),
        ("unknown_value", 3, "role", "error"),
        ("not_integer", 4, "headcount", "error"),
        ("missing_value", 5, "event_id", "error"),
    ]
    assert not parsed.ok
    assert "participant, speaker, exhibitor, organiser" in parsed.problems[1].message("de")


def test_val103_missing_required_columns():
    parsed = _parse("events", "id,Titel\ne,E\n")
    assert _found(parsed) == [("missing_column", None, "year", "error")]
    assert "Jahr" in parsed.problems[0].message("de")


def test_val104_duplicate_ids_name_the_first_row():
    parsed = _parse("actors", "id,name,type\na,A,kommune\nb,B,kommune\na,A2,kommune\n")
    [problem] = parsed.problems
    assert (problem.message_key, problem.row, problem.value, problem.params) == (
        "duplicate_key",
        4,
        "a",
        {"first": 2},
    )


def test_val105_coordinates_out_of_range_are_errors():
    parsed = _parse(
        "actors", "id,name,type,lat,lon\na,A,kommune,91,7\nb,B,kommune,50,-200\nc,C,kommune,50,\n"
    )
    assert _found(parsed) == [
        ("lat_out_of_range", 2, "lat", "error"),
        ("lon_out_of_range", 3, "lon", "error"),
        ("lat_lon_pair", 4, "lon", "error"),
    ]


def test_val106_swapped_or_foreign_coordinates_are_warnings_with_the_fix():
    parsed = _parse(
        "actors",
        "id;name;type;lat;lon\nbonn;Bonn;kommune;7,1;50,73\nwien;Wien;organisation;48,2;16,37\n",
    )
    assert parsed.ok
    assert _found(parsed) == [
        ("coordinates_swapped", 2, "lat", "warning"),
        ("outside_germany", 3, "lat", "warning"),
    ]
    assert parsed.problems[0].params == {"lat": 50.73, "lon": 7.1}
    assert len(parsed.tables["actors"].frame) == 2  # foreign partners are imported


def test_val107_self_links_are_errors_and_reversed_links_are_ordered():
    parsed = _parse(
        "links", "source_id,target_id,kind,weight\nbonn,bonn,projekt,1\nkiel,bonn,Kooperation,\n"
    )
    assert _found(parsed) == [("self_link", 2, "target_id", "error")]
    record = parsed.tables["links"].frame.iloc[0].to_dict()
    assert (record["source_id"], record["target_id"], record["kind"], record["weight"]) == (
        "bonn",
        "kiel",
        "kooperation",
        1.0,
    )


def test_val108_reversed_duplicate_link_is_a_duplicate():
    parsed = _parse("links", "source_id,target_id,kind\nbonn,kiel,projekt\nkiel,bonn,projekt\n")
    assert _found(parsed) == [("duplicate_key", 3, None, "error")]


def test_val109_personal_data_columns_are_refused():
    parsed = _parse(
        "actors",
        "id,name,type,Ansprechpartner,E-Mail,Telefon,Mobilitätsthema\na,A,kommune,Frau X,x@y.de,0211 1,Rad\n",
    )
    assert [(p.message_key, p.column) for p in parsed.problems if p.is_error] == [
        ("personal_data_person", "Ansprechpartner"),
        ("personal_data_email", "E-Mail"),
        ("personal_data_phone", "Telefon"),
    ]
    # A harmless unknown column is only a warning.
    assert ("unknown_column", "Mobilitätsthema") in [
        (p.message_key, p.column) for p in parsed.problems
    ]


def test_val110_email_addresses_in_values_are_refused():
    parsed = _parse("actors", "id,name,type\na,Kontakt: info@verein.de,initiative\n")
    assert _found(parsed) == [("personal_value_email", 2, "name", "error")]


def test_val111_dates_years_and_states_are_checked():
    parsed = _parse(
        "events",
        "id;year;title;start_date;end_date\n"
        "e1;2017;A;13.06.2017;14.06.2017\n"
        "e2;2018;B;14.06.2018;13.06.2018\n"
        "e3;2019;C;2020-01-01;\n"
        "e4;1800;D;;\n",
    )
    assert _found(parsed) == [
        ("end_before_start", 3, "end_date", "error"),
        ("year_differs", 4, "year", "warning"),
        ("bad_year", 5, "year", "error"),
    ]
    assert parsed.tables["events"].frame.iloc[0]["start_date"] == dt.date(2017, 6, 13)


def test_val112_state_is_taken_from_the_ags_when_empty():
    parsed = _parse(
        "actors", "id,name,type,ags,state\na,A,kommune,07317000,\nb,B,kommune,05314000,Bayern\n"
    )
    assert _found(parsed) == [("state_ags_mismatch", 3, "state", "warning")]
    assert list(parsed.tables["actors"].frame["state"]) == ["07", "09"]


def test_val113_template_second_header_row_is_skipped():
    parsed = _parse("topics", "id,name\nID,Name\nwirkung,Wirkung\n")
    assert parsed.ok
    assert list(parsed.tables["topics"].frame["id"]) == ["wirkung"]


def test_val114_every_message_exists_in_both_languages():
    parsed = _parse("actors", "id,name,type,lat,lon,E-Mail\na,,verein2,x,7\n")
    for problem in parsed.problems:
        assert problem.message("de") and problem.message("en")
        assert problem.as_row("en")["severity"] in {
            t("ingest.severity.error", "en"),
            t("ingest.severity.warning", "en"),
        }
