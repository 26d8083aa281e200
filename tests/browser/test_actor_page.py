"""/akteur/<id> in headless Chromium: the profile matches the database, partners link to
their profiles, unknown ids get a friendly page."""
from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, urlparse

import pytest
from dash.testing.wait import until
from sqlalchemy import text

from dashboard import create_app
from dashboard.db.engine import make_engine

pytestmark = pytest.mark.browser


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
    actor_id, name = _rows(database_url, """
        SELECT ac.id, ac.name FROM actors ac
        JOIN links l ON ac.id IN (l.source_id, l.target_id)
        WHERE ac.lat IS NOT NULL GROUP BY ac.id, ac.name ORDER BY COUNT(*) DESC, ac.id LIMIT 1""")[0]
    events, first = _rows(database_url, """
        SELECT COUNT(DISTINCT a.event_id), MIN(e.year) FROM attendance a JOIN events e ON e.id = a.event_id
        WHERE a.actor_id = :id""", id=actor_id)[0]
    partners = _rows(database_url, """
        SELECT COUNT(DISTINCT CASE WHEN source_id = :id THEN target_id ELSE source_id END) FROM links
        WHERE :id IN (source_id, target_id)""", id=actor_id)[0][0]
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
    until(lambda: dash_duo.driver.execute_script(
        "const gd = document.querySelector('#profile-map .js-plotly-plot');"
        "return gd && gd.data && gd.data.some(t => (t.name || '').startsWith('Kooperationen von'));"), timeout=40)

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
