"""The published site served by `python -m http.server`, not by the app: every chosen chart
draws in Chromium, nothing is requested outside that server, no console error."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import cli
from dashboard.publish.site import MANIFEST

pytestmark = pytest.mark.browser

# The published pages' own charts, and every address the page itself loaded (documents,
# scripts, styles, the figure files).
_CHARTS = "return [document.querySelectorAll('.published-chart').length,"
_CHARTS += " document.querySelectorAll('.published-chart.is-drawn .main-svg').length > 0"
_CHARTS += " ? document.querySelectorAll('.published-chart.is-drawn').length : 0];"
_LOADED = "return [location.href, ...performance.getEntriesByType('resource').map(e => e.name)];"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def published(seeded_sqlite, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("DATABASE_URL", seeded_sqlite)
    folder = tmp_path / "site"
    assert cli.main(["publish", str(folder)]) == 0
    return folder


@pytest.fixture
def static_server(published) -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=published,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        WebDriverWait(None, 20, ignored_exceptions=(OSError,)).until(
            lambda _: urllib.request.urlopen(base, timeout=2).status == 200
        )
        yield base
    finally:
        server.terminate()
        server.wait(10)


def test_pub030_every_published_chart_draws_from_the_static_server_alone(
    dash_duo, published, static_server
):
    entries = json.loads((published / MANIFEST).read_text(encoding="utf-8"))["pages"]
    charts = {entry["file"]: len(entry["charts"]) for entry in entries}
    assert list(charts) == ["index.html", "karte.html", "netzwerk.html", "teilnahme.html"]
    origin = urlparse(static_server).netloc
    for page, count in charts.items():
        dash_duo.driver.get(static_server + page)
        WebDriverWait(dash_duo.driver, 40).until(
            lambda driver, count=count: driver.execute_script(_CHARTS) == [count, count]
        )
        assert dash_duo.driver.find_elements(By.CSS_SELECTOR, ".published-chart.is-failed") == []
        loaded = dash_duo.driver.execute_script(_LOADED)
        assert [url for url in loaded if urlparse(url).netloc != origin] == [], page
        assert dash_duo.driver.find_element(By.ID, "sample-badge").text == "Beispieldaten"
    assert dash_duo.get_logs() == []
