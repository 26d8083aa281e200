from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import load_workbook

from dashboard.exchange.export import (
    frame_to_csv_bytes,
    frame_to_xlsx_bytes,
    neutralise,
    sheet_title,
)


def test_export001_neutralise_formula_prefixes():
    for dangerous in ("=1+1", "+49 30", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(dangerous) == "'" + dangerous
    assert neutralise("Bonn") == "Bonn"
    assert neutralise("") == ""
    assert neutralise(-5) == -5
    assert neutralise(-1.5) == -1.5
    assert neutralise(None) is None


def test_export002_csv_is_german_excel_friendly():
    df = pd.DataFrame(
        {"Jahr": [2017, 2018], "Anteil": [0.25, 1.0], "Name": ["Köln", "Düsseldorf; Nord"]}
    )
    data = frame_to_csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == "Jahr;Anteil;Name"
    assert lines[1] == "2017;0,25;Köln"
    assert lines[2] == '2018;1;"Düsseldorf; Nord"'
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert back["Anteil"].tolist() == [0.25, 1.0]


def test_export003_csv_neutralises_injection_and_keeps_unknown_empty():
    df = pd.DataFrame(
        {
            "Name": ['=HYPERLINK("http://x";"klick")', "-Minus", "ok"],
            "Personen": pd.array([-3, None, 4], dtype="Int64"),
        }
    )
    text = frame_to_csv_bytes(df).decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[1] == '"\'=HYPERLINK(""http://x"";""klick"")";-3'
    assert lines[2] == "'-Minus;"
    assert lines[3] == "ok;4"


def test_export004_xlsx_neutralises_and_keeps_numbers():
    df = pd.DataFrame(
        {
            "Name": ["=1+2", "@cmd", "Bonn"],
            "Personen": pd.array([3, None, 5], dtype="Int64"),
            "Datum": [dt.date(2017, 6, 13), None, None],
        }
    )
    data = frame_to_xlsx_bytes(df, "Teilnahme: je Jahr/Land [alle]")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == sheet_title("Teilnahme: je Jahr/Land [alle]")
    assert len(sheet.title) <= 31 and not set(sheet.title) & set("[]:*?/\\")
    assert [c.value for c in sheet[1]] == ["Name", "Personen", "Datum"]
    assert sheet["A2"].value == "'=1+2" and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "'@cmd"
    assert sheet["B2"].value == 3 and sheet["B2"].data_type == "n"
    assert sheet["B3"].value is None
    assert sheet["C2"].value.date() == dt.date(2017, 6, 13)
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_export005_empty_frame_has_header_only():
    df = pd.DataFrame(columns=["A", "B"])
    assert frame_to_csv_bytes(df).decode("utf-8-sig") == "A;B\r\n"
    sheet = load_workbook(io.BytesIO(frame_to_xlsx_bytes(df, ""))).active
    assert sheet.max_row == 1 and sheet.title == "Daten"
