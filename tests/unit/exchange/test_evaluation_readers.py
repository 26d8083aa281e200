"""Survey exports as the tools write them: which tool, what each column means, the counts."""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from dashboard import schema
from dashboard.exchange.evaluation import mapping
from dashboard.exchange.evaluation.aggregate import aggregate
from dashboard.exchange.evaluation.detect import read_survey
from dashboard.sample.seed import documented

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "evaluation"
EVENT = "2017-duesseldorf"


@pytest.fixture(scope="module")
def sessions():
    return documented()["sessions"]


def _read(name: str):
    return read_survey((FIXTURES / name).read_bytes(), name)


def _kinds(survey, sessions) -> dict[str, str]:
    titles = sessions["title"].tolist()
    return dict(zip(survey.headers, mapping.propose(survey, titles), strict=True))


def _counts(rows) -> dict:
    """(session or None, question key) → {option: count}."""
    found: dict = defaultdict(dict)
    for row in rows:
        found[(row["session_id"], row["question_key"])][row["option"]] = row["count"]
    return found


def test_eva001_limesurvey_full_text_headings(sessions):
    survey = _read("limesurvey-volltext.csv")
    assert survey.tool == "limesurvey" and len(survey.rows) == 15
    assert survey.headers[0] == "id"  # the byte order mark is not part of the first header
    kinds = _kinds(survey, sessions)
    assert kinds["Welchen Workshop haben Sie besucht?"] == "session"
    assert kinds["Wie bewerten Sie die Veranstaltung? [Gesamteindruck]"] == "agree5"
    assert kinds["Würden Sie wieder teilnehmen?"] == "yesno"
    assert kinds["Was möchten Sie uns noch mitteilen?"] == "free_text"
    assert kinds["ipaddr"] == "personal"
    assert kinds["submitdate"] == "timestamp"
    assert kinds["lastpage"] == "metadata"
    rows, problems = aggregate(survey, list(kinds.values()), EVENT, sessions)
    assert problems == []
    counts = _counts(rows)
    # Workshop Wirkung: rows 1–3 of the file; "Stimme voll zu", "Stimme eher zu", "Teils/teils".
    assert counts[("2017-ws-wirkung", "gesamteindruck")] == {
        "1": 0,
        "2": 0,
        "3": 1,
        "4": 1,
        "5": 1,
    }
    assert counts[("2017-ws-wirkung", schema.RESPONSES_QUESTION)] == {"n": 3}
    # Whole event: 15 responses, one without a workshop, one without Gesamteindruck.
    assert counts[(None, schema.RESPONSES_QUESTION)] == {"n": 15}
    assert sum(counts[(None, "gesamteindruck")].values()) == 14
    assert counts[(None, "wieder-teilnehmen")] == {"yes": 11, "no": 3}
    assert not any("Kaffee" in str(value) for row in rows for value in row.values())


def test_eva002_limesurvey_codes_only(sessions):
    survey = _read("limesurvey-codes.csv")
    assert survey.tool == "limesurvey"
    kinds = _kinds(survey, sessions)
    assert kinds["G01Q02[SQ001]"] == "agree5" and kinds["G01Q03"] == "yesno"
    assert kinds["G01Q04"] == "free_text"
    rows, problems = aggregate(survey, list(kinds.values()), EVENT, sessions)
    assert problems == []
    counts = _counts(rows)
    # A5 A4 A3 A5 A4 A2 A5 A4 in the file's first column of ratings.
    assert counts[(None, "g01q02-sq001")] == {"1": 0, "2": 1, "3": 1, "4": 3, "5": 3}
    assert counts[(None, "g01q03")] == {"yes": 6, "no": 2}


def test_eva003_sosci_label_row_and_negative_codes(sessions):
    survey = _read("sosci.csv")
    assert survey.tool == "sosci"
    assert len(survey.rows) == 10  # the label row is not a response
    assert survey.questions[survey.headers.index("A002_01")] == "Bewertung: Gesamteindruck"
    kinds = _kinds(survey, sessions)
    assert kinds["A002_01"] == "agree5" and kinds["A003"] == "grade6"
    assert kinds["A004_01"] == "free_text" and kinds["STARTED"] == "timestamp"
    assert kinds["CASE"] == "metadata" and kinds["TIME001"] == "metadata"
    rows, problems = aggregate(survey, list(kinds.values()), EVENT, sessions)
    assert problems == []
    counts = _counts(rows)
    # 5 4 -9 5 3 4 5 2 4 -9: two "nicht beantwortet" are missing answers, not options.
    assert counts[(None, "gesamteindruck")] == {"1": 0, "2": 1, "3": 1, "4": 3, "5": 3}
    assert counts[(None, "schulnote-fuer-die-veranstaltung")]["6"] == 1


