"""Text from the data is rendered inert, under the app's Content-Security-Policy: actor names,
event, session and topic titles holding <script> and <img onerror> payloads are imported
through the real import, then the overview, map, network and actor pages are visited in
headless Chromium. No payload runs, none becomes an element, and the console stays clean
(a CSP violation or a broken page would show there)."""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile

import pytest
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import update

from dashboard import create_app
from dashboard.db import tables
from dashboard.db.engine import make_engine
from dashboard.db.setup import prepare
from dashboard.exchange import parse_bytes
from dashboard.exchange.commit import commit
from dashboard.sample.small import generate

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
SVG = "<svg onload=window.__xss=1>"


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _hostile_zip() -> bytes:
    files = {
        "actors": [
            ["id", "name", "type", "state", "city", "lat", "lon", "website"],
            [
                "xss-script",
                f"Stadt {SCRIPT}",
                "kommune",
                "05",
                f"Ort {SVG}",
                "51.5",
                "7.4",
                "https://example.org/?q=<script>",
            ],
            ["xss-img", f"Verein {IMG}", "initiative", "09", f"Ort {IMG}", "48.1", "11.6", ""],
        ],
        "events": [
            ["id", "year", "title", "city", "venue"],
            ["xss-2031", "2031", f"Tagung {IMG}", f"Stadt {SCRIPT}", SVG],
        ],
        "sessions": [
            ["id", "event_id", "kind", "title", "topics"],
            ["xss-ws", "xss-2031", "workshop", f"Workshop {SCRIPT}", f"Thema {IMG}"],
        ],
        "attendance": [
            ["event_id", "actor_id", "session_id", "role", "headcount"],
            ["xss-2031", "xss-script", "", "participant", "3"],
            ["xss-2031", "xss-img", "xss-ws", "speaker", "1"],
        ],
        "links": [["source_id", "target_id", "kind"], ["xss-script", "xss-img", "projekt"]],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, rows in files.items():
            archive.writestr(f"{name}.csv", _csv(rows))
    return buffer.getvalue()


@pytest.fixture
def hostile(settings):
    """The sample data plus the hostile rows, through the import; offline (no tile server)."""
    engine = make_engine(settings.database_url)
    prepare(engine, generate)
    parsed = parse_bytes(_hostile_zip(), "boese.zip")
    assert parsed.ok, [p.message() for p in parsed.problems if p.is_error]
    assert commit(engine, parsed, user="test").batch_id is not None
    # A javascript: address cannot be imported (the validator refuses it); one stored by
    # other means must still never become a link.
    with engine.begin() as connection:
        connection.execute(
            update(tables.actors)
            .where(tables.actors.c.id == "xss-img")
            .values(website="javascript:window.__xss=1")
        )
    engine.dispose()
    return dataclasses.replace(settings, offline=True)


_MAPS_IDLE_JS = """
return Array.from(document.querySelectorAll('.js-plotly-plot')).every(gd => {
    const subplot = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    return !subplot || (subplot.map && subplot.map.loaded());
});
"""


def _assert_inert(dash_duo) -> None:
    driver = dash_duo.driver
    # Leaving a page while MapLibre still fetches aborts the fetch, which plotly reports as
    # "Map error." in the console of the next page: wait until every map has loaded.
    WebDriverWait(driver, 40).until(lambda d: d.execute_script(_MAPS_IDLE_JS))
    assert driver.execute_script("return typeof window.__xss") == "undefined"
    injected = driver.execute_script(
        'return document.querySelectorAll(\'img[src="x"], svg[onload], [onerror], a[href^="javascript:"]\').length'
    )
    assert injected == 0
    assert dash_duo.get_logs() == []


def _visit(dash_duo, path: str, ready_css: str, text: str | None = None) -> None:
    dash_duo.wait_for_page(url=dash_duo.server_url + path)
    dash_duo.wait_for_element(ready_css, timeout=40)
    if text is not None:
        WebDriverWait(dash_duo.driver, 40).until(
            lambda driver: text in driver.find_element("tag name", "body").text
        )


def test_xss101_payloads_in_names_and_titles_stay_text_on_every_page(dash_duo, hostile):
    dash_duo.start_server(create_app(hostile))

    _visit(dash_duo, "/", "#overview-kpi-events-value")
    dash_duo.wait_for_element(".js-plotly-plot .main-svg", timeout=40)
    _assert_inert(dash_duo)

    _visit(dash_duo, "/karte", "#map-graph .js-plotly-plot")
    WebDriverWait(dash_duo.driver, 40).until(
        lambda driver: driver.execute_script(
            "const gd = document.querySelector('#map-graph .js-plotly-plot');"
            "return !!gd && !!gd.data && JSON.stringify(gd.data).includes('xss-img');"
        )
    )
    _assert_inert(dash_duo)

    _visit(dash_duo, "/netzwerk", "#network-graph .scatterlayer .point")
    _assert_inert(dash_duo)

    # The actor pages show the names as plain text, the tags visible as characters.
    _visit(dash_duo, "/akteur/xss-img", "#main", text=f"Verein {IMG}")
    assert not dash_duo.find_elements("#profile-website")  # javascript: is never a link
    _assert_inert(dash_duo)

    _visit(dash_duo, "/akteur/xss-script", "#main", text=f"Stadt {SCRIPT}")
    link = dash_duo.find_element("#profile-website")
    assert link.get_attribute("href").startswith("https://example.org/")
    assert link.get_attribute("rel") == "noopener noreferrer"
    _assert_inert(dash_duo)
