"""/karte in headless Chromium: filters move the map, a click opens the profile, the
tile-free mode stays on the app's host, years play, an editor uploads boundaries."""

from __future__ import annotations

import dataclasses
import json
from urllib.parse import parse_qs, urlparse

import pytest
from dash.testing.wait import until
from flask import request
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from sqlalchemy import func, select, text

from dashboard import create_app
from dashboard.analysis import hexbins
from dashboard.db import accounts, tables
from dashboard.db.engine import make_engine
from dashboard.web import auth

pytestmark = pytest.mark.browser
PASSWORD = "ein sehr langes Passwort"

_POINTS_JS = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
if (!gd || !gd.data) { return null; }
return gd.data.filter(t => t.type === 'scattermap' && t.mode === 'markers' && t.customdata)
              .flatMap(t => Array.from(t.customdata, row => row[0])).sort();
"""


@pytest.fixture
def offline(settings):
    """The app in tile-free mode: no tile server is reachable from the test machine."""
    return dataclasses.replace(settings, offline=True)


def _sql(database_url: str, query: str, **params) -> list:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return [row[0] for row in connection.execute(text(query), params)]
    finally:
        engine.dispose()


def _located_participants(database_url: str, first_year: int) -> list[str]:
    return sorted(
        _sql(
            database_url,
            "SELECT DISTINCT a.actor_id FROM attendance a JOIN events e ON e.id = a.event_id "
            "JOIN actors ac ON ac.id = a.actor_id WHERE e.year >= :first AND ac.lat IS NOT NULL",
            first=first_year,
        )
    )


def _points(dash_duo) -> list[str] | None:
    return dash_duo.driver.execute_script(_POINTS_JS)


def _wait_for_points(dash_duo, expected: list[str]) -> None:
    until(lambda: _points(dash_duo) == expected, timeout=40)


def test_map101_year_filter_updates_points_slider_and_url(dash_duo, offline):
    dash_duo.start_server(create_app(offline))
    dash_duo.driver.get(dash_duo.server_url + "/karte")
    _wait_for_points(dash_duo, _located_participants(offline.database_url, 0))
    dash_duo.wait_for_contains_text("#map-summary", "Alle Jahre")

    first_year = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#filter-years input")[0]
    first_year.send_keys(Keys.CONTROL, "a")
    first_year.send_keys("2022", Keys.TAB)

    expected = _located_participants(offline.database_url, 2022)
    _wait_for_points(dash_duo, expected)
    dash_duo.wait_for_contains_text("#map-summary", "Alle Jahre 2022–2025")
    marks = [
        mark.text
        for mark in dash_duo.find_elements(
            "#map-year .rc-slider-mark-text, #map-year [class*='mark']"
        )
        if mark.text
    ]
    assert "2021" not in marks and "2022" in marks
    assert parse_qs(urlparse(dash_duo.driver.current_url).query)["von"] == ["2022"]
    assert dash_duo.get_logs() == []


def _wait_for_idle_map(dash_duo) -> None:
    """MapLibre has loaded its sources (our GeoJSON files) and stands still."""
    until(
        lambda: dash_duo.driver.execute_script(
            "const gd = document.querySelector('#map-graph .js-plotly-plot');"
            "const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;"
            "return Boolean(sub && sub.map && sub.map.loaded() && !sub.map.isMoving());"
        ),
        timeout=40,
    )


def _click_point(dash_duo, actor_id: str) -> None:
    """A real mouse click at the point's pixel, found through the map's own projection."""
    _wait_for_idle_map(dash_duo)
    x, y = dash_duo.driver.execute_script(
        """
        const gd = document.querySelector('#map-graph .js-plotly-plot');
        const map = gd._fullLayout.map._subplot.map;
        for (const trace of gd._fullData) {  // decoded arrays (gd.data may hold base64)
            if (!trace.customdata || trace.mode !== 'markers') continue;
            const i = Array.from(trace.customdata, row => row[0]).indexOf(arguments[0]);
            if (i < 0) continue;
            const p = map.project([trace.lon[i], trace.lat[i]]);
            const box = map.getCanvas().getBoundingClientRect();
            return [Math.round(box.left + p.x), Math.round(box.top + p.y)];
        }
        return null;
        """,
        actor_id,
    )
    actions = ActionBuilder(dash_duo.driver)
    actions.pointer_action.move_to_location(x, y)
    actions.pointer_action.pause(0.3)
    actions.pointer_action.click()
    actions.perform()


def test_map102_clicking_a_point_opens_the_profile_with_the_filters(dash_duo, offline):
    dash_duo.start_server(create_app(offline))
    # One state and one type: few points, so the click hits the one we aim at.
    dash_duo.driver.get(dash_duo.server_url + "/karte?typ=kommune&land=01")
    expected = sorted(
        _sql(
            offline.database_url,
            "SELECT DISTINCT ac.id FROM actors ac JOIN attendance a ON a.actor_id = ac.id "
            "WHERE ac.type = 'kommune' AND ac.state = '01' AND ac.lat IS NOT NULL",
        )
    )
    _wait_for_points(dash_duo, expected)
    target = expected[0]
    name = _sql(offline.database_url, "SELECT name FROM actors WHERE id = :id", id=target)[0]
    dash_duo.wait_for_element("#map-graph .maplibregl-canvas")
    _click_point(dash_duo, target)
    dash_duo.wait_for_text_to_equal("#profile-name", name)
    url = urlparse(dash_duo.driver.current_url)
    assert url.path == f"/akteur/{target}"
    assert parse_qs(url.query) == {"typ": ["kommune"], "land": ["01"]}
    assert dash_duo.get_logs() == []


_STYLE_URLS_JS = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
const style = gd._fullLayout.map._subplot.map.getStyle();
const urls = [];
for (const source of Object.values(style.sources || {})) {
    if (typeof source.data === 'string') urls.push(source.data);
    if (source.url) urls.push(source.url);
    (source.tiles || []).forEach(url => urls.push(url));
}
// Glyphs are fetched only for symbol layers that show text; plotly declares a glyphs URL
// in every style, so it counts only when such a layer exists.
const texts = (style.layers || []).filter(l => l.type === 'symbol' && l.layout && l.layout['text-field']);
if (style.glyphs && texts.length) urls.push(style.glyphs);
[].concat(style.sprite || []).forEach(sprite => urls.push(sprite.url || sprite));
return urls.map(url => new URL(url, window.location.href).href);
"""


