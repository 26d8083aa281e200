"""The map and the network by keyboard alone: Tab reaches the chart and its controls, and the
controls work with the keys a slider or a map answers to.

Other keyboard tests stay where their page is: the deck's keys (arrows, PageDown, PageUp,
Esc) in test_presentation_page.py (prs101, prs102), the skip link and sorting the metrics grid
in test_shell.py (shell003, shell004), the chart/table switch in test_attendance_page.py.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, urlparse

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard import create_app

pytestmark = pytest.mark.browser
WAIT = 40  # a limit for shared CI machines, not a measured time
MAX_TABS = 80  # more tab stops than either page has before the controls tested here

# What has the focus: enough to tell the tab stops apart in a failure message.
FOCUSED_JS = """
const e = document.activeElement;
const owner = e.closest('[id]');
return [e.tagName.toLowerCase(), e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30),
        owner ? owner.id : ''];
"""


def _press(dash_duo, *keys: str) -> None:
    """Keys as a person types them: to whatever has the focus."""
    ActionChains(dash_duo.driver).send_keys(*keys).perform()


def _chord(dash_duo, modifier: str, key: str) -> None:
    ActionChains(dash_duo.driver).key_down(modifier).send_keys(key).key_up(modifier).perform()


def _tab_to(dash_duo, css: str) -> list[list[str]]:
    """Press Tab from the top of the page until `css` has the focus; the stops passed on the way."""
    dash_duo.driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")
    passed = []
    for _ in range(MAX_TABS):
        _press(dash_duo, Keys.TAB)
        if dash_duo.driver.execute_script(
            "return document.activeElement.matches(arguments[0])", css
        ):
            return passed
        passed.append(dash_duo.driver.execute_script(FOCUSED_JS))
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {css}: {passed}")


def _query(dash_duo) -> dict[str, list[str]]:
    return parse_qs(urlparse(dash_duo.driver.current_url).query)


_MAP_JS = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
if (!sub || !sub.map || !sub.map.loaded() || sub.map.isMoving()) { return null; }
return {zoom: sub.map.getZoom(), lon: sub.map.getCenter().lng};
"""


def _map_view(dash_duo) -> dict | None:
    """Zoom and centre of the map once it stands still, else None."""
    return dash_duo.driver.execute_script(_MAP_JS)


def test_key101_the_map_and_its_year_by_keyboard(dash_duo, settings):
    dash_duo.start_server(create_app(dataclasses.replace(settings, offline=True)))
    dash_duo.driver.get(dash_duo.server_url + "/karte")
    dash_duo.wait_for_contains_text("#map-summary", "Alle Jahre", timeout=WAIT)
    until(lambda: _map_view(dash_duo) is not None, timeout=WAIT)

    # The year slider: its thumb is a tab stop; an arrow key moves it by one whole year.
    thumb = "#map-year [role='slider']"
    _tab_to(dash_duo, thumb)
    assert dash_duo.find_element(thumb).get_attribute("aria-label") == "Jahr"
    _press(dash_duo, Keys.ARROW_LEFT)  # from "Alle" (all years) to the last event's year
    dash_duo.wait_for_contains_text("#map-summary", "2025:", timeout=WAIT)
    assert _query(dash_duo)["jahr"] == ["2025"]
    _press(dash_duo, Keys.ARROW_LEFT)
    dash_duo.wait_for_contains_text("#map-summary", "2024:", timeout=WAIT)
    assert _query(dash_duo)["jahr"] == ["2024"]
    assert dash_duo.find_element(thumb).get_attribute("aria-valuenow") == "2024"

    # The map itself: MapLibre's canvas is a tab stop; + zooms in, an arrow key pans.
    until(lambda: _map_view(dash_duo) is not None, timeout=WAIT)
    _tab_to(dash_duo, "#map-graph canvas.maplibregl-canvas")
    before = _map_view(dash_duo)
    _press(dash_duo, "+")
    until(lambda: (_map_view(dash_duo) or before)["zoom"] > before["zoom"], timeout=WAIT)
    zoomed = _map_view(dash_duo)
    _press(dash_duo, Keys.ARROW_RIGHT)
    until(lambda: (_map_view(dash_duo) or zoomed)["lon"] > zoomed["lon"], timeout=WAIT)
    assert dash_duo.get_logs() == []


def test_key102_the_network_graph_and_its_year_by_keyboard(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.driver.get(dash_duo.server_url + "/netzwerk")
    dash_duo.wait_for_contains_text("#network-status", "Netzwerk bis 2025", timeout=WAIT)
    dash_duo.wait_for_element("#network-graph .scatterlayer .point", timeout=WAIT)

    # Tab reaches the graph (its tool bar) on the way to the year slider.
    passed = _tab_to(dash_duo, "#network-year [role='slider']")
    assert any(owner.startswith("modebar") for _, _, owner in passed), passed
    _press(dash_duo, Keys.ARROW_LEFT)
    dash_duo.wait_for_contains_text("#network-status", "Netzwerk bis 2024", timeout=WAIT)
    assert _query(dash_duo)["jahr"] == ["2024"]

    # The next stop is the year's number field: typing a year there moves the slider too.
    _chord(dash_duo, Keys.SHIFT, Keys.TAB)
    assert dash_duo.driver.execute_script(FOCUSED_JS) == ["input", "Jahr", "network-year"]
    _chord(dash_duo, Keys.CONTROL, "a")
    _press(dash_duo, "2020", Keys.TAB)
    dash_duo.wait_for_contains_text("#network-status", "Netzwerk bis 2020", timeout=WAIT)
    assert dash_duo.get_logs() == []