def test_eva004_microsoft_forms_xlsx(sessions):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "ID",
            "Startzeit",
            "Fertigstellungszeit",
            "E-Mail",
            "Name",
            "Welchen Workshop haben Sie besucht?",
            "Gesamteindruck",
            "Würden Sie wieder teilnehmen?",
            "Was hat Ihnen gefallen?",
        ]
    )
    answers = [
        ("Workshop Steuerung", 5, "Ja", "Die Gespräche"),
        ("Workshop Steuerung", 4, "Ja", ""),
        ("Workshop Wirkung", 3, "Nein", "Das Essen"),
        ("Workshop Steuerung", 5, "Ja", ""),
        ("Workshop Wirkung", 4, "Ja", ""),
    ]
    for number, (workshop, rating, again, text) in enumerate(answers, start=1):
        sheet.append(
            [
                number,
                f"14.06.2017 16:0{number}:00",
                f"14.06.2017 16:1{number}:00",
                f"person{number}@example.org",
                f"Person {number}",
                workshop,
                rating,
                again,
                text,
            ]
        )
    data = io.BytesIO()
    book.save(data)
    survey = read_survey(data.getvalue(), "Feedback.xlsx")
    assert survey.tool == "msforms"
    kinds = _kinds(survey, sessions)
    assert kinds["E-Mail"] == "personal" and kinds["Name"] == "personal"
    assert kinds["Startzeit"] == "timestamp" and kinds["ID"] == "metadata"
    assert kinds["Welchen Workshop haben Sie besucht?"] == "session"
    assert kinds["Gesamteindruck"] == "agree5"
    rows, problems = aggregate(survey, list(kinds.values()), EVENT, sessions)
    assert problems == []
    counts = _counts(rows)
    assert counts[("2017-ws-steuerung", "gesamteindruck")] == {
        "1": 0,
        "2": 0,
        "3": 0,
        "4": 1,
        "5": 2,
    }
    assert counts[("2017-ws-wirkung", "wieder-teilnehmen")] == {"yes": 1, "no": 1}


def test_eva005_hand_typed_sheet(sessions):
    survey = _read("handschrift.csv")
    assert survey.tool == "plain"
    kinds = _kinds(survey, sessions)
    assert kinds == {
        "Workshop": "session",
        "Note Gesamteindruck": "grade6",
        "Wieder teilnehmen": "yesno",
        "Bemerkung": "free_text",
    }
    rows, problems = aggregate(survey, list(kinds.values()), EVENT, sessions)
    assert problems == []
    counts = _counts(rows)
    assert counts[("2017-ws-steuerung", schema.RESPONSES_QUESTION)] == {"n": 4}
    assert counts[(None, "gesamteindruck")] == {"1": 2, "2": 4, "3": 1, "4": 0, "5": 0, "6": 0}


def test_eva006_bad_answer_and_unknown_session_name_row_column_value(sessions):
    text = "Workshop;Gesamteindruck\nSteuerung;4\nSteuerung;9\nTanzkurs;5\nSteuerung;3\n"
    survey = read_survey(text.encode("utf-8"), "umfrage.csv")
    kinds = ["session", "agree5"]
    _rows, problems = aggregate(survey, kinds, EVENT, sessions)
    found = {(p.row, p.column, p.value, p.message_key) for p in problems}
    assert found == {
        (3, "Gesamteindruck", "9", "eval_bad_answer_agree5"),
        (4, "Workshop", "Tanzkurs", "eval_unknown_session"),
    }
    assert "Workshop Steuerung" in next(
        p.message("de") for p in problems if p.message_key == "eval_unknown_session"
    )


def test_eva007_remembered_mapping_key_differs_from_a_lists():
    from dashboard.exchange.lists import mapping as list_mapping

    headers = ["Workshop", "Gesamteindruck"]
    assert mapping.header_key(headers) != list_mapping.header_key(headers)
    assert mapping.header_key(["gesamteindruck ", "WORKSHOP"]) == mapping.header_key(headers)
    saved = mapping.to_saved(headers, ["session", "grade6"])
    assert mapping.from_saved(headers, saved) == ["session", "grade6"]
    assert mapping.from_saved(headers, {"workshop": "organisation"}) is None