def test_map103_tile_free_mode_requests_nothing_outside_the_app(dash_duo, offline):
    app = create_app(offline)
    served = []
    app.server.before_request(lambda: served.append(request.path))
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/karte?jahr=2019")
    dash_duo.wait_for_contains_text("#map-summary", "2019")
    _wait_for_idle_map(dash_duo)
    assert dash_duo.find_element("#map-basemap input[value='plain']").is_selected()
    own = urlparse(dash_duo.server_url).netloc
    points_view = dash_duo.driver.execute_script(_STYLE_URLS_JS)
    # Also the region view, whose polygons come from a URL too.
    dash_duo.driver.execute_script(
        "Array.from(document.querySelectorAll('#map-view input')).find(i => i.value === 'regionen').click();"
    )
    dash_duo.wait_for_contains_text("#map-summary", "Regionen (Bundesländer)")
    _wait_for_idle_map(dash_duo)
    regions_view = dash_duo.driver.execute_script(_STYLE_URLS_JS)

    # Everything the page itself loaded came from the app's host ...
    resources = dash_duo.driver.execute_script(
        "return window.performance.getEntriesByType('resource').map(e => e.name);"
    )
    assert resources and [url for url in resources if urlparse(url).netloc != own] == []
    # ... and MapLibre's style names no other host either (no tiles, glyphs or sprites);
    # the basemap's GeoJSON files were requested from the app, which served them.
    for urls in (points_view, regions_view):
        assert [url for url in urls if urlparse(url).netloc != own] == []
    until(
        lambda: {"/geo/states.geojson", "/karte/geodaten/nachbarn.geojson"} <= set(served),
        timeout=20,
    )
    assert (
        dash_duo.driver.execute_script(
            "return document.querySelector('#map-graph .js-plotly-plot')._fullLayout.map.style;"
        )
        == "white-bg"
    )
    assert dash_duo.get_logs() == []


