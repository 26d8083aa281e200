"""Teilnahme page in headless Chromium: charts, the data table under its toggle, CSV download."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import visibility_of_element_located
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import create_app

# Generous waits: the test machine is shared; nothing here measures time.
WAIT = 40


def test_att001_charts_table_toggle_and_csv_download(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/teilnahme")

    for card in (
        "attendance-events",
        "attendance-roles",
        "attendance-states",
        "attendance-top",
        "attendance-retention",
        "attendance-cohorts",
        "attendance-lapsed",
    ):
        dash_duo.wait_for_element(f"#{card}-graph .main-svg", timeout=WAIT)
    dash_duo.wait_for_element("#attendance-events-graph .barlayer .point", timeout=WAIT)
    dash_duo.wait_for_element("#attendance-cohorts-graph .hm", timeout=WAIT)
    assert dash_duo.find_element("#attendance-sample-badge").text == "Beispieldaten"

    # The table is there but hidden until the toggle opens it; the toggle says so.
    toggle = dash_duo.find_element("#attendance-events button.chart-card-toggle")
    assert toggle.text == "Daten als Tabelle"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "attendance-events-table-region"
    assert not dash_duo.find_element("#attendance-events-table").is_displayed()
    toggle.click()
    # The table may be drawn anew while the wait looks at it; the condition looks it up again.
    WebDriverWait(dash_duo.driver, WAIT).until(
        visibility_of_element_located((By.CSS_SELECTOR, "#attendance-events-table"))
    )
    assert toggle.get_attribute("aria-expanded") == "true"
    table = dash_duo.find_element("#attendance-events-table")
    assert (
        table.find_element("css selector", "caption").text
        == "Teilnahme je Veranstaltung nach Art des Akteurs"
    )
    headers = [th.text for th in table.find_elements("css selector", 'thead th[scope="col"]')]
    assert headers[:3] == ["Jahr", "Veranstaltung", "Art des Akteurs"]
    first_row = table.find_elements("css selector", "tbody tr")[0]
    assert first_row.find_element("css selector", 'th[scope="row"]').text == "2014"

    # The list of actors that have not come back is open from the start.
    lapsed = dash_duo.find_element("#attendance-lapsed-table")
    assert lapsed.is_displayed() and len(lapsed.find_elements("css selector", "tbody tr")) > 1

    # CSV download of the same data: German Excel format with a byte order mark.
    dash_duo.find_element('#attendance-events button[id*="chart-card-csv"]').click()
    target = Path(dash_duo.download_path) / "teilnahme-je-veranstaltung.csv"
    WebDriverWait(dash_duo.driver, WAIT).until(
        lambda _: target.exists() and target.stat().st_size > 0
    )
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Jahr;Veranstaltung;Art des Akteurs;Akteure;")
    assert lines[1].startswith("2014;")
    assert len(lines) == len(table.find_elements("css selector", "tbody tr")) + 1
    assert dash_duo.get_logs() == []


def test_att002_keyboard_toggle_and_empty_selection(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/teilnahme?von=2090")
    empty = dash_duo.wait_for_element("#attendance-events-graph .annotation-text", timeout=WAIT)
    assert empty.text == "Keine Daten für diese Auswahl"
    toggle = dash_duo.find_element("#attendance-top button.chart-card-toggle")
    toggle.send_keys(" ")  # a real <button>: Space activates it
    WebDriverWait(dash_duo.driver, WAIT).until(
        lambda _: toggle.get_attribute("aria-expanded") == "true"
    )
    dash_duo.wait_for_text_to_equal(
        "#attendance-top-table tbody td", "Keine Daten für diese Auswahl", timeout=WAIT
    )
    assert dash_duo.get_logs() == []


def test_att003_the_metric_lives_in_the_address(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/teilnahme?land=05")
    dash_duo.wait_for_element("#attendance-events-graph .js-plotly-plot", timeout=30)
    dash_duo.find_element(
        "label[for='_dbcprivate_radioitems_attendance-metric_input_actors']"
    ).click()
    WebDriverWait(dash_duo.driver, 15).until(lambda driver: "kennzahl=actors" in driver.current_url)
    assert "land=05" in dash_duo.driver.current_url

    dash_duo.driver.get(dash_duo.driver.current_url)
    dash_duo.wait_for_element("#attendance-events-graph .js-plotly-plot", timeout=30)
    assert dash_duo.find_element(
        "#_dbcprivate_radioitems_attendance-metric_input_actors"
    ).is_selected()
    title = dash_duo.driver.execute_script(
        "return document.querySelector('#attendance-events-graph .js-plotly-plot').layout.yaxis.title.text;"
    )
    assert title == "Akteure"
    assert dash_duo.get_logs() == []


def test_att004_unusable_address_values_give_a_note_and_the_default_charts(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/teilnahme?von=abc&typ=xyz&kennzahl=viele")
    dash_duo.wait_for_element("#attendance-events-graph .barlayer .point", timeout=WAIT)
    items = [item.text for item in dash_duo.find_elements("#attendance-state-notes li")]
    assert len(items) == 3
    for item, value in zip(items, ("»von=abc«", "»typ=xyz«", "»kennzahl=viele«"), strict=True):
        assert value in item
    # The defaults: every year and type, people counted.
    assert dash_duo.find_element(
        "#_dbcprivate_radioitems_attendance-metric_input_headcount"
    ).is_selected()
    first_year = dash_duo.driver.execute_script(
        "return document.querySelector('#attendance-events-graph .js-plotly-plot').data[0].x[0];"
    )
    assert str(first_year).startswith("2014")
    assert dash_duo.get_logs() == []


def _cells(dash_duo) -> dict[str, int]:
    """Table cells in the page, per chart card (the table's id is the card's plus -table)."""
    return dash_duo.driver.execute_script(
        "const counts = {};"
        "for (const table of document.querySelectorAll('table.chart-card-table')) {"
        "  counts[table.id] = table.querySelectorAll('tbody th, tbody td').length; }"
        "return counts;"
    )


def test_att005_a_closed_table_holds_no_cells_and_an_open_one_only_what_it_shows(
    dash_duo, settings
):
    """A table's cells are Dash components: thousands of them, hidden or not, made every later
    update of the page take seconds. Only open tables hold rows, and never more than shown."""
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/teilnahme")
    dash_duo.wait_for_element("#attendance-lapsed-table tbody tr", timeout=WAIT)
    cells = _cells(dash_duo)
    assert set(cells) >= {"attendance-events-table", "attendance-cohorts-table"}
    assert {name for name, count in cells.items() if count} == {"attendance-lapsed-table"}
    lapsed_rows = dash_duo.find_elements("#attendance-lapsed-table tbody tr")
    assert 1 < len(lapsed_rows) <= 51  # at most 50 actors and the note that the file has all

    toggle = dash_duo.find_element("#attendance-events button.chart-card-toggle")
    toggle.click()
    dash_duo.wait_for_element("#attendance-events-table tbody tr", timeout=WAIT)
    assert _cells(dash_duo)["attendance-events-table"] > 0
    toggle.click()
    WebDriverWait(dash_duo.driver, WAIT).until(
        lambda _: _cells(dash_duo)["attendance-events-table"] == 0
    )
    # A new filter refills the data of a closed table without drawing its rows.
    dash_duo.find_element(
        "label[for='_dbcprivate_radioitems_attendance-metric_input_actors']"
    ).click()
    WebDriverWait(dash_duo.driver, WAIT).until(lambda d: "kennzahl=actors" in d.current_url)
    dash_duo.wait_for_element("#attendance-lapsed-table tbody tr", timeout=WAIT)
    assert {name for name, count in _cells(dash_duo).items() if count} == {
        "attendance-lapsed-table"
    }
