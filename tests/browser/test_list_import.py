"""/daten "Teilnahmeliste importieren" as staff use it: a messy list in, decisions, commit,
the attendance on /teilnahme and the new actor on /karte, undo."""

from __future__ import annotations

import dataclasses

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from dashboard import create_app, schema
from dashboard.db import accounts, tables
from dashboard.db.engine import make_engine
from tests.integration.db_state import every_row

pytestmark = pytest.mark.browser
PASSWORD = "ein sehr langes Passwort"
WAIT = 40
MESSY_LIST = (
    "Anmeldungen Netzwerktreffen Kassel 2026 – Stand 02.03.2026;;;;;\n"
    "Organisation;Vorname;Nachname;E-Mail;Bundesland;Teilnahme als\n"
    "Stadt Pirmasens;Anna;Beispiel;a.beispiel@example.org;RLP;Teilnehmerin\n"
    "STADT PIRMASENS;Bernd;Muster;b.muster@example.org;Rheinland-Pfalz;Aussteller\n"
    "Landeshauptstadt Hannover;Carla;Probe;c.probe@example.org;Niedersachsen;Teilnehmerin\n"
    "Frankfurt;Dora;Test;d.test@example.org;;Teilnehmerin\n"
    "Stadt Aalen;Emil;Neu;e.neu@example.org;Baden-Württemberg;Referent\n"
)
_POINTS_JS = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
if (!gd || !gd.data) { return null; }
return gd.data.filter(t => t.type === 'scattermap' && t.mode === 'markers' && t.customdata)
              .flatMap(t => Array.from(t.customdata, row => row[0]));
