"""The /karte overview at national scale: places as hexagons coloured by how many actors
they hold, and the links between hexagons as flows (one line per pair, width by count)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.map import hover_names, links_note, map_frame_layout
from dashboard.figures.map_layout import GERMANY_CENTER, OFFLINE_STYLE, outline_layers
from dashboard.figures.map_links import LINK_STYLED_MODES, segments, weight_classes
from dashboard.figures.regions import COLOURSCALE
from dashboard.figures.theme import base_layout, empty_figure
from dashboard.i18n import fmt_number, t, tn

FLOW_COLOUR = "#b35806"  # dark orange: apart from the blues of the hexagons
FLOW_WIDTHS = (1.0, 2.5, 5.0)
FLOW_OPACITIES = (0.35, 0.6, 0.9)
BIN_CLICK_PREFIX = "hex:"  # customdata[0] of a hexagon: a click zooms in, opens no profile


def _flow_style(mode: str, level: int) -> dict[str, Any]:
    if mode == "width":
        return {"width": FLOW_WIDTHS[level], "opacity": 0.7}
    return {"width": 2.0, "opacity": FLOW_OPACITIES[level]}


def flow_traces(flows: pd.DataFrame, lang: str, link_mode: str) -> list[go.Scattermap]:
    """Flows in three classes by their number of links (thirds of the largest drawn): one
    trace per class, each carrying its style per link display like the single links."""
    classes = (
        weight_classes(flows["links"].to_numpy(dtype=float), float(flows["links"].max()))
        if not flows.empty
        else np.array([], dtype=int)
    )
    traces = []
    for level in range(len(FLOW_WIDTHS)):
        lat, lon = segments(flows[classes == level] if len(flows) else flows)
        styles = {name: _flow_style(name, level) for name in LINK_STYLED_MODES}
        style = styles.get(link_mode, styles["width"])
        traces.append(
            go.Scattermap(
                lat=lat,
                lon=lon,
                mode="lines",
                name=t("map.bins.flows", lang),
                legendgroup="flows",
                showlegend=level == len(FLOW_WIDTHS) - 1,
                visible=link_mode in styles,
                line={"width": style["width"], "color": FLOW_COLOUR},
                opacity=style["opacity"],
                hoverinfo="skip",
                meta={"link_styles": styles},
            )
        )
    return traces


def _bin_customdata(bins: pd.DataFrame, lang: str) -> np.ndarray:
    names = [", ".join(hover_names(pd.Series(listed, dtype=object))) for listed in bins["names"]]
    return np.column_stack(
        [
            (BIN_CLICK_PREFIX + bins["cell"]).to_numpy(dtype=object),
            bins["actors"].map(lambda v: tn("count.actors", int(v), lang)).to_numpy(dtype=object),
            bins["headcount"].map(lambda v: fmt_number(int(v), lang)).to_numpy(dtype=object),
            bins["events"].map(lambda v: fmt_number(int(v), lang)).to_numpy(dtype=object),
            np.array(names, dtype=object),
            bins["lat"].to_numpy(dtype=float),
            bins["lon"].to_numpy(dtype=float),
        ]
    )


def bin_trace(
    bins: pd.DataFrame,
    outlines: dict[str, Any],
    lang: str,
    actors_max: float,
    clickable: bool = True,
) -> go.Choroplethmap:
    """The hexagons, coloured by actors on a scale fixed per data version (`actors_max`),
    so the frames of different years compare; `clickable` adds the zoom hint to the hover."""
    hint = f"<br><i>{t('map.bins.click', lang)}</i>" if clickable else ""
    return go.Choroplethmap(
        geojson=outlines,
        locations=bins["cell"].to_numpy(dtype=object),
        featureidkey="id",
        z=bins["actors"].to_numpy(dtype=float),
        zmin=0,
        zmax=max(float(actors_max), 1.0),
        colorscale=COLOURSCALE,
        marker={"line": {"width": 0.5, "color": "white"}, "opacity": 0.85},
        colorbar={
            "title": {"text": t("map.bins.colour", lang), "side": "top"},
            "orientation": "h",
            "x": 0.995,
            "xanchor": "right",
            "y": 0.005,
            "yanchor": "bottom",
            "len": 0.3,
            "thickness": 12,
            "bgcolor": "rgba(255,255,255,0.9)",
        },
        customdata=_bin_customdata(bins, lang),
        hovertemplate=(
            "<b>%{customdata[1]}</b>"
            f"<br>{t('chart.map.headcount', lang)}: %{{customdata[2]}}"
            f"<br>{t('chart.map.events', lang)}: %{{customdata[3]}}"
            f"<br>{t('map.bins.among', lang)} %{{customdata[4]}}"
            f"{hint}<extra></extra>"
        ),
        name=t("map.bins.legend", lang),
        showlegend=False,
    )


def binned_map(
    bins: pd.DataFrame,
    outlines: dict[str, Any],
    flows: pd.DataFrame,
    hidden_flows: int,
    states_geojson: dict[str, Any] | str,
    lang: str,
    actors_max: float,
    style: str,
    link_mode: str,
    neighbours_geojson: dict[str, Any] | str | None,
    height: int,
    extra_traces: list[go.Scattermap] | None = None,
    center: dict[str, float] | None = None,
    zoom: float = 4.9,
) -> go.Figure:
    """Hexagons with flows on the /karte frame; `extra_traces` (a focused actor) on top."""
    traces: list[Any] = [bin_trace(bins, outlines, lang, actors_max)]
    traces += flow_traces(flows, lang, link_mode)
    traces += extra_traces or []
    layout = map_frame_layout(
        lang,
        height,
        style,
        states_geojson,
        neighbours_geojson,
        center,
        zoom,
        t("map.bins.description", lang),
    )
    if hidden_flows:
        note = tn(
            "map.bins.flows_hidden",
            len(flows) + hidden_flows,
            lang,
            shown=fmt_number(len(flows), lang),
        )
        layout.update(annotations=[links_note(note, link_mode)])
    return go.Figure(data=traces, layout=layout)


def overview_bins(
    bins: pd.DataFrame,
    outlines: dict[str, Any],
    states_geojson: dict[str, Any] | str,
    lang: str,
    actors_max: float,
    height: int = 420,
) -> go.Figure:
    """The overview's small map when it holds more places than it can show apart: the
    hexagons alone, on the tile-free outlines, framed like the points map it replaces."""
    if bins.empty:
        return empty_figure(t("empty.no_places", lang), lang, height)
    trace = bin_trace(bins, outlines, lang, actors_max)
    trace.update(
        hovertemplate=trace.hovertemplate.replace(f"<br><i>{t('map.bins.click', lang)}</i>", "")
    )
    layout = base_layout(lang, height=height)
    layout.update(
        map={
            "style": OFFLINE_STYLE,
            "center": {"lat": 50.9, "lon": GERMANY_CENTER["lon"]},
            "zoom": 4.3,
            "layers": outline_layers(states_geojson),
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        meta={"description": t("chart.map.bins_description", lang)},
    )
    return go.Figure(data=[trace], layout=layout)
