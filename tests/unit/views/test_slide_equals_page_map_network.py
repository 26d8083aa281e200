"""A slide of /karte, /netzwerk or /akteur shows the chart its page shows for the same
address: the page's callback and the slide show's callback are driven side by side on
one app, and their figures compared (after the slide look, which only changes styling)."""

from __future__ import annotations

import dataclasses
import json

import plotly.graph_objects as go
import pytest
from dash import dcc, page_registry

from dashboard import create_app
from dashboard.config import Settings
from dashboard.db.boundaries import save_boundaries
from dashboard.db.engine import make_engine
from dashboard.figures.presentation import for_slide
from dashboard.geo.boundaries import read_boundaries
from dashboard.presentation.deck import Deck, deck_to_data, slide_from_href

# Two hand-made Kreise: one keyed like Kiel's AGS, one around Düsseldorf (as in
# tests/browser/test_map_page.py): seeded actors lie in both.
KREISE = {
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


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app in tile-free mode (as every slide is), seeded, with Kreise stored."""
    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'app.db'}"
    settings = Settings(database_url=url, secret_key="test-secret")
    app = create_app(dataclasses.replace(settings, offline=True))
    engine = make_engine(url)
    content = json.dumps(KREISE).encode()
    save_boundaries(engine, read_boundaries(content, "kreise.geojson", "kreis"), None, "kreise")
    engine.dispose()
    # Dash hands the pages' callbacks to the app on its first request.
    assert app.server.test_client().get("/_dash-dependencies").status_code == 200
    return app


def _callback(app, name: str):
    for entry in app.callback_map.values():
        function = getattr(entry.get("callback"), "__wrapped__", None)
        if function is not None and function.__name__ == name:
            return function
    raise LookupError(name)


def _graphs(component) -> list[dcc.Graph]:
    """Every graph in a layout tree."""
    if isinstance(component, dcc.Graph):
        return [component]
    if isinstance(component, list | tuple):
        return [graph for child in component for graph in _graphs(child)]
    children = getattr(component, "children", None)
    return [] if children is None or isinstance(children, str) else _graphs(children)


def _slide_figure(app, href: str, chart: str | None = None) -> go.Figure:
    """The figure the slide show keeps in the browser for a one-slide deck of `href`."""
    deck = Deck(name="Test", slides=(slide_from_href(href, chart),))
    with app.server.test_request_context("/praesentation"):
        patch = _callback(app, "keep_slide")(0, {"deck": deck_to_data(deck), "lang": "de"})
    (operation,) = patch.to_plotly_json()["operations"]
    assert operation["operation"] == "Assign" and operation["location"] == ["0"]
    return go.Figure(operation["params"]["value"]["figure"])


def _data(figure: go.Figure, fitted_alike: bool) -> dict:
    """What a figure shows: its traces and the layout that carries data. The center and
    zoom only where page and slide fit the view the same way."""
    data = json.loads(go.Figure(figure).to_json())
    layout = data["layout"]
    layout.pop("template", None)
    if not fitted_alike:
        for key in ("center", "zoom"):
            layout.get("map", {}).pop(key, None)
    return data


def _assert_same(page: go.Figure, slide: go.Figure, fitted_alike: bool) -> None:
    page_data, slide_data = _data(for_slide(page), fitted_alike), _data(slide, fitted_alike)
    assert page_data["data"], "the page drew nothing to compare"
    assert page_data == slide_data


@pytest.mark.parametrize(
    "search, fitted_alike",
    [
        ("?ansicht=regionen&ebene=kreis&wert=je100000", True),
        ("?ansicht=regionen&wert=akteure&jahr=2024", True),
        ("?jahr=2023&modus=kumuliert&linien=deckkraft", False),
    ],
)
def test_sep001_the_map_slide_is_the_map_of_its_page(app, search, fitted_alike):
    with app.server.test_request_context("/karte" + search):
        page = _callback(app, "update_map")(None, None, None, search, None)[0]
    slide = _slide_figure(app, "/karte" + search)
    _assert_same(page, slide, fitted_alike)
    if "ebene=kreis" in search:
        (trace, *_rest) = [trace for trace in slide.data if trace.type == "choroplethmap"]
        assert set(trace.locations) <= {"01002", "05111"} and len(trace.locations) > 0
        assert "kreis" in str(trace.geojson)


NETWORK_SEARCH = "?jahr=2024&groesse=personen&ego=duesseldorf&schritte=2&min_gewicht=2&top=25"
# The page's controls, as its layout sets them from NETWORK_SEARCH.
NETWORK_CONTROLS = (2024, True, "headcount", "community", "duesseldorf", 2, "2", "0", "25")


def test_sep002_the_network_slide_is_the_graph_of_its_page(app):
    with app.server.test_request_context("/netzwerk" + NETWORK_SEARCH):
        page = _callback(app, "update_network")(NETWORK_SEARCH, *NETWORK_CONTROLS)[0]
    slide = _slide_figure(app, "/netzwerk" + NETWORK_SEARCH, "graph")
    _assert_same(page, slide, fitted_alike=True)
    shown = {
        str(id_) for trace in slide.data if trace.customdata is not None for id_ in trace.customdata
    }
    assert "duesseldorf" in shown and len(shown) > 1


def test_sep003_the_growth_slide_is_the_growth_chart_of_its_page(app):
    search = "?modus=einzeln&typ=kommune"
    with app.server.test_request_context("/netzwerk" + search):
        answer = _callback(app, "update_growth")(search, False)
    (page,) = [value for value in answer if isinstance(value, go.Figure)]
    slide = _slide_figure(app, "/netzwerk" + search, "growth")
    _assert_same(page, slide, fitted_alike=True)


def test_sep004_the_profile_slide_is_the_map_of_the_profile_page(app):
    (entry,) = [page for page in page_registry.values() if page["module"].endswith("actor")]
    with app.server.test_request_context("/akteur/pirmasens"):
        graphs = _graphs(entry["layout"](actor_id="pirmasens"))
    (page,) = [graph.figure for graph in graphs if graph.id == "profile-map"]
    slide = _slide_figure(app, "/akteur/pirmasens")
    _assert_same(go.Figure(page), slide, fitted_alike=False)
