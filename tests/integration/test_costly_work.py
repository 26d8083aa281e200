"""Costly work is bounded: deck PDFs (at most two at once in one kept browser, cached per
deck, language and data version, a slide limit, PUBLIC_PDF) and the rate limit on PDFs,
exports and the upload/import callbacks (429 with Retry-After, in memory or in Redis).
Real renders, real databases (SQLite and PostgreSQL), real Redis."""

from __future__ import annotations

import base64
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db import accounts, repository
from dashboard.presentation.deck import MAX_SLIDES, SLIDE_CHARTS, Deck, encode_deck, slide_from_href
from dashboard.web import auth
from tests.services import redis_problem, redis_url

PASSWORD = "ein sehr langes Passwort"
PDF = "/praesentation/pdf"


def _app(database_url: str, **settings):
    app = create_app(Settings(database_url=database_url, secret_key="test-secret", **settings))
    with _context(app).engine.begin() as connection:
        for name, role in (("anna", "editor"), ("viktor", "viewer")):
            accounts.create_user(connection, name, PASSWORD, role, replace=True)
    app.server.test_client().get("/")
    return app


def _context(app):
    return app.server.extensions["netzwerkatlas"]


def _client(app, ip: str = "10.0.0.1", user: str | None = None):
    client = app.server.test_client()
    client.environ_base["REMOTE_ADDR"] = ip
    if user:
        response = client.post(
            auth.login_action("/daten", "de"), data={"name": user, "password": PASSWORD}
        )
        assert response.status_code == 302 and "fehler" not in response.headers["Location"]
    return client


def _pdf_url(deck: Deck, lang: str = "de") -> str:
    return f"{PDF}?folien={encode_deck(deck)}&lang={lang}"


def _one_slide_decks() -> list[Deck]:
    """Six different decks of one light chart each."""
    return [
        Deck(name=f"Satz {chart}", slides=(slide_from_href("/teilnahme", chart),))
        for chart in SLIDE_CHARTS["/teilnahme"]
    ]


@pytest.fixture
def app(database_url):
    app = _app(database_url, costly_rate_limit="100/minute")
    yield app
    _context(app).pdf.close()
    _context(app).engine.dispose()


def test_cost001_six_decks_at_once_run_two_at_a_time_in_one_browser(app):
    decks = _one_slide_decks()
    assert len(decks) == 6
    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(lambda deck: _client(app).get(_pdf_url(deck)), decks))
    assert [r.status_code for r in responses] == [200] * 6
    assert all(r.data.startswith(b"%PDF") for r in responses)
    renderer = _context(app).pdf
    assert renderer.decks == 6 and renderer.peak == 2 and renderer.browsers == 1


def test_cost002_a_repeated_deck_comes_from_the_cache_until_the_data_change(app):
    renderer = _context(app).pdf
    deck = _one_slide_decks()[0]
    first = _client(app).get(_pdf_url(deck))
    again = _client(app, ip="10.0.0.2").get(_pdf_url(deck))
    assert first.status_code == again.status_code == 200 and again.data == first.data
    assert renderer.decks == 1
    assert _client(app).get(_pdf_url(deck, "en")).status_code == 200  # another language: made anew
    assert renderer.decks == 2
    with _context(app).engine.begin() as connection:  # an import moves the data version
        repository.finish_batch(connection, repository.start_batch(connection, "test", "leer"), {})
    assert _client(app).get(_pdf_url(deck)).status_code == 200
    assert renderer.decks == 3


@pytest.fixture(scope="module")
def sqlite_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("costly")
    app = _app(f"sqlite:///{folder / 'app.db'}", costly_rate_limit="3/minute", public_pdf=False)
    yield app
    _context(app).pdf.close()
    _context(app).engine.dispose()


@pytest.mark.parametrize(
    "lang, text",
    [
        ("de", f"ein PDF kann höchstens {MAX_SLIDES} haben"),
        ("en", f"a PDF can have at most {MAX_SLIDES}"),
    ],
)
def test_cost003_a_deck_over_the_slide_limit_is_refused_with_a_message(sqlite_app, lang, text):
    slides = tuple(slide_from_href(f"/teilnahme?von={2000 + index % 30}") for index in range(500))
    response = _client(sqlite_app, ip=f"10.3.0.{lang == 'en'}", user="viktor").get(
        _pdf_url(Deck("Riesig", slides), lang)
    )
    assert response.status_code == 413 and response.mimetype == "text/plain"
    assert text in response.get_data(as_text=True) and "500" in response.get_data(as_text=True)
    assert _context(sqlite_app).pdf.decks == 0


def test_cost004_public_pdf_off_refuses_anonymous_visitors(sqlite_app):
    deck = _one_slide_decks()[0]
    response = _client(sqlite_app, ip="10.4.0.1").get(_pdf_url(deck))
    assert response.status_code == 403 and "nur nach der Anmeldung" in response.get_data(
        as_text=True
    )
    assert (
        _client(sqlite_app, ip="10.4.0.1").get(_pdf_url(deck, "en")).get_data(as_text=True)
        == "PDFs are available only after logging in."
    )
    # Logged in, the same address gets past the check (an unknown saved deck: 404, nothing drawn).
    assert (
        _client(sqlite_app, ip="10.4.0.2", user="viktor").get(f"{PDF}?satz=4711").status_code == 404
    )
    assert _context(sqlite_app).pdf.decks == 0


