"""Reading import files: encodings, separators, zip, folders, XLSX, and the safety limits."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from dashboard.exchange import readers
from dashboard.exchange.readers import read_bytes, read_path

CSV = "id;name;type;lat;lon\nköln;Köln – Stadt €;kommune;50,94;6,96\n"


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-8", CSV.encode("utf-8")),
        ("utf-8-sig", CSV.encode("utf-8-sig")),
        ("cp1252", CSV.encode("cp1252")),
        ("utf-16", CSV.encode("utf-16")),  # with byte order mark
        ("utf-16-le", CSV.encode("utf-16-le")),  # without
        ("utf-16-be", CSV.encode("utf-16-be")),
    ],
)
def test_ing001_csv_encodings_are_detected(encoding, data):
    dataset = read_bytes(data, "actors.csv")
    assert dataset.problems == []
    table = dataset.tables["actors"]
    assert table.headers == ["id", "name", "type", "lat", "lon"]
    assert table.rows == [["köln", "Köln – Stadt €", "kommune", "50,94", "6,96"]]
    assert table.encoding == encoding


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_ing002_separator_is_taken_from_the_header(separator):
    text = (
        separator.join(["id", "name", "type"])
        + "\n"
        + separator.join(["a", '"Stadt, Land"', "kommune"])
        + "\n"
    )
    table = read_bytes(text.encode(), "actors.csv").tables["actors"]
    assert table.separator == separator
    assert table.rows == [["a", "Stadt, Land", "kommune"]]


def test_ing003_rows_are_numbered_as_in_the_spreadsheet_and_blank_rows_skipped():
    text = "\n\nid,name,type\na,A,kommune\n,,\nb,B,kommune\n"
    table = read_bytes(text.encode(), "Akteure.csv").tables["actors"]
    assert table.row_numbers == [4, 6]
    assert [row[0] for row in table.rows] == ["a", "b"]


def test_ing004_too_many_cells_names_the_decimal_comma():
    dataset = read_bytes(b"id,name,type,lat,lon\na,A,kommune,50,9,7,1\n", "actors.csv")
    [problem] = dataset.problems
    assert (problem.message_key, problem.row, problem.params) == (
        "too_many_cells",
        2,
        {"count": 7, "expected": 5},
    )


def test_ing005_unknown_csv_name_and_format_are_refused():
    assert read_bytes(b"id\n1\n", "Teilnehmerliste.csv").problems[0].message_key == "unknown_file"
    assert read_bytes(b"%PDF-1.4", "bericht.pdf").problems[0].message_key == "unsupported_format"


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_ing006_zip_of_csvs_with_german_file_names_and_a_folder():
    data = _zip(
        {
            "export/Akteure.csv": b"id,name,type\na,A,kommune\n",
            "export/veranstaltungen.csv": b"id,year,title\ne,2017,E\n",
            "export/notizen.txt": b"hello",
            "__MACOSX/._Akteure.csv": b"junk",
        }
    )
    dataset = read_bytes(data, "daten.zip")
    assert set(dataset.tables) == {"actors", "events"}
    assert [p.message_key for p in dataset.problems] == ["file_ignored"]


def test_ing007_folder_is_read_like_a_zip(tmp_path):
    (tmp_path / "actors.csv").write_bytes(b"id,name,type\na,A,kommune\n")
    (tmp_path / "links.csv").write_bytes(b"source_id,target_id,kind\na,b,projekt\n")
    dataset = read_path(tmp_path)
    assert set(dataset.tables) == {"actors", "links"}


def test_ing008_same_table_twice_is_an_error():
    dataset = read_bytes(_zip({"actors.csv": b"id\n", "Akteure.csv": b"id\n"}), "x.zip")
    assert [p.message_key for p in dataset.problems] == ["duplicate_table"]


def test_ing009_zip_bomb_is_not_unpacked(monkeypatch):
    monkeypatch.setattr(readers, "MAX_UNPACKED_BYTES", 1000)
    dataset = read_bytes(_zip({"actors.csv": b"id,name,type\n" + b"a,A,kommune\n" * 200}), "x.zip")
    assert [p.message_key for p in dataset.problems] == ["archive_too_large"]
    assert dataset.tables == {}


def test_ing010_highly_compressed_member_is_refused():
    dataset = read_bytes(_zip({"actors.csv": b"id,name,type\n" + b" " * 5_000_000}), "x.zip")
    assert [p.message_key for p in dataset.problems] == ["archive_too_large"]


def _xlsx(sheets: dict[str, list[list]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_ing011_xlsx_sheets_keep_cell_types():
    data = _xlsx(
        {
            "Veranstaltungen": [
                ["ID", "Jahr", "Titel", "Beginn"],
                ["e", 2017, "E", dt.datetime(2017, 6, 13)],
            ],
            "Hinweise": [["Bitte ausfüllen"]],
            "Kalkulation": [["x"]],
        }
    )
    dataset = read_bytes(data, "daten.xlsx")
    table = dataset.tables["events"]
    assert table.rows == [["e", 2017, "E", dt.datetime(2017, 6, 13)]]
    assert table.row_numbers == [2]
    assert [(p.message_key, p.value) for p in dataset.problems] == [
        ("sheet_ignored", "Kalkulation")
    ]


def test_ing012_xlsx_with_entity_declarations_is_refused():
    data = _xlsx({"actors": [["id", "name", "type"], ["a", "A", "kommune"]]})
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = content.decode()
                # A "billion laughs" declaration in front of the sheet.
                doctype = (
                    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
                )
                body = (
                    body.replace("?>", "?>" + doctype, 1)
                    if body.startswith("<?xml")
                    else doctype + body
                )
                body = body.replace("<v>", "<v>&lol2;", 1)
                content = body.encode()
            target.writestr(info, content)
    dataset = read_bytes(buffer.getvalue(), "boese.xlsx")
    assert dataset.tables == {}
    assert [p.message_key for p in dataset.problems] == ["xlsx_unsafe"]


def test_ing013_xlsx_is_refused_without_defusedxml(monkeypatch):
    import openpyxl.xml

    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    dataset = read_bytes(_xlsx({"actors": [["id"]]}), "x.xlsx")
    assert [p.message_key for p in dataset.problems] == ["xlsx_unprotected"]


def test_ing014_damaged_files_are_problems_not_crashes():
    assert read_bytes(b"not a zip", "x.zip").problems[0].message_key == "bad_zip"
    assert read_bytes(b"not a zip", "x.xlsx").problems[0].message_key == "bad_xlsx"
    assert read_bytes(b"id\x00name\x00", "actors.csv").problems[0].message_key == "not_text"
