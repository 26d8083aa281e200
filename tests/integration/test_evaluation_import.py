"""The evaluation import against a database: only counts stored, one undoable batch, the
same file twice changes nothing, and small groups suppressed in the view and its exports."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from dashboard.db import tables
from dashboard.db.engine import make_engine
from dashboard.db.setup import prepare
from dashboard.exchange.commit import undo
from dashboard.exchange.evaluation.importer import commit_evaluation, preview_from_database
from dashboard.exchange.export import frame_to_csv_bytes, frame_to_xlsx_bytes
from dashboard.sample.small import generate
from dashboard.store import Store
from dashboard.views.evaluation import event_evaluation, response_counts
from tests.integration.db_state import every_row, run_cli

FIXTURE = (
    Path(__file__).resolve().parents[1] / "fixtures" / "evaluation" / "limesurvey-volltext.csv"
)
EVENT = "2017-duesseldorf"
FREE_TEXT = ("Kaffee war kalt", "Jutta", "Mehr Zeit für den Austausch", "192.0.2.2")
SUPPRESSED = "weniger als 5 Antworten"


@pytest.fixture
def seeded(engine):
    prepare(engine, generate)
    return engine


def _import(engine, data: bytes = FIXTURE.read_bytes(), name: str = FIXTURE.name):
    preview = preview_from_database(engine, data, name, EVENT)
    assert preview.ok, [p.message() for p in preview.all_problems]
    return commit_evaluation(engine, preview, user="anna")


def test_evi001_free_text_and_addresses_are_in_no_table(seeded):
    result = _import(seeded)
    assert result.batch_id is not None
    stored = every_row(seeded, tuple(tables.metadata.tables))
    for name, rows in stored.items():
        for row in rows:
            for value in row:
                assert not any(text in str(value) for text in FREE_TEXT), (name, value)
    with seeded.connect() as connection:
        questions = set(
            connection.execute(
                select(tables.evaluation_results.c.question).where(
                    tables.evaluation_results.c.event_id == EVENT
                )
            ).scalars()
        )
    assert "Was möchten Sie uns noch mitteilen?" not in questions
    assert "Wie bewerten Sie die Veranstaltung? [Gesamteindruck]" in questions


def test_evi002_undo_restores_every_table_and_same_file_twice_changes_nothing(seeded):
    before = every_row(seeded)
    first = _import(seeded)
    after_first = every_row(seeded)
    again = _import(seeded)
    assert again.batch_id is None
    assert every_row(seeded) == after_first
    undo(seeded, first.batch_id, user="anna")
    restored = every_row(seeded)
    for name in before:
        if name in ("import_batches", "audit_log", "import_changes"):
            continue
        assert restored[name] == before[name], name


def test_evi003_small_workshop_suppressed_on_the_view_and_in_its_exports(seeded):
    _import(seeded)
    snapshot = Store(seeded).snapshot()
    results = event_evaluation(snapshot, EVENT, "de")  # the default MIN_RESPONSES, 5
    overall = next(r for r in results if r.title.endswith("[Gesamteindruck]"))
    table = overall.table
    wirkung = table[table["Gruppe"] == "Workshop Wirkung"].iloc[0]
    assert wirkung["Antworten (n)"] == SUPPRESSED
    assert wirkung.drop(["Gruppe", "Antworten (n)"]).isna().all()
    assert SUPPRESSED in frame_to_csv_bytes(table).decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(frame_to_xlsx_bytes(table)))
    cells = [cell.value for row in book.active.iter_rows() for cell in row]
    assert SUPPRESSED in cells
    # The chart says it too, and names no count for the workshop.
    notes = [a.text for a in overall.figure.layout.annotations]
    assert SUPPRESSED in notes
    assert not any(label.startswith("Workshop Wirkung (n") for label in overall.figure.data[0].y)
    # Workshop Steuerung (6) and Kompetenzen (5) with Wirkung (3) hidden and one response
    # without a workshop: total 15 − 6 − 5 = 4 would give Wirkung away; Kompetenzen goes too.
    groups = dict(zip(table["Gruppe"], table["Antworten (n)"], strict=True))
    assert groups["Workshop Kompetenzen"] == SUPPRESSED
    assert groups["Workshop Steuerung"] == 6
    assert response_counts(snapshot)[EVENT] == 15
    assert event_evaluation(snapshot, "no-such-event", "de") == []


def test_evi004_bad_answer_leaves_the_data_exactly_as_it_was(seeded):
    before = every_row(seeded)
    text = FIXTURE.read_text(encoding="utf-8-sig").replace(
        "Workshop Wirkung,Stimme voll zu", "Workshop Wirkung,sehr lecker", 1
    )
    preview = preview_from_database(seeded, text.encode("utf-8"), "umfrage.csv", EVENT)
    assert not preview.ok
    problem = next(p for p in preview.all_problems if p.is_error)
    assert (problem.row, problem.value) == (2, "sehr lecker")
    assert problem.column == "Wie bewerten Sie die Veranstaltung? [Gesamteindruck]"
    assert every_row(seeded) == before


def test_evi005_cli_dry_run_then_import_then_undo(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    prepare(engine, generate)
    before = every_row(engine)
    dry = run_cli(url, "import-evaluation", str(FIXTURE), "--event", EVENT, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "LimeSurvey" in dry.stdout and "Freitext" in dry.stdout
    assert every_row(engine) == before
    done = run_cli(url, "import-evaluation", str(FIXTURE), "--event", EVENT)
    assert done.returncode == 0, done.stderr
    batch = max(row[0] for row in every_row(engine)["import_batches"])
    wrong = run_cli(url, "import-evaluation", str(FIXTURE), "--event", "gibt-es-nicht")
    assert wrong.returncode == 1 and "gibt-es-nicht" in wrong.stderr
    reverted = run_cli(url, "undo", str(batch))
    assert reverted.returncode == 0, reverted.stderr
    after = every_row(engine)
    assert after["evaluation_results"] == before["evaluation_results"]
    engine.dispose()


def test_evi006_min_responses_of_the_app_reaches_the_views(seeded):
    """A stricter MIN_RESPONSES hides the workshop of 6 responses too; the threshold travels
    with the snapshot, so pages, exports, slides and PDFs read the same one."""
    _import(seeded)
    strict = Store(seeded, min_responses=7).snapshot()
    overall = next(
        r for r in event_evaluation(strict, EVENT, "de") if r.title.endswith("[Gesamteindruck]")
    )
    groups = dict(zip(overall.table["Gruppe"], overall.table["Antworten (n)"], strict=True))
    assert groups["Workshop Steuerung"] == SUPPRESSED.replace("5", "7")
