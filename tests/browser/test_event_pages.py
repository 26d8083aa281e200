"""/veranstaltungen and /veranstaltung/<id> in headless Chromium: the list opens the 2017
event, whose programme shows the report's keynote, workshops and eight gallery-walk stands,
each stand linking to its profile; a section goes into the deck; unknown ids get a page."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from dash.testing.wait import until

from dashboard import create_app

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "instance" / "screenshots"
STANDS = {
    "Change2 Mannheim",
    "Engagierte Stadt",
    "Hannover",
    "Langenfeld (Rheinland)",
    "Pirmasens",
    "Regsam",
    "Sinzer",
    "nebenan.de",
}
WORKSHOPS = {
    "Workshop Kompetenzen",
    "Workshop Quartiersmanagement",
    "Workshop Steuerung",
    "Workshop Wirkung",
    "Workshop Quartierskoordination und Fortbildung zum Netzwerkmanagement",
}

# Read in one step: the table is drawn anew after a sort, and elements found before go stale.
YEARS = "return Array.from(document.querySelectorAll('#events-table tbody th')).map(c => c.textContent);"


@pytest.fixture
def offline(settings):
    return dataclasses.replace(settings, offline=True)


def _session_titles(dash_duo, kind: str) -> set[str]:
    return {
        element.text
        for element in dash_duo.find_elements(f"#event-programme li[data-kind='{kind}'] strong")
    }


def test_evt201_list_opens_2017_whose_programme_links_the_eight_stands(dash_duo, offline):
    dash_duo.start_server(create_app(offline))
    dash_duo.driver.get(dash_duo.server_url + "/veranstaltungen")
    dash_duo.wait_for_element("#events-table")
    nav = dash_duo.find_element("a.nav-link.active")
    assert nav.text == "Veranstaltungen"
    years = dash_duo.driver.execute_script(YEARS)
    assert years == sorted(years, reverse=True) and "2017" in years
    # Sorting by year the other way round is a link.
    dash_duo.find_element("#events-sort-jahr").click()
    until(
        lambda: dash_duo.driver.execute_script(YEARS) == sorted(years),
        timeout=10,
    )

    dash_duo.find_element("#events-link-2017-duesseldorf").click()
    dash_duo.wait_for_text_to_equal("#event-title", "Die vernetzte Kommune 2017")
    assert _session_titles(dash_duo, "keynote") == {"Impulsvortrag"}
    assert _session_titles(dash_duo, "workshop") == WORKSHOPS
    stands = dash_duo.find_elements("#event-programme li[data-kind='stand'] a")
    assert {link.text for link in stands} == STANDS
    assert all(urlparse(link.get_attribute("href")).path.startswith("/akteur/") for link in stands)
    assert "nicht dokumentiert" in dash_duo.find_element("#event-who-undocumented").text
    assert (
        dash_duo.find_element("#event-evaluation-none").text
        == "Ergebnisse der Evaluation 2017 sind im Bericht nicht dokumentiert."
    )
    pdf = urlparse(dash_duo.find_element("#event-pdf").get_attribute("href"))
    assert pdf.path == "/veranstaltung/2017-duesseldorf/dokumentation.pdf"

    # A section goes into the deck as this page with the section as its chart.
    assert dash_duo.find_element("#deck-count").text == "0"
    add = dash_duo.driver.find_element(
        "css selector", "button[id*='event-deck-add'][id*='\"section\":\"grew\"']"
    )
    add.click()
    dash_duo.wait_for_text_to_equal("#deck-count", "1")
    slides = dash_duo.driver.execute_script(
        "return JSON.parse(window.localStorage.getItem('deck-store')).slides;"
    )
    assert slides == [{"href": "/veranstaltung/2017-duesseldorf", "chart": "grew", "title": ""}]

    first = stands[0]
    name = first.text
    first.click()
    dash_duo.wait_for_text_to_equal("#profile-name", name)
    assert unquote(urlparse(dash_duo.driver.current_url).path).startswith("/akteur/")
    assert dash_duo.get_logs() == []


def test_evt202_unknown_event_gets_a_german_page_with_the_way_back(dash_duo, offline):
    dash_duo.start_server(create_app(offline))
    dash_duo.driver.get(dash_duo.server_url + "/veranstaltung/gibt-es-nicht")
    dash_duo.wait_for_text_to_equal("#event-not-found h1", "Veranstaltung nicht gefunden")
    assert "„gibt-es-nicht“" in dash_duo.find_element("#event-not-found").text
    back = dash_duo.find_element("#event-not-found a")
    assert urlparse(back.get_attribute("href")).path == "/veranstaltungen"
    assert dash_duo.get_logs() == []


def test_evt203_evaluation_of_an_event_and_one_question_across_the_years(dash_duo, offline):
    dash_duo.start_server(create_app(offline))
    dash_duo.driver.get(dash_duo.server_url + "/veranstaltung/2025-magdeburg")
    dash_duo.wait_for_element("#event-evaluation-0")
    titles = [
        e.text for e in dash_duo.find_elements("#event-evaluation h2, [id^='event-evaluation-'] h2")
    ]
    assert any("Gesamteindruck" in title for title in titles)
    # Its table and downloads are the chart card's: the numbers are there as text.
    dash_duo.find_element("#event-evaluation-0 .chart-card-toggle").click()
    dash_duo.wait_for_element("#event-evaluation-0 table")

    dash_duo.driver.get(dash_duo.server_url + "/veranstaltungen")
    dash_duo.wait_for_element("#events-evaluation-years")
    choices = dash_duo.find_elements("#events-evaluation ~ nav a")
    assert [c.text for c in choices] == [
        "Gesamteindruck: Die Veranstaltung hat mir insgesamt gefallen.",
        "Würden Sie wieder teilnehmen?",
    ]
    assert dash_duo.find_elements("#events-evaluation-years .js-plotly-plot")
    choices[1].click()
    until(lambda: "frage=wieder-teilnehmen" in dash_duo.driver.current_url, timeout=10)
    dash_duo.wait_for_contains_text("#events-evaluation-years-title", "Würden Sie wieder")
    assert dash_duo.get_logs() == []
