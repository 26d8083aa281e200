"""Image export of the graphs: configured in one place, high resolution, named files."""

from __future__ import annotations

from dashboard.components.chart_card import IMAGE, PNG, SVG, chart_card, part_id
from dashboard.components.graph_config import IMAGE_SCALE, graph_config, image_options


def _find(component, wanted_id):
    if getattr(component, "id", None) == wanted_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and hasattr(child, "to_plotly_json"):
            found = _find(child, wanted_id)
            if found is not None:
                return found
    return None


def test_gcf001_png_export_is_high_resolution_and_named():
    config = graph_config("Teilnahme je Jahr / 2017")
    assert config["toImageButtonOptions"] == {
        "format": "png",
        "filename": "Teilnahme-je-Jahr-2017",
        "scale": IMAGE_SCALE,
    }
    assert 2 <= IMAGE_SCALE <= 3
    assert config["displaylogo"] is False and config["responsive"] is True


def test_gcf002_overrides_keep_the_export_settings():
    config = graph_config("karte", scrollZoom=True)
    assert config["scrollZoom"] is True and config["toImageButtonOptions"]["filename"] == "karte"
    assert (
        image_options("x", "svg")["format"] == "svg"
        and image_options("x", "gif")["format"] == "png"
    )
    assert image_options("")["filename"] == "netzwerkatlas"


def test_gcf003_every_chart_card_offers_png_and_svg_of_its_own_graph():
    card = chart_card("attendance-events", "Teilnahme", "de")
    graph = _find(card, "attendance-events-graph")
    assert graph.config["toImageButtonOptions"]["filename"] == "attendance-events"
    assert _find(card, part_id(PNG, "attendance-events")) is not None
    assert _find(card, part_id(SVG, "attendance-events")) is not None
    assert _find(card, part_id(IMAGE, "attendance-events")).data == image_options(
        "attendance-events"
    )
