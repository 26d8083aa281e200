"""Themen page in headless Chromium: charts, and a click on a topic sets the global filter."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import visibility_of_element_located
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import create_app
from dashboard.analysis.selection import select
from dashboard.analysis.topics import topics_by_type
from dashboard.state.filters import Filters
from dashboard.web.context import store

WAIT = 40


def _query(dash_duo) -> dict[str, list[str]]:
    return parse_qs(urlparse(dash_duo.driver.current_url).query)


def _heatmap_labels(dash_duo) -> list[str]:
    """The heatmap's topic labels, read in one go (the chart is redrawn while we look)."""
    return dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#topics-heatmap-graph .ytick text')].map(e => e.textContent)"
    )


def test_top001_click_on_a_topic_sets_the_filter_in_url_and_filter_bar(dash_duo, settings):
    app = create_app(settings)
    with app.server.app_context():
        tables = store().snapshot().tables
    by_type = topics_by_type(tables, select(tables, Filters(year_from=2020)))
    first = by_type[by_type["type"] == "kommune"].iloc[0]  # the first bar of the first trace
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=dash_duo.server_url + "/themen?von=2020")

    for card in ("topics-heatmap", "topics-trends", "topics-sessions", "topics-types"):
        dash_duo.wait_for_element(f"#{card}-graph .main-svg", timeout=WAIT)
    dash_duo.wait_for_element("#topics-heatmap-graph .hm", timeout=WAIT)
    dash_duo.wait_for_element("#topics-sessions-graph .barlayer .point", timeout=WAIT)
    bar = dash_duo.wait_for_element(
        "#topics-types-graph .barlayer .trace .point path", timeout=WAIT
    )
    assert "thema" not in _query(dash_duo)

    ActionChains(dash_duo.driver).move_to_element(bar).click().perform()
    WebDriverWait(dash_duo.driver, WAIT).until(
        lambda _: _query(dash_duo).get("thema") == [first.topic_id]
    )
    assert _query(dash_duo).get("von") == ["2020"]  # the other filters are kept
    dash_duo.wait_for_contains_text("#filter-topic", first.topic, timeout=WAIT)
    # The page now shows the filtered data, the chosen topic marked in the heatmap.
    WebDriverWait(dash_duo.driver, WAIT).until(
        lambda _: f"▶ {first.topic}" in _heatmap_labels(dash_duo)
    )
    assert dash_duo.get_logs() == []


def test_top002_metric_switch_and_table(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/themen")
    dash_duo.wait_for_element("#topics-heatmap-graph .hm", timeout=WAIT)
    dash_duo.wait_for_text_to_equal(
        "#topics-heatmap-graph .cbtitle text", "Sitzungen", timeout=WAIT
    )
    dash_duo.find_elements("#topics-metric input")[1].click()
    dash_duo.wait_for_text_to_equal("#topics-heatmap-graph .cbtitle text", "Personen", timeout=WAIT)
    dash_duo.find_element("#topics-heatmap button.chart-card-toggle").click()
    # The table may be drawn anew while the wait looks at it; the condition looks it up again.
    WebDriverWait(dash_duo.driver, WAIT).until(
        visibility_of_element_located((By.CSS_SELECTOR, "#topics-heatmap-table"))
    )
    headers = [
        th.text for th in dash_duo.find_elements('#topics-heatmap-table thead th[scope="col"]')
    ]
    assert headers == [
        "Thema",
        "Jahr",
        "Sitzungen",
        "Akteure",
        "Personen (bekannt)",
        "Teilnahmen mit unbekannter Personenzahl",
    ]
    assert dash_duo.get_logs() == []
