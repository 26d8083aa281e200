"""Overview page in headless Chromium: KPIs match the database and follow the filters."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from sqlalchemy import text

from dashboard import create_app
from dashboard.db.engine import make_engine

# Independent of the analysis code: the same counts straight from SQL.
_KPI_SQL = """
WITH pairs AS (
    SELECT a.event_id, a.actor_id,
           SUM(CASE WHEN a.session_id IS NULL THEN a.headcount END) AS whole,
           MAX(CASE WHEN a.session_id IS NOT NULL THEN a.headcount END) AS part,
           MAX(CASE WHEN a.session_id IS NULL THEN 1 ELSE 0 END) AS has_whole
    FROM attendance a JOIN events e ON e.id = a.event_id
    WHERE e.year >= :first
    GROUP BY a.event_id, a.actor_id
)
SELECT
    (SELECT COUNT(*) FROM events WHERE year >= :first) AS events,
    (SELECT COUNT(DISTINCT p.actor_id) FROM pairs p JOIN actors ac ON ac.id = p.actor_id
        WHERE ac.type = 'kommune') AS municipalities,
    (SELECT COUNT(DISTINCT p.actor_id) FROM pairs p JOIN actors ac ON ac.id = p.actor_id
        WHERE ac.type <> 'kommune') AS initiatives,
    (SELECT COALESCE(SUM(CASE WHEN has_whole = 1 THEN whole ELSE part END), 0) FROM pairs) AS headcount
"""


def _expected(database_url: str, first_year: int) -> dict[str, str]:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        row = connection.execute(text(_KPI_SQL), {"first": first_year}).mappings().one()
    engine.dispose()
    return {name: f"{int(value):,}".replace(",", ".") for name, value in row.items()}


def _kpis(dash_duo) -> dict[str, str]:
    return {
        name: dash_duo.find_element(f"#overview-kpi-{name}-value").text
        for name in ("events", "municipalities", "initiatives", "headcount")
    }


def test_ovw101_kpis_match_the_database_and_follow_the_year_filter(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    expected_all = _expected(settings.database_url, 0)
    dash_duo.wait_for_text_to_equal("#overview-kpi-events-value", expected_all["events"])
    assert _kpis(dash_duo) == expected_all
    assert dash_duo.find_element("#overview-sample-badge").text == "Beispieldaten"

    first_year_input = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#filter-years input")[0]
    first_year_input.send_keys(Keys.CONTROL, "a")
    first_year_input.send_keys("2020", Keys.TAB)

    expected_recent = _expected(settings.database_url, 2020)
    dash_duo.wait_for_text_to_equal("#overview-kpi-events-value", expected_recent["events"])
    assert _kpis(dash_duo) == expected_recent
    assert expected_recent["headcount"] != expected_all["headcount"]
    assert parse_qs(urlparse(dash_duo.driver.current_url).query) == {"von": ["2020"]}
    assert dash_duo.get_logs() == []


def test_ovw102_filters_survive_a_reload_of_the_link(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_element("#overview-kpi-events-value")
    dash_duo.driver.get(dash_duo.server_url + "/?von=2020&typ=kommune&lang=en")
    expected = _expected(settings.database_url, 2020)
    dash_duo.wait_for_text_to_equal("#overview-kpi-events-value", expected["events"])
    assert dash_duo.find_element("#overview-kpi-initiatives-value").text == "0"
    inputs = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#filter-years input")
    assert inputs[0].get_attribute("value") == "2020"
    assert "Municipality" in dash_duo.find_element("#filter-types").text
    assert dash_duo.find_element("h1").text == "Overview"
    assert dash_duo.get_logs() == []


def _event_and_state_without_attendance(database_url: str) -> tuple[str, str]:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        attended = set(
            connection.execute(
                text(
                    "SELECT DISTINCT a.event_id, ac.state FROM attendance a JOIN actors ac ON ac.id = a.actor_id"
                )
            ).all()
        )
        events = [row[0] for row in connection.execute(text("SELECT id FROM events ORDER BY year"))]
    engine.dispose()
    return next(
        (event, f"{code:02d}")
        for event in events
        for code in range(1, 17)
        if (event, f"{code:02d}") not in attended
    )


def test_ovw103_empty_selection_shows_a_message_not_an_empty_axis(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_element("#overview-kpi-events-value")
    event, state = _event_and_state_without_attendance(settings.database_url)
    dash_duo.driver.get(dash_duo.server_url + f"/?veranstaltung={event}&land={state}")
    dash_duo.wait_for_element("#overview-empty")
    dash_duo.wait_for_text_to_equal("#overview-kpi-events-value", "0")
    dash_duo.wait_for_contains_text("#overview-attendance", "Keine Daten für diese Auswahl")
    dash_duo.wait_for_contains_text("#overview-events", "Keine Veranstaltungen für diese Auswahl.")
    assert dash_duo.get_logs() == []


def test_ovw104_language_switch_keeps_the_filters(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.driver.get(dash_duo.server_url + "/?von=2019")
    dash_duo.wait_for_text_to_equal("h1", "Übersicht")
    dash_duo.find_element(".lang-switch").click()
    dash_duo.wait_for_text_to_equal("h1", "Overview")
    assert parse_qs(urlparse(dash_duo.driver.current_url).query) == {
        "von": ["2019"],
        "lang": ["en"],
    }
    assert dash_duo.get_logs() == []