def test_map104_play_steps_through_the_years_and_the_year_stays_in_the_url(dash_duo, offline):
    dash_duo.start_server(create_app(offline))
    dash_duo.driver.get(dash_duo.server_url + "/karte?von=2023&modus=kumuliert")
    dash_duo.wait_for_contains_text("#map-summary", "Alle Jahre 2023–2025")
    dash_duo.find_element("#map-play").click()
    dash_duo.wait_for_text_to_equal("#map-play-label", "Anhalten")
    # Cumulative frames 2023, 2023 bis 2024, 2023 bis 2025: each one is drawn before the
    # next (play waits for a slow server rather than skipping), then it stops.
    seen = []

    def last_frame_shown() -> bool:
        text = dash_duo.find_element("#map-summary").text.split(":")[0]
        if not seen or seen[-1] != text:
            seen.append(text)
        return text == "2023 bis 2025"

    until(last_frame_shown, timeout=60, poll=0.05)
    dash_duo.wait_for_text_to_equal("#map-play-label", "Abspielen")
    assert seen[-3:] == ["2023", "2023 bis 2024", "2023 bis 2025"]
    query = parse_qs(urlparse(dash_duo.driver.current_url).query)
    assert query == {"von": ["2023"], "modus": ["kumuliert"], "jahr": ["2025"]}

    dash_duo.driver.refresh()
    dash_duo.wait_for_contains_text("#map-summary", "2023 bis 2025")
    assert dash_duo.get_logs() == []


def _geojson_file(tmp_path) -> str:
    """Two hand-made Kreise: one keyed like Kiel's AGS, one around Düsseldorf."""
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"AGS": "01002", "GEN": "Kiel"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[10.0, 54.2], [10.3, 54.2], [10.3, 54.45], [10.0, 54.45], [10.0, 54.2]]
                    ],
                },
            },
            {
                "type": "Feature",
                "properties": {"AGS": "05111", "GEN": "Düsseldorf"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[6.68, 51.12], [6.94, 51.12], [6.94, 51.35], [6.68, 51.35], [6.68, 51.12]]
                    ],
                },
            },
        ],
    }
    path = tmp_path / "kreise.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    return str(path)


def _counts(database_url: str) -> tuple[int, int]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return (
                connection.execute(
                    select(func.count()).select_from(tables.boundaries)
                ).scalar_one(),
                connection.execute(
                    select(func.count()).select_from(tables.import_batches)
                ).scalar_one(),
            )
    finally:
        engine.dispose()


def _log_in_as_editor(dash_duo, database_url: str, path: str) -> None:
    """Boundaries replace stored data: only an editor gets the upload card."""
    engine = make_engine(database_url)
    with engine.begin() as connection:
        accounts.create_user(connection, "anna", PASSWORD, "editor")
    engine.dispose()
    dash_duo.driver.get(dash_duo.server_url + auth.login_url(path))
    dash_duo.wait_for_element("#login-name").send_keys("anna")
    dash_duo.find_element("#login-password").send_keys(PASSWORD)
    dash_duo.find_element("#login-submit").click()


def test_map105_uploaded_kreise_give_the_region_view_at_kreis_level(dash_duo, offline, tmp_path):
    dash_duo.start_server(create_app(offline))
    dash_duo.driver.get(dash_duo.server_url + "/karte?ansicht=regionen")
    dash_duo.wait_for_contains_text("#map-summary", "Bundesländer")
    assert not dash_duo.find_elements("#map-upload")  # a visitor gets no upload card
    _log_in_as_editor(dash_duo, offline.database_url, "/karte?ansicht=regionen")
    dash_duo.wait_for_contains_text("#map-summary", "Bundesländer")
    dash_duo.find_element("#map-upload input[type='file']").send_keys(_geojson_file(tmp_path))
    dash_duo.wait_for_contains_text("#map-upload-done", "2 Kreise gespeichert", timeout=30)
    assert _counts(offline.database_url)[0] == 2
    assert _sql(
        offline.database_url, 'SELECT "user" FROM import_batches ORDER BY id DESC LIMIT 1'
    ) == ["anna"]

    dash_duo.driver.get(dash_duo.server_url + "/karte?ansicht=regionen&ebene=kreis")
    dash_duo.wait_for_contains_text("#map-summary", "(Kreise)")
    # The summary can arrive before plotly has drawn the figure: wait for the plot itself.
    locations_script = (
        "const gd = document.querySelector('#map-graph .js-plotly-plot');"
        "return gd && gd.data ? gd.data.flatMap(t => Array.from(t.locations || [])).sort() : null;"
    )
    until(
        lambda: dash_duo.driver.execute_script(locations_script) == ["01002", "05111"], timeout=20
    )
    geojson = dash_duo.driver.execute_script(
        "return document.querySelector('#map-graph .js-plotly-plot').data[0].geojson;"
    )
    assert urlparse(geojson).path == "/karte/geodaten/kreis.geojson"
    assert dash_duo.get_logs() == []


