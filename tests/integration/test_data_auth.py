"""Server-side checks of the staff features through HTTP (Flask test client, real callbacks):
login, rate limit, roles on write callbacks and download routes, PUBLIC_READ."""

from __future__ import annotations

import base64
import json
import os
import stat

import pytest
from sqlalchemy import func, select

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db import accounts, tables
from dashboard.db.engine import make_engine
from dashboard.web import auth

PASSWORD = "ein sehr langes Passwort"
UPLOAD = (
    "data:text/csv;base64,"
    + base64.b64encode(b"id,name,type\nneu-im-test,Neu im Test,initiative\n").decode()
)


def _app(tmp_path_factory, public_read: bool):
    folder = tmp_path_factory.mktemp("app")
    app = create_app(
        Settings(
            database_url=f"sqlite:///{folder / 'app.db'}",
            public_read=public_read,
            secret_key="test-secret",
        )
    )
    engine = make_engine(f"sqlite:///{folder / 'app.db'}")
    with engine.begin() as connection:
        for name, role in (("anna", "editor"), ("viktor", "viewer"), ("ada", "admin")):
            accounts.create_user(connection, name, PASSWORD, role)
    app.server.test_client().get("/")  # the first request sets up Dash's routes and callbacks
    return app, engine


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    return _app(tmp_path_factory, public_read=True)


@pytest.fixture(scope="module")
def private(tmp_path_factory):
    return _app(tmp_path_factory, public_read=False)


def _client(app, user: str | None = None, ip: str = "127.0.0.1"):
    client = app.server.test_client()
    client.environ_base["REMOTE_ADDR"] = ip
    if user:
        response = client.post(
            auth.login_action("/daten", "de"), data={"name": user, "password": PASSWORD}
        )
        assert response.status_code == 302 and response.headers["Location"] == "/daten"
    return client


def _callback_key(app, fragment: str) -> str:
    return next(key for key in app.callback_map if fragment in key)


