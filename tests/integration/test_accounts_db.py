"""Accounts, rate limit and audit log on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from dashboard.db import accounts, tables
from dashboard.db.engine import make_engine
from dashboard.db.setup import prepare

PASSWORD = "ein sehr langes Passwort"


@pytest.fixture
def db(engine):
    prepare(engine, None)
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
    return engine


def test_acc001_login_checks_the_hash_and_records_it(db):
    user = accounts.authenticate(db, "anna", PASSWORD, "10.0.0.1")
    assert (user.name, user.role, user.can("viewer"), user.can("editor"), user.can("admin")) == (
        "anna",
        "editor",
        True,
        True,
        False,
    )
    with pytest.raises(accounts.AccountError) as wrong:
        accounts.authenticate(db, "anna", "falsch", "10.0.0.1")
    assert wrong.value.key == "auth.wrong_login"
    with pytest.raises(accounts.AccountError):
        accounts.authenticate(db, "niemand", PASSWORD, "10.0.0.1")
    with db.connect() as connection:
        rows = [
            (r.user_name, r.action, r.ip)
            for r in connection.execute(select(tables.audit_log).order_by(tables.audit_log.c.id))
        ]
        stored = connection.execute(select(tables.users.c.password_hash)).scalar_one()
    assert rows[-3:] == [
        ("anna", "login", "10.0.0.1"),
        ("anna", "login_failed", "10.0.0.1"),
        ("niemand", "login_failed", "10.0.0.1"),
    ]
    assert PASSWORD not in stored


def test_acc002_rate_limit_holds_across_processes_and_expires(db, database_url):
    other_worker = make_engine(database_url)
    try:
        for engine in [db, other_worker] * 3:
            with pytest.raises(accounts.AccountError):
                accounts.authenticate(engine, "anna", "falsch", "10.0.0.2")
        with pytest.raises(accounts.AccountError) as blocked:
            accounts.authenticate(other_worker, "anna", PASSWORD, "10.0.0.2")
        assert (
            blocked.value.key == "auth.rate_limited" and 1 <= blocked.value.params["minutes"] <= 15
        )
        # When the window has passed, the right password works again.
        old = dt.datetime.now(dt.UTC) - accounts.WINDOW - dt.timedelta(minutes=1)
        with db.begin() as connection:
            connection.execute(update(tables.login_attempts).values(window_start=old))
        assert accounts.authenticate(db, "anna", PASSWORD, "10.0.0.2").name == "anna"
    finally:
        other_worker.dispose()


def test_acc003_disabled_or_replaced_accounts(db):
    with db.begin() as connection:
        with pytest.raises(accounts.AccountError):
            accounts.create_user(connection, "anna", PASSWORD, "admin")
        user = accounts.create_user(connection, "anna", PASSWORD + "!", "admin", replace=True)
        assert accounts.get_user(connection, user.id).role == "admin"
        connection.execute(update(tables.users).values(disabled_at=dt.datetime.now(dt.UTC)))
        assert accounts.get_user(connection, user.id) is None
    with pytest.raises(accounts.AccountError):
        accounts.authenticate(db, "anna", PASSWORD + "!", "10.0.0.3")