def test_map106_a_bad_boundaries_file_says_why_and_changes_nothing(dash_duo, offline, tmp_path):
    dash_duo.start_server(create_app(offline))
    before = _counts(offline.database_url)
    _log_in_as_editor(dash_duo, offline.database_url, "/karte")
    dash_duo.wait_for_element("#map-upload")
    bad = tmp_path / "kaputt.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    dash_duo.find_element("#map-upload input[type='file']").send_keys(str(bad))
    dash_duo.wait_for_contains_text("#map-upload-error", "konnte nicht gelesen werden", timeout=30)
    assert "Es wurde nichts geändert" in dash_duo.find_element("#map-upload-error").text
    assert _counts(offline.database_url) == before
    assert dash_duo.get_logs() == []


_LINK_TRACES_JS = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
if (!gd || !gd._fullData) { return null; }
return gd._fullData.filter(t => t._input.meta && t._input.meta.link_styles)
                   .map(t => [t.visible === true, t.line ? t.line.width : null, t.opacity]);
"""


def _link_traces(dash_duo):
    return dash_duo.driver.execute_script(_LINK_TRACES_JS)


def test_map107_the_link_display_switches_in_the_browser_without_drawing_the_map_again(
    dash_duo, offline, monkeypatch
):
    from dashboard.analysis import geography

    drawn = []
    strongest = geography.strongest_links
    monkeypatch.setattr(
        geography,
        "strongest_links",
        lambda *args, **kwargs: drawn.append(1) or strongest(*args, **kwargs),
    )
    dash_duo.start_server(create_app(offline))
    dash_duo.driver.get(dash_duo.server_url + "/karte")
    until(lambda: _link_traces(dash_duo), timeout=40)
    widths = _link_traces(dash_duo)
    assert (
        all(visible for visible, _w, _o in widths) and len({width for _v, width, _o in widths}) == 3
    )
    draws = len(drawn)

    dash_duo.find_element("#map-links input[value='off']").click()
    until(lambda: not any(visible for visible, _w, _o in _link_traces(dash_duo)), timeout=20)
    assert parse_qs(urlparse(dash_duo.driver.current_url).query)["linien"] == ["aus"]

    dash_duo.find_element("#map-links input[value='opacity']").click()
    until(lambda: all(visible for visible, _w, _o in _link_traces(dash_duo)), timeout=20)
    opacity = _link_traces(dash_duo)
    assert {width for _v, width, _o in opacity} == {2.0} and len({o for _v, _w, o in opacity}) == 3
    assert len(drawn) == draws  # the server drew the map once, for the first view only

    # A link with the setting draws it so from the start (server side).
    dash_duo.driver.get(dash_duo.server_url + "/karte?linien=aus")
    until(
        lambda: _link_traces(dash_duo) and not any(v for v, _w, _o in _link_traces(dash_duo)),
        timeout=40,
    )
    assert dash_duo.find_element("#map-links input[value='off']").is_selected()
    assert dash_duo.get_logs() == []


def _script_or_none(dash_duo, script: str):
    """The script's result, or None while the page is being replaced (the driver then fails)."""
    try:
        return dash_duo.driver.execute_script(script)
    except WebDriverException:
        return None


@pytest.mark.console_errors(r"basemaps\.cartocdn\.com", "Map error")
def test_map108_an_unreachable_online_map_falls_back_to_the_tile_free_basemap_and_says_so(
    dash_duo, settings
):
    # BASEMAP=tiles: the online map is allowed, and the default of the page.
    dash_duo.start_server(create_app(dataclasses.replace(settings, basemap="tiles")))
    dash_duo.driver.get(dash_duo.server_url + "/karte")
    until(
        lambda: (
            parse_qs(urlparse(dash_duo.driver.current_url).query).get("hintergrund") == ["ohne"]
        ),
        timeout=40,
    )
    _wait_for_points(dash_duo, _located_participants(settings.database_url, 0))
    dash_duo.wait_for_text_to_equal(
        "#map-basemap-fallback",
        "Die Online-Karte ist nicht erreichbar (keine Verbindung?): Die Karte wird ohne Kacheln gezeigt.",
    )
    assert dash_duo.find_element("#map-basemap input[value='plain']").is_selected()
    assert (
        dash_duo.driver.execute_script(
            "return document.querySelector('#map-graph .js-plotly-plot')._fullLayout.map.style;"
        )
        == "white-bg"
    )

    # Chosen again, the online map fails again and the page is opened again without tiles.
    dash_duo.driver.execute_script("window.beforeFallback = true;")
    dash_duo.find_element("#map-basemap input[value='tiles']").click()
    until(
        lambda: _script_or_none(dash_duo, "return window.beforeFallback === undefined;"), timeout=40
    )
    assert parse_qs(urlparse(dash_duo.driver.current_url).query).get("hintergrund") == ["ohne"]
    _wait_for_points(dash_duo, _located_participants(settings.database_url, 0))
    assert dash_duo.find_element("#map-basemap-fallback").is_displayed()