def _assert_too_many(response) -> None:
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert "Zu viele Anfragen" in response.get_data(as_text=True)


def test_cost005_too_many_pdf_requests_get_429_with_retry_after(sqlite_app):
    client = _client(sqlite_app, ip="10.5.0.1", user="viktor")
    assert [client.get(f"{PDF}?satz=4711").status_code for _ in range(3)] == [404] * 3
    _assert_too_many(client.get(f"{PDF}?satz=4711"))
    # Another address has its own budget, and pages are not limited.
    assert (
        _client(sqlite_app, ip="10.5.0.2", user="viktor").get(f"{PDF}?satz=4711").status_code == 404
    )
    assert client.get("/praesentation").status_code == 200


def test_cost006_exports_are_limited_too(sqlite_app):
    client = _client(sqlite_app, ip="10.6.0.1", user="anna")
    assert [client.get("/daten/export.zip").status_code for _ in range(3)] == [200] * 3
    _assert_too_many(client.get("/daten/export.xlsx"))  # one budget for both formats


def _callback(app, fragment: str, inputs: list[dict], state: list[dict]) -> dict:
    key = next(key for key in app.callback_map if fragment in key)
    outputs = [
        {"id": o.split(".")[0], "property": o.split(".")[1]} for o in key.strip(".").split("...")
    ]
    return {
        "output": key,
        "outputs": outputs,
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }


def _preview(app) -> dict:
    contents = "data:text/csv;base64," + base64.b64encode(b"id,name,type\nx,X,kommune\n").decode()
    return _callback(
        app,
        "daten-preview.children",
        [
            {"id": "daten-upload", "property": "contents", "value": contents},
            {"id": "daten-mode", "property": "value", "value": "merge"},
        ],
        [
            {"id": "daten-upload", "property": "filename", "value": "actors.csv"},
            {"id": "url", "property": "search", "value": ""},
        ],
    )


def _boundary_upload(app) -> dict:
    return _callback(
        app,
        "map-upload-message.children",
        [
            {
                "id": "map-upload",
                "property": "contents",
                "value": "data:application/json;base64,e30=",
            }
        ],
        [
            {"id": "map-upload", "property": "filename", "value": "kreise.geojson"},
            {"id": "map-upload-level", "property": "value", "value": "kreis"},
            {"id": "url", "property": "search", "value": ""},
        ],
    )


def test_cost007_upload_and_import_callbacks_are_limited_other_callbacks_not(sqlite_app):
    client = _client(sqlite_app, ip="10.7.0.1", user="anna")
    update = "/_dash-update-component"
    assert [client.post(update, json=_preview(sqlite_app)).status_code for _ in range(2)] == [
        200,
        200,
    ]
    assert (
        client.post(update, json=_boundary_upload(sqlite_app)).status_code == 200
    )  # the same budget
    _assert_too_many(client.post(update, json=_preview(sqlite_app)))
    _assert_too_many(client.post(update, json=_boundary_upload(sqlite_app)))
    router = _callback(
        sqlite_app,
        "_pages_content.children",
        [
            {"id": "_pages_location", "property": "pathname", "value": "/themen"},
            {"id": "_pages_location", "property": "search", "value": ""},
        ],
        [],
    )
    assert all(client.post(update, json=router).status_code == 200 for _ in range(5))


def test_cost008_with_redis_the_budget_is_shared_by_every_worker(tmp_path):
    problem = redis_problem()
    if problem:
        pytest.skip(problem)
    # Two apps on one database and one Redis: two gunicorn workers, as far as limits go.
    url = f"sqlite:///{tmp_path / 'app.db'}"
    workers = [_app(url, costly_rate_limit="2/minute", redis_url=redis_url()) for _ in range(2)]
    codes = [_client(app, ip="10.8.0.1").get(f"{PDF}?satz=4711").status_code for app in workers]
    assert codes == [404, 404]
    _assert_too_many(_client(workers[0], ip="10.8.0.1").get(f"{PDF}?satz=4711"))
    _assert_too_many(_client(workers[1], ip="10.8.0.1").get(f"{PDF}?satz=4711"))
    for app in workers:
        _context(app).engine.dispose()


def test_cost009_a_renderer_never_runs_more_decks_than_its_slots():
    """The slot bound alone, with a stand-in for drawing: many threads, never more than two
    inside at once, and a request that finds no free slot in time is refused."""
    from dashboard.presentation.pdf import PdfRenderer, RendererBusy

    renderer = PdfRenderer(slots=2, wait_s=30)
    inside = threading.Barrier(2, timeout=30)

    def deck(_):
        with renderer.slot():
            inside.wait()  # both slots are taken at this moment

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(deck, range(8)))
    assert renderer.decks == 8 and renderer.peak == 2
    impatient = PdfRenderer(slots=1, wait_s=0.01)
    with impatient.slot(), pytest.raises(RendererBusy), impatient.slot():
        pass
