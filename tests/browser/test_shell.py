"""The frame of every page in the browser: language kept across the navbar, "Link kopieren",
the skip link, keyboard sorting of data tables."""

from __future__ import annotations

import threading
from urllib.parse import parse_qs, urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.expected_conditions import invisibility_of_element_located
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import create_app
from dashboard.db import repository
from dashboard.db.engine import make_engine
from dashboard.web.context import EXTENSION_KEY

pytestmark = pytest.mark.browser


def _nav_link(dash_duo, path: str):
    return dash_duo.driver.find_element(By.CSS_SELECTOR, f".navbar a.nav-link[href^='{path}']")


# Every map's style (its basemap layers) has loaded. A map replaced while its style still
# loads makes plotly.js log "Style is not done loading".
MAP_STYLES_LOADED = """
return Array.from(document.querySelectorAll('.js-plotly-plot')).every(gd => {
  const map = gd._fullLayout && gd._fullLayout.map;
  return !map || Boolean(map._subplot && map._subplot.map && map._subplot.map.isStyleLoaded());
});
"""


def _settled(dash_duo) -> None:
    dash_duo.wait_for_no_elements('[data-dash-is-loading="true"]')
    WebDriverWait(dash_duo.driver, 40).until(lambda d: d.execute_script(MAP_STYLES_LOADED))


def _query(dash_duo) -> dict[str, list[str]]:
    return parse_qs(urlparse(dash_duo.driver.current_url).query)


def test_shell001_english_stays_on_while_navigating_by_the_navbar(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_text_to_equal("h1", "Übersicht")
    # Leaving a page while plotly still draws its charts can log a plotly.js error (a map
    # replaced while its style loads, a resize of an unmounted graph); this test is about
    # the language, so it waits until each page has drawn.
    _settled(dash_duo)
    dash_duo.find_element(".lang-switch").click()
    dash_duo.wait_for_text_to_equal("h1", "Overview")
    _settled(dash_duo)

    for path, heading, nav_text in (
        ("/teilnahme", "Attendance", "Attendance"),
        ("/netzwerk", "Collaboration network", "Network"),
    ):
        _nav_link(dash_duo, path).click()
        dash_duo.wait_for_text_to_equal("h1", heading)
        assert urlparse(dash_duo.driver.current_url).path == path
        assert _query(dash_duo) == {"lang": ["en"]}
        assert _nav_link(dash_duo, path).text == nav_text
        assert dash_duo.find_element(".lang-switch").text == "Deutsch"
        assert dash_duo.find_element("#main").get_attribute("lang") == "en"
        dash_duo.wait_for_element("html[lang='en']")
        _settled(dash_duo)
    assert dash_duo.get_logs() == []


def test_shell002_copy_link_puts_the_full_address_on_the_clipboard(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {
            "origin": dash_duo.server_url,
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        },
    )
    dash_duo.driver.get(dash_duo.server_url + "/teilnahme?von=2020&typ=kommune")
    dash_duo.wait_for_text_to_equal("h1", "Teilnahme")
    dash_duo.find_element("#shell-copy-link").click()
    dash_duo.wait_for_text_to_equal("#shell-copy-link-status", "Link kopiert")
    copied = dash_duo.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.clipboard.readText().then(done, error => done('error: ' + error));"
    )
    assert copied == dash_duo.driver.current_url
    assert parse_qs(urlparse(copied).query) == {"von": ["2020"], "typ": ["kommune"]}
    assert urlparse(copied).path == "/teilnahme"
    assert dash_duo.get_logs() == []


def test_shell003_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(
    dash_duo, settings
):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_text_to_equal("h1", "Übersicht")
    body = dash_duo.driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    focused = dash_duo.driver.switch_to.active_element
    assert focused.text == "Zum Inhalt springen"
    focused.send_keys(Keys.ENTER)
    dash_duo.wait_for_element("#main:focus")
    assert dash_duo.get_logs() == []


def _names_in_table(dash_duo) -> list[str]:
    """The names the grid shows, read in one step in the page: the grid replaces its rows
    while it sorts, and rows found first and read later may be gone by then."""
    return dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll("
        "\"#network-metrics .ag-center-cols-container .ag-row [col-id='name']\""
        ")).map(cell => cell.innerText);"
    )


def test_shell004_metrics_grid_sorts_by_keyboard(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.driver.get(dash_duo.server_url + "/netzwerk")
    dash_duo.wait_for_element("#network-metrics .ag-row [col-id='name']")
    header = dash_duo.wait_for_element("#network-metrics .ag-header-cell[col-id='name']")
    assert (
        header.get_attribute("tabindex") == "-1" and header.get_attribute("role") == "columnheader"
    )
    before = _names_in_table(dash_duo)
    header.click()  # focus the header, as a Tab into the grid does; Enter then sorts
    dash_duo.wait_for_element(
        "#network-metrics .ag-header-cell[col-id='name'][aria-sort='ascending']"
    )
    WebDriverWait(dash_duo.driver, 10).until(lambda _: _names_in_table(dash_duo) != before)
    after = _names_in_table(dash_duo)
    assert after == sorted(after, key=str.casefold)
    header.send_keys(Keys.ENTER)
    dash_duo.wait_for_element(
        "#network-metrics .ag-header-cell[col-id='name'][aria-sort='descending']"
    )
    assert dash_duo.get_logs() == []


def _width_overflow(dash_duo) -> int:
    return dash_duo.driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
    )


