"""The PDF of /veranstaltung/<id>: a page per section with the programme first and the
evaluation's notice last, under the deck PDF's rule (PUBLIC_PDF) and renderer, kept per
event, language and data version. Real renders, real SQLite."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import dash
import pytest
from pypdf import PdfReader

from dashboard.exchange.evaluation.importer import commit_evaluation, preview_from_database
from tests.integration.test_steckbrief_pdf import _app, _client, _context

URL = "/veranstaltung/2017-duesseldorf/dokumentation.pdf"
EVENT = "2017-duesseldorf"
EVALUATION = (
    Path(__file__).resolve().parents[1] / "fixtures" / "evaluation" / "limesurvey-volltext.csv"
)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("event-pdf")
    app = _app(f"sqlite:///{folder / 'app.db'}", costly_rate_limit="100/minute")
    yield app
    _context(app).pdf.close()
    _context(app).engine.dispose()


def test_evt301_the_2017_pdf_has_the_programme_and_says_no_evaluation_is_documented(app):
    response = _client(app, "10.5.0.1").get(URL + "?lang=de")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert (
        'filename="veranstaltung-2017-duesseldorf.pdf"' in response.headers["Content-Disposition"]
    )
    pages = [
        " ".join(page.extract_text().split()) for page in PdfReader(BytesIO(response.data)).pages
    ]
    assert len(pages) == 5
    programme = pages[0]
    assert "Die vernetzte Kommune 2017 · Programm" in programme
    for name in ("Impulsvortrag", "Workshop Wirkung", "Pirmasens", "nebenan.de", "Regsam"):
        assert name in programme
    assert "Quelle: Bericht" in programme
    assert "Ergebnisse der Evaluation 2017 sind im Bericht nicht dokumentiert." in pages[-1]
    renderer = _context(app).pdf
    made = renderer.decks
    assert _client(app, "10.5.0.2").get(URL + "?lang=de").data == response.data
    assert renderer.decks == made  # kept, not made again


def test_evt302_unknown_event_is_not_found_and_draws_nothing(app):
    renderer = _context(app).pdf
    before = renderer.decks
    response = _client(app, "10.6.0.1").get("/veranstaltung/gibt-es-nicht/dokumentation.pdf")
    assert response.status_code == 404
    assert renderer.decks == before


@pytest.fixture(scope="module")
def closed_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("event-pdf-closed")
    app = _app(f"sqlite:///{folder / 'app.db'}", public_pdf=False)
    yield app
    _context(app).pdf.close()
    _context(app).engine.dispose()


def test_evt303_public_pdf_off_refuses_anonymous_visitors_as_for_decks(closed_app):
    response = _client(closed_app, "10.7.0.1").get(URL)
    assert response.status_code == 403
    assert "nur nach der Anmeldung" in response.get_data(as_text=True)
    assert _context(closed_app).pdf.decks == 0


@pytest.fixture(scope="module")
def evaluated_app(tmp_path_factory):
    """An app whose 2017 event has the LimeSurvey fixture's results: Workshop Wirkung with
    3 responses, Kompetenzen with 5 hidden so that Wirkung cannot be recovered."""
    folder = tmp_path_factory.mktemp("event-pdf-evaluated")
    app = _app(f"sqlite:///{folder / 'app.db'}", costly_rate_limit="100/minute")
    engine = _context(app).engine
    _context(app).store.snapshot()  # seeded on the first read
    preview = preview_from_database(engine, EVALUATION.read_bytes(), EVALUATION.name, EVENT)
    assert preview.ok
    commit_evaluation(engine, preview, user="anna")
    yield app
    _context(app).pdf.close()
    engine.dispose()


def _texts(component) -> str:
    """Every text of a Dash component tree and the texts of its figures' annotations."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, (list, tuple)):
            for part in node:
                walk(part)
        elif hasattr(node, "to_plotly_json"):
            props = node.to_plotly_json().get("props", {})
            for key in ("children", "figure", "data"):
                walk(props.get(key))
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(component)
    return " ".join(found)


def test_evt304_a_small_workshop_reads_weniger_als_5_antworten_on_the_page_and_in_the_pdf(
    evaluated_app,
):
    # The page as the app registered it (importing the module again would register it twice).
    layout = next(
        page["layout"]
        for page in dash.page_registry.values()
        if page.get("path_template") == "/veranstaltung/<event_id>"
    )
    with evaluated_app.server.test_request_context("/veranstaltung/" + EVENT):
        page = _texts(layout(event_id=EVENT))
    assert "weniger als 5 Antworten" in page
    assert "Gesamteindruck" in page
    response = _client(evaluated_app, "10.7.0.1").get(URL + "?lang=de")
    assert response.status_code == 200
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(BytesIO(response.data)).pages
    )
    assert "weniger als 5 Antworten" in text
    assert "Workshop Wirkung" in text
    # Neither the hidden workshops' counts nor a total that would give them away.
    assert "Workshop Wirkung (n" not in text and "Workshop Kompetenzen (n" not in text
