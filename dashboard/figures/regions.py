"""Region view of the map: Bundesländer (or uploaded Kreise/Gemeinden) coloured by
participation, absolute or per 100,000 inhabitants, on a colour scale fixed per selection."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.map import hover_names
from dashboard.figures.map_layout import (
    GERMANY_CENTER,
    MAP_UIREVISION,
    OFFLINE_STYLE,
    basemap_layers,
)
from dashboard.figures.theme import base_layout, empty_figure
from dashboard.i18n import fmt_number, t

# Sequential and readable with colour-vision deficiencies; the lightest step is not white,
# so a region with no participation still stands out from the background.
COLOURSCALE = [
    [0.0, "#f2f6fb"],
    [0.25, "#c6dbef"],
    [0.5, "#6baed6"],
    [0.75, "#2171b5"],
    [1.0, "#08306b"],
]
MISSING_COLOUR = "#ced4da"


def metric_label(metric: str, lang: str) -> str:
    return t(f"map.metric.{metric}", lang)


def _customdata(regions: pd.DataFrame, lang: str) -> np.ndarray:
    def number(value: float | None, digits: int = 0) -> str:
        return fmt_number(None if pd.isna(value) else value, lang, digits)

    return (
        np.column_stack(
            [
                hover_names(regions["name"]),  # region names come from an uploaded file
                regions["headcount"].map(number).to_numpy(dtype=object),
                regions["per_100k"].map(lambda v: number(v, 1)).to_numpy(dtype=object),
                regions["actors"].map(number).to_numpy(dtype=object),
                regions["participations"].map(number).to_numpy(dtype=object),
                regions["unknown"].map(number).to_numpy(dtype=object),
            ]
        )
        if not regions.empty
        else np.empty((0, 6), dtype=object)
    )


def _hovertemplate(lang: str) -> str:
    return (
        "<b>%{customdata[0]}</b>"
        f"<br>{t('map.metric.headcount', lang)}: %{{customdata[1]}}"
        f"<br>{t('map.metric.per_100k', lang)}: %{{customdata[2]}}"
        f"<br>{t('map.metric.actors', lang)}: %{{customdata[3]}}"
        f"<br>{t('map.region.participations', lang)}: %{{customdata[4]}}"
        f"<br>{t('map.region.unknown', lang)}: %{{customdata[5]}}<extra></extra>"
    )


def region_map(
    regions: pd.DataFrame,
    geojson: dict[str, Any] | str,
    lang: str,
    metric: str,
    zmax: float,
    style: str = OFFLINE_STYLE,
    states_geojson: dict[str, Any] | str | None = None,
    neighbours_geojson: dict[str, Any] | str | None = None,
    height: int = 640,
) -> go.Figure:
    """One choropleth trace for the regions with a value and, if any, one grey trace for
    regions whose value is unknown (no population figure). `regions` comes from
    analysis.geography.region_table; `geojson` (a dict, or the URL of a GeoJSON file on the
    app's own host) has the region code as each feature's id. Only the listed regions are
    drawn, so one file of all polygons serves every selection."""
    if regions.empty:
        return empty_figure(t("map.region.empty", lang), lang, height)
    values = pd.to_numeric(regions[metric], errors="coerce")
    known, missing = regions[values.notna()], regions[values.isna()]
    traces = []
    if not known.empty:
        traces.append(
            go.Choroplethmap(
                geojson=geojson,
                locations=known["region"].to_numpy(dtype=object),
                z=values[values.notna()].to_numpy(dtype=float),
                zmin=0,
                zmax=max(float(zmax), 1e-9),
                colorscale=COLOURSCALE,
                marker={"opacity": 0.85, "line": {"width": 0.6, "color": "#ffffff"}},
                colorbar={
                    "title": {"text": metric_label(metric, lang), "side": "right"},
                    "thickness": 16,
                    "len": 0.6,
                    "x": 0.99,
                    "xanchor": "right",
                    "y": 0.5,
                    "bgcolor": "rgba(255,255,255,0.9)",
                    "tickformat": ",.1f" if metric == "per_100k" else ",d",
                },
                customdata=_customdata(known, lang),
                hovertemplate=_hovertemplate(lang),
                name=metric_label(metric, lang),
                showlegend=False,
            )
        )
    if not missing.empty:
        traces.append(
            go.Choroplethmap(
                geojson=geojson,
                locations=missing["region"].to_numpy(dtype=object),
                z=np.zeros(len(missing)),
                colorscale=[[0, MISSING_COLOUR], [1, MISSING_COLOUR]],
                showscale=False,
                marker={"opacity": 0.7, "line": {"width": 0.6, "color": "#ffffff"}},
                customdata=_customdata(missing, lang),
                hovertemplate=_hovertemplate(lang),
                name=t("map.region.no_population", lang),
                showlegend=True,
            )
        )
    layout = base_layout(lang, height=height)
    layers = (
        basemap_layers(states_geojson, neighbours_geojson)
        if style == OFFLINE_STYLE and states_geojson
        else []
    )
    layout.update(
        map={"style": style, "center": GERMANY_CENTER, "zoom": 4.9, "layers": layers},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 0.01,
            "x": 0.01,
            "bgcolor": "rgba(255,255,255,0.9)",
        },
        uirevision=MAP_UIREVISION,
        meta={"description": t("map.region.description", lang, metric=metric_label(metric, lang))},
    )
    return go.Figure(data=traces, layout=layout)
