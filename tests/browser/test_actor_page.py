"""/akteur/<id> in headless Chromium: the profile matches the database, partners link to
their profiles, unknown ids get a friendly page."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from dash.testing.wait import until
from flask import request
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import text

from dashboard import create_app
from dashboard.db import accounts
from dashboard.db.engine import make_engine

pytestmark = pytest.mark.browser
PASSWORD = "ein sehr langes Passwort"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "instance" / "screenshots"


@pytest.fixture
def offline(settings):
    return dataclasses.replace(settings, offline=True)


def _rows(database_url: str, query: str, **params) -> list:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(query), params))
    finally:
        engine.dispose()


def _best_connected(database_url: str) -> tuple[str, str, int, int, int]:
    """(id, name, events, first year, partners) of the located actor with most links."""
    actor_id, name = _rows(
        database_url,
        """
        SELECT ac.id, ac.name FROM actors ac
        JOIN links l ON ac.id IN (l.source_id, l.target_id)
        WHERE ac.lat IS NOT NULL GROUP BY ac.id, ac.name ORDER BY COUNT(*) DESC, ac.id LIMIT 1""",
    )[0]
    events, first = _rows(
        database_url,
        """
        SELECT COUNT(DISTINCT a.event_id), MIN(e.year) FROM attendance a JOIN events e ON e.id = a.event_id
        WHERE a.actor_id = :id""",
        id=actor_id,
    )[0]
    partners = _rows(
        database_url,
        """
        SELECT COUNT(DISTINCT CASE WHEN source_id = :id THEN target_id ELSE source_id END) FROM links
        WHERE :id IN (source_id, target_id)""",
        id=actor_id,
    )[0][0]
    return actor_id, name, events, first, partners


def test_actor101_profile_matches_the_database_and_partners_link_on(dash_duo, offline):
    dash_duo.start_server(create_app(offline))
    actor_id, name, events, first, partners = _best_connected(offline.database_url)
    dash_duo.driver.get(f"{dash_duo.server_url}/akteur/{actor_id}?typ=kommune")
    dash_duo.wait_for_text_to_equal("#profile-name", name)
    assert dash_duo.find_element("#profile-kpi-events-value").text == str(events)
    assert dash_duo.find_element("#profile-kpi-first-value").text == str(first)
    assert dash_duo.find_element("#profile-kpi-partners-value").text == str(partners)
    assert len(dash_duo.find_elements("#profile-events-table tbody tr")) == events
    # The mini-map holds the actor and its located partners, with the actor highlighted.
    until(
        lambda: dash_duo.driver.execute_script(
            "const gd = document.querySelector('#profile-map .js-plotly-plot');"
            "return gd && gd.data && gd.data.some(t => (t.name || '').startsWith('Kooperationen von'));"
        ),
        timeout=40,
    )

    link = dash_duo.find_elements("#profile-partners-table tbody a")[0]
    partner_name = link.text
    link.click()
    dash_duo.wait_for_text_to_equal("#profile-name", partner_name)
    url = urlparse(dash_duo.driver.current_url)
    assert url.path.startswith("/akteur/") and url.path != f"/akteur/{actor_id}"
    assert parse_qs(url.query) == {"typ": ["kommune"]}
    assert dash_duo.get_logs() == []


def test_actor102_unknown_id_gets_a_friendly_page_in_both_languages(dash_duo, offline):
    dash_duo.start_server(create_app(offline))
    dash_duo.driver.get(dash_duo.server_url + "/akteur/gibt-es-nicht")
    dash_duo.wait_for_text_to_equal("#profile-not-found h1", "Akteur nicht gefunden")
    assert "„gibt-es-nicht“" in dash_duo.find_element("#profile-not-found").text
    dash_duo.driver.get(dash_duo.server_url + "/akteur/gibt-es-nicht?lang=en")
    dash_duo.wait_for_text_to_equal("#profile-not-found h1", "Actor not found")
    back = dash_duo.find_element("#profile-not-found a")
    assert urlparse(back.get_attribute("href")).path == "/karte"
    assert dash_duo.get_logs() == []


def _execute(database_url: str, *statements: str) -> None:
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def _log_in_as_editor(dash_duo, settings, next_path: str) -> None:
    engine = make_engine(settings.database_url)
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
    engine.dispose()
    dash_duo.driver.get(f"{dash_duo.server_url}/login?weiter={next_path}")
    dash_duo.wait_for_element("#login-name").send_keys("anna")
    dash_duo.find_element("#login-password").send_keys(PASSWORD)
    dash_duo.find_element("#login-submit").click()


def _field(dash_duo, column: str):
    return dash_duo.find_element(f"#profile-edit-{column}")


def _replace_text(element, value: str) -> None:
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    element.send_keys(value)


def test_act001_editor_renames_an_actor_adds_an_alias_and_places_it_on_the_map(dash_duo, offline):
    app = create_app(offline)
    dash_duo.start_server(app)
    _log_in_as_editor(dash_duo, offline, "/akteur/pirmasens")
    dash_duo.wait_for_text_to_equal("#profile-name", "Pirmasens")
    dash_duo.find_element("#profile-edit-open").click()
    dash_duo.wait_for_element("#profile-edit-modal")
    until(lambda: _field(dash_duo, "name").get_attribute("value") == "Pirmasens", timeout=20)
    assert _field(dash_duo, "lat").get_attribute("value") == "49,20145"

    _replace_text(_field(dash_duo, "name"), "Stadt Pirmasens")
    dash_duo.find_element("#profile-edit-alias-new").send_keys(
        "Stadtverwaltung Pirmasens", Keys.ENTER
    )
    dash_duo.wait_for_contains_text("#profile-edit-aliases", "Stadtverwaltung Pirmasens")
    # A click beside the marker sets both coordinates (north-east of it: larger values).
    canvas = dash_duo.wait_for_element("#profile-edit-map canvas")
    until(
        lambda: dash_duo.driver.execute_script(
            "const gd = document.querySelector('#profile-edit-map .js-plotly-plot');"
            "const map = gd && gd._fullLayout.map && gd._fullLayout.map._subplot.map;"
            "return Boolean(map && map.netzwerkatlasPicker && map.loaded());"
        ),
        timeout=20,
    )
    ActionChains(dash_duo.driver).move_to_element(canvas).move_by_offset(40, -30).click().perform()
    until(lambda: _field(dash_duo, "lat").get_attribute("value") != "49,20145", timeout=10)
    lat = float(_field(dash_duo, "lat").get_attribute("value").replace(",", "."))
    lon = float(_field(dash_duo, "lon").get_attribute("value").replace(",", "."))
    assert 49.20145 < lat < 49.5 and 7.60529 < lon < 8.0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "akteur-bearbeiten.png"))

    dash_duo.find_element("#profile-edit-save").click()
    dash_duo.wait_for_contains_text(
        "#profile-saved", "Gespeichert als Änderung 2 („Akteur bearbeitet: Stadt Pirmasens“)"
    )
    dash_duo.wait_for_text_to_equal("#profile-name", "Stadt Pirmasens")
    dash_duo.wait_for_text_to_equal("#profile-aliases", "Stadtverwaltung Pirmasens")
    stored = _rows(
        offline.database_url, "SELECT name, lat, lon FROM actors WHERE id = 'pirmasens'"
    )[0]
    assert stored == ("Stadt Pirmasens", pytest.approx(lat), pytest.approx(lon))
    assert _rows(offline.database_url, "SELECT alias, actor_id FROM actor_aliases") == [
        ("Stadtverwaltung Pirmasens", "pirmasens")
    ]
    assert dash_duo.get_logs() == []


def test_act002_invalid_input_names_field_and_value_and_stores_nothing(dash_duo, offline):
    dash_duo.start_server(create_app(offline))
    _log_in_as_editor(dash_duo, offline, "/akteur/pirmasens")
    dash_duo.wait_for_element("#profile-edit-open").click()
    until(lambda: _field(dash_duo, "name").get_attribute("value") == "Pirmasens", timeout=20)
    _replace_text(_field(dash_duo, "ags"), "0731")
    dash_duo.find_element("#profile-edit-save").click()
    dash_duo.wait_for_contains_text(
        "#profile-edit-rejected",
        "Gemeindeschlüssel (AGS) „0731“: Kein gültiger Amtlicher Gemeindeschlüssel",
    )
    assert _rows(offline.database_url, "SELECT COUNT(*) FROM import_batches")[0][0] == 1
    assert dash_duo.get_logs() == []


def test_act003_editor_merges_a_duplicate_and_undoes_it_on_the_data_page(dash_duo, offline):
    # Written straight into the database, which moves no data version: before the app
    # starts, which reads its data ahead of the first request.
    _execute(
        offline.database_url,
        "INSERT INTO actors (id, name, type, state, source) "
        "VALUES ('pirmasens-doppelt', 'Stadt Pirmasens', 'kommune', '07', 'batch:1')",
        "INSERT INTO attendance (event_id, actor_id, session_id, role, headcount, source) VALUES "
        "('2017-duesseldorf', 'pirmasens-doppelt', NULL, 'participant', 2, 'batch:1'), "
        "('2020-bonn', 'pirmasens-doppelt', NULL, 'participant', 4, 'batch:1')",
    )
    before = _rows(offline.database_url, "SELECT * FROM attendance ORDER BY id")
    app = create_app(offline)
    dash_duo.start_server(app)
    _log_in_as_editor(dash_duo, offline, "/akteur/pirmasens")
    dash_duo.wait_for_text_to_equal("#profile-kpi-events-value", "6")

    dash_duo.find_element("#profile-merge-open").click()
    dash_duo.wait_for_element("#profile-merge-other").click()
    dash_duo.wait_for_element("#profile-merge-modal .dash-dropdown-search").send_keys("Stadt Pirm")
    option = "//*[contains(@class,'dash-dropdown-option')][normalize-space()='Stadt Pirmasens · Kommune']"
    WebDriverWait(dash_duo.driver, 20).until(lambda driver: driver.find_elements(By.XPATH, option))
    dash_duo.driver.find_element(By.XPATH, option).click()
    dash_duo.wait_for_contains_text(
        "#profile-merge-question", "Es gehen über: 2 Teilnahmen, 0 Verbindungen, 1 Schreibweise"
    )
    dash_duo.wait_for_element("#profile-merge-confirm:not([disabled])").click()
    dash_duo.wait_for_contains_text("#profile-saved", "Zusammengeführt als Änderung 2")
    dash_duo.wait_for_text_to_equal("#profile-kpi-events-value", "7")
    assert dash_duo.find_element("#profile-event-2020-bonn td:nth-child(4)").text == "4"
    assert (
        dash_duo.find_element("#profile-event-2017-duesseldorf td:nth-child(4)").text == "3"
    )  # 1 + 2
    dash_duo.wait_for_text_to_equal("#profile-aliases", "Stadt Pirmasens")

    dash_duo.driver.get(dash_duo.server_url + "/daten")
    dash_duo.wait_for_contains_text(
        "#daten-batch-2", "Zusammengeführt: Stadt Pirmasens → Pirmasens"
    )
    dash_duo.find_element("#daten-batch-2 button").click()
    WebDriverWait(dash_duo.driver, 10).until(expected_conditions.alert_is_present())
    dash_duo.driver.switch_to.alert.accept()
    dash_duo.wait_for_contains_text("#daten-undone", "Importlauf 2 rückgängig gemacht")
    assert _rows(offline.database_url, "SELECT * FROM attendance ORDER BY id") == before
    assert _rows(
        offline.database_url, "SELECT name FROM actors WHERE id = 'pirmasens-doppelt'"
    ) == [("Stadt Pirmasens",)]
    assert dash_duo.get_logs() == []


def test_act004_visitors_get_no_staff_controls(dash_duo, offline):
    dash_duo.start_server(create_app(offline))
    dash_duo.driver.get(dash_duo.server_url + "/akteur/pirmasens")
    dash_duo.wait_for_text_to_equal("#profile-name", "Pirmasens")
    assert (
        dash_duo.driver.find_elements(
            By.CSS_SELECTOR, "#profile-staff, #profile-edit-open, #profile-merge-open"
        )
        == []
    )
    assert dash_duo.get_logs() == []


_PARTNER_MAP_JS = """
const gd = document.querySelector('#profile-map .js-plotly-plot');
if (!gd || !gd._fullLayout || !gd._fullLayout.map) { return null; }
return {
    style: gd._fullLayout.map.style,
    points: new Set(gd._fullData.filter(t => t.mode === 'markers' && t.customdata)
                                .flatMap(t => Array.from(t.customdata, row => row[0]))).size,
};
"""


@pytest.mark.console_errors(r"basemaps\.cartocdn\.com", "Map error")
def test_actor103_the_partner_map_draws_with_the_network_cut_off(dash_duo, settings):
    # BASEMAP=tiles: the partner map asks for online tiles, which this machine cannot reach.
    dash_duo.start_server(create_app(dataclasses.replace(settings, basemap="tiles")))
    actor_id, name, *_ = _best_connected(settings.database_url)
    dash_duo.driver.get(f"{dash_duo.server_url}/akteur/{actor_id}?typ=kommune")
    until(
        lambda: (
            parse_qs(urlparse(dash_duo.driver.current_url).query)
            == {"typ": ["kommune"], "hintergrund": ["ohne"]}
        ),
        timeout=40,
    )
    dash_duo.wait_for_text_to_equal("#profile-name", name)
    located = _rows(
        settings.database_url,
        """
        SELECT COUNT(DISTINCT ac.id) FROM actors ac JOIN links l ON ac.id IN (l.source_id, l.target_id)
        WHERE :id IN (l.source_id, l.target_id) AND ac.lat IS NOT NULL""",
        id=actor_id,
    )[0][0]
    until(
        lambda: (
            dash_duo.driver.execute_script(_PARTNER_MAP_JS)
            == {"style": "white-bg", "points": located}
        ),
        timeout=40,
    )
    note = dash_duo.find_element("#map-basemap-fallback")
    dash_duo.wait_for_text_to_equal(
        "#map-basemap-fallback",
        "Die Online-Karte ist nicht erreichbar (keine Verbindung?): Die Karte wird ohne Kacheln gezeigt.",
    )
    # The same note as on /karte: information, not an error.
    assert "form-text" in note.get_attribute("class").split()
    assert note.get_attribute("role") == "status"


@pytest.mark.console_errors(r"steckbrief\.pdf")
def test_actor104_the_steckbrief_button_downloads_the_pdf_and_says_while_it_is_made(
    dash_duo, offline
):
    app = create_app(offline)
    # The PDF is held back until the test has seen the busy state: no race with a fast server.
    release = threading.Event()

    @app.server.before_request
    def hold_the_pdf():
        if request.path.endswith("/steckbrief.pdf"):
            release.wait(40)

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/akteur/pirmasens")
    dash_duo.wait_for_text_to_equal("#profile-name", "Pirmasens")
    assert dash_duo.find_element("#profile-pdf").text == "Steckbrief (PDF)"
    # Record what the page saves instead of writing a file.
    dash_duo.driver.execute_script(
        "window.saved = []; const create = URL.createObjectURL;"
        "URL.createObjectURL = blob => { window.saved.push([blob.type, blob.size]); return create(blob); };"
        "HTMLAnchorElement.prototype.click = function () { window.saved.push(this.download); };"
    )
    dash_duo.find_element("#profile-pdf").click()
    dash_duo.wait_for_text_to_equal(
        "#profile-pdf-status", "Der Steckbrief wird erstellt … (einige Sekunden)"
    )
    assert "pdf-busy" in dash_duo.find_element("#profile-pdf").get_attribute("class")
    release.set()
    WebDriverWait(dash_duo.driver, 120).until(
        lambda d: len(d.execute_script("return window.saved")) == 2
    )
    (media_type, size), name = dash_duo.driver.execute_script("return window.saved")
    assert media_type == "application/pdf" and size > 1000
    assert name == "steckbrief-pirmasens.pdf"
    dash_duo.wait_for_text_to_equal("#profile-pdf-status", "")
    assert "pdf-busy" not in dash_duo.find_element("#profile-pdf").get_attribute("class")

    # An actor gone by the time of the click (merged meanwhile): the server says 404.
    dash_duo.driver.execute_script(
        "document.getElementById('profile-pdf')"
        ".setAttribute('href', '/akteur/gibt-es-nicht/steckbrief.pdf');"
    )
    dash_duo.find_element("#profile-pdf").click()
    dash_duo.wait_for_text_to_equal(
        "#profile-pdf-status",
        "Der Steckbrief konnte nicht erstellt werden. Bitte später noch einmal versuchen.",
    )
    assert len(dash_duo.driver.execute_script("return window.saved")) == 2


@pytest.mark.console_errors(r"steckbrief\.pdf")
def test_actor105_a_refused_steckbrief_says_why(dash_duo, offline):
    # PUBLIC_PDF off: a visitor may read the profile but gets no PDF without logging in.
    dash_duo.start_server(create_app(dataclasses.replace(offline, public_pdf=False)))
    dash_duo.driver.get(dash_duo.server_url + "/akteur/pirmasens")
    dash_duo.wait_for_text_to_equal("#profile-name", "Pirmasens")
    dash_duo.driver.execute_script(
        "window.saved = []; HTMLAnchorElement.prototype.click = function () { window.saved.push(this.download); };"
    )
    dash_duo.find_element("#profile-pdf").click()
    dash_duo.wait_for_text_to_equal("#profile-pdf-status", "PDFs gibt es nur nach der Anmeldung.")
    assert dash_duo.driver.execute_script("return window.saved") == []
    assert "pdf-busy" not in dash_duo.find_element("#profile-pdf").get_attribute("class")
