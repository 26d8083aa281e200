"""The Steckbrief PDF of /akteur/<id>: one A4 page naming the actor and its years in German
and English, under the deck PDF's rule (PUBLIC_PDF) and rate limit, made in the same
renderer and kept per actor, language and data version. Real renders, real SQLite."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db import accounts, repository
from dashboard.web import auth

PASSWORD = "ein sehr langes Passwort"
A4_POINTS = (595.0, 842.0)


def _app(database_url: str, **settings):
    app = create_app(Settings(database_url=database_url, secret_key="test-secret", **settings))
    with _context(app).engine.begin() as connection:
        accounts.create_user(connection, "viktor", PASSWORD, "viewer", replace=True)
    app.server.test_client().get("/")
    return app


def _context(app):
    return app.server.extensions["netzwerkatlas"]


def _client(app, ip: str, user: str | None = None):
    client = app.server.test_client()
    client.environ_base["REMOTE_ADDR"] = ip
    if user:
        response = client.post(
            auth.login_action("/", "de"), data={"name": user, "password": PASSWORD}
        )
        assert response.status_code == 302 and "fehler" not in response.headers["Location"]
    return client


def _url(actor_id: str, lang: str = "de") -> str:
    return f"/akteur/{actor_id}/steckbrief.pdf?lang={lang}"


def _best_connected(app) -> tuple[str, str, list[int]]:
    """(id, name, years of its participations) of the actor with most links."""
    with _context(app).engine.connect() as connection:
        actor_id, name = connection.execute(
            text(
                "SELECT ac.id, ac.name FROM actors ac JOIN links l ON ac.id IN (l.source_id, l.target_id)"
                " GROUP BY ac.id, ac.name ORDER BY COUNT(*) DESC, ac.id LIMIT 1"
            )
        ).one()
        years = connection.execute(
            text(
                "SELECT DISTINCT e.year FROM attendance a JOIN events e ON e.id = a.event_id"
                " WHERE a.actor_id = :id ORDER BY e.year"
            ),
            {"id": actor_id},
        ).scalars()
        return actor_id, name, list(years)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("steckbrief")
    app = _app(f"sqlite:///{folder / 'app.db'}", costly_rate_limit="100/minute")
    yield app
    _context(app).pdf.close()
    _context(app).engine.dispose()


@pytest.mark.parametrize(
    "lang, took_part, sample",
    [("de", "Teilnahme in den Jahren", "Beispieldaten"), ("en", "Took part in", "Sample data")],
)
def test_stb101_one_a4_page_names_the_actor_and_its_years(app, lang, took_part, sample):
    actor_id, name, years = _best_connected(app)
    assert years
    response = _client(app, "10.1.0.1").get(_url(actor_id, lang))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert f'filename="steckbrief-{actor_id}.pdf"' in response.headers["Content-Disposition"]
    reader = PdfReader(BytesIO(response.data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=2)
    words = " ".join(reader.pages[0].extract_text().split())
    assert name in words
    assert f"{took_part}: {', '.join(map(str, years))}" in words
    assert sample in words


def test_stb102_a_repeated_steckbrief_comes_from_the_cache_until_the_data_change(app):
    renderer = _context(app).pdf
    before = renderer.decks
    first = _client(app, "10.2.0.1").get(_url("pirmasens"))
    again = _client(app, "10.2.0.2").get(_url("pirmasens"))
    assert first.status_code == again.status_code == 200 and again.data == first.data
    assert renderer.decks == before + 1
    assert _client(app, "10.2.0.1").get(_url("pirmasens", "en")).status_code == 200
    assert renderer.decks == before + 2  # another language: made anew
    with _context(app).engine.begin() as connection:  # an import moves the data version
        repository.finish_batch(connection, repository.start_batch(connection, "test", "leer"), {})
    assert _client(app, "10.2.0.1").get(_url("pirmasens")).status_code == 200
    assert renderer.decks == before + 3


def test_stb103_an_unknown_actor_is_not_found_and_draws_nothing(app):
    renderer = _context(app).pdf
    before = renderer.decks
    assert _client(app, "10.3.0.1").get(_url("gibt-es-nicht")).status_code == 404
    assert renderer.decks == before


@pytest.fixture(scope="module")
def closed_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("steckbrief-closed")
    app = _app(f"sqlite:///{folder / 'app.db'}", costly_rate_limit="3/minute", public_pdf=False)
    yield app
    _context(app).pdf.close()
    _context(app).engine.dispose()


def test_stb104_public_pdf_off_refuses_anonymous_visitors_as_for_decks(closed_app):
    deck = _client(closed_app, "10.4.0.1").get("/praesentation/pdf?satz=4711")
    steckbrief = _client(closed_app, "10.4.0.2").get(_url("pirmasens"))
    assert steckbrief.status_code == deck.status_code == 403
    assert steckbrief.get_data(as_text=True) == deck.get_data(as_text=True)
    assert "nur nach der Anmeldung" in steckbrief.get_data(as_text=True)
    english = _client(closed_app, "10.4.0.2").get(_url("pirmasens", "en"))
    assert english.get_data(as_text=True) == "PDFs are available only after logging in."
    # A viewer gets past the check, as for decks (an unknown actor: 404, nothing drawn).
    viewer = _client(closed_app, "10.4.0.3", user="viktor")
    assert viewer.get(_url("gibt-es-nicht")).status_code == 404
    assert _context(closed_app).pdf.decks == 0


def test_stb105_steckbriefe_and_decks_draw_on_one_rate_limit(closed_app):
    client = _client(closed_app, "10.5.0.1", user="viktor")
    codes = [client.get(_url("gibt-es-nicht")).status_code for _ in range(2)]
    codes.append(client.get("/praesentation/pdf?satz=4711").status_code)
    assert codes == [404, 404, 404]
    refused = client.get(_url("gibt-es-nicht"))
    assert refused.status_code == 429 and "Zu viele Anfragen" in refused.get_data(as_text=True)
