"""Netzwerk page in headless Chromium: graph, metrics table, ego view, suggestions download."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pandas as pd
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import text

from dashboard import create_app
from dashboard.analysis.network import overview
from dashboard.db.engine import make_engine
from dashboard.i18n import fmt_number


def _scalar(database_url: str, sql: str):
    """Counts straight from SQL, independent of the analysis code."""
    engine = make_engine(database_url)
    with engine.connect() as connection:
        value = connection.execute(text(sql)).scalar_one()
    engine.dispose()
    return value


def _points(dash_duo) -> int:
    return len(dash_duo.find_elements("#network-graph .scatterlayer .point"))


def test_net101_graph_table_and_ego_view(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/netzwerk")

    actors = _scalar(settings.database_url, "SELECT COUNT(DISTINCT actor_id) FROM attendance")
    last_year = _scalar(settings.database_url, "SELECT MAX(year) FROM events")
    dash_duo.wait_for_contains_text(
        "#network-status", f"Netzwerk bis {last_year}: {fmt_number(actors)} Akteure", timeout=30
    )
    dash_duo.wait_for_element("#network-graph .scatterlayer .js-line")  # links are drawn
    WebDriverWait(dash_duo.driver, 15).until(lambda _: _points(dash_duo) > 0)
    whole = _points(dash_duo)
    assert dash_duo.find_element("#network-sample-badge").text == "Beispieldaten"

    # The metrics grid receives one page of rows from the server.
    name_cells = "#network-metrics .ag-center-cols-container .ag-row [col-id='name']"
    WebDriverWait(dash_duo.driver, 15).until(
        lambda _: len(dash_duo.find_elements(name_cells)) == min(15, actors)
    )
    top_name = dash_duo.find_elements(name_cells)[0].text
    assert top_name

    dash_duo.find_element("#network-ego").click()
    dash_duo.wait_for_element(".dash-dropdown-search").send_keys(top_name)
    option = f"//*[contains(@class,'dash-dropdown-option')][normalize-space()='{top_name}']"
    WebDriverWait(dash_duo.driver, 10).until(lambda driver: driver.find_elements(By.XPATH, option))
    dash_duo.driver.find_element(By.XPATH, option).click()

    dash_duo.wait_for_contains_text("#network-status", f"Ego-Netzwerk von {top_name}:", timeout=20)
    WebDriverWait(dash_duo.driver, 15).until(lambda _: 0 < _points(dash_duo) < whole)
    # The suggestions panel follows the ego actor: new partners with reasons.
    dash_duo.wait_for_element("#network-suggestion-list .network-suggestion li", timeout=20)
    assert dash_duo.get_logs() == []


def test_net102_suggestions_download_for_one_event_year(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/netzwerk")
    dash_duo.wait_for_contains_text("#network-status", "Netzwerk bis", timeout=30)

    dash_duo.find_element("#network-suggest-download-button").click()
    folder = Path(dash_duo.download_path)
    WebDriverWait(dash_duo.driver, 30).until(lambda _: any(folder.glob("partnervorschlaege-*.csv")))
    time.sleep(0.5)  # let Chromium finish writing
    path = next(folder.glob("partnervorschlaege-*.csv"))
    last_year = _scalar(settings.database_url, "SELECT MAX(year) FROM events")
    assert path.name == f"partnervorschlaege-{last_year}.csv"

    table = pd.read_csv(io.StringIO(path.read_text(encoding="utf-8-sig")), sep=";", dtype=str)
    assert list(table.columns[:3]) == ["Akteur", "Rang", "Vorgeschlagener Partner"]
    assert len(table) > 0 and table["Begründung"].notna().all()
    engine = make_engine(settings.database_url)
    links = pd.read_sql("SELECT source_id, target_id FROM links", engine)
    engine.dispose()
    existing = {
        tuple(sorted(pair)) for pair in zip(links["source_id"], links["target_id"], strict=False)
    }
    proposed = {
        tuple(sorted(pair)) for pair in zip(table["Akteur-ID"], table["Partner-ID"], strict=False)
    }
    assert proposed and proposed.isdisjoint(existing)
    assert (table["Akteur-ID"] != table["Partner-ID"]).all()
    assert dash_duo.get_logs() == []


def test_net103_settings_live_in_the_address_and_survive_a_reload(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/netzwerk?land=05")
    last_year = _scalar(settings.database_url, "SELECT MAX(year) FROM events")
    dash_duo.wait_for_contains_text("#network-status", f"Netzwerk bis {last_year}", timeout=30)

    dash_duo.driver.find_element(
        By.CSS_SELECTOR, "label[for='_dbcprivate_radioitems_network-colour-by_input_type']"
    ).click()
    dash_duo.driver.find_element(By.ID, "network-cumulative").click()
    WebDriverWait(dash_duo.driver, 15).until(
        lambda driver: "farbe=art" in driver.current_url and "modus=einzeln" in driver.current_url
    )
    assert "land=05" in dash_duo.driver.current_url
    dash_duo.wait_for_contains_text("#network-status", f"Netzwerk im Jahr {last_year}", timeout=30)

    dash_duo.driver.get(dash_duo.driver.current_url)
    dash_duo.wait_for_contains_text("#network-status", f"Netzwerk im Jahr {last_year}", timeout=30)
    assert dash_duo.driver.find_element(By.ID, "network-cumulative").is_selected() is False
    assert dash_duo.driver.find_element(
        By.ID, "_dbcprivate_radioitems_network-colour-by_input_type"
    ).is_selected()
    assert dash_duo.get_logs() == []


def test_net104_a_large_network_opens_with_its_communities_and_a_click_opens_one(
    dash_duo, settings, monkeypatch
):
    # The small sample stands in for the national one: with more than ten actors in view
    # the page shows communities, as it does with 400.
    monkeypatch.setattr(overview, "OVERVIEW_ABOVE", 10)
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/netzwerk")
    dash_duo.wait_for_contains_text("#network-status", "Gemeinschaften", timeout=30)
    dash_duo.wait_for_contains_text("#network-graph-description", "Ein Kreis je Gemeinschaft")
    assert len(dash_duo.find_elements("#network-graph .scatterlayer .trace:last-child .point")) > 1
    number = _open_first_community(dash_duo)
    assert f"gemeinschaft={number}" in dash_duo.driver.current_url
    WebDriverWait(dash_duo.driver, 20).until(lambda _: _points(dash_duo) > 0)
    dash_duo.find_element("#network-communities-back").click()
    dash_duo.wait_for_contains_text("#network-status", "Gemeinschaften", timeout=30)
    assert "gemeinschaft=" not in dash_duo.driver.current_url

    # Other filters number the communities anew: a filter change leaves the community.
    _open_first_community(dash_duo)
    dash_duo.find_element("#filter-types").click()
    option = "//*[contains(@class,'dash-dropdown-option')][normalize-space()='Kommune']"
    WebDriverWait(dash_duo.driver, 20).until(lambda driver: driver.find_elements(By.XPATH, option))
    dash_duo.driver.find_element(By.XPATH, option).click()
    WebDriverWait(dash_duo.driver, 20).until(lambda driver: "typ=kommune" in driver.current_url)
    assert "gemeinschaft=" not in dash_duo.driver.current_url
    dash_duo.wait_for_contains_text("#network-status", "Gemeinschaften", timeout=30)


def _open_first_community(dash_duo) -> str:
    """Click the first community circle; its number, once the page shows it."""
    circles = dash_duo.find_elements("#network-graph .scatterlayer .trace:last-child .point")
    # A real click: plotly's drag layer lies over the points and finds the one under it.
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", circles[0])
    ActionChains(dash_duo.driver).move_to_element(circles[0]).pause(0.3).click().perform()
    WebDriverWait(dash_duo.driver, 30).until(
        lambda _: re.match(r"Gemeinschaft (\d+):", dash_duo.find_element("#network-status").text)
    )
    return re.match(r"Gemeinschaft (\d+):", dash_duo.find_element("#network-status").text)[1]
