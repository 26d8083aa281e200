"""`python -m dashboard import-list` as an office runs it, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from dashboard import schema
from dashboard.db import tables
from dashboard.db.engine import make_engine
from tests.integration.db_state import ROOT, every_row, run_cli

EXAMPLE = ROOT / "data" / "examples" / "teilnahmeliste-2024.csv"
EVENT = "2025-magdeburg"


@pytest.fixture
def seeded(database_url):
    result = run_cli(database_url, "init-db")
    assert result.returncode == 0, result.stderr
    engine = make_engine(database_url)
    yield database_url, engine
    engine.dispose()


def _data(engine) -> dict[str, list]:
    rows = every_row(engine)
    return {name: rows[name] for name in schema.LOAD_ORDER}


def _mappings(engine) -> list:
    with engine.connect() as connection:
        return connection.execute(select(tables.list_mappings)).all()


def _attendance(engine, actor_id: str) -> dict:
    table = tables.attendance
    with engine.connect() as connection:
        rows = connection.execute(
            select(table.c.session_id, table.c.role, table.c.headcount).where(
                table.c.event_id == EVENT, table.c.actor_id == actor_id
            )
        ).all()
    return {(row.session_id, row.role): row.headcount for row in rows}


def _batch(stdout: str) -> str:
    return re.search(r"undo (\d+)", stdout).group(1)


def test_lst001_report_has_the_contract_columns_and_a_dry_run_changes_nothing(seeded, tmp_path):
    url, engine = seeded
    before, mappings = every_row(engine), _mappings(engine)
    report = tmp_path / "bericht.csv"
    result = run_cli(
        url, "import-list", str(EXAMPLE), "--event", EVENT, "--report", str(report), "--dry-run"
    )
    assert result.returncode == 0, result.stderr
    with report.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["row", "name", "decision", "actor_id", "score", "reason"]
        lines = list(reader)
    assert [line["row"] for line in lines] == [str(n) for n in range(3, 15)]
    by_name = {line["name"]: line for line in lines}
    assert by_name["Stadt Pirmasens"]["decision"] == "matched"
    assert by_name["Stadt Pirmasens"]["actor_id"] == "pirmasens"
    assert by_name["Stadt Pirmasens"]["reason"] == "Name ohne „Stadt“"
    assert by_name["Neustadt"]["decision"] == "review" and by_name["Neustadt"]["actor_id"] == ""
    assert by_name["Stadt Aalen"]["decision"] == "new" and by_name["Stadt Aalen"]["actor_id"] == ""
    assert every_row(engine) == before and _mappings(engine) == mappings


def test_lst002_commit_counts_people_per_organisation_and_undo_restores_everything(seeded):
    url, engine = seeded
    before = _data(engine)
    result = run_cli(url, "import-list", str(EXAMPLE), "--event", EVENT)
    assert result.returncode == 0, result.stderr
    assert "1 Organisation wartet auf eine Entscheidung" in result.stdout
    # Two people of Pirmasens plus the typo "Pirmasnes": three people, one actor.
    counts = _attendance(engine, "pirmasens")
    assert counts[(None, "participant")] == 2 and counts[(None, "exhibitor")] == 1
    with engine.connect() as connection:
        aalen = connection.execute(
            select(tables.actors).where(tables.actors.c.name == "Aalen")
        ).one()
        persons = connection.execute(select(tables.attendance.c.headcount)).all()
    assert aalen.type == "kommune" and aalen.state == "08" and aalen.lat is not None
    assert all(count[0] is None or count[0] < 100 for count in persons)
    every = json.dumps(
        [list(map(str, row)) for rows in every_row(engine).values() for row in rows],
        ensure_ascii=False,
    )
    assert (
        "example.org" not in every and "Beispiel" not in every
    )  # person names and e-mails dropped
    undo = run_cli(url, "undo", _batch(result.stdout))
    assert undo.returncode == 0, undo.stderr
    assert _data(engine) == before


def test_lst003_same_list_again_changes_nothing_and_an_updated_list_updates_headcounts(
    seeded, tmp_path
):
    url, engine = seeded
    assert run_cli(url, "import-list", str(EXAMPLE), "--event", EVENT).returncode == 0
    after_first = every_row(engine)
    again = run_cli(url, "import-list", str(EXAMPLE), "--event", EVENT)
    assert again.returncode == 0 and "kein Importlauf" in again.stdout
    assert every_row(engine) == after_first
    updated = tmp_path / "teilnahmeliste-2024-nachmeldung.csv"
    text = EXAMPLE.read_text(encoding="utf-8")
    updated.write_text(
        text + "Stadt Pirmasens;Olaf;Nachzügler;o@example.org;Pirmasens;RLP;;Teilnehmer\n",
        encoding="utf-8",
    )
    result = run_cli(url, "import-list", str(updated), "--event", EVENT)
    assert result.returncode == 0, result.stderr
    assert re.search(r"Teilnahme: 0 neu, 1 geändert", result.stdout)
    assert _attendance(engine, "pirmasens")[(None, "participant")] == 3


def test_lst004_every_problem_of_a_list_is_told_at_once_and_nothing_is_stored(seeded, tmp_path):
    url, engine = seeded
    before = every_row(engine)
    bad = tmp_path / "liste.csv"
    bad.write_text(
        "Organisation;Anzahl;Bundesland;AGS;Rolle\n"
        "Stadt Pirmasens;-2;Rheinland-Pfalz;07317000;Teilnehmer\n"
        "Stadt Trier;3;Atlantis;;Teilnehmer\n"
        "Stadt Mannheim;2;BW;123;Teilnehmer\n"
        "Stadt Hannover;1;NI;;Zuschauer\n"
        "info@verein.example;1;;;Teilnehmer\n",
        encoding="utf-8",
    )
    result = run_cli(url, "import-list", str(bad), "--event", EVENT)
    assert result.returncode == 1
    for row, column, value in (
        ("2", "Anzahl", "-2"),
        ("3", "Bundesland", "Atlantis"),
        ("4", "AGS", "123"),
        ("5", "Rolle", "Zuschauer"),
        ("6", "Organisation", "info@verein.example"),
    ):
        assert re.search(
            rf"Zeile {row}, Spalte „?{column}“?, Wert „?{re.escape(value)}“?", result.stderr
        ), (row, result.stderr)
    assert "5 Fehler" in result.stderr
    assert every_row(engine) == before


def test_lst005_a_confirmed_mapping_is_remembered_for_the_next_list(seeded, tmp_path):
    url, engine = seeded
    first = tmp_path / "liste-2024.csv"
    first.write_text("Wer;Wie viele\nStadt Pirmasens;4\n", encoding="utf-8")
    mapping = tmp_path / "zuordnung.json"
    mapping.write_text(
        json.dumps({"Wer": "organisation", "Wie viele": "headcount"}), encoding="utf-8"
    )
    assert (
        run_cli(url, "import-list", str(first), "--event", EVENT).returncode == 1
    )  # no organisation column
    result = run_cli(url, "import-list", str(first), "--event", EVENT, "--mapping", str(mapping))
    assert result.returncode == 0, result.stderr
    second = tmp_path / "liste-2025.csv"
    second.write_text("Wie viele;Wer\n6;Stadt Trier\n", encoding="utf-8")
    result = run_cli(url, "import-list", str(second), "--event", EVENT)
    assert result.returncode == 0, result.stderr
    assert _attendance(engine, "trier")[(None, "participant")] == 6


def _xlsx(path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Hinweise"
    book.active.append(["Bitte nicht ändern"])
    sheet = book.create_sheet("Anmeldungen")
    sheet.append(["Institution", "Personen", "Workshop"])
    sheet.append(["Landeshauptstadt Hannover", 3, "Wirkung messen"])
    sheet.append(["Universitätsstadt Tübingen", 2, None])
    book.save(path)


def _ods(path: Path) -> None:
    """The smallest OpenDocument spreadsheet LibreOffice writes: one sheet, two columns."""
    cell = '<table:table-cell office:value-type="{kind}" {value}><text:p>{text}</text:p></table:table-cell>'
    rows = [("Organisation", "Anzahl"), ("Stadtverwaltung Trier", 5)]
    body = "".join(
        "<table:table-row>"
        + "".join(
            cell.format(kind="float", value=f'office:value="{v}"', text=v)
            if isinstance(v, int)
            else cell.format(kind="string", value="", text=v)
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Liste">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    path.write_bytes(buffer.getvalue())


def test_lst006_workbooks_are_read_from_the_chosen_sheet(seeded, tmp_path):
    url, engine = seeded
    book = tmp_path / "anmeldungen.xlsx"
    _xlsx(book)
    missing = run_cli(url, "import-list", str(book), "--event", EVENT, "--sheet", "Tabelle1")
    assert missing.returncode == 1 and "Anmeldungen" in missing.stderr
    result = run_cli(url, "import-list", str(book), "--event", EVENT, "--sheet", "Anmeldungen")
    assert result.returncode == 0, result.stderr
    assert _attendance(engine, "hannover")[(None, "participant")] == 3
    assert _attendance(engine, "tuebingen")[(None, "participant")] == 2
    ods = tmp_path / "liste.ods"
    _ods(ods)
    result = run_cli(url, "import-list", str(ods), "--event", EVENT)
    assert result.returncode == 0, result.stderr
    assert _attendance(engine, "trier")[(None, "participant")] == 5


def test_lst007_unknown_event_and_missing_file_are_usage_errors(seeded, tmp_path):
    url, engine = seeded
    before = every_row(engine)
    assert (
        run_cli(url, "import-list", str(tmp_path / "fehlt.csv"), "--event", EVENT).returncode == 2
    )
    result = run_cli(url, "import-list", str(EXAMPLE), "--event", "gibt-es-nicht")
    assert result.returncode == 1 and "Diese Veranstaltung gibt es nicht" in result.stderr
    assert every_row(engine) == before
