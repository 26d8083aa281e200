"""The links of the /karte map: one trace per link kind and weight class on a fixed scale."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import schema
from dashboard.i18n import t

LINK_MODES = ("width", "opacity", "off")
LINK_COLOURS = {"kooperation": "#000000", "austausch": "#56B4E9", "projekt": "#A6761D"}
# Links are drawn in three weight classes on a fixed scale (thirds of the largest weight in
# all data): one trace per link kind and class, so the trace count never grows with links.
LINK_CLASSES = 3
LINK_WIDTHS = (1.0, 2.5, 4.5)
LINK_OPACITIES = (0.25, 0.5, 0.85)
LINK_PLAIN_WIDTH = 2.0


def weight_classes(weights: np.ndarray, weight_max: float) -> np.ndarray:
    """Class 0, 1 or 2 of each weight on the fixed scale (thirds of `weight_max`)."""
    share = np.clip(np.asarray(weights, dtype=float) / max(float(weight_max), 1e-9), 0, 1)
    classes: np.ndarray = np.clip(
        np.ceil(share * LINK_CLASSES).astype(int) - 1, 0, LINK_CLASSES - 1
    )
    return classes


def segments(links: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """lat/lon arrays of all links, each segment followed by a NaN gap: one trace, many lines."""
    count = len(links)
    # float32 is exact to about a metre here and halves the figure (plotly sends typed arrays).
    lat = np.full(count * 3, np.nan, dtype="float32")
    lon = np.full(count * 3, np.nan, dtype="float32")
    lat[0::3], lat[1::3] = links["lat0"].to_numpy(dtype=float), links["lat1"].to_numpy(dtype=float)
    lon[0::3], lon[1::3] = links["lon0"].to_numpy(dtype=float), links["lon1"].to_numpy(dtype=float)
    return lat, lon


LINK_STYLED_MODES = ("width", "opacity")  # "off" hides the same traces
HIDDEN_LINKS_NOTE = "links-hidden"  # the name of the "n of m links drawn" annotation


def link_style(mode: str, level: int, dimmed: bool = False) -> dict[str, Any]:
    """Line width and opacity of weight class `level` when links are shown by `mode`."""
    width, opacity = LINK_PLAIN_WIDTH, LINK_OPACITIES[-1]
    if mode == "width":
        width, opacity = LINK_WIDTHS[level], 0.6
    elif mode == "opacity":
        opacity = LINK_OPACITIES[level]
    return {"width": width, "opacity": opacity * (0.35 if dimmed else 1.0)}


def link_traces(
    links: pd.DataFrame, lang: str, weight_max: float, mode: str = "width", dimmed: bool = False
) -> list[go.Scattermap]:
    """Links as lines: per kind one trace per weight class (width or opacity by weight).
    Never one trace per link. With mode "off" the same traces are sent hidden, and each
    trace's meta holds its style for every mode: the page switches modes in the browser
    without asking the server for the whole map again."""
    traces = []
    classes = (
        weight_classes(links["weight"].to_numpy(dtype=float), weight_max)
        if not links.empty
        else np.array([], dtype=int)
    )
    for kind in schema.LINK_KINDS:
        of_kind = (
            (links["kind"] == kind).to_numpy() if not links.empty else np.array([], dtype=bool)
        )
        counts = [
            int((of_kind & (classes == level)).sum()) if len(links) else 0
            for level in range(LINK_CLASSES)
        ]
        # The legend entry goes with a class that has lines: plotly leaves empty traces out of
        # the legend, and at national scale the lightest class may have none drawn.
        legend_level = next((level for level, count in enumerate(counts) if count), 0)
        for level in range(LINK_CLASSES):
            lat, lon = segments(links[of_kind & (classes == level)] if len(links) else links)
            styles = {name: link_style(name, level, dimmed) for name in LINK_STYLED_MODES}
            style = styles.get(mode, styles["width"])  # hidden traces keep the default look
            traces.append(
                go.Scattermap(
                    lat=lat,
                    lon=lon,
                    mode="lines",
                    name=t(f"map.link.{kind}", lang),
                    legendgroup=f"link-{kind}",
                    showlegend=level == legend_level,
                    visible=mode in styles,
                    line={"width": style["width"], "color": LINK_COLOURS[kind]},
                    opacity=style["opacity"],
                    hoverinfo="skip",
                    meta={"link_styles": styles},
                )
            )
    return traces
