"""UPLOAD_MAX_MB is one setting: the upload fields, the server's refusals and the request
size limit all follow it (here 2 MB instead of the default 10)."""

from __future__ import annotations

import base64
import json

import pytest

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db import accounts
from dashboard.web import auth

PASSWORD = "ein sehr langes Passwort"
LIMIT_MB = 2
LIMIT_BYTES = LIMIT_MB * 1024 * 1024
UPDATE = "/_dash-update-component"


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    folder = tmp_path_factory.mktemp("upload-limit")
    app = create_app(
        Settings(
            database_url=f"sqlite:///{folder / 'app.db'}",
            secret_key="test-secret",
            upload_max_mb=LIMIT_MB,
            costly_rate_limit="1000/minute",
        )
    )
    engine = app.server.extensions["netzwerkatlas"].engine
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
    client = app.server.test_client()
    client.get("/")
    login = client.post(auth.login_action("/", "de"), data={"name": "anna", "password": PASSWORD})
    assert login.status_code == 302
    return app, client


def _callback(app, fragment: str, inputs: list[dict], state: list[dict]) -> dict:
    key = next(key for key in app.callback_map if fragment in key)
    outputs = [
        {"id": o.split(".")[0], "property": o.split(".")[1]} for o in key.strip(".").split("...")
    ]
    changed = [f"{inputs[0]['id']}.{inputs[0]['property']}"]
    return {
        "output": key,
        "outputs": outputs,
        "inputs": inputs,
        "state": state,
        "changedPropIds": changed,
    }


def _uploads(node) -> list[dict]:
    """Every dcc.Upload in a serialised layout, as its props."""
    if isinstance(node, list):
        return [found for child in node for found in _uploads(child)]
    if not isinstance(node, dict):
        return []
    own = [node["props"]] if node.get("type") == "Upload" else []
    return own + [found for value in node.values() for found in _uploads(value)]


def _page(app, client, path: str) -> str:
    payload = _callback(
        app,
        "_pages_content.children",
        [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": ""},
        ],
        [],
    )
    response = client.post(UPDATE, json=payload)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_upl001_every_upload_field_takes_the_configured_limit(editor):
    app, client = editor
    fields = {}
    for path in ("/daten", "/karte"):
        body = _page(app, client, path)
        assert f"{LIMIT_MB} MB" in body and "10 MB" not in body, path
        fields |= {props["id"]: props["max_size"] for props in _uploads(json.loads(body))}
    assert set(fields) >= {"daten-upload", "liste-upload", "map-upload"}
    assert set(fields.values()) == {LIMIT_BYTES}


def _data_url(size: int) -> str:
    data = b"id,name,type\n" + b"a" * (size - 13)
    return "data:text/csv;base64," + base64.b64encode(data).decode()


def test_upl002_the_server_refuses_files_over_the_limit_and_not_under_it(editor):
    app, client = editor

    def preview(size: int) -> str:
        payload = _callback(
            app,
            "daten-preview.children",
            [
                {"id": "daten-upload", "property": "contents", "value": _data_url(size)},
                {"id": "daten-mode", "property": "value", "value": "merge"},
            ],
            [
                {"id": "daten-upload", "property": "filename", "value": "actors.csv"},
                {"id": "url", "property": "search", "value": ""},
            ],
        )
        response = client.post(UPDATE, json=payload)
        assert response.status_code == 200
        return response.get_data(as_text=True)

    refusal = f"größer als {LIMIT_MB} MB"
    assert refusal in preview(LIMIT_BYTES + 1)
    assert refusal not in preview(LIMIT_BYTES - 1024)

    def boundaries(size: int) -> str:
        contents = "data:application/json;base64," + base64.b64encode(b" " * size).decode()
        payload = _callback(
            app,
            "map-upload-message.children",
            [{"id": "map-upload", "property": "contents", "value": contents}],
            [
                {"id": "map-upload", "property": "filename", "value": "kreise.geojson"},
                {"id": "map-upload-level", "property": "value", "value": "kreis"},
                {"id": "url", "property": "search", "value": ""},
            ],
        )
        response = client.post(UPDATE, json=payload)
        assert response.status_code == 200
        return response.get_data(as_text=True)

    assert refusal in boundaries(LIMIT_BYTES + 1)
    assert refusal not in boundaries(LIMIT_BYTES - 1024)


def test_upl003_the_request_limit_leaves_room_for_a_base64_file_at_the_limit():
    for mb in (1, 10, 50):
        settings = Settings(upload_max_mb=mb)
        assert settings.upload_max_bytes == mb * 1024 * 1024
        assert len(_data_url(settings.upload_max_bytes)) < settings.request_max_bytes
    assert (
        Settings(upload_max_mb=50).request_max_bytes > Settings(upload_max_mb=10).request_max_bytes
    )
