"""Every page on the national-scale sample (16,881 actors), in Chromium at 1280×720, a
laptop or projector: the main chart shows at least 300 px without scrolling, nothing is
wider than the window, no two text labels of a chart overlap and no mode bar lies over a
chart, on load and after the page's main interaction. How long the browser is busy is measured, not asserted, by
`python -m benchmarks.readability` (docs/performance.md)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from dash.testing.wait import until

from benchmarks.readability import LAYOUT, PAGES
from dashboard import create_app
from dashboard.config import Settings

ROOT = Path(__file__).resolve().parents[2]
# The database takes half a minute to build: every test of this module runs in the one
# process that built it (pyproject: --dist loadgroup).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("national")]
WIDTH, HEIGHT = 1280, 720
MAIN_CHART_PX = 300


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Settings:
    """Settings of an app on the national sample, built by the CLI as a user builds it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('national') / 'national.db'}"
    subprocess.run(
        [sys.executable, "-m", "dashboard", "sample", "--scale", "large"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
        capture_output=True,
    )
    return dataclasses.replace(Settings(database_url=url), offline=True)


@pytest.fixture
def laptop(dash_duo):
    driver = dash_duo.driver
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
    )
    yield dash_duo
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _settled(dash_duo) -> bool:
    return dash_duo.driver.execute_script(
        "const plots = document.querySelectorAll('#main .js-plotly-plot');"
        "return plots.length > 0 && Array.from(plots).every(p => p._fullLayout)"
        " && !document.querySelector('[data-dash-is-loading=\"true\"]');"
    )


def _assert_readable(dash_duo, name: str, moment: str) -> None:
    until(lambda: _settled(dash_duo), timeout=60)
    found = dash_duo.driver.execute_script(LAYOUT)
    where = f"{name} ({moment})"
    assert found["overflow_px"] <= 0, f"{where} is wider than the window"
    assert found["chart_visible_px"] >= MAIN_CHART_PX, f"{where}: {found}"
    assert found["overlaps"] == 0, f"{where}: {found['overlap_examples']}"
    assert found["toolbar_overlaps"] == 0, f"{where}: {found['toolbar_examples']}"


def test_nat001_every_page_reads_at_national_scale_on_a_laptop(laptop, national):
    laptop.start_server(create_app(national))
    for name, path, interactions in PAGES:
        laptop.driver.get(laptop.server_url + path)
        _assert_readable(laptop, name, "on load")
        for label, act in interactions:
            act(laptop.driver)
            _assert_readable(laptop, name, label)
