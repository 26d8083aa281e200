"""/karte and /netzwerk say which values of their address they could not use."""

from __future__ import annotations

import pytest
from dash import page_registry

from dashboard import create_app
from dashboard.config import Settings


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'app.db'}"
    return create_app(Settings(database_url=url, secret_key="test-secret"))


def _find(component, component_id: str):
    if getattr(component, "id", None) == component_id:
        return component
    children = (
        getattr(component, "children", None) if not isinstance(component, list) else component
    )
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = _find(child, component_id)
            if found is not None:
                return found
    return None


def _layout(app, path: str, **query):
    (entry,) = [page for page in page_registry.values() if page["path"] == path]
    with app.server.test_request_context(path):
        return entry["layout"](**query)


@pytest.mark.parametrize(
    "path, notes_id, query, shown",
    [
        ("/karte", "map-state-notes", {"ebene": "dorf", "wert": "je100000"}, ["»ebene=dorf«"]),
        ("/netzwerk", "network-state-notes", {"top": "viele", "farbe": "art"}, ["»top=viele«"]),
    ],
)
def test_psn001_ignored_values_are_listed_and_good_ones_are_not(app, path, notes_id, query, shown):
    notes = _find(_layout(app, path, **query), notes_id)
    text = str(notes.to_plotly_json())
    assert all(part in text for part in shown)
    assert "wert" not in text and "farbe" not in text
    assert _find(_layout(app, path), notes_id).children is None
