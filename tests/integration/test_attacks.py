"""Attacks through every door an editor has, over HTTP (Flask test client, real callbacks):

- every upload callback in the app's registry (the data import on /daten, the boundaries on
  /karte) gets zip bombs, an XLSX bomb, a Shapefile-zip bomb and files over UPLOAD_MAX_MB:
  each is refused with a message and no table changes;
- every export (the full XLSX and CSV zip, a chart card's CSV and XLSX, the problems list
  of an import) neutralises cells that start with = + - @ tab or CR.

The readers' limits themselves are unit-tested (test_ingest_readers ing009/ing010,
test_boundaries bnd008); text from data reaching pages is tests/browser/test_hostile_text.py.
"""

from __future__ import annotations

import base64
import copy
import csv
import io
import json
import zipfile

import openpyxl
import pytest
from sqlalchemy import update

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db import accounts, tables
from dashboard.exchange import parse_bytes
from dashboard.exchange.commit import commit
from dashboard.exchange.export import FORMULA_PREFIXES
from dashboard.web import auth
from tests.integration import callback_requests as requests
from tests.integration.db_state import every_row

PASSWORD = "ein sehr langes Passwort"
STORED_TABLES = tuple(name for name in tables.metadata.tables if name != "audit_log")
MAX_MB = 1
FORMULAS = ('=HYPERLINK("http://x";"klick")', "+49 30 1234", "-1+1", "@SUMME(A1)")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _xlsx_bomb() -> bytes:
    """A real workbook whose sheet XML unpacks to 60 MB (a few hundred KB packed)."""
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as original:
        members = {name: original.read(name) for name in original.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    members["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"<sheetData/>", b"<sheetData>" + b" " * 60_000_000 + b"</sheetData>"
    )
    return _zip(members)


HOSTILE_FILES = {
    "zip bomb": ("daten.zip", _zip({"actors.csv": b"id,name,type\n" + b" " * 60_000_000})),
    "many members": ("viele.zip", _zip({f"actors{i}.csv": b"id\n" for i in range(2000)})),
    "xlsx bomb": ("daten.xlsx", _xlsx_bomb()),
    "shapefile bomb": (
        "kreise.zip",
        _zip({"kreise.shp": b"\0" * 60_000_000, "kreise.dbf": b"", "kreise.shx": b""}),
    ),
    "csv too large": ("actors.csv", b"id,name,type\n" + b"a,A,kommune\n" * 100_000),
    "geojson too large": (
        "kreise.geojson",
        json.dumps({**requests.GEOJSON, "pad": "x" * 1_300_000}).encode(),
    ),
    "gpkg too large": ("kreise.gpkg", b"SQLite format 3\0" + b"\0" * 1_300_000),
}


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    folder = tmp_path_factory.mktemp("attacks")
    # Every upload callback gets every hostile file here: far more than the rate limit lets
    # one client send (that limit has its own tests in test_costly_work.py).
    app = create_app(
        Settings(
            database_url=f"sqlite:///{folder / 'app.db'}",
            secret_key="test-secret",
            upload_max_mb=MAX_MB,
            costly_rate_limit="10000/minute",
        )
    )
    engine = app.server.extensions["netzwerkatlas"].engine
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
    client = app.server.test_client()
    client.get("/")
    assert (
        client.post(
            auth.login_action("/", "de"), data={"name": "anna", "password": PASSWORD}
        ).status_code
        == 302
    )
    return app, engine, client


def _with_file(payload: dict, file_name: str, data: bytes) -> dict:
    changed = copy.deepcopy(payload)
    for item in changed["inputs"] + changed["state"]:
        for entry in item if isinstance(item, list) else [item]:
            if entry["property"] == "contents":
                entry["value"] = (
                    "data:application/octet-stream;base64," + base64.b64encode(data).decode()
                )
            elif entry["property"] == "filename":
                entry["value"] = file_name
    return changed


@pytest.mark.parametrize("attack", sorted(HOSTILE_FILES))
def test_atk001_hostile_files_in_every_upload_are_refused_and_change_nothing(editor, attack):
    app, engine, client = editor
    file_name, data = HOSTILE_FILES[attack]
    uploads = [
        (name, make)
        for name, entry, make in requests.calls(app, engine)
        if requests.takes_upload(entry)
    ]
    assert {
        "pages.map.upload_boundaries",
        "pages.data.show_preview",
        "pages.data.commit_upload",
    } <= {n for n, _ in uploads}
    before = every_row(engine, STORED_TABLES)
    for name, make in uploads:
        for payload in make():
            response = client.post(requests.DISPATCH, json=_with_file(payload, file_name, data))
            assert response.status_code == 200, (name, response.status_code)
    assert every_row(engine, STORED_TABLES) == before


def test_atk002_the_refusals_say_why(editor):
    app, engine, client = editor
    key = next(
        key
        for key, entry in requests.server_callbacks(app)
        if requests.name(entry) == "pages.map.upload_boundaries"
    )
    payload = requests.payloads(
        app, key, app.callback_map[key], requests.Plausible.read(engine, "kreise.geojson")
    )[0]
    expected = {
        "shapefile bomb": "entpackt zu groß",
        "geojson too large": "größer als 1 MB",
        "gpkg too large": "größer als 1 MB",
    }
    for attack, text in expected.items():
        body = client.post(
            requests.DISPATCH, json=_with_file(payload, *HOSTILE_FILES[attack])
        ).get_data(as_text=True)
        assert "map-upload-error" in body and text in body, attack
    key = next(
        key
        for key, entry in requests.server_callbacks(app)
        if requests.name(entry) == "pages.data.show_preview"
    )
    payload = requests.payloads(
        app, key, app.callback_map[key], requests.Plausible.read(engine, "actors.csv")
    )[0]
    for attack in ("zip bomb", "xlsx bomb", "many members"):
        body = client.post(
            requests.DISPATCH, json=_with_file(payload, *HOSTILE_FILES[attack])
        ).get_data(as_text=True)
        assert "daten-summary" in body and "danger" in body, attack


# --- formula injection ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_data(editor):
    """Actors whose names and places start like formulas; tab and CR are stripped by the
    import, so those two are written directly, as data stored by other means would be."""
    app, engine, client = editor
    rows = [["id", "name", "type", "city"]] + [
        [f"formel-{i}", text, "initiative", text] for i, text in enumerate(FORMULAS)
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    assert (
        commit(engine, parse_bytes(buffer.getvalue().encode(), "actors.csv"), user="anna").batch_id
        is not None
    )
    with engine.begin() as connection:
        connection.execute(
            update(tables.actors).where(tables.actors.c.id == "formel-0").values(city="\t=1+1")
        )
        connection.execute(
            update(tables.actors).where(tables.actors.c.id == "formel-1").values(city="\r=1+1")
        )
    return app, engine, client


def _dangerous(cells) -> list[str]:
    return [cell for cell in cells if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES)]


def _xlsx_cells(data: bytes) -> list:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
            cells.extend(cell.value for cell in row)
    return cells


def _csv_cells(data: bytes) -> list[str]:
    return [
        cell
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
        for cell in row
    ]


def test_atk003_full_exports_neutralise_formulas(hostile_data):
    _app, _engine, client = hostile_data
    cells = _xlsx_cells(client.get("/daten/export.xlsx").data)
    assert "'" + FORMULAS[0] in cells and "'\t=1+1" in cells and "'\r=1+1" in cells
    assert _dangerous(cells) == []
    with zipfile.ZipFile(io.BytesIO(client.get("/daten/export.zip").data)) as archive:
        cells = [cell for name in archive.namelist() for cell in _csv_cells(archive.read(name))]
    assert "'" + FORMULAS[3] in cells and _dangerous(cells) == []


def _download(client, payload: dict) -> bytes:
    answer = client.post(requests.DISPATCH, json=payload).get_json()
    (data,) = [value for outputs in answer["response"].values() for value in outputs.values()]
    return base64.b64decode(data["content"])


def test_atk004_chart_and_problem_downloads_neutralise_formulas(hostile_data):
    app, engine, client = hostile_data
    key = next(
        key
        for key, entry in requests.server_callbacks(app)
        if requests.name(entry).endswith("download_chart_data")
    )
    table = {
        "columns": ["Name", "=Spalte"],
        "data": [[text, 1] for text in FORMULAS] + [["\t=1", 2], ["\r=1", 3]],
        "filename": "=datei",
        "sheet": "=blatt",
    }
    for payload in requests.payloads(
        app, key, app.callback_map[key], requests.Plausible.read(engine)
    ):
        payload["state"][0]["value"] = table
        data = _download(client, payload)
        cells = _xlsx_cells(data) if data[:2] == b"PK" else _csv_cells(data)
        assert "'" + FORMULAS[0] in cells and _dangerous(cells) == []
    key = next(
        key
        for key, entry in requests.server_callbacks(app)
        if requests.name(entry) == "pages.data.download_problems"
    )
    payload = requests.payloads(
        app, key, app.callback_map[key], requests.Plausible.read(engine, "actors.csv")
    )[0]
    bad = b"id,name,type\nx,=HYPERLINK(1),=cmd|' /C calc'!A0\n"
    cells = _csv_cells(_download(client, _with_file(payload, "actors.csv", bad)))
    assert any(cell.startswith("'=cmd") for cell in cells) and _dangerous(cells) == []