_DRAWN_JS = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
if (!gd || !gd._fullData || !gd._fullLayout.map) { return null; }
const first = gd._fullData[0];
return {
    kind: first.type,
    cells: first.type === 'choroplethmap' ? first.locations.length : 0,
    points: gd._fullData.filter(t => t.mode === 'markers' && t.customdata)
                        .reduce((n, t) => n + t.customdata.length, 0),
    zoom: gd._fullLayout.map.zoom,
    densest: first.type === 'choroplethmap'
        ? Array.from(first.customdata).sort((a, b) => parseInt(b[1]) - parseInt(a[1]))[0]
        : null,
};
"""


def _drawn(dash_duo) -> dict | None:
    return dash_duo.driver.execute_script(_DRAWN_JS)


def _zoom_to(dash_duo, lat: float, lon: float, zoom: float) -> None:
    dash_duo.driver.execute_script(
        "const gd = document.querySelector('#map-graph .js-plotly-plot');"
        "Plotly.relayout(gd, {'map.center': {lat: arguments[0], lon: arguments[1]},"
        " 'map.zoom': arguments[2]});",
        lat,
        lon,
        zoom,
    )


def test_map109_more_places_than_readable_give_hexagons_and_zooming_in_the_single_places(
    dash_duo, offline, monkeypatch
):
    # The small sample has a few dozen places: with ten allowed, Germany as a whole shows
    # bins, a zoomed-in Kreis its single places, as the national sample does with 2,000.
    monkeypatch.setattr(hexbins, "AGGREGATE_ABOVE", 10)
    dash_duo.start_server(create_app(offline))
    dash_duo.driver.get(dash_duo.server_url + "/karte")
    until(lambda: (_drawn(dash_duo) or {}).get("kind") == "choroplethmap", timeout=40)
    dash_duo.wait_for_contains_text("#map-scale-note", "zu Sechsecken zusammengefasst")
    overview = _drawn(dash_duo)
    located = len(_located_participants(offline.database_url, 0))
    assert overview["points"] == 0 and 1 < overview["cells"] < located

    # A click on the densest hexagon zooms in on it, and the map is drawn for the new view.
    _wait_for_idle_map(dash_duo)
    lat, lon = overview["densest"][5], overview["densest"][6]
    x, y = dash_duo.driver.execute_script(
        """
        const gd = document.querySelector('#map-graph .js-plotly-plot');
        const map = gd._fullLayout.map._subplot.map;
        const p = map.project([arguments[1], arguments[0]]);
        const box = map.getCanvas().getBoundingClientRect();
        return [Math.round(box.left + p.x), Math.round(box.top + p.y)];
        """,
        lat,
        lon,
    )
    actions = ActionBuilder(dash_duo.driver)
    actions.pointer_action.move_to_location(x, y)
    actions.pointer_action.pause(0.3)
    actions.pointer_action.click()
    actions.perform()
    until(lambda: _drawn(dash_duo)["zoom"] >= overview["zoom"] + 1.9, timeout=20)

    # Close in, the single places of the area are drawn, and the view stays where it is.
    _zoom_to(dash_duo, lat, lon, 10)
    until(lambda: (_drawn(dash_duo) or {}).get("kind") == "scattermap", timeout=20)
    dash_duo.wait_for_contains_text("#map-scale-note", "Ausschnitt")
    assert 0 < _drawn(dash_duo)["points"] < located  # the area around the view, not all
    assert _drawn(dash_duo)["zoom"] == pytest.approx(10, abs=0.01)

    # Out again: hexagons.
    _zoom_to(dash_duo, 51.2, 10.4, 5)
    until(lambda: (_drawn(dash_duo) or {}).get("kind") == "choroplethmap", timeout=20)
    assert _drawn(dash_duo)["zoom"] == pytest.approx(5, abs=0.01)
