"""Embedded views through HTTP: who may frame them (EMBED_ORIGINS, embedded documents
only), refused with PUBLIC_READ off, and served as a visitor's even to staff."""

from __future__ import annotations

import dataclasses

import pytest

from dashboard import create_app
from dashboard.config import Settings
from tests.integration.test_data_auth import (
    _actor_count,
    _app,
    _client,
    _commit_payload,
    _version,
)

HOST_SITE = "https://www.stiftung.example"


def _ancestors(response) -> list[str]:
    header = response.headers["Content-Security-Policy"]
    directive = next(part for part in header.split("; ") if part.startswith("frame-ancestors "))
    return directive.split()[1:]


@pytest.fixture(scope="module")
def embedding(tmp_path_factory):
    folder = tmp_path_factory.mktemp("embed")
    settings = Settings(
        database_url=f"sqlite:///{folder / 'app.db'}",
        secret_key="x",
        embed_origins=(HOST_SITE,),
    )
    return create_app(settings), settings


def test_emb101_only_embedded_pages_may_be_framed_by_the_named_sites(embedding):
    app, _ = embedding
    client = app.server.test_client()
    embedded = client.get("/karte?einbetten=1&jahr=2022")
    assert embedded.status_code == 200
    assert _ancestors(embedded) == ["'self'", HOST_SITE]
    assert "X-Frame-Options" not in embedded.headers
    for address in ("/karte", "/karte?einbetten=0", "/daten?einbetten=1", "/login?einbetten=1"):
        response = client.get(address)
        assert _ancestors(response) == ["'self'"], address
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN", address


def test_emb102_without_embed_origins_nobody_else_may_frame_an_embedded_page(embedding):
    _, settings = embedding
    app = create_app(dataclasses.replace(settings, embed_origins=()))
    assert _ancestors(app.server.test_client().get("/teilnahme?einbetten=1")) == ["'self'"]


def test_emb103_with_public_read_off_an_embedded_address_is_refused_in_german(tmp_path_factory):
    app, _ = _app(tmp_path_factory, public_read=False)
    for user in (None, "anna"):
        response = _client(app, user).get("/karte?einbetten=1")
        assert response.status_code == 403, user
        assert "kann nicht eingebettet werden" in response.get_data(as_text=True)
    # Not embedded: the login page as before.
    assert _client(app).get("/karte").status_code == 302


def test_emb104_an_editor_writes_nothing_from_an_embedded_view(tmp_path_factory):
    app, engine = _app(tmp_path_factory, public_read=True)
    client = _client(app, "anna")
    before = _actor_count(engine)
    response = client.post(
        "/_dash-update-component",
        json=_commit_payload(app, _version(engine)),
        headers={"Referer": "http://localhost/daten?einbetten=1"},
    )
    assert "daten-refused" in response.get_data(as_text=True)
    assert _actor_count(engine) == before
    # The same request from the full view is the editor's import: the refusal above came
    # from the embedded address alone.
    response = client.post(
        "/_dash-update-component",
        json=_commit_payload(app, _version(engine)),
        headers={"Referer": "http://localhost/daten"},
    )
    assert "daten-refused" not in response.get_data(as_text=True)
    assert _actor_count(engine) > before


def test_emb105_the_embedded_document_stays_a_visitor_after_its_address_moved_on(
    tmp_path_factory,
):
    """The framed document marks its requests (assets/embed_guard.js): a Referer without
    einbetten (a link moved the frame on, a proxy stripped it) brings no staff session in,
    and a second einbetten value never turns the framed page back into the full view."""
    app, engine = _app(tmp_path_factory, public_read=True)
    client = _client(app, "anna")
    before = _actor_count(engine)
    for headers in (
        {"Referer": "http://localhost/daten", "X-Netzwerkatlas-Embed": "1"},
        {"X-Netzwerkatlas-Embed": "1"},
        {"Referer": "http://localhost/daten?einbetten=1&einbetten=0"},
        {"Referer": "http://localhost/daten?einbetten=0&einbetten=1"},
    ):
        response = client.post(
            "/_dash-update-component",
            json=_commit_payload(app, _version(engine)),
            headers=headers,
        )
        assert "daten-refused" in response.get_data(as_text=True), headers
    assert _actor_count(engine) == before
