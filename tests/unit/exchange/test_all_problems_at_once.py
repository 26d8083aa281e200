"""One pass tells every problem of a file: a problem in one row or table never hides another."""

from __future__ import annotations

import io
import zipfile

from dashboard.exchange import parse_bytes
from dashboard.exchange.plan import MERGE, build_plan
from tests.unit.analysis.frames import tiny_tables

FILES = {
    "actors.csv": (
        "id;name;type;ags;lat;lon;E-Mail\n"
        "neu1;Neu eins;kommune;;91;7;\n"  # lat_out_of_range
        "neu2;Neu zwei;verein2;;;;\n"  # unknown_value (type)
        "neu3;;initiative;;;;\n"  # missing_value (name)
        "neu4;kontakt@verein.example;initiative;;;;\n"  # personal_value_email
        "neu5;Neu fünf;kommune;99123456;;;\n"  # bad_ags
        "neu6;Neu sechs;kommune;;;;\n"
        "neu6;Neu sechs doppelt;kommune;;;;\n"  # duplicate_key
    ),
    "events.csv": (
        "id;year;title;start_date;end_date\n"
        "e-alt;1850;Zu alt;;\n"  # bad_year
        "e-neu;2030;Rückwärts;14.06.2030;13.06.2030\n"  # end_before_start
    ),
    "attendance.csv": (
        "event_id;actor_id;role;headcount\n"
        "e2017;bonn;participant;-3\n"  # negative_headcount
        "e2017;atlantis;participant;2\n"  # unknown_reference (actor)
        "e2017;kiel;zuschauer;1\n"  # unknown_value (role)
        "e2017;neu1;participant;1\n"  # refers to a row rejected above: no second report
    ),
    "links.csv": (
        "source_id;target_id;kind;weight\n"
        "bonn;bonn;kooperation;1\n"  # self_link
        "bonn;nirgendwo;austausch;1\n"  # unknown_reference (link)
        "bonn;kiel;projekt;0\n"  # bad_weight
    ),
}
EXPECTED = {
    ("actors", "lat_out_of_range"),
    ("actors", "unknown_value"),
    ("actors", "missing_value"),
    ("actors", "personal_value_email"),
    ("actors", "bad_ags"),
    ("actors", "duplicate_key"),
    ("actors", "personal_data_email"),
    ("events", "bad_year"),
    ("events", "end_before_start"),
    ("attendance", "negative_headcount"),
    ("attendance", "unknown_reference"),
    ("attendance", "unknown_value"),
    ("links", "self_link"),
    ("links", "unknown_reference"),
    ("links", "bad_weight"),
}


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in FILES.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _current():
    tables = tiny_tables()
    for name in ("attendance", "links"):
        tables[name].insert(0, "id", range(1, len(tables[name]) + 1))
    return tables


def test_all001_every_kind_of_problem_is_reported_in_one_pass():
    plan = build_plan(parse_bytes(_zip(), "alles-falsch.zip"), _current(), MERGE)
    found = {(p.table, p.message_key) for p in plan.problems if p.is_error}
    assert found >= EXPECTED
    assert not plan.ok


def test_all002_a_row_left_out_for_its_own_error_is_not_reported_again_as_unknown():
    plan = build_plan(parse_bytes(_zip(), "alles-falsch.zip"), _current(), MERGE)
    unknown = [p.value for p in plan.problems if p.message_key == "unknown_reference"]
    assert sorted(unknown) == ["atlantis", "nirgendwo"]


def test_all003_every_problem_names_row_column_and_value():
    plan = build_plan(parse_bytes(_zip(), "alles-falsch.zip"), _current(), MERGE)
    for problem in plan.problems:
        if problem.is_error and problem.message_key != "personal_data_email":
            assert problem.row is not None and problem.column, problem
