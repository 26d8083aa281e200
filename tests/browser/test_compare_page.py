"""Vergleich page in headless Chromium: defaults, picking an actor, the URL, reloads."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import text

from dashboard import create_app
from dashboard.db.engine import make_engine

DEFAULTS = ["pirmasens", "langenfeld-rheinland", "hannover", "mannheim"]
# Generous waits: the test machine is shared; nothing here measures time.
WAIT = 40


def _participations(database_url: str, actor_id: str) -> str:
    """Events the actor took part in, straight from SQL (independent of the analysis code)."""
    engine = make_engine(database_url)
    with engine.connect() as connection:
        count = connection.execute(
            text("SELECT COUNT(DISTINCT event_id) FROM attendance WHERE actor_id = :actor"),
            {"actor": actor_id},
        ).scalar_one()
    engine.dispose()
    return str(count)


def _query(dash_duo) -> dict[str, list[str]]:
    return parse_qs(urlparse(dash_duo.driver.current_url).query, keep_blank_values=True)


def _wait_for_query(dash_duo, key: str, value: str) -> None:
    WebDriverWait(dash_duo.driver, WAIT).until(lambda _: _query(dash_duo).get(key) == [value])


def _column_headers(dash_duo) -> list[str]:
    return [cell.text for cell in dash_duo.find_elements("#compare-side-by-side thead th")]


def _participation_cells(dash_duo) -> list[str]:
    return [cell.text for cell in dash_duo.find_elements("#compare-row-participations td")]


def test_cmp101_defaults_then_another_actor_goes_into_the_url_and_survives_a_reload(
    dash_duo, settings
):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/vergleich")

    dash_duo.wait_for_text_to_equal("#compare-col-mannheim", "Mannheim", timeout=WAIT)
    assert _column_headers(dash_duo) == [
        "Kennzahl",
        "Pirmasens",
        "Langenfeld (Rheinland)",
        "Hannover",
        "Mannheim",
    ]
    assert _participation_cells(dash_duo) == [
        _participations(settings.database_url, a) for a in DEFAULTS
    ]
    assert dash_duo.find_element("#compare-sample-badge").text == "Beispieldaten"
    assert "akteure" not in _query(dash_duo)  # the defaults need no parameter
    assert len(dash_duo.find_elements("#compare-per-year-graph .main-svg")) > 0

    dash_duo.find_element("#compare-actors").click()
    search = dash_duo.wait_for_element(".dash-dropdown-search", timeout=WAIT)
    search.send_keys("Bonn")
    bonn = "//*[contains(@class,'dash-dropdown-option')][normalize-space()='Bonn · Kommune · Nordrhein-Westfalen']"
    WebDriverWait(dash_duo.driver, WAIT).until(lambda driver: driver.find_elements(By.XPATH, bonn))
    dash_duo.driver.find_element(By.XPATH, bonn).click()

    _wait_for_query(dash_duo, "akteure", ",".join([*DEFAULTS, "bonn"]))
    dash_duo.wait_for_text_to_equal("#compare-col-bonn", "Bonn", timeout=WAIT)
    assert _participation_cells(dash_duo)[-1] == _participations(settings.database_url, "bonn")

    dash_duo.driver.refresh()
    dash_duo.wait_for_text_to_equal("#compare-col-bonn", "Bonn", timeout=WAIT)
    assert _column_headers(dash_duo)[1:] == [
        "Pirmasens",
        "Langenfeld (Rheinland)",
        "Hannover",
        "Mannheim",
        "Bonn",
    ]
    chosen = [
        item.get_attribute("textContent")
        for item in dash_duo.find_elements("#compare-actors .dash-dropdown-value-item")
    ]
    assert chosen[-1] == "Bonn · Kommune · Nordrhein-Westfalen" and len(chosen) == 5
    assert _query(dash_duo)["akteure"] == [",".join([*DEFAULTS, "bonn"])]
    assert dash_duo.get_logs() == []


def test_cmp102_fewer_than_two_actors_shows_a_hint(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/vergleich?akteure=pirmasens")
    dash_duo.wait_for_text_to_equal(
        "#compare-too-few",
        "Bitte wählen Sie mindestens zwei Akteure aus, um sie zu vergleichen.",
        timeout=WAIT,
    )
    dash_duo.wait_for_text_to_equal("#compare-col-pirmasens", "Pirmasens", timeout=WAIT)
    assert _column_headers(dash_duo) == ["Kennzahl", "Pirmasens"]
    assert dash_duo.get_logs() == []


def test_cmp103_a_global_filter_keeps_the_chosen_actors_in_the_url(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/vergleich?akteure=bonn,kiel")
    dash_duo.wait_for_text_to_equal("#compare-col-kiel", "Kiel", timeout=WAIT)

    first_year_input = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#filter-years input")[0]
    first_year_input.send_keys(Keys.CONTROL, "a")
    first_year_input.send_keys("2020", Keys.TAB)

    _wait_for_query(dash_duo, "von", "2020")
    assert _query(dash_duo)["akteure"] == ["bonn,kiel"]
    dash_duo.wait_for_text_to_equal("#compare-col-kiel", "Kiel", timeout=WAIT)
    assert _column_headers(dash_duo) == ["Kennzahl", "Bonn", "Kiel"]
    assert dash_duo.get_logs() == []


def test_cmp104_an_unknown_actor_in_the_address_is_named_in_a_note(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/vergleich?akteure=pirmasens,atlantis")
    dash_duo.wait_for_text_to_equal("#compare-col-pirmasens", "Pirmasens", timeout=WAIT)
    notes = dash_duo.find_elements("#compare-state-notes li")
    assert len(notes) == 1 and "»akteure=atlantis«" in notes[0].text
    assert _column_headers(dash_duo) == ["Kennzahl", "Pirmasens"]
    assert dash_duo.get_logs() == []
