"""The login rate limit under parallel attempts, the per-address ceiling, the lockout message,
and sessions that end on logout elsewhere, a password change and disabling, through HTTP
on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db import accounts, tables
from dashboard.web import auth

PASSWORD = "ein sehr langes Passwort"
EXPORT = "/daten/export.zip"


@pytest.fixture
def app(database_url):
    app = create_app(Settings(database_url=database_url, secret_key="test-secret"))
    engine = app.server.extensions["netzwerkatlas"].engine
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
    app.server.test_client().get("/")
    yield app
    engine.dispose()


@pytest.fixture
def password_checks(monkeypatch):
    """How many passwords were checked (against a stored hash or the stand-in for an
    unknown name): what a guesser gets out of the server."""
    count = {"checks": 0}
    lock = threading.Lock()
    real = accounts.check_password_hash

    def counting(stored, password):
        with lock:
            count["checks"] += 1
        return real(stored, password)

    monkeypatch.setattr(accounts, "check_password_hash", counting)
    return count


def _client(app, ip: str):
    client = app.server.test_client()
    client.environ_base["REMOTE_ADDR"] = ip
    return client


def _login(app, name: str, password: str, ip: str = "10.0.0.1", client=None, lang: str = "de"):
    client = client or _client(app, ip)
    return client.post(auth.login_action("/daten", lang), data={"name": name, "password": password})


def _outcome(response) -> str:
    if response.status_code >= 500:
        return str(response.status_code)
    query = parse_qs(urlsplit(response.headers.get("Location", "")).query)
    return query.get(auth.ERROR_PARAM, ["ok"])[0]


def _audit(app, action: str) -> int:
    with app.server.extensions["netzwerkatlas"].engine.connect() as connection:
        log = tables.audit_log
        return connection.execute(select(func.count()).where(log.c.action == action)).scalar_one()


def test_login001_sixty_parallel_wrong_passwords_give_five_checks_and_no_error(
    app, password_checks
):
    with ThreadPoolExecutor(6) as pool:
        outcomes = list(pool.map(lambda _: _outcome(_login(app, "anna", "falsch")), range(60)))
    assert sorted(set(outcomes)) == ["rate_limited", "wrong_login"]  # no 500, no login
    assert outcomes.count("wrong_login") == accounts.MAX_FAILURES
    assert password_checks["checks"] == accounts.MAX_FAILURES
    assert _audit(app, accounts.LOGIN_FAILED) == accounts.MAX_FAILURES
    assert _audit(app, accounts.LOGIN_BLOCKED) == 60 - accounts.MAX_FAILURES
    # The right password is refused too until the window has passed: no check, no session.
    assert _outcome(_login(app, "anna", PASSWORD)) == "rate_limited"
    assert password_checks["checks"] == accounts.MAX_FAILURES


def test_login002_spraying_names_from_one_address_hits_the_address_ceiling(app, password_checks):
    names = [f"gast{index}" for index in range(accounts.MAX_PER_ADDRESS + 10)]
    with ThreadPoolExecutor(6) as pool:
        outcomes = list(
            pool.map(lambda name: _outcome(_login(app, name, "falsch", ip="10.6.6.6")), names)
        )
    assert outcomes.count("wrong_login") == accounts.MAX_PER_ADDRESS
    assert outcomes.count("rate_limited") == 10
    assert password_checks["checks"] == accounts.MAX_PER_ADDRESS
    # Another address is not affected; this one is refused even for a real account.
    assert _outcome(_login(app, "anna", PASSWORD, ip="10.7.7.7")) == "ok"
    assert _outcome(_login(app, "anna", PASSWORD, ip="10.6.6.6")) == "rate_limited"


def test_login003_a_correct_password_clears_the_name_and_gives_back_the_address_slot(
    app, password_checks
):
    for _ in range(accounts.MAX_FAILURES - 1):
        assert _outcome(_login(app, "anna", "falsch")) == "wrong_login"
    assert _outcome(_login(app, "anna", PASSWORD)) == "ok"
    for _ in range(accounts.MAX_FAILURES):
        assert _outcome(_login(app, "anna", "falsch")) == "wrong_login"
    assert _outcome(_login(app, "anna", "falsch")) == "rate_limited"
    with app.server.extensions["netzwerkatlas"].engine.connect() as connection:
        attempts = tables.login_attempts
        per_address = connection.execute(
            select(attempts.c.attempts).where(attempts.c.scope == accounts.ADDRESS_SCOPE)
        ).scalar_one()
    assert (
        per_address == 2 * accounts.MAX_FAILURES - 1
    )  # failures only: the success gave its slot back


def _render_login(app, search: str) -> str:
    """The login page as the pages router renders it in the browser."""
    router = next(key for key in app.callback_map if "_pages_content.children" in key)
    response = app.server.test_client().post(
        "/_dash-update-component",
        json={
            "output": router,
            "outputs": [
                {"id": "_pages_content", "property": "children"},
                {"id": "_pages_store", "property": "data"},
            ],
            "inputs": [
                {"id": "_pages_location", "property": "pathname", "value": auth.LOGIN_PATH},
                {"id": "_pages_location", "property": "search", "value": search},
            ],
            "changedPropIds": ["_pages_location.pathname"],
            "state": [],
        },
    )
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("de", "bis {until} Uhr gesperrt (noch {minutes} Minuten)"),
        ("en", "blocked until {until} (another {minutes} minutes)"),
    ],
)
def test_login004_the_lockout_and_its_end_are_told_in_german_and_english(app, lang, expected):
    for _ in range(accounts.MAX_FAILURES):
        _login(app, "anna", "falsch", lang=lang)
    location = _login(app, "anna", "falsch", lang=lang).headers["Location"]
    query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
    assert query[auth.ERROR_PARAM] == "rate_limited" and query["minuten"] in ("15", "16")
    page = _render_login(app, "?" + urlsplit(location).query)
    assert expected.format(until=query["bis"], minutes=query["minuten"]) in page
    # Values in the address that are not a clock time and minutes are not shown.
    forged = _render_login(app, f"?fehler=rate_limited&minuten=5&bis=<b>jetzt</b>&lang={lang}")
    assert "jetzt" not in forged and expected.format(until="–", minutes="15") in forged


def _logged_in(app, name: str = "anna", password: str = PASSWORD, ip: str = "10.0.0.1"):
    client = _client(app, ip)
    assert _outcome(_login(app, name, password, client=client)) == "ok"
    assert client.get(EXPORT).status_code == 200
    return client


def test_login005_logout_ends_the_sessions_on_every_device(app):
    laptop, phone = _logged_in(app, ip="10.0.0.2"), _logged_in(app, ip="10.0.0.3")
    assert phone.post(auth.logout_action("de")).status_code == 302
    assert laptop.get(EXPORT).status_code == 302  # to the login page
    assert _logged_in(app, ip="10.0.0.2").get(EXPORT).status_code == 200  # a new login works


def test_login006_a_new_password_ends_every_session(app):
    client = _logged_in(app)
    engine = app.server.extensions["netzwerkatlas"].engine
    with engine.begin() as connection:
        accounts.set_password(connection, "anna", PASSWORD + " neu")
    assert client.get(EXPORT).status_code == 302
    assert _outcome(_login(app, "anna", PASSWORD, ip="10.0.0.4")) == "wrong_login"
    _logged_in(app, password=PASSWORD + " neu", ip="10.0.0.4")
    with engine.begin() as connection, pytest.raises(accounts.AccountError) as short:
        accounts.set_password(connection, "anna", "kurz")
    assert short.value.key == "auth.short_password"


def test_login007_disabling_ends_every_session_and_refuses_logins(app):
    client = _logged_in(app)
    with app.server.extensions["netzwerkatlas"].engine.begin() as connection:
        accounts.disable_user(connection, "anna")
    assert client.get(EXPORT).status_code == 302
    assert _outcome(_login(app, "anna", PASSWORD, ip="10.0.0.5")) == "wrong_login"
    with (
        app.server.extensions["netzwerkatlas"].engine.begin() as connection,
        pytest.raises(accounts.AccountError) as unknown,
    ):
        accounts.disable_user(connection, "niemand")
    assert unknown.value.key == "auth.unknown_user"
