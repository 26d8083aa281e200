"""Decks in the database (SQLite and PostgreSQL), the PDF route, and the server-side role
check on saving."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db import accounts, migrate, tables
from dashboard.db.decks import list_decks, load_deck, save_deck
from dashboard.db.engine import make_engine
from dashboard.presentation.deck import Deck, deck_to_data, encode_deck, slide_from_href
from dashboard.web import auth

PASSWORD = "ein sehr langes Passwort"


def _deck(name: str = "Jahrestreffen", *hrefs: str) -> Deck:
    hrefs = hrefs or ("/karte?von=2019", "/teilnahme?typ=kommune", "/akteur/pirmasens")
    return Deck(name=name, slides=tuple(slide_from_href(href) for href in hrefs))


def test_prs001_save_list_and_load_by_id_or_name(engine):
    migrate.upgrade(engine)
    deck = Deck(
        name="Jahrestreffen 2025",
        slides=(
            slide_from_href("/themen?thema=wirkung", "trends", "Trends"),
            slide_from_href("/akteur/bonn"),
        ),
    )
    deck_id = save_deck(engine, deck, "anna")
    other = save_deck(engine, _deck("Anderer Satz", "/karte"), None)
    assert deck_id != other
    assert list_decks(engine) == [(other, "Anderer Satz"), (deck_id, "Jahrestreffen 2025")]
    by_id = load_deck(engine, deck_id)
    assert by_id.deck == deck and by_id.name == "Jahrestreffen 2025"
    assert load_deck(engine, str(deck_id)).deck == deck
    assert load_deck(engine, "Jahrestreffen 2025").id == deck_id
    assert (
        load_deck(engine, "999") is None
        and load_deck(engine, "gibt es nicht") is None
        and load_deck(engine, "") is None
    )
    # Digits that are no id (too large for the column, not ASCII) are names, not errors.
    assert load_deck(engine, "9" * 30) is None and load_deck(engine, "²") is None


def test_prs002_saving_under_a_known_name_replaces_that_deck(engine):
    migrate.upgrade(engine)
    first = save_deck(engine, _deck("Satz", "/karte"), "anna")
    second = save_deck(engine, _deck("Satz", "/netzwerk", "/vergleich"), "ada")
    assert first == second
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(tables.decks)).scalar_one() == 1
        assert connection.execute(select(tables.decks.c.user_name)).scalar_one() == "ada"
    assert [s.path for s in load_deck(engine, first).deck.slides] == ["/netzwerk", "/vergleich"]


def test_prs003_an_unnamed_or_empty_deck_is_not_saved(engine):
    migrate.upgrade(engine)
    with pytest.raises(ValueError):
        save_deck(engine, _deck(""), "anna")
    with pytest.raises(ValueError):
        save_deck(engine, Deck(name="Leer"), "anna")
    assert list_decks(engine) == []


@pytest.fixture(scope="module")
def app_and_engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("app")
    url = f"sqlite:///{folder / 'app.db'}"
    app = create_app(Settings(database_url=url, secret_key="test-secret"))
    engine = make_engine(url)
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
        accounts.create_user(connection, "viktor", PASSWORD, "viewer")
    app.server.test_client().get("/")
    yield app, engine
    engine.dispose()


def _pages(body: bytes) -> int:
    return len(PdfReader(BytesIO(body)).pages)


def test_prs004_pdf_of_a_linked_deck_has_one_page_per_slide(app_and_engine):
    app, _engine = app_and_engine
    deck = _deck()  # a map, a chart and an actor profile: the maps must draw without a network
    response = app.server.test_client().get(f"/praesentation/pdf?folien={encode_deck(deck)}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert 'filename="Jahrestreffen.pdf"' in response.headers["Content-Disposition"]
    assert _pages(response.data) == 3
    # Every page of the sample data carries its mark, as the slides and pages do.
    pages = PdfReader(BytesIO(response.data)).pages
    assert all("Beispieldaten" in page.extract_text() for page in pages)


def test_prs005_pdf_of_a_saved_deck_and_of_no_deck(app_and_engine):
    app, engine = app_and_engine
    deck_id = save_deck(engine, _deck("Zwei", "/themen", "/netzwerk"), "anna")
    client = app.server.test_client()
    response = client.get(f"/praesentation/pdf?satz={deck_id}&lang=en")
    assert response.status_code == 200 and _pages(response.data) == 2
    assert client.get("/praesentation/pdf").status_code == 404
    assert client.get("/praesentation/pdf?folien=kaputt").status_code == 404
    assert client.get("/praesentation/pdf?satz=4711").status_code == 404


def _save_payload(app, deck: Deck) -> dict:
    key = next(
        key for key in app.callback_map if key.startswith("..presentation-save-status.children")
    )
    return {
        "output": key,
        "outputs": [
            {"id": "presentation-save-status", "property": "children"},
            {"id": "presentation-saved", "property": "children"},
        ],
        "inputs": [{"id": "presentation-save", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["presentation-save.n_clicks"],
        "state": [
            {"id": "deck-store", "property": "data", "value": deck_to_data(deck)},
            {"id": "presentation-lang", "property": "data", "value": "de"},
        ],
    }


def _client(app, user: str | None):
    client = app.server.test_client()
    if user:
        response = client.post(
            auth.login_action("/praesentation", "de"), data={"name": user, "password": PASSWORD}
        )
        assert response.status_code == 302
    return client


@pytest.mark.parametrize("user", [None, "viktor"])
def test_prs006_saving_needs_editor_or_admin_checked_on_the_server(app_and_engine, user):
    app, engine = app_and_engine
    response = _client(app, user).post(
        "/_dash-update-component", json=_save_payload(app, _deck(f"Verboten {user}"))
    )
    assert response.status_code == 200
    assert "presentation-save-forbidden" in response.get_data(as_text=True)
    assert load_deck(engine, f"Verboten {user}") is None


def test_prs007_an_editor_saves_and_the_list_shows_the_deck(app_and_engine):
    app, engine = app_and_engine
    response = _client(app, "anna").post(
        "/_dash-update-component", json=_save_payload(app, _deck("Von Anna"))
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "presentation-save-done" in body and "Von Anna" in body
    saved = load_deck(engine, "Von Anna")
    assert saved is not None and len(saved.deck) == 3
