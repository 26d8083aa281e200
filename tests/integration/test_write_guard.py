"""No write without the role: every registered server callback and every Flask route of an
app built by the app factory is called as a visitor and as a logged-in viewer, with
plausible values (real files for uploads, the newest batch for undo, a ready preview for
the import, a named deck for saving), and no stored table may change.

The callbacks and routes come from the app's own registries (Dash's callback map and
Flask's URL map), so a write callback added later without `auth.writer` fails here without
anyone listing it. The editor's run shows that the same requests do reach the writes.
audit_log and login_attempts are left out of the comparison: a failed login is recorded
there on purpose (the login limits count those rows)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db import accounts, tables
from dashboard.db.boundaries import save_boundaries
from dashboard.db.decks import save_deck
from dashboard.exchange import parse_bytes
from dashboard.exchange.commit import commit
from dashboard.geo.boundaries import read_boundaries
from dashboard.presentation.deck import Deck, Slide
from dashboard.web import auth
from tests.integration import callback_requests as requests
from tests.integration.db_state import every_row

PASSWORD = "ein sehr langes Passwort"
STORED_TABLES = tuple(
    name for name in tables.metadata.tables if name not in ("audit_log", "login_attempts")
)
# Path arguments of the app's routes; a route with an argument not named here gets "x".
ROUTE_ARGUMENTS = {
    "filename": "css/bootstrap.min.css",
    "name": "kreis",
    "path": "karte",
    "package_name": "dash",
    "fingerprinted_path": "dash-renderer/build/dash_renderer.min.js",
}


@pytest.fixture
def app_and_engine(database_url):
    """The sample data plus one import batch, stored boundaries and a saved deck, so that
    undo, replacing boundaries and overwriting a deck all have something to change."""
    # The editor's run sends every upload callback a request: more than the upload rate limit
    # lets one client send (that limit has its own tests in test_costly_work.py).
    app = create_app(
        Settings(
            database_url=database_url, secret_key="test-secret", costly_rate_limit="10000/minute"
        )
    )
    engine = app.server.extensions["netzwerkatlas"].engine
    with engine.begin() as connection:
        for user, role in (("viktor", "viewer"), ("anna", "editor")):
            accounts.create_user(connection, user, PASSWORD, role)
    commit(engine, parse_bytes(requests.ACTORS_CSV, "actors.csv"), user="anna")
    content = requests.json.dumps(requests.GEOJSON).encode()
    save_boundaries(
        engine, read_boundaries(content, "kreise.geojson", "kreis"), "anna", "kreise.geojson"
    )
    save_deck(engine, Deck(name="Geprüfter Satz", slides=(Slide(path="/karte"),)), "anna")
    app.server.test_client().get("/")  # Dash sets up its callbacks and validation layout
    return app, engine


def _client(app, user: str | None):
    client = app.server.test_client()
    if user:
        response = client.post(
            auth.login_action("/", "de"), data={"name": user, "password": PASSWORD}
        )
        assert response.status_code == 302
    return client


# Logging out (or in again) ends the user's own sessions by raising their session version:
# that is the user acting on their own account, not a write to the stored data.
_SESSION_VERSION = list(tables.users.c.keys()).index("session_version")


def _stored(engine) -> dict[str, list]:
    rows = every_row(engine, STORED_TABLES)
    rows["users"] = [row[:_SESSION_VERSION] + row[_SESSION_VERSION + 1 :] for row in rows["users"]]
    return rows


def _changed(before: dict, after: dict) -> list[str]:
    return [name for name in STORED_TABLES if before[name] != after[name]]


def _call_every_callback(app, engine, client) -> dict[str, list[str]]:
    """Callback name → the tables its requests changed (only those that changed some)."""
    changes: dict[str, list[str]] = {}
    for name, _entry, make in requests.calls(app, engine):
        before = _stored(engine)
        for payload in make():
            response = client.post(requests.DISPATCH, json=payload)
            assert response.status_code < 500, (
                name,
                payload["changedPropIds"],
                response.get_data(as_text=True)[:300],
            )
        changed = _changed(before, _stored(engine))
        if changed:
            changes[name] = sorted(set(changes.get(name, [])) | set(changed))
    return changes


def _route_urls(app) -> list[tuple[str, str]]:
    """(method, URL) of every route but Dash's callback route, with plausible arguments."""
    adapter = app.server.url_map.bind("localhost")
    urls = []
    for rule in app.server.url_map.iter_rules():
        if rule.rule == requests.DISPATCH:
            continue  # every callback is called above, with its own payload
        url = adapter.build(
            rule.endpoint,
            {argument: ROUTE_ARGUMENTS.get(argument, "x") for argument in rule.arguments},
        )
        urls.extend((method, url) for method in ("GET", "POST") if method in rule.methods)
    return urls


@pytest.mark.parametrize("user", [None, "viktor"], ids=["visitor", "viewer"])
def test_guard001_no_callback_writes_for_a_visitor_or_a_viewer(app_and_engine, user):
    app, engine = app_and_engine
    assert len(requests.server_callbacks(app)) > 30  # the registry was read, not an empty map
    changes = _call_every_callback(app, engine, _client(app, user))
    assert changes == {}


@pytest.mark.parametrize("user", [None, "viktor"], ids=["visitor", "viewer"])
def test_guard002_no_route_writes_for_a_visitor_or_a_viewer(app_and_engine, user):
    app, engine = app_and_engine
    urls = _route_urls(app)
    assert ("POST", auth.LOGIN_ROUTE) in urls and ("GET", "/daten/export.xlsx") in urls
    before = _stored(engine)
    for method, url in urls:
        client = _client(app, user)  # a fresh session each: the logout route ends it
        form = {"name": user or "viktor", "password": PASSWORD}
        response = client.open(url, method=method, data=form if method == "POST" else None)
        assert response.status_code < 500, (method, url)
    assert _changed(before, _stored(engine)) == []


def test_guard003_the_same_requests_reach_every_write_for_an_editor(app_and_engine):
    """Shows that the requests above are plausible enough to write: for an editor they
    import, undo, replace boundaries and save the deck, each recorded with her name."""
    app, engine = app_and_engine
    with engine.connect() as connection:
        last_batch = connection.execute(select(func.max(tables.import_batches.c.id))).scalar_one()
        last_log = connection.execute(select(func.max(tables.audit_log.c.id))).scalar_one()
    changes = _call_every_callback(app, engine, _client(app, "anna"))
    assert {
        "pages.map.upload_boundaries",
        "pages.data.commit_upload",
        "pages.data.undo_batch",
        "pages.presentation.save",
    } <= set(changes), changes
    with engine.connect() as connection:
        batches = connection.execute(
            select(tables.import_batches.c.user, tables.import_batches.c.summary).where(
                tables.import_batches.c.id > last_batch
            )
        ).all()
        logged = set(
            connection.execute(
                select(tables.audit_log.c.user_name, tables.audit_log.c.action).where(
                    tables.audit_log.c.id > last_log
                )
            )
        )
        deck_users = set(connection.execute(select(tables.decks.c.user_name)).scalars())
    assert {user for user, _summary in batches} == {"anna"}
    assert any("boundaries" in summary for _user, summary in batches)  # the /karte upload
    assert {
        ("anna", accounts.IMPORT),
        ("anna", accounts.UNDO),
        ("anna", accounts.BOUNDARIES),
    } <= logged
    assert deck_users == {"anna"}
