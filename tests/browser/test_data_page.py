"""/daten in a real browser: log in as editor, upload, preview, commit, undo."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from dashboard import create_app
from dashboard.db import accounts, tables
from dashboard.db.engine import make_engine

pytestmark = pytest.mark.browser
PASSWORD = "ein sehr langes Passwort"


def _actors(engine) -> dict[str, str]:
    with engine.connect() as connection:
        return dict(connection.execute(select(tables.actors.c.id, tables.actors.c.name)).all())


def test_data001_upload_preview_commit_undo(dash_duo, settings, tmp_path):
    app = create_app(settings)
    engine = make_engine(settings.database_url)
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
    before = _actors(engine)
    upload = tmp_path / "Akteure.csv"
    upload.write_text(
        "Kennung;Name;Typ;Bundesland;Breitengrad;Längengrad\n"
        "buergerwerk-test;Bürgerwerk Test e. V.;Initiative;NRW;51,2;6,8\n"
        "hannover;Landeshauptstadt Hannover;Kommune;NI;52,37052;9,73322\n",
        encoding="cp1252",
    )
    dash_duo.start_server(app)

    dash_duo.driver.get(dash_duo.server_url + "/daten")
    dash_duo.wait_for_element("#data-login-link").click()
    dash_duo.wait_for_element("#login-name").send_keys("anna")
    dash_duo.find_element("#login-password").send_keys(PASSWORD)
    dash_duo.find_element("#login-submit").click()

    dash_duo.wait_for_element("#daten-upload")
    dash_duo.wait_for_text_to_equal("#daten-batch-1 td:nth-child(3)", "system")
    dash_duo.find_element("#daten-upload input[type=file]").send_keys(str(upload))
    dash_duo.wait_for_contains_text("#daten-summary", "Die Datei ist in Ordnung")
    dash_duo.wait_for_text_to_equal("#daten-count-actors td:nth-child(2)", "1")  # new
    dash_duo.wait_for_text_to_equal("#daten-count-actors td:nth-child(3)", "1")  # changed
    assert _actors(engine) == before  # the preview writes nothing

    dash_duo.wait_for_element("#daten-commit:not([disabled])").click()
    dash_duo.wait_for_contains_text("#daten-committed", "Importlauf 2 übernommen")
    after = _actors(engine)
    assert after["buergerwerk-test"] == "Bürgerwerk Test e. V."
    assert after["hannover"] == "Landeshauptstadt Hannover"
    dash_duo.wait_for_text_to_equal("#daten-batch-2 td:nth-child(3)", "anna")

    dash_duo.find_element("#daten-batch-2 button").click()
    WebDriverWait(dash_duo.driver, 10).until(expected_conditions.alert_is_present())
    dash_duo.driver.switch_to.alert.accept()
    dash_duo.wait_for_contains_text("#daten-undone", "Importlauf 2 rückgängig gemacht")
    assert _actors(engine) == before
    dash_duo.wait_for_contains_text("#daten-batch-2", "rückgängig gemacht")
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, "#daten-batch-2 button")
    engine.dispose()
    assert dash_duo.get_logs() == []
