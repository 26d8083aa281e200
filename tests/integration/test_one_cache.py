"""The app's one cache (dashboard/cache): both backends for real (Redis at TEST_REDIS_URL,
skipped with the reason when unreachable), invalidation by an import and an undo, the
counters per view, and /status for admins only."""

from __future__ import annotations

import dataclasses
import uuid

import pandas as pd
import pytest
from sqlalchemy import func, select

from dashboard import create_app
from dashboard.cache.versioned import Cache
from dashboard.config import Settings
from dashboard.db import accounts, tables
from dashboard.web import auth
from dashboard.web.context import EXTENSION_KEY
from tests import services
from tests.integration.db_state import run_cli

PASSWORD = "ein sehr langes Passwort"


@pytest.fixture(params=["memory", "redis"])
def cache(request, tmp_path) -> Cache:
    if request.param == "memory":
        return Cache.from_settings(Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}"))
    problem = services.redis_problem()
    if problem:
        pytest.skip(problem)
    # A database URL of its own: a namespace no other test run shares in this Redis.
    return Cache.from_settings(
        Settings(
            database_url=f"sqlite:////tmp/{uuid.uuid4().hex}.db", redis_url=services.redis_url()
        )
    )


def test_one001_entries_are_kept_per_version_counted_per_view_and_dropped_for_a_new_version(
    cache,
):
    assert cache.shared.name in ("memory", "redis")
    assert cache.read("v1", "answer", ("?a",)) is None
    cache.write("v1", "answer", ("?a",), b"first")
    assert cache.read("v1", "answer", ("?a",)) == b"first"
    assert cache.read("v1", "answer", ("?b",)) is None  # other state
    assert cache.read("v2", "answer", ("?a",)) is None  # other data version
    assert cache.read("v1", "pdf", ("?a",)) is None  # other view
    status = cache.status()
    assert status["backend"] == cache.shared.name
    assert status["entries"][cache.shared.name] == 1
    assert status["views"] == {
        "answer": {"hits": 1, "misses": 3},
        "pdf": {"hits": 0, "misses": 1},
    }

    cache.write("v2", "answer", ("?a",), b"second")
    cache.new_version("v2")
    assert cache.status()["entries"][cache.shared.name] == 1
    assert cache.read("v1", "answer", ("?a",)) is None
    assert cache.read("v2", "answer", ("?a",)) == b"second"


def test_one002_objects_stay_in_this_process_computed_once_and_handed_out_as_copies(cache):
    calls = []

    def compute():
        calls.append(1)
        return pd.DataFrame({"n": [1, 2]})

    first = cache.local("v1", "frame", "filters", compute)
    first.loc[0, "n"] = 99
    again = cache.local("v1", "frame", "filters", compute)
    assert len(calls) == 1 and again["n"].tolist() == [1, 2]
    assert cache.status()["views"]["frame"] == {"hits": 1, "misses": 1}
    cache.new_version("v2")
    cache.local("v1", "frame", "filters", compute)
    assert len(calls) == 2


def _newest_batch(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.max(tables.import_batches.c.id))).scalar_one()


def test_one003_an_import_and_its_undo_each_make_derived_values_new(settings, tmp_path):
    app = create_app(settings)
    context = app.server.extensions[EXTENSION_KEY]
    names = []

    def first_name(frames):
        names.append(1)
        return str(frames["actors"].set_index("id").loc["pirmasens", "name"])

    assert context.store.snapshot().derived("test.name", first_name) == "Pirmasens"
    assert context.store.snapshot().derived("test.name", first_name) == "Pirmasens"
    assert len(names) == 1
    old_version = context.store.version()

    file = tmp_path / "actors.csv"
    file.write_text(
        "id,name,type,ags,state,city,lat,lon\n"
        "pirmasens,Pirmasens (neu),kommune,07317000,07,Pirmasens,49.20145,7.60529\n",
        encoding="utf-8",
    )
    result = run_cli(settings.database_url, "import", str(file))
    assert result.returncode == 0, result.stderr
    assert context.store.snapshot().derived("test.name", first_name) == "Pirmasens (neu)"
    assert len(names) == 2
    # The entries of the old version are gone, not just unreachable.
    old_key = context.cache.key(old_version, "test.name", None)
    assert context.cache.local_backend.get(old_key) is None

    result = run_cli(settings.database_url, "undo", str(_newest_batch(context.engine)))
    assert result.returncode == 0, result.stderr
    assert context.store.snapshot().derived("test.name", first_name) == "Pirmasens"
    assert len(names) == 3


@pytest.fixture
def staffed_app(settings):
    app = create_app(dataclasses.replace(settings, secret_key="status-test"))
    with app.server.extensions[EXTENSION_KEY].engine.begin() as connection:
        for name, role in (("ada", "admin"), ("anna", "editor"), ("viktor", "viewer")):
            accounts.create_user(connection, name, PASSWORD, role)
    app.server.test_client().get("/")
    return app


def _client(app, user: str | None):
    client = app.server.test_client()
    if user:
        response = client.post(
            auth.login_action("/daten", "de"), data={"name": user, "password": PASSWORD}
        )
        assert response.status_code == 302 and "fehler" not in response.headers["Location"]
    return client


def test_one004_status_shows_the_cache_to_admins_only(staffed_app):
    context = staffed_app.server.extensions[EXTENSION_KEY]
    with staffed_app.server.app_context():
        for _ in range(3):
            context.store.snapshot().derived("test.count", lambda frames: len(frames["actors"]))

    response = _client(staffed_app, "ada").get("/status")
    assert response.status_code == 200
    status = response.get_json()
    assert status["data_version"] == context.store.version()
    assert status["cache"]["backend"] == "memory"
    assert status["cache"]["views"]["test.count"] == {"hits": 2, "misses": 1}
    assert status["cache"]["entries"]["memory"] >= 1

    for user in ("anna", "viktor"):
        refused = _client(staffed_app, user).get("/status")
        assert refused.status_code == 403 and b"test.count" not in refused.data
    anonymous = _client(staffed_app, None).get("/status")
    assert anonymous.status_code == 302 and auth.LOGIN_PATH in anonymous.headers["Location"]
