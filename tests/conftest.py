"""Shared fixtures: databases on SQLite and PostgreSQL, an app per test, browser options."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import text

from dashboard.config import Settings, normalise_database_url
from dashboard.db.engine import make_engine
from tests.services import postgres_problem, postgres_url

# dash_duo drives Debian's Chromium; no test tool downloads a browser of its own.
os.environ.setdefault("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")


def pytest_setup_options():
    from selenium.webdriver.chrome.options import Options

    options = Options()
    # Without these Chromium keeps trying to reach Google's services, which a closed
    # network refuses; the refusals would show up as console errors.
    for flag in (
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1600,1200",
        # Bootstrap scrolls smoothly unless reduced motion is asked for; a click on an element
        # below the fold would land while the page is still moving.
        "--force-prefers-reduced-motion",
        # The online basemap's host never resolves, with or without internet: the tests see
        # the same unreachable tile server on every machine (tests/browser/test_map_page.py).
        "--host-resolver-rules=MAP basemaps.cartocdn.com ~NOTFOUND, MAP *.basemaps.cartocdn.com ~NOTFOUND",
    ):
        options.add_argument(flag)
    return options


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """A fresh, empty database: a SQLite file, or a throw-away schema on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    problem = postgres_problem()
    if problem:
        pytest.skip(problem)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    base = normalise_database_url(postgres_url())
    admin = make_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Settings for an app on its own SQLite file, seeded on first start."""
    return Settings(database_url=f"sqlite:///{tmp_path / 'app.db'}")


@pytest.fixture
def dash_duo(dash_duo):
    """dash_duo with a longer wait: CI machines are shared and a first page load can be slow.
    A wait is a limit, not a measured time: a fast page still passes at once."""
    dash_duo._wait_timeout = 40
    return dash_duo
