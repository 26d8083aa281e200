"""/daten "Auswertung importieren" as staff use it: a LimeSurvey export in, the dropped
columns and the suppressed workshop in the preview, commit; and nobody else gets the card."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import func, select

from dashboard import create_app
from dashboard.db import accounts, tables
from dashboard.db.engine import make_engine

pytestmark = pytest.mark.browser
PASSWORD = "ein sehr langes Passwort"
WAIT = 40
FIXTURE = (
    Path(__file__).resolve().parents[1] / "fixtures" / "evaluation" / "limesurvey-volltext.csv"
)


def _choose(dash_duo, dropdown: str, option: str) -> None:
    dash_duo.find_element(dropdown).click()
    xpath = f"//*[contains(@class,'dash-dropdown-option')][normalize-space()='{option}']"
    WebDriverWait(dash_duo.driver, WAIT).until(lambda driver: driver.find_elements(By.XPATH, xpath))
    dash_duo.driver.find_element(By.XPATH, xpath).click()


def _results(engine, event_id: str) -> int:
    with engine.connect() as connection:
        return connection.execute(
            select(func.count())
            .select_from(tables.evaluation_results)
            .where(tables.evaluation_results.c.event_id == event_id)
        ).scalar_one()


def test_evb001_editor_imports_a_survey_with_a_suppressed_workshop(dash_duo, settings):
    app = create_app(dataclasses.replace(settings, offline=True))
    engine = make_engine(settings.database_url)
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/login?weiter=/daten")
    dash_duo.wait_for_element("#login-name").send_keys("anna")
    dash_duo.find_element("#login-password").send_keys(PASSWORD)
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_element("#auswertung-upload", timeout=WAIT)
    dash_duo.wait_for_contains_text("#auswertung-event", "2025 – ", timeout=WAIT)
    _choose(dash_duo, "#auswertung-event", "2017 – Die vernetzte Kommune")
    dash_duo.find_element("#auswertung-upload input[type=file]").send_keys(str(FIXTURE))

    dash_duo.wait_for_element("#auswertung-mapping-table", timeout=WAIT)
    dash_duo.wait_for_contains_text("#auswertung-summary", "LimeSurvey, 15 Antworten", timeout=WAIT)
    dropped = dash_duo.find_element("#auswertung-dropped").text
    assert (
        "Was möchten Sie uns noch mitteilen? – Freitext: kann Personen erkennbar machen" in dropped
    )
    assert "ipaddr – personenbezogene Angabe" in dropped
    results = dash_duo.find_element("#auswertung-results").text
    assert "Workshop Wirkung weniger als 5 Antworten" in results
    assert "Kaffee" not in dash_duo.find_element("#auswertung-preview").text
    assert _results(engine, "2017-duesseldorf") == 0  # the preview writes nothing

    dash_duo.wait_for_element("#auswertung-commit:not([disabled])", timeout=WAIT).click()
    dash_duo.wait_for_contains_text(
        "#auswertung-committed", "Auswertung von 15 Antworten gespeichert", timeout=WAIT
    )
    assert _results(engine, "2017-duesseldorf") > 0
    engine.dispose()
    assert dash_duo.get_logs() == []


def test_evb002_anonymous_visitor_gets_no_upload(dash_duo, settings):
    app = create_app(dataclasses.replace(settings, offline=True))
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/daten")
    dash_duo.wait_for_element("#login-name, a[href*='/login']", timeout=WAIT)
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "#auswertung-upload") == []
    assert dash_duo.get_logs() == []
