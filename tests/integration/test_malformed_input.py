"""No 5xx for anything a client can send: every registered server callback gets malformed
variants of a plausible request (missing inputs, values of the wrong type, huge strings,
unknown pattern ids, hostile addresses), as an editor, so that the checks behind the role
check run too; every route gets hostile query strings. Shape errors are refused with 400
(dashboard/web/callback_check.py), values are each callback's to handle."""

from __future__ import annotations

import copy

import pytest

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db import accounts
from dashboard.web import auth
from tests.integration import callback_requests as requests

PASSWORD = "ein sehr langes Passwort"
HUGE = "x" * 300_000
WRONG_TYPES = ({"nested": {"deep": [1, 2]}}, [1, "zwei", None], 10**30, -1, True, "kein Wert")
BAD_SEARCH = (
    "?von=abc&bis=-1&jahr=99999999999999999999&ebene=<script>&lang=xx&satz=%C2%B2"
    "&folien=!!!&akteur=%00&typ=a,,b&land=999&thema=" + "y" * 5000
)
BAD_PATHS = (
    "/akteur/%00",
    "/akteur/" + "x" * 5000,
    "/veranstaltung/abc",
    "/veranstaltung/99999999999999999999999",
    "/praesentation",
    "/karte",
    "/daten",
    "//evil.example",
)
# Query strings for every GET route; the saved-deck parameter is tried with digits that
# are no number to Python's int() and with a number no database integer holds.
BAD_QUERIES = (
    "?satz=%C2%B2",
    "?satz=99999999999999999999999999",
    "?folien=%FF%FE%00",
    "?folien=" + "A" * 20000,
    "?lang=<x>&weiter=//evil.example",
    "?jahr=1e999&ebene=gemeinde&wert=je100000&ansicht=regionen",
)


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    folder = tmp_path_factory.mktemp("malformed")
    app = create_app(
        Settings(database_url=f"sqlite:///{folder / 'app.db'}", secret_key="test-secret")
    )
    engine = app.server.extensions["netzwerkatlas"].engine
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
    client = app.server.test_client()
    client.get("/")
    response = client.post(
        auth.login_action("/", "de"), data={"name": "anna", "password": PASSWORD}
    )
    assert response.status_code == 302
    return app, engine, client


def _values(item):
    """The value-carrying dicts of one input or state (a list for ALL patterns)."""
    return item if isinstance(item, list) else [item]


def _with_every_value(payload: dict, value) -> dict:
    changed = copy.deepcopy(payload)
    for part in ("inputs", "state"):
        for item in changed[part]:
            for entry in _values(item):
                entry["value"] = value
    return changed


def _with_unknown_ids(payload: dict) -> dict:
    changed = copy.deepcopy(payload)
    for part in ("inputs", "state"):
        for item in changed[part]:
            for entry in _values(item):
                if isinstance(entry["id"], dict):
                    entry["id"] = {
                        key: (value if key == "type" else "unbekannt-4711")
                        for key, value in entry["id"].items()
                    }
    return changed


def _with_addresses(payload: dict) -> list[dict]:
    """The request with a hostile query string, and (for the page router) hostile paths."""
    variants = []
    for text in (BAD_SEARCH, *BAD_PATHS):
        changed = copy.deepcopy(payload)
        touched = False
        for item in changed["inputs"] + changed["state"]:
            for entry in _values(item):
                prop = entry["property"]
                if (prop == "search" and text == BAD_SEARCH) or (
                    prop == "pathname" and text != BAD_SEARCH
                ):
                    entry["value"], touched = text, True
        if touched:
            variants.append(changed)
    return variants


def _variants(payload: dict) -> list[dict]:
    shapes = [
        {**payload, "inputs": [], "state": []},
        {key: value for key, value in payload.items() if key != "output"},
        {**payload, "output": payload["output"] + "-unbekannt"},
        {**payload, "changedPropIds": [{"not": "a string"}]},
        {
            **payload,
            "inputs": payload["inputs"] + [{"id": "extra", "property": "value", "value": 1}],
        },
        {**payload, "inputs": [None] * len(payload["inputs"])},
        {**payload, "outputs": "kein Output"},
    ]
    values = [_with_every_value(payload, value) for value in (*WRONG_TYPES, HUGE, None)]
    return shapes + values + [_with_unknown_ids(payload)] + _with_addresses(payload)


def test_bad001_malformed_callback_requests_never_get_a_5xx(editor):
    app, engine, client = editor
    failures = []
    for name, _entry, make in requests.calls(app, engine):
        for payload in make():
            for variant in _variants(payload):
                response = client.post(requests.DISPATCH, json=variant)
                if response.status_code >= 500:
                    failures.append((name, str(variant)[:200]))
    assert failures == []


def test_bad002_bodies_that_are_no_callback_request_get_400(editor):
    app, _engine, client = editor
    for body in ([], "text", 17, None, {"output": 5}):
        assert client.post(requests.DISPATCH, json=body).status_code == 400
    assert (
        client.post(
            requests.DISPATCH, data="{kein json", content_type="application/json"
        ).status_code
        == 400
    )
    # Deeper than the JSON parser's recursion limit: Flask's silent parsing does not catch that.
    assert (
        client.post(
            requests.DISPATCH, data="[" * 100_000, content_type="application/json"
        ).status_code
        == 400
    )
    # Numbers no browser sends (JavaScript has no exact integers beyond 2**53).
    payload = requests.payloads(
        app, *requests.server_callbacks(app)[0], requests.Plausible.read(_engine)
    )[0]
    assert (
        client.post(requests.DISPATCH, json=_with_every_value(payload, 10**30)).status_code == 400
    )
    assert (
        client.post(requests.DISPATCH, data=b"\xff\xfe", content_type="text/plain").status_code
        < 500
    )


def test_bad003_hostile_query_strings_on_every_route_never_get_a_5xx(editor):
    app, _engine, client = editor
    adapter = app.server.url_map.bind("localhost")
    failures = []
    for rule in app.server.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        url = adapter.build(rule.endpoint, dict.fromkeys(rule.arguments, "x"))
        for query in BAD_QUERIES:
            response = client.get(url + query)
            if response.status_code >= 500:
                failures.append((url + query)[:120])
    assert failures == []