def _commit_payload(app, version: str | None) -> dict:
    key = _callback_key(app, "daten-result.children...daten-batches")
    return {
        "output": key,
        "outputs": [
            {"id": i, "property": p}
            for i, p in (
                ("daten-result", "children"),
                ("daten-batches", "children"),
                ("daten-upload", "contents"),
            )
        ],
        "inputs": [{"id": "daten-commit", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["daten-commit.n_clicks"],
        "state": [
            {"id": "daten-upload", "property": "contents", "value": UPLOAD},
            {"id": "daten-upload", "property": "filename", "value": "actors.csv"},
            {
                "id": "daten-plan",
                "property": "data",
                "value": {"version": version, "mode": "merge", "file": "actors.csv", "ready": True},
            },
            [],
            [],
            {"id": "url", "property": "search", "value": ""},
        ],
    }


def _undo_payload(app, batch: int) -> dict:
    key = _callback_key(app, "daten-result.children@")
    outputs = key.strip(".").split("...")
    return {
        "output": key,
        "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in outputs],
        "inputs": [
            [
                {
                    "id": {"type": "daten-undo", "batch": batch},
                    "property": "submit_n_clicks",
                    "value": 1,
                }
            ]
        ],
        "changedPropIds": [
            json.dumps({"batch": batch, "type": "daten-undo"}, separators=(",", ":"))
            + ".submit_n_clicks"
        ],
        "state": [{"id": "url", "property": "search", "value": ""}],
    }


def _actor_count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(tables.actors)).scalar_one()


def _version(engine) -> str:
    from dashboard.db import repository

    with engine.connect() as connection:
        return repository.data_version(connection)


@pytest.mark.parametrize("user", [None, "viktor"], ids=["anonymous", "viewer"])
def test_auth001_write_callbacks_refuse_anonymous_and_viewer(public, user):
    app, engine = public
    client = _client(app, user)
    before = _actor_count(engine)
    response = client.post("/_dash-update-component", json=_commit_payload(app, _version(engine)))
    assert response.status_code == 200
    assert "daten-refused" in response.get_data(as_text=True)
    response = client.post("/_dash-update-component", json=_undo_payload(app, 1))
    assert "daten-refused" in response.get_data(as_text=True)
    assert _actor_count(engine) == before


def test_auth002_editor_commit_and_undo_through_the_callbacks(public):
    app, engine = public
    client = _client(app, "anna")
    before = _actor_count(engine)
    response = client.post("/_dash-update-component", json=_commit_payload(app, _version(engine)))
    assert "daten-committed" in response.get_data(as_text=True), response.get_data(as_text=True)[
        :500
    ]
    assert _actor_count(engine) == before + 1
    with engine.connect() as connection:
        batch = connection.execute(select(func.max(tables.import_batches.c.id))).scalar_one()
        assert (
            connection.execute(
                select(tables.import_batches.c.user).where(tables.import_batches.c.id == batch)
            ).scalar_one()
            == "anna"
        )
    response = client.post("/_dash-update-component", json=_undo_payload(app, batch))
    assert "daten-undone" in response.get_data(as_text=True), response.get_data(as_text=True)[:500]
    assert _actor_count(engine) == before
    with engine.connect() as connection:
        log = [
            (r.user_name, r.action)
            for r in connection.execute(select(tables.audit_log).order_by(tables.audit_log.c.id))
        ]
    assert (
        ("anna", accounts.LOGIN) in log
        and ("anna", accounts.IMPORT) in log
        and ("anna", accounts.UNDO) in log
    )


def test_auth003_export_routes_need_editor(public):
    app, engine = public
    anonymous = _client(app).get("/daten/export.xlsx")
    assert anonymous.status_code == 302 and anonymous.headers["Location"].startswith("/login?")
    assert _client(app, "viktor").get("/daten/export.zip").status_code == 403
    for user in ("anna", "ada"):
        response = _client(app, user).get("/daten/export.xlsx")
        assert response.status_code == 200
        assert (
            response.data[:2] == b"PK" and "attachment" in response.headers["Content-Disposition"]
        )
    assert _client(app, "anna").get("/daten/export.zip").data[:2] == b"PK"
    assert _client(app).get("/daten/vorlage.xlsx").status_code == 200  # examples only, no data
    with engine.connect() as connection:
        exports = connection.execute(
            select(func.count()).where(tables.audit_log.c.action == accounts.EXPORT)
        ).scalar_one()
    assert exports == 3


def test_auth004_failed_logins_are_rate_limited_per_name_and_address(public):
    app, engine = public
    client = _client(app, ip="10.1.2.3")
    for _ in range(accounts.MAX_FAILURES):
        response = client.post(
            auth.login_action("/daten", "de"), data={"name": "ada", "password": "falsch"}
        )
        assert "fehler=wrong_login" in response.headers["Location"]
    response = client.post(
        auth.login_action("/daten", "de"), data={"name": "ada", "password": PASSWORD}
    )
    assert "fehler=rate_limited" in response.headers["Location"]
    assert auth.SESSION_KEY not in (
        client.get_cookie("netzwerkatlas_session").value
        if client.get_cookie("netzwerkatlas_session")
        else ""
    )
    # Another address is not blocked.
    _client(app, "ada", ip="10.9.9.9")
    with engine.connect() as connection:
        actions = [
            r.action
            for r in connection.execute(
                select(tables.audit_log.c.action).where(tables.audit_log.c.ip == "10.1.2.3")
            )
        ]
    assert actions == [accounts.LOGIN_FAILED] * accounts.MAX_FAILURES + [accounts.LOGIN_BLOCKED]


def test_auth005_login_refuses_foreign_origin_and_open_redirects(public):
    app, _ = public
    client = _client(app)
    response = client.post(
        auth.login_action("/daten", "de"),
        data={"name": "anna", "password": PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    response = client.post(
        auth.LOGIN_ROUTE + "?weiter=//evil.example/x", data={"name": "anna", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/daten"
    assert (
        auth.safe_next("https://evil.example") == "/"
        and auth.safe_next("/karte?von=2020") == "/karte?von=2020"
    )


def test_auth006_private_reading_needs_a_login(private):
    app, _ = private
    anonymous = _client(app)
    response = anonymous.get("/karte?von=2020")
    assert (
        response.status_code == 302
        and response.headers["Location"] == "/login?weiter=%2Fkarte%3Fvon%3D2020"
    )
    login_page = anonymous.get("/login")
    assert login_page.status_code == 200
    # Dash's validation layout (every page's layout, with data) reaches a visitor who may
    # not read yet only as component types and ids.
    for text in ("Die vernetzte Kommune", "Pirmasens", "Quartiersmanagement"):
        assert text not in login_page.get_data(as_text=True)
    assert '"id": "daten-upload"' in login_page.get_data(as_text=True)
    assert anonymous.get("/daten/vorlage.xlsx").status_code == 302
    router = next(key for key in app.callback_map if "_pages_content.children" in key)

    def render(client, path):
        return client.post(
            "/_dash-update-component",
            json={
                "output": router,
                "outputs": [
                    {"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"},
                ],
                "inputs": [
                    {"id": "_pages_location", "property": "pathname", "value": path},
                    {"id": "_pages_location", "property": "search", "value": ""},
                ],
                "changedPropIds": ["_pages_location.pathname"],
                "state": [],
            },
        )

    assert render(anonymous, "/login").status_code == 200
    assert render(anonymous, "/").status_code == 401
    viewer = _client(app, "viktor")
    assert viewer.get("/karte").status_code == 200
    assert "Pirmasens" in viewer.get("/login").get_data(as_text=True)
    assert render(viewer, "/").status_code == 200
    assert viewer.get("/daten/export.xlsx").status_code == 403


def test_auth007_logout_ends_the_session(public):
    app, _engine = public
    client = _client(app, "anna")
    assert client.get("/daten/export.zip").status_code == 200
    response = client.post(auth.logout_action("de"))
    assert response.status_code == 302
    assert client.get("/daten/export.zip").status_code == 302


def test_auth008_secret_key_is_created_once_and_kept_private(tmp_path):
    path = tmp_path / "instance" / "secret_key"
    first = auth.secret_key(Settings(), path)
    assert len(first) == 64 and auth.secret_key(Settings(), path) == first
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert auth.secret_key(Settings(secret_key="gesetzt"), path) == "gesetzt"


def test_auth009_chosen_place_of_an_ambiguous_actor_is_committed(public):
    from dashboard.geo.data import find_place

    app, engine = public
    client = _client(app, "anna")
    bavarian = next(p for p in find_place("Langenfeld") if p["state"] == "09")
    payload = _commit_payload(app, _version(engine))
    csv = b"id,name,type\nlangenfeld-by,Langenfeld,kommune\nlangenfeld-offen,Langenfeld,kommune\n"
    payload["state"][0]["value"] = "data:text/csv;base64," + base64.b64encode(csv).decode()
    ids = [{"type": "daten-place", "actor": a} for a in ("langenfeld-by", "langenfeld-offen")]
    payload["state"][3] = [
        {"id": ids[0], "property": "value", "value": str(bavarian["geonameid"])},
        {"id": ids[1], "property": "value", "value": None},
    ]
    payload["state"][4] = [{"id": i, "property": "id", "value": i} for i in ids]
    response = client.post("/_dash-update-component", json=payload)
    assert "daten-committed" in response.get_data(as_text=True), response.get_data(as_text=True)[
        :500
    ]
    with engine.connect() as connection:
        rows = {
            r.id: (r.lat, r.lon, r.state)
            for r in connection.execute(
                select(tables.actors).where(
                    tables.actors.c.id.in_(["langenfeld-by", "langenfeld-offen"])
                )
            )
        }
    assert rows["langenfeld-by"] == (bavarian["lat"], bavarian["lon"], "09")
    assert rows["langenfeld-offen"] == (None, None, None)  # no choice: no place, never a guess
