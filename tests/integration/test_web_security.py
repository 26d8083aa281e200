"""Web hardening through HTTP (Flask test client, real callbacks): Content-Security-Policy
with the hashes of Dash's inline scripts, session cookie flags, cross-site POSTs refused,
uploads over UPLOAD_MAX_MB answered with a message, reverse-proxy headers.

Anonymous and viewer calls to the write callbacks and the login rate limit are tested in
test_data_auth.py (auth001, auth004)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re

import pytest
from sqlalchemy import select

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db import accounts, tables
from dashboard.db.engine import make_engine
from dashboard.web import auth
from dashboard.web.security import BASEMAP_ORIGINS
from tests.integration.test_data_auth import (
    _actor_count,
    _app,
    _callback_key,
    _client,
    _commit_payload,
    _version,
)

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
# Dash's "no Internet Explorer" alert sits in a conditional comment no current browser runs.
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    return _app(tmp_path_factory, public_read=True)


def _policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_web001_csp_allows_exactly_this_sites_scripts_and_the_inline_ones_by_hash(public):
    app, _ = public
    response = _client(app).get("/")
    policy = _policy(response)
    scripts = policy["script-src"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
    inline = [
        match.group("body")
        for match in INLINE_SCRIPT.finditer(HTML_COMMENT.sub("", response.get_data(as_text=True)))
        if "src=" not in match.group("attrs") and "application/json" not in match.group("attrs")
    ]
    assert inline  # Dash's renderer bootstrap and the clientside callbacks
    for body in inline:
        assert _sha256(body) in scripts
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # JSON answers of callbacks carry no policy of their own; they are no documents.
    assert "Content-Security-Policy" not in _client(app).get("/_dash-layout").headers


def test_web002_only_basemap_tiles_lets_pages_reach_the_map_provider(tmp_path):
    base = Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}", secret_key="x")
    policies = {
        name: _policy(create_app(settings).server.test_client().get("/"))
        for name, settings in {
            "default": base,
            "tiles": dataclasses.replace(base, basemap="tiles"),
            "tiles but offline": dataclasses.replace(base, basemap="tiles", offline=True),
        }.items()
    }
    assert set(BASEMAP_ORIGINS) <= set(policies["tiles"]["connect-src"])
    for name in ("default", "tiles but offline"):
        assert "https:" not in str(policies[name]) and "cartocdn" not in str(policies[name])


def _session_cookie(response) -> str:
    return next(
        value
        for value in response.headers.getlist("Set-Cookie")
        if value.startswith("netzwerkatlas_session=")
    )


@pytest.mark.parametrize("secure", [False, True])
def test_web003_session_cookie_is_httponly_lax_and_secure_when_configured(tmp_path, secure):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    app = create_app(Settings(database_url=url, secret_key="x", cookie_secure=secure))
    with make_engine(url).begin() as connection:
        accounts.create_user(connection, "anna", "ein sehr langes Passwort", "editor")
    response = app.server.test_client().post(
        auth.login_action("/daten", "de"),
        data={"name": "anna", "password": "ein sehr langes Passwort"},
    )
    cookie = _session_cookie(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert ("Secure" in cookie) is secure


def test_web004_cross_site_posts_to_callbacks_are_refused_even_for_an_editor(public):
    app, engine = public
    client = _client(app, "anna")
    before = _actor_count(engine)
    for header in (
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/x"},
    ):
        response = client.post(
            "/_dash-update-component", json=_commit_payload(app, _version(engine)), headers=header
        )
        assert response.status_code == 403
    assert _actor_count(engine) == before
    response = client.post(
        "/_dash-update-component",
        json=_commit_payload(app, _version(engine)),
        headers={"Origin": "http://localhost"},
    )
    assert "daten-committed" in response.get_data(as_text=True)
    assert _actor_count(engine) == before + 1


def _preview_payload(app, contents: str, file_name: str) -> dict:
    key = _callback_key(app, "daten-preview.children")
    outputs = key.strip(".").split("...")
    return {
        "output": key,
        "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in outputs],
        "inputs": [
            {"id": "daten-upload", "property": "contents", "value": contents},
            {"id": "daten-mode", "property": "value", "value": "merge"},
        ],
        "changedPropIds": ["daten-upload.contents"],
        "state": [
            {"id": "daten-upload", "property": "filename", "value": file_name},
            {"id": "url", "property": "search", "value": ""},
        ],
    }


@pytest.mark.parametrize("user", [None, "viktor"], ids=["anonymous", "viewer"])
def test_web007_upload_preview_refuses_anonymous_and_viewer(public, user):
    app, _engine = public
    contents = "data:text/csv;base64," + base64.b64encode(b"id,name,type\nx,X,kommune\n").decode()
    response = _client(app, user).post(
        "/_dash-update-component", json=_preview_payload(app, contents, "actors.csv")
    )
    body = response.get_data(as_text=True)
    assert "daten-refused" in body and "Vorschau" not in body


def test_web005_upload_over_the_limit_and_broken_uploads_get_a_message(tmp_path):
    url = f"sqlite:///{tmp_path / 'u.db'}"
    app = create_app(Settings(database_url=url, secret_key="x", upload_max_mb=1))
    engine = make_engine(url)
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", "ein sehr langes Passwort", "editor")
    client = app.server.test_client()
    client.get("/")
    client.post(
        auth.login_action("/daten", "de"),
        data={"name": "anna", "password": "ein sehr langes Passwort"},
    )
    before = _actor_count(engine)
    big = b"id,name,type\n" + b"a,A,kommune\n" * 100_000  # 1.2 MB
    cases = {
        "data:text/csv;base64," + base64.b64encode(big).decode(): "1 MB",
        "data:text/csv;base64,!!kein base64!!": "nicht gelesen",
        "data:text/csv;base64," + base64.b64encode(b"\xff\xfe\x00").decode(): "utf-16",
    }
    for contents, expected in cases.items():
        response = client.post(
            "/_dash-update-component", json=_preview_payload(app, contents, "actors.csv")
        )
        assert response.status_code == 200
        assert expected in response.get_data(as_text=True)
    assert _actor_count(engine) == before


def test_web006_behind_a_proxy_the_forwarded_host_and_address_count(tmp_path):
    app = create_app(
        Settings(database_url=f"sqlite:///{tmp_path / 'p.db'}", secret_key="x", proxy_count=1)
    )
    client = app.server.test_client()
    forwarded = {
        "X-Forwarded-Host": "atlas.example.org",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": "203.0.113.7",
    }
    response = client.post(
        auth.login_action("/daten", "de"),
        data={"name": "x", "password": "y"},
        headers={**forwarded, "Origin": "https://atlas.example.org"},
    )
    assert response.status_code == 302 and "fehler=wrong_login" in response.headers["Location"]
    with make_engine(f"sqlite:///{tmp_path / 'p.db'}").connect() as connection:
        assert connection.execute(select(tables.audit_log.c.ip)).scalars().all() == ["203.0.113.7"]
