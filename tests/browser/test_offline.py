"""Every page of a default installation with no network at all: nothing is requested
outside the app's own host (the maps' tiles are opt-in, BASEMAP=tiles),
every chart draws and says to a screen reader what it shows, every control takes the
keyboard.

The browser here is not dash_duo's: it needs Chromium's performance log (every request the
page made, workers included) and a resolver that cannot reach any outside host, so a page
that still depends on a CDN or on map tiles fails visibly instead of quietly loading them.
"""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db import accounts
from dashboard.db.engine import make_engine

pytestmark = pytest.mark.browser

PASSWORD = "ein sehr langes Passwort"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
ACTOR_ID = "pirmasens"  # documented in the 2017 report, so present in every seeded database

ICON_FONT_LOADED = (
    "return [...document.fonts].some(f => f.family.replace(/\"/g, '') === 'bootstrap-icons'"
    " && f.status === 'loaded');"
)

# Each page and the graphs that must have drawn (a plot with at least one trace).
PAGES = {
    "/": ["overview-attendance", "overview-map"],
    "/karte": ["map-graph"],
    "/teilnahme": ["attendance-events-graph"],
    "/themen": ["topics-heatmap-graph"],
    "/vergleich": ["compare-per-year-graph"],
    "/netzwerk": ["network-graph"],
    f"/akteur/{ACTOR_ID}": ["profile-map"],
    "/veranstaltungen": [],
    "/veranstaltung/2017-duesseldorf": ["event-map", "event-counts"],
    "/praesentation": [],
    "/login": [],
    "/daten": [],
}


def _offline_browser() -> webdriver.Chrome:
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1600,1200",
        # No name outside the machine resolves: the network is, for the page, gone.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    return driver


def _requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _outside(urls: list[str]) -> list[str]:
    return [
        url
        for url in urls
        if urlparse(url).scheme in ("http", "https", "ws", "wss")
        and urlparse(url).hostname not in LOCAL_HOSTS
    ]


def _wait_until_settled(driver) -> None:
    wait = WebDriverWait(driver, 40)
    wait.until(expected_conditions.presence_of_element_located((By.ID, "main")))
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-dash-is-loading='true']"))


def _traces_drawn(driver, graph_id: str) -> int:
    """How many traces the graph's plotly div has drawn (0 while it is not yet drawn)."""
    return driver.execute_script(
        "const plot = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "return plot && plot._fullData && plot.querySelector('.main-svg') ? plot._fullData.length : 0;",
        graph_id,
    )


# For every chart: what a screen reader gets (role, name, description).
_GRAPH_ACCESSIBILITY = """
return [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
    const graph = plot.parentElement;
    const described = document.getElementById(graph.getAttribute('aria-describedby') || '');
    return {id: graph.id, role: graph.getAttribute('role'), name: graph.getAttribute('aria-label') || '',
            description: described ? described.textContent : ''};
});
"""


def _undescribed_graphs(driver) -> list[dict]:
    graphs = driver.execute_script(_GRAPH_ACCESSIBILITY)
    return [
        graph
        for graph in graphs
        if graph["role"] != "img" or not graph["name"] or not graph["description"]
    ]


# Everything that looks clickable (pointer cursor) must be reachable by Tab: itself or an
# ancestor focusable, a label of a focusable control, or a drop zone around a file input.
# Charts are left out: they are images to assistive technology, with tables beside them.
_UNREACHABLE_BY_KEYBOARD = """
const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
const reachable = el => el.closest(FOCUSABLE) || (el.control && el.control.matches(FOCUSABLE))
    || el.querySelector('input[type=file]');
return [...document.querySelectorAll('body *')]
    .filter(el => !el.closest('.js-plotly-plot') && el.offsetParent !== null)
    .filter(el => getComputedStyle(el).cursor === 'pointer')
    .filter(el => !(el.parentElement && getComputedStyle(el.parentElement).cursor === 'pointer'))
    .filter(el => !reachable(el))
    .map(el => el.outerHTML.slice(0, 120));
"""


def _log_in(driver, base: str) -> None:
    driver.get(base + "/login")
    WebDriverWait(driver, 40).until(
        expected_conditions.presence_of_element_located((By.ID, "login-name"))
    )
    driver.find_element(By.ID, "login-name").send_keys("anna")
    driver.find_element(By.ID, "login-password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login-submit").click()
    WebDriverWait(driver, 40).until(lambda d: urlparse(d.current_url).path != "/login")


def test_off001_every_page_renders_with_no_network_and_is_accessible(dash_thread_server, tmp_path):
    # The default installation (no OFFLINE, no BASEMAP): it must contact no other host.
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'app.db'}")
    app = create_app(settings)
    engine = make_engine(settings.database_url)
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
    engine.dispose()
    dash_thread_server(app)
    base = dash_thread_server.url.rstrip("/")

    driver = _offline_browser()
    try:
        for path, graphs in PAGES.items():
            if path == "/daten":
                _log_in(driver, base)
            driver.get(base + path)
            _wait_until_settled(driver)
            for graph in graphs:
                WebDriverWait(driver, 40).until(
                    lambda d, g=graph: _traces_drawn(d, g) > 0, f"{path}: #{graph} not drawn"
                )
            if path == "/karte":
                style = driver.execute_script(
                    "return document.querySelector('#map-graph .js-plotly-plot')._fullLayout.map.style;"
                )
                assert style == "white-bg", "by default every map uses the tile-free basemap"
            if path == "/daten":
                assert driver.find_elements(By.ID, "daten-upload"), (
                    "the logged-in editor sees the upload"
                )
            WebDriverWait(driver, 20).until(
                lambda d: d.execute_script(ICON_FONT_LOADED), f"{path}: icon font not loaded"
            )
            WebDriverWait(driver, 10).until(
                lambda d: _undescribed_graphs(d) == [],
                f"{path}: a chart lacks role, name or description",
            )
            assert driver.execute_script("return document.documentElement.lang") == "de"
            assert driver.execute_script(_UNREACHABLE_BY_KEYBOARD) == [], (
                f"{path}: not reachable by keyboard"
            )
            outside = _outside(_requested_urls(driver))
            assert outside == [], f"{path} requested outside the app: {outside}"
            errors = [
                entry["message"]
                for entry in driver.get_log("browser")
                if entry["level"] == "SEVERE"
            ]
            assert errors == [], f"{path}: console errors {errors}"
    finally:
        driver.quit()
