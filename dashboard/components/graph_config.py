"""The one place where the graphs' configuration is set, including their image export.

Plotly's mode bar "download as image" runs in the browser (no server, no network); here it
is set to a high-resolution PNG (3× the shown size, sharp on a projector and in print)
with a meaningful file name. SVG is offered by the chart cards' own button, which calls
the same browser function with format "svg" (see :data:`IMAGE_EXPORT_JS`).
"""

from __future__ import annotations

import re
from typing import Any, cast

from dash import dcc

IMAGE_SCALE = 3
IMAGE_FORMATS = ("png", "svg")

# Hover-only mode bar (so it does not cover legends) with the buttons a presenter needs:
# save as image, zoom, pan, reset.
BASE_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "displayModeBar": "hover",
    "modeBarButtonsToRemove": [
        "select2d",
        "lasso2d",
        "zoomIn2d",
        "zoomOut2d",
        "autoScale2d",
        "hoverClosestCartesian",
        "hoverCompareCartesian",
        "toggleSpikelines",
    ],
}


# What a graph shows until its figure arrives: nothing. Without a figure plotly draws empty
# axes (ticks from −1 to 6, labels over each other) for as long as the answer takes.
BLANK_FIGURE: dict[str, Any] = {
    "data": [],
    "layout": {
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
    },
}


def image_filename(name: str | None) -> str:
    stem = re.sub(r"[^A-Za-z0-9äöüÄÖÜß_-]+", "-", str(name or "")).strip("-")
    return stem[:80] or "netzwerkatlas"


def image_options(name: str | None, image_format: str = "png") -> dict[str, Any]:
    """Plotly's toImageButtonOptions: format, file name, scale. Width and height stay
    unset, so the image has the chart's shown size times the scale."""
    return {
        "format": image_format if image_format in IMAGE_FORMATS else "png",
        "filename": image_filename(name),
        "scale": IMAGE_SCALE,
    }


def graph_config(name: str | None = None, **overrides: Any) -> dcc.Graph.Config:
    """The config of a dcc.Graph whose image export is named after `name`."""
    # A merged dict cannot be checked against the TypedDict; its keys are plotly config keys.
    return cast(
        "dcc.Graph.Config",
        {**BASE_CONFIG, "toImageButtonOptions": image_options(name), **overrides},
    )


# Browser side of the SVG/PNG buttons: find the plotly graph of a card and download it.
IMAGE_EXPORT_JS = """
function (svgClicks, pngClicks, options) {
    const fired = (window.dash_clientside.callback_context.triggered || [])[0];
    if (!fired || !fired.value || !window.Plotly) { return window.dash_clientside.no_update; }
    const part = JSON.parse(fired.prop_id.slice(0, fired.prop_id.lastIndexOf(".")));
    const format = part.type.endsWith("-svg") ? "svg" : "png";
    const holder = document.getElementById(part.card + "-graph");
    const plot = holder ? holder.querySelector(".js-plotly-plot") : null;
    if (plot) {
        window.Plotly.downloadImage(plot, Object.assign({}, options, {format: format}));
    }
    return window.dash_clientside.no_update;
}
"""
