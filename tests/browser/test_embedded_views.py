"""Embedded views in headless Chromium: /karte framed by a page of a site named in
EMBED_ORIGINS and refused by any other, the whole map on a phone, the "Einbetten" code
of one chart card."""

from __future__ import annotations

import contextlib
import dataclasses
import html
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import create_app

pytestmark = pytest.mark.browser
EMBED_PATH = "/karte?einbetten=1"
REFUSED = r"frame-ancestors|Refused to frame"

# The map has drawn its places and its style (basemap layers) has loaded.
MAP_DRAWN = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
const map = gd && gd._fullLayout && gd._fullLayout.map;
return Boolean(gd && gd.data && gd.data.some(t => t.type === 'scattermap' && t.customdata)
    && map && map._subplot && map._subplot.map && map._subplot.map.isStyleLoaded());
"""

# Where the map, its legend and the page lie in the window (CSS pixels).
GEOMETRY = """
const box = element => { const r = element.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
const plot = document.querySelector('#map-graph .js-plotly-plot');
return {
    graph: box(plot),
    canvas: box(plot.querySelector('.maplibregl-canvas')),
    legend: box(plot.querySelector('.legend')),
    footer: box(document.querySelector('.embed-footer')),
    width: window.innerWidth,
    height: window.innerHeight,
    scrollWidth: document.documentElement.scrollWidth,
};
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class HostSite:
    """A second tiny web server: another site whose page frames the app's address."""

    def __init__(self) -> None:
        self.frame_src = ""
        site = self

        class Page(BaseHTTPRequestHandler):
            def do_GET(self):  # the name http.server calls
                body = (
                    '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
                    "<title>Stiftung</title><link rel='icon' href='data:,'></head><body>"
                    "<h1>Unser Netzwerk</h1>"
                    f'<iframe id="atlas" src="{html.escape(site.frame_src)}" width="900" '
                    'height="700" title="Karte – Netzwerkatlas" style="border:0"></iframe>'
                    "</body></html>"
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", _free_port()), Page)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def host_sites() -> Iterator[tuple[HostSite, HostSite]]:
    """The site named in EMBED_ORIGINS and one that is not."""
    allowed, other = HostSite(), HostSite()
    yield allowed, other
    allowed.close()
    other.close()


def _frame_location(dash_duo) -> str:
    driver = dash_duo.driver
    driver.switch_to.frame(driver.find_element(By.ID, "atlas"))
    try:
        return driver.execute_script("return window.location.href")
    finally:
        driver.switch_to.default_content()


def test_emb201_karte_embedded_in_a_page_of_the_named_site(dash_duo, settings, host_sites):
    allowed, _other = host_sites
    app = create_app(dataclasses.replace(settings, embed_origins=(allowed.origin,)))
    dash_duo.start_server(app)
    allowed.frame_src = dash_duo.server_url + EMBED_PATH
    driver = dash_duo.driver
    driver.get(allowed.origin + "/")
    driver.switch_to.frame(driver.find_element(By.ID, "atlas"))
    WebDriverWait(driver, 40).until(lambda d: d.execute_script(MAP_DRAWN))
    assert driver.find_elements(By.CSS_SELECTOR, ".navbar, .filter-bar, #deck-add") == []
    assert driver.find_element(By.ID, "map-sample-badge").text == "Beispieldaten"
    link = driver.find_element(By.ID, "embed-full-view")
    assert link.text == "Netzwerkatlas" and link.get_attribute("target") == "_blank"
    assert link.get_attribute("href") == dash_duo.server_url + "/karte"
    driver.switch_to.default_content()
    assert dash_duo.get_logs() == []


@pytest.mark.console_errors(REFUSED)
def test_emb202_another_site_may_not_frame_it(dash_duo, settings, host_sites):
    allowed, other = host_sites
    app = create_app(dataclasses.replace(settings, embed_origins=(allowed.origin,)))
    dash_duo.start_server(app)
    other.frame_src = dash_duo.server_url + EMBED_PATH
    dash_duo.driver.get(other.origin + "/")
    WebDriverWait(dash_duo.driver, 40).until(
        lambda _d: _frame_location(dash_duo).startswith("chrome-error:")
    )
    logs = [entry["message"] for entry in dash_duo.get_logs()]
    assert any("frame-ancestors" in message for message in logs), logs


def _legend_under_map(driver) -> bool:
    shape = driver.execute_script(GEOMETRY)
    return shape["legend"]["top"] >= shape["canvas"]["bottom"] - 1


def test_emb203_the_embedded_map_fits_a_phone(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    driver = dash_duo.driver
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 375, "height": 667, "deviceScaleFactor": 2, "mobile": True},
    )
    try:
        driver.get(dash_duo.server_url + EMBED_PATH)
        WebDriverWait(driver, 40).until(lambda d: d.execute_script(MAP_DRAWN))
        # The legend moves under the map once plotly has laid the figure out at this width;
        # on a busy machine that comes a moment after the map is drawn.
        with contextlib.suppress(TimeoutException):  # asserted below, with the numbers
            WebDriverWait(driver, 10).until(_legend_under_map)
        shape = driver.execute_script(GEOMETRY)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert shape["width"] == 375 and shape["scrollWidth"] <= shape["width"]
    graph, canvas, legend = shape["graph"], shape["canvas"], shape["legend"]
    assert graph["top"] >= 0 and graph["left"] >= 0 and graph["right"] <= shape["width"]
    assert shape["footer"]["bottom"] <= shape["height"]  # map, legend and source line: all of it
    assert legend["top"] >= canvas["bottom"] - 1  # under the places, not over them
    assert canvas["bottom"] - canvas["top"] >= 300
    assert dash_duo.get_logs() == []


def test_emb204_a_cards_code_shows_that_card_alone(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.driver.get(dash_duo.server_url + "/teilnahme?von=2020")
    dash_duo.wait_for_element("#attendance-roles-graph .main-svg")
    dash_duo.find_element("#attendance-roles .chart-card-embed").click()
    dash_duo.wait_for_element("#embed-dialog")
    code = dash_duo.wait_for_element("#embed-code")
    WebDriverWait(dash_duo.driver, 10).until(lambda _d: "<iframe" in code.get_attribute("value"))
    snippet = code.get_attribute("value")
    src = html.unescape(snippet.split('src="', 1)[1].split('"', 1)[0])
    assert src == dash_duo.server_url + "/teilnahme?von=2020&einbetten=1&diagramm=attendance-roles"
    assert 'width="100%"' in snippet and 'height="560"' in snippet
    assert 'title="Akteure je Rolle"' in snippet

    dash_duo.driver.get(src)
    dash_duo.wait_for_element("#attendance-roles-graph .main-svg")
    shown = [
        card.get_attribute("id")
        for card in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".chart-card")
        if card.is_displayed()
    ]
    assert shown == ["attendance-roles"]
    assert dash_duo.find_element("#embed-sample-badge").is_displayed()
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "h1")[0].is_displayed() is False
    assert dash_duo.get_logs() == []