"""


def _data(engine) -> dict:
    rows = every_row(engine)
    return {name: rows[name] for name in schema.LOAD_ORDER}


def _log_in(dash_duo) -> None:
    dash_duo.driver.get(dash_duo.server_url + "/login?weiter=/daten")
    dash_duo.wait_for_element("#login-name").send_keys("anna")
    dash_duo.find_element("#login-password").send_keys(PASSWORD)
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_element("#liste-upload", timeout=WAIT)
    # The event picker is drawn by a component loaded after the page: once it shows the
    # newest event, nothing re-draws the card under the upload any more.
    dash_duo.wait_for_contains_text("#liste-event", "2025 – ", timeout=WAIT)


def _choose(dash_duo, dropdown: str, option: str) -> None:
    dash_duo.find_element(dropdown).click()
    xpath = f"//*[contains(@class,'dash-dropdown-option')][normalize-space()='{option}']"
    WebDriverWait(dash_duo.driver, WAIT).until(lambda driver: driver.find_elements(By.XPATH, xpath))
    dash_duo.driver.find_element(By.XPATH, xpath).click()


def test_lst101_messy_list_to_attendance_and_map_then_undo(dash_duo, settings, tmp_path):
    app = create_app(dataclasses.replace(settings, offline=True))
    engine = make_engine(settings.database_url)
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
    before = _data(engine)
    upload = tmp_path / "anmeldungen-kassel-2026.csv"
    upload.write_text(MESSY_LIST, encoding="cp1252")
    dash_duo.start_server(app)
    _log_in(dash_duo)

    # A new event, typed in; then the list.
    _choose(dash_duo, "#liste-event", "Neue Veranstaltung anlegen …")
    dash_duo.wait_for_element("#liste-event-title").send_keys("Netzwerktreffen Kassel")
    dash_duo.find_element("#liste-event-year").send_keys("2026")
    dash_duo.find_element("#liste-event-city").send_keys("Kassel")
    dash_duo.find_element("#liste-upload input[type=file]").send_keys(str(upload))

    # The proposed mapping: person and contact columns are dropped and not shown.
    dash_duo.wait_for_element("#liste-mapping-table", timeout=WAIT)
    mapping = dash_duo.find_element("#liste-mapping-table").text
    assert "example.org" not in mapping and "Anna" not in mapping
    dash_duo.wait_for_contains_text(
        "#liste-summary",
        "5 Zeilen gelesen: 2 Organisationen zugeordnet, 1 neu, 1 zu prüfen.",
        timeout=WAIT,
    )
    assert _data(engine) == before  # the preview writes nothing

    # Confirm the mapping, then decide the review row: "Frankfurt" is Frankfurt am Main.
    shown = dash_duo.find_element("#liste-summary")
    dash_duo.find_element("#liste-apply").click()
    WebDriverWait(dash_duo.driver, WAIT).until(expected_conditions.staleness_of(shown))
    dash_duo.wait_for_contains_text("#liste-summary", "1 zu prüfen", timeout=WAIT)
    grid = dash_duo.wait_for_element("#liste-grid", timeout=WAIT)
    until(lambda: "Name ohne „Stadt“" in grid.text, timeout=WAIT)
    dash_duo.wait_for_contains_text(
        "#liste-review", "Frankfurt · Zeilen 6 · mehrere Akteure mit diesem Namen", timeout=WAIT
    )
    review = dash_duo.find_element("#liste-review")
    label = review.find_element(
        By.XPATH, ".//label[contains(normalize-space(), 'Frankfurt am Main (')]"
    )
    choice = label.find_element(By.XPATH, "./preceding-sibling::input")
    # A click event on the radio itself, as a mouse or the keyboard's space bar sends it.
    dash_duo.driver.execute_script("arguments[0].click();", choice)
    WebDriverWait(dash_duo.driver, WAIT).until(lambda _: choice.is_selected())
    dash_duo.wait_for_element("#liste-commit:not([disabled])", timeout=WAIT).click()

    dash_duo.wait_for_contains_text(
        "#liste-committed",
        "Importlauf 2 übernommen: 3 zugeordnet, 1 neu angelegt, 0 nicht importiert",
        timeout=WAIT,
    )

    with engine.connect() as connection:
        event = connection.execute(select(tables.events).where(tables.events.c.year == 2026)).one()
        people = dict(
            connection.execute(
                select(tables.attendance.c.actor_id, tables.attendance.c.headcount).where(
                    tables.attendance.c.event_id == event.id,
                    tables.attendance.c.role == "participant",
                )
            ).all()
        )
        aliases = connection.execute(select(tables.actor_aliases)).all()
        aalen = connection.execute(
            select(tables.actors).where(tables.actors.c.name == "Aalen")
        ).one()
    assert event.title == "Netzwerktreffen Kassel" and event.city == "Kassel"
    assert people == {"pirmasens": 1, "hannover": 1, "frankfurt-am-main": 1}
    assert aliases == []  # "Frankfurt" is two actors: the next list asks again
    assert aalen.type == "kommune" and aalen.lat is not None

    # The attendance on /teilnahme, the new actor on /karte.
    dash_duo.driver.get(dash_duo.server_url + "/teilnahme")
    dash_duo.wait_for_element("#attendance-events-graph .barlayer .point", timeout=WAIT)
    dash_duo.find_element("#attendance-events button.chart-card-toggle").click()
    table = dash_duo.find_element("#attendance-events-table")
    until(
        lambda: any(
            row.startswith("2026 Netzwerktreffen Kassel") for row in table.text.splitlines()
        ),
        timeout=WAIT,
    )
    dash_duo.driver.get(dash_duo.server_url + "/karte?von=2026&bis=2026")
    until(
        lambda: (
            sorted(dash_duo.driver.execute_script(_POINTS_JS) or [])
            == sorted([aalen.id, "frankfurt-am-main", "hannover", "pirmasens"])
        ),
        timeout=WAIT,
    )

    # Undo from /daten restores every data table.
    dash_duo.driver.get(dash_duo.server_url + "/daten")
    dash_duo.wait_for_element("#daten-batch-2 button", timeout=WAIT).click()
    WebDriverWait(dash_duo.driver, 10).until(expected_conditions.alert_is_present())
    dash_duo.driver.switch_to.alert.accept()
    dash_duo.wait_for_contains_text(
        "#daten-undone", "Importlauf 2 rückgängig gemacht", timeout=WAIT
    )
    assert _data(engine) == before
    engine.dispose()
    assert dash_duo.get_logs() == []


def test_lst102_a_list_without_an_organisation_column_says_so_and_a_viewer_sees_no_card(
    dash_duo, settings, tmp_path
):
    app = create_app(settings)
    engine = make_engine(settings.database_url)
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
        accounts.create_user(connection, "victor", PASSWORD, "viewer")
    upload = tmp_path / "liste.csv"
    upload.write_text("Wer;Wie viele\nStadt Pirmasens;3\n", encoding="utf-8")
    dash_duo.start_server(app)
    _log_in(dash_duo)
    dash_duo.find_element("#liste-upload input[type=file]").send_keys(str(upload))
    dash_duo.wait_for_contains_text(
        "#liste-summary", "Die Liste kann so nicht übernommen werden: 1 Fehler", timeout=WAIT
    )
    assert (
        "Keine Spalte ist als Organisation zugeordnet"
        in dash_duo.find_element("#liste-problems").text
    )
    assert dash_duo.find_element("#liste-commit").get_attribute("disabled") is not None

    dash_duo.driver.delete_all_cookies()
    dash_duo.driver.get(dash_duo.server_url + "/login?weiter=/daten")
    dash_duo.wait_for_element("#login-name").send_keys("victor")
    dash_duo.find_element("#login-password").send_keys(PASSWORD)
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_element("#data-no-access", timeout=WAIT)
    assert not dash_duo.driver.find_elements(By.ID, "liste-upload")
    engine.dispose()
    assert dash_duo.get_logs() == []
