"""Shared fixtures: databases on SQLite and PostgreSQL, an app per test, browser options."""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

import pytest
from dash.testing.application_runners import BaseDashRunner
from dash.testing.browser import Browser
from sqlalchemy import text

from dashboard.config import Settings, normalise_database_url
from dashboard.db.engine import make_engine
from dashboard.db.setup import prepare
from dashboard.sample.small import generate
from tests.chromium import BorrowedBrowserComposite, Chromium
from tests.services import postgres_problem, postgres_url

# dash_duo drives Debian's Chromium; no test tool downloads a browser of its own.
os.environ.setdefault("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")


def pytest_configure(config):
    # Every Dash test server takes the next port from a class counter; with pytest-xdist each
    # worker is its own process, so each starts its counter in a range of its own.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    BaseDashRunner._next_port = 20000 + 1000 * int(worker.removeprefix("gw"))


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


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    """The migrated and seeded sample database, built once per test process."""
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    engine = make_engine(f"sqlite:///{path}")
    prepare(engine, generate)
    # Closing the last connection folds the write-ahead log into the file, so one file is
    # the whole database.
    engine.dispose()
    return path


@pytest.fixture
def seeded_sqlite(seeded_template, tmp_path) -> str:
    """URL of this test's own copy of the seeded SQLite database."""
    path = tmp_path / "app.db"
    shutil.copyfile(seeded_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def settings(seeded_sqlite) -> Settings:
    """Settings for an app on its own copy of the seeded SQLite database."""
    return Settings(database_url=seeded_sqlite)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture(scope="session")
def chromium(request):
    """The test process's one Chromium (tests/chromium.py), quit when the process ends."""

    def start():
        return Browser(
            browser=request.config.getoption("webdriver"),
            headless=request.config.getoption("headless"),
            options=request.config.hook.pytest_setup_options(),
            percy_run=False,
        ).driver

    browser = Chromium(start)
    yield browser
    browser.quit()


@pytest.fixture
def dash_duo(request, dash_thread_server, chromium, tmp_path):
    """dash_duo on the process's Chromium, with a longer wait (CI machines are shared and a
    first page load can be slow; a wait is a limit, not a measured time). Every test ends by
    checking Chromium's console: an error it did not declare with `console_errors` fails it."""
    download = tmp_path / "download"
    download.mkdir()
    with BorrowedBrowserComposite(
        server=dash_thread_server,
        chromium=chromium,
        download_path=str(download),
        browser=request.config.getoption("webdriver"),
        headless=request.config.getoption("headless"),
        percy_run=False,
        wait_timeout=40,
    ) as dash_duo:
        yield dash_duo
        _check_console(request, dash_duo)


def _check_console(request, dash_duo) -> None:
    if getattr(request.node, "call_failed", True):
        return
    marker = request.node.get_closest_marker("console_errors")
    expected = [re.compile(pattern) for pattern in (marker.args if marker else ())]
    unexpected = [
        entry["message"]
        for entry in dash_duo.get_logs()
        if not any(pattern.search(entry["message"]) for pattern in expected)
    ]
    assert unexpected == [], "console errors at the end of the test"
