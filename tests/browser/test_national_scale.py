"""Every page on the national-scale sample (16,881 actors), in Chromium at 1280×720, a
laptop or projector: the main chart shows at least 300 px without scrolling, nothing is
wider than the window, no two text labels of a chart overlap and no mode bar lies over a
chart, on load and after the page's main interaction and the language switch. No click may freeze the page: the test
fails on a main-thread task over FREEZE_MS (the page froze for 20-33 s once). The target
itself, no task over 0.5 s, is measured by `python -m benchmarks.readability`
(benchmarks/findings.md): a bound that tight would fail at random on a shared CI machine."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from dash.testing.wait import until

from benchmarks.readability import LAYOUT, LONG_TASKS, PAGES, WITHOUT_CHART, settle
from dashboard import create_app
from dashboard.config import Settings

ROOT = Path(__file__).resolve().parents[2]
# The database takes half a minute to build: every test of this module runs in the one
# process that built it (pyproject: --dist loadgroup).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("national")]
WIDTH, HEIGHT = 1280, 720
MAIN_CHART_PX = 300
FREEZE_MS = 2000


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
    # The browser is shared with other tests: what is set here is taken back afterwards.
    observer = driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": LONG_TASKS}
    )["identifier"]
    yield dash_duo
    driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": observer})
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _settled(dash_duo, charted: bool) -> bool:
    return dash_duo.driver.execute_script(
        "const plots = document.querySelectorAll('#main .js-plotly-plot');"
        "return (plots.length > 0 || !arguments[0]) && Array.from(plots).every(p => p._fullLayout)"
        " && !document.querySelector('[data-dash-is-loading=\"true\"]');",
        charted,
    )


def _assert_readable(dash_duo, name: str, moment: str) -> None:
    charted = name not in WITHOUT_CHART
    until(lambda: _settled(dash_duo, charted), timeout=60)
    found = dash_duo.driver.execute_script(LAYOUT)
    where = f"{name} ({moment})"
    assert found["overflow_px"] <= 0, f"{where} is wider than the window"
    if charted:
        assert found["chart_visible_px"] >= MAIN_CHART_PX, f"{where}: {found}"
    assert found["overlaps"] == 0, f"{where}: {found['overlap_examples']}"
    assert found["toolbar_overlaps"] == 0, f"{where}: {found['toolbar_examples']}"
    assert found["cut_tables"] == 0, f"{where}: {found['cut_examples']}"


def _switch_language(driver) -> None:
    driver.find_element("css selector", "a.lang-switch").click()
    until(lambda: driver.find_elements("css selector", "#main[lang='en']"), timeout=60)


def test_nat001_every_page_reads_at_national_scale_on_a_laptop(laptop, national):
    laptop.start_server(create_app(national))
    for name, path, interactions in PAGES:
        laptop.driver.get(laptop.server_url + path)
        _assert_readable(laptop, name, "on load")
        for label, act in [*interactions, ("English", _switch_language)]:
            since = laptop.driver.execute_script("return performance.now();")
            act(laptop.driver)
            # Until no callback is busy and no long task came for half a second.
            _settled_ms, longest = settle(laptop.driver, since)
            _assert_readable(laptop, name, label)
            assert longest < FREEZE_MS, f"{name} ({label}): a task of {longest:.0f} ms"