@pytest.mark.parametrize("width, folded", [(375, True), (1280, False)])
def test_shell005_on_a_phone_the_filters_fold_behind_one_button_and_nothing_is_wider(
    dash_duo, settings, width, folded
):
    driver = dash_duo.driver
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 720, "deviceScaleFactor": 1, "mobile": width < 500},
    )
    try:
        dash_duo.start_server(create_app(settings))
        driver.get(dash_duo.server_url + "/teilnahme?land=05")
        dash_duo.wait_for_text_to_equal("h1", "Teilnahme")
        fields = dash_duo.find_element("#filter-fields")
        toggle = dash_duo.find_element("#filter-toggle")
        assert fields.is_displayed() is not folded and toggle.is_displayed() is folded
        assert _width_overflow(dash_duo) <= 0
        if folded:
            assert "1" in toggle.text  # one filter in force: the Bundesland
            toggle.click()
            WebDriverWait(driver, 10).until(lambda _: fields.is_displayed())
            assert toggle.get_attribute("aria-expanded") == "true"
            assert _width_overflow(dash_duo) <= 0
            # The count follows the filters without a new page: reset, and none is in force.
            dash_duo.find_element("#filter-reset").click()
            WebDriverWait(driver, 20).until(
                invisibility_of_element_located((By.CSS_SELECTOR, "#filter-count"))
            )
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# Counts the page's callback requests by the outputs they ask for; installed once the page
# is open (links and the browser's history keep the document, so it keeps counting).
_COUNT_REQUESTS = """
window.__asked = {};
const send = window.fetch;
window.fetch = function (url, options) {
    try {
        const output = JSON.parse(options.body).output;
        window.__asked[output] = (window.__asked[output] || 0) + 1;
    } catch (error) {}
    return send.apply(this, arguments);
};
"""
_FIGURE_ASKED = """
return Object.entries(window.__asked)
    .filter(([output]) => output.includes(arguments[0] + '.figure'))
    .reduce((sum, [, count]) => sum + count, 0);
"""
_AXIS_TITLE = (
    "const gd = document.querySelector('#attendance-events-graph .js-plotly-plot');"
    "return gd && gd._fullLayout ? gd._fullLayout.yaxis.title.text : null;"
)


def _settled(dash_duo) -> None:
    dash_duo.wait_for_no_elements('[data-dash-is-loading="true"]')


def test_shell006_a_link_or_the_back_button_draws_each_chart_once(dash_duo, settings):
    """The page a link leaves does not answer the new address as well: before, every chart
    of /teilnahme was fetched and drawn twice on the language switch."""
    dash_duo.start_server(create_app(settings))
    dash_duo.driver.get(dash_duo.server_url + "/teilnahme?von=2019")
    dash_duo.wait_for_text_to_equal("h1", "Teilnahme")
    _settled(dash_duo)
    german = dash_duo.driver.execute_script(_AXIS_TITLE)
    dash_duo.driver.execute_script(_COUNT_REQUESTS)
    charts = ("attendance-events-graph", "attendance-roles-graph", "attendance-cohorts-graph")

    dash_duo.find_element(".lang-switch").click()
    dash_duo.wait_for_text_to_equal("h1", "Attendance")
    _settled(dash_duo)
    WebDriverWait(dash_duo.driver, 10).until(
        lambda driver: driver.execute_script(_AXIS_TITLE) not in (None, german)
    )
    asked = {chart: dash_duo.driver.execute_script(_FIGURE_ASKED, chart) for chart in charts}
    assert asked == dict.fromkeys(charts, 1)
    assert _query(dash_duo) == {"von": ["2019"], "lang": ["en"]}

    dash_duo.driver.back()
    dash_duo.wait_for_text_to_equal("h1", "Teilnahme")
    _settled(dash_duo)
    WebDriverWait(dash_duo.driver, 10).until(
        lambda driver: driver.execute_script(_AXIS_TITLE) == german
    )
    asked = {chart: dash_duo.driver.execute_script(_FIGURE_ASKED, chart) for chart in charts}
    assert asked == dict.fromkeys(charts, 2)
    assert dash_duo.get_logs() == []


def test_shell007_an_update_of_the_data_is_announced_and_the_page_reloads_with_it(
    dash_duo, settings
):
    app = create_app(settings)
    store = app.server.extensions[EXTENSION_KEY].store
    release = threading.Event()
    prepare = store.on_new_version

    def held(snapshot):  # the new version's derivation waits until the test lets it go
        release.wait(timeout=60)
        prepare(snapshot)

    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=dash_duo.server_url + "/teilnahme")
    dash_duo.wait_for_element("#attendance-events-graph .main-svg", timeout=30)
    store.on_new_version, store.wait_seconds = held, 0.2
    engine = make_engine(settings.database_url)
    with engine.begin() as connection:  # an import elsewhere: a new data version
        batch = repository.start_batch(connection, "test", "leer.xlsx")
        repository.finish_batch(connection, batch, {"inserted": {}})
    marker = dash_duo.driver.execute_script("return window.netzwerkatlasTestMarker = 'vorher';")
    assert marker == "vorher"

    dash_duo.find_element("#filter-types").click()  # a new setting: asked now
    option = "//*[contains(@class,'dash-dropdown-option')][normalize-space()='Kommune']"
    WebDriverWait(dash_duo.driver, 20).until(lambda driver: driver.find_elements(By.XPATH, option))
    dash_duo.driver.find_element(By.XPATH, option).click()
    dash_duo.wait_for_contains_text("#data-updating", "vorigen Stand", timeout=30)
    release.set()
    # The page reloads once the new version answers: the marker of the old page is gone.
    WebDriverWait(dash_duo.driver, 30).until(
        lambda driver: driver.execute_script("return window.netzwerkatlasTestMarker") is None
    )
    dash_duo.wait_for_element("#attendance-events-graph .main-svg", timeout=30)
    assert dash_duo.find_element("#data-updating").text == ""
    assert dash_duo.get_logs() == []
