"""The actor edit and merge callbacks check the role on the server (Flask test client, real
callbacks): anonymous visitors and viewers change nothing, an editor's change is a batch."""

from __future__ import annotations

import pytest

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db import accounts
from dashboard.db.engine import make_engine
from dashboard.web import auth
from tests.integration.db_state import every_row

PASSWORD = "ein sehr langes Passwort"
EDIT = {
    "profile-edit-name": "Umbenannt",
    "profile-edit-type": "kommune",
    "profile-edit-city": "Pirmasens",
    "profile-edit-state": "07",
    "profile-edit-ags": "07317000",
    "profile-edit-lat": "49,2",
    "profile-edit-lon": "7,6",
    "profile-edit-aliases": ["Stadt Pirmasens"],
    "profile-actor": "pirmasens",
    "url": "",
}
MERGE = {
    "profile-merge-other": "langenfeld-rheinland",
    "profile-merge-version": None,
    "profile-actor": "pirmasens",
    "url": "",
}


@pytest.fixture(scope="module")
def app_and_engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("app")
    url = f"sqlite:///{folder / 'app.db'}"
    app = create_app(Settings(database_url=url, secret_key="test-secret"))
    engine = make_engine(url)
    with engine.begin() as connection:
        for name, role in (("anna", "editor"), ("viktor", "viewer")):
            accounts.create_user(connection, name, PASSWORD, role)
    app.server.test_client().get("/")  # the first request sets up Dash's routes and callbacks
    yield app, engine
    engine.dispose()


def _client(app, user: str | None):
    client = app.server.test_client()
    if user:
        response = client.post(
            auth.login_action("/daten", "de"), data={"name": user, "password": PASSWORD}
        )
        assert response.status_code == 302
    return client


def _call(app, client, output_fragment: str, trigger: str, values: dict) -> str:
    """Run the callback whose outputs contain `output_fragment`, as the browser would."""
    key = next(k for k in app.callback_map if output_fragment in k)
    spec = app.callback_map[key]
    outputs = [part.split("@")[0].rsplit(".", 1) for part in key.strip(".").split("...")]
    payload = {
        "output": key,
        "outputs": [{"id": i, "property": p} for i, p in outputs],
        "inputs": [{**item, "value": 1} for item in spec["inputs"]],
        "changedPropIds": [f"{trigger}.n_clicks"],
        "state": [{**item, "value": values[item["id"]]} for item in spec["state"]],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_data(as_text=True)


def _merge_version(engine) -> str:
    from dashboard.db import repository

    with engine.connect() as connection:
        return repository.data_version(connection)


@pytest.mark.parametrize("user", [None, "viktor"], ids=["anonymous", "viewer"])
def test_actauth001_edit_and_merge_refuse_anonymous_and_viewer(app_and_engine, user):
    app, engine = app_and_engine
    client = _client(app, user)
    before = every_row(engine)
    assert "profile-refused" in _call(
        app, client, "profile-edit-problems.children@", "profile-edit-save", EDIT
    )
    merge = {**MERGE, "profile-merge-version": _merge_version(engine)}
    assert "profile-refused" in _call(
        app, client, "profile-merge-summary.children@", "profile-merge-confirm", merge
    )
    assert every_row(engine) == before


def test_actauth002_editor_edit_and_merge_are_batches(app_and_engine):
    app, engine = app_and_engine
    client = _client(app, "anna")
    body = _call(app, client, "profile-edit-problems.children@", "profile-edit-save", EDIT)
    assert "Gespeichert als Änderung" in body and "Umbenannt" in body
    merge = {**MERGE, "profile-merge-version": _merge_version(engine)}
    body = _call(app, client, "profile-merge-summary.children@", "profile-merge-confirm", merge)
    assert "Zusammengeführt als Änderung" in body
    batches = every_row(engine)["import_batches"]
    assert [(row[2], row[3]) for row in batches[-2:]] == [
        ("anna", "Akteur bearbeitet: Umbenannt"),
        ("anna", "Zusammengeführt: Langenfeld (Rheinland) → Umbenannt"),
    ]
