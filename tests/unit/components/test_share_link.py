from __future__ import annotations

from dashboard.components.navbar import navbar
from dashboard.components.share_link import BUTTON_ID, MESSAGES_ID, STATUS_ID, share_link_button
from dashboard.state.filters import Filters


def _find(component, component_id):
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, str):
            found = _find(child, component_id)
            if found is not None:
                return found
    return None


def test_share001_button_and_messages_in_the_page_language():
    german, english = share_link_button("de"), share_link_button("en")
    assert _find(german, BUTTON_ID).to_plotly_json()["props"]["aria-label"] == "Link kopieren"
    assert _find(english, BUTTON_ID).to_plotly_json()["props"]["aria-label"] == "Copy link"
    assert _find(german, MESSAGES_ID).data["copied"] == "Link kopiert"
    assert _find(english, MESSAGES_ID).data["copied"] == "Link copied"
    assert _find(german, STATUS_ID).role == "status"  # announced by screen readers


def test_share002_every_page_frame_has_the_button_in_its_navbar():
    assert _find(navbar(Filters(), "/karte"), BUTTON_ID) is not None
