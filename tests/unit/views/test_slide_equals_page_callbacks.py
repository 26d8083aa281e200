"""Every chart slide of /teilnahme, /themen and /vergleich shows what the page's own callback
draws for the same address: the page callback and the slide show's callback run side by side
on one app, and the figures are compared after the slide look (styling only)."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from dashboard import create_app
from dashboard.config import Settings
from dashboard.figures.presentation import for_slide
from tests.unit.views.test_slide_equals_page_map_network import _slide_figure


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'app.db'}"
    app = create_app(Settings(database_url=url, secret_key="test-secret", offline=True))
    assert app.server.test_client().get("/_dash-dependencies").status_code == 200
    return app


def _page_figure(app, path: str, search: str, args: tuple, card: str) -> go.Figure:
    """The figure the page's callback that draws the card `card` returns."""
    wanted = f"{card}-graph.figure"
    for entry in app.callback_map.values():
        specs = entry["output"] if isinstance(entry["output"], list) else [entry["output"]]
        outputs = [f"{out.component_id}.{out.component_property}" for out in specs]
        callback = getattr(entry.get("callback"), "__wrapped__", None)
        if wanted in outputs and callback is not None:
            with app.server.test_request_context(path + search):
                values = callback(*args)
            return go.Figure(values[outputs.index(wanted)])
    raise LookupError(wanted)


def _shown(figure: go.Figure) -> dict:
    data = json.loads(go.Figure(figure).to_json())
    data["layout"].pop("template", None)
    return data


FILTERS = "?von=2016&bis=2024&typ=kommune,initiative"
CASES = [
    # (path, chart, card, page setting)
    ("/teilnahme", "events", "attendance-events", "actors"),
    ("/teilnahme", "roles", "attendance-roles", None),
    ("/teilnahme", "states", "attendance-states", "actors"),
    ("/teilnahme", "top", "attendance-top", None),
    ("/teilnahme", "retention", "attendance-retention", None),
    ("/teilnahme", "cohorts", "attendance-cohorts", None),
    ("/themen", "heatmap", "topics-heatmap", "headcount"),
    ("/themen", "trends", "topics-trends", "headcount"),
    ("/themen", "by_type", "topics-types", "sessions"),
    ("/vergleich", "per_year", "compare-per-year", None),
    ("/vergleich", "topics", "compare-topics", None),
    ("/vergleich", "roles", "compare-roles", None),
]


@pytest.mark.parametrize("path, chart, card, metric", CASES)
def test_sepc001_every_chart_slide_is_the_chart_of_its_page(app, path, chart, card, metric):
    search = FILTERS + (f"&kennzahl={metric}" if metric else "")
    if path == "/vergleich":
        search += "&akteure=pirmasens,mannheim,hannover"
    args = (search,) if metric is None else (search, metric)
    page = _page_figure(app, path, search, args, card)
    slide = _slide_figure(app, path + search, chart)
    page_shown, slide_shown = _shown(for_slide(page)), _shown(slide)
    assert page_shown["data"], "the page drew nothing to compare"
    assert page_shown == slide_shown