def test_emb205_a_link_out_of_the_embedded_view_opens_the_full_view_in_a_new_window(
    dash_duo, settings
):
    """The frame never turns into the whole app: a link that drops einbetten (a partner on
    a profile) opens in a window of its own, and the embedded document stays as it was."""
    dash_duo.start_server(create_app(settings))
    embedded = dash_duo.server_url + "/akteur/pirmasens?einbetten=1"
    dash_duo.driver.get(embedded)
    dash_duo.wait_for_element("#main a[href^='/akteur/']:not([href*='einbetten'])")
    windows = set(dash_duo.driver.window_handles)
    # A link the reader can see (the first ones may sit in a part hidden when embedded).
    dash_duo.driver.execute_script(
        "Array.from(document.querySelectorAll(\"#main a[href^='/akteur/']\"))"
        ".find(a => !a.href.includes('einbetten') && a.offsetParent !== null).click();"
    )
    WebDriverWait(dash_duo.driver, 10).until(lambda d: len(d.window_handles) == len(windows) + 1)
    assert dash_duo.driver.current_url == embedded
    assert dash_duo.get_logs() == []


CAMERA = """
const map = document.querySelector('#map-graph .js-plotly-plot')._fullLayout.map._subplot.map;
const centre = map.getCenter();
return [centre.lng, centre.lat, map.getZoom()];
"""


def _touch(driver, kind: str, points: list[tuple[float, float]]) -> None:
    driver.execute_cdp_cmd(
        "Input.dispatchTouchEvent",
        {"type": kind, "touchPoints": [{"x": x, "y": y} for x, y in points]},
    )


def test_emb206_on_a_phone_one_finger_pans_and_two_fingers_zoom_the_embedded_map(
    dash_duo, settings
):
    dash_duo.start_server(create_app(settings))
    driver = dash_duo.driver
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 375, "height": 667, "deviceScaleFactor": 2, "mobile": True},
    )
    driver.execute_cdp_cmd(
        "Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5}
    )
    try:
        driver.get(dash_duo.server_url + EMBED_PATH)
        WebDriverWait(driver, 40).until(lambda d: d.execute_script(MAP_DRAWN))
        canvas = driver.execute_script(GEOMETRY)["canvas"]
        x = (canvas["left"] + canvas["right"]) / 2
        y = (canvas["top"] + canvas["bottom"]) / 2
        before = driver.execute_script(CAMERA)
        _touch(driver, "touchStart", [(x, y)])
        for step in range(1, 11):
            _touch(driver, "touchMove", [(x + 8 * step, y + 4 * step)])
        _touch(driver, "touchEnd", [])
        WebDriverWait(driver, 10).until(lambda d: d.execute_script(CAMERA)[0] < before[0] - 0.1)
        panned = driver.execute_script(CAMERA)
        assert panned[1] > before[1]  # dragged down and right: the view moved north-west
        _touch(driver, "touchStart", [(x - 20, y), (x + 20, y)])
        for step in range(1, 11):
            _touch(driver, "touchMove", [(x - 20 - 8 * step, y), (x + 20 + 8 * step, y)])
        _touch(driver, "touchEnd", [])
        WebDriverWait(driver, 10).until(lambda d: d.execute_script(CAMERA)[2] > panned[2] + 0.3)
    finally:
        driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert dash_duo.get_logs() == []
