"""Maps of participants. The tile-free style draws the shipped Bundesländer outlines, so
the map works with no network at all; a tile style is the online variant of the same map.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import schema
from dashboard.figures.theme import ACTOR_TYPE_COLOURS, base_layout, empty_figure
from dashboard.geo.states import state_name
from dashboard.i18n import fmt_number, t

GERMANY_CENTER = {"lat": 51.2, "lon": 10.4}
OFFLINE_STYLE = "white-bg"
MARKER_MAX_PX = 36
MARKER_MIN_PX = 6


def outline_layers(states_geojson: dict) -> list[dict]:
    """Bundesländer as a filled layer plus a border layer (both drawn below the points)."""
    return [
        {"source": states_geojson, "type": "fill", "color": "#f1f3f5", "below": "traces"},
        {"source": states_geojson, "type": "line", "color": "#adb5bd", "line": {"width": 1}, "below": "traces"},
    ]


def marker_sizes(headcount: pd.Series, headcount_max: float) -> np.ndarray:
    """Marker diameters by area, on a scale fixed by `headcount_max` (not by the data
    shown), so that frames of different years stay comparable. Unknown → smallest size."""
    values = pd.to_numeric(headcount, errors="coerce").fillna(0).to_numpy(dtype=float)
    scale = max(float(headcount_max), 1.0)
    return MARKER_MIN_PX + (MARKER_MAX_PX - MARKER_MIN_PX) * np.sqrt(np.clip(values, 0, None) / scale)


def participant_map(
    points: pd.DataFrame,
    states_geojson: dict,
    lang: str,
    headcount_max: float,
    style: str = OFFLINE_STYLE,
    height: int = 420,
) -> go.Figure:
    """One point per actor (analysis.overview.map_points), one trace per actor type."""
    if points.empty:
        return empty_figure(t("empty.no_places", lang), lang, height)
    traces = []
    for actor_type in schema.ACTOR_TYPES:
        group = points[points["type"] == actor_type]
        if group.empty:
            continue
        states = group["state"].map(lambda code: state_name(code, lang) or t("common.abroad_or_unknown", lang))
        headcount = group["headcount"].map(lambda v: fmt_number(None if pd.isna(v) else int(v), lang))
        traces.append(
            go.Scattermap(
                lat=group["lat"].to_numpy(dtype=float),
                lon=group["lon"].to_numpy(dtype=float),
                mode="markers",
                name=t(f"type.{actor_type}", lang),
                marker={
                    "size": marker_sizes(group["headcount"], headcount_max),
                    "color": ACTOR_TYPE_COLOURS[actor_type],
                    "opacity": 0.8,
                },
                customdata=np.column_stack(
                    [group["id"].to_numpy(), group["name"].to_numpy(), states.to_numpy(),
                     group["events"].to_numpy(), headcount.to_numpy()]
                ),
                hovertemplate=(
                    "<b>%{customdata[1]}</b><br>%{customdata[2]}"
                    f"<br>{t('chart.map.events', lang)}: %{{customdata[3]}}"
                    f"<br>{t('chart.map.headcount', lang)}: %{{customdata[4]}}<extra></extra>"
                ),
            )
        )
    layout = base_layout(lang, height=height)
    layout.update(
        map={
            "style": style,
            "center": GERMANY_CENTER,
            "zoom": 4.4,
            "layers": outline_layers(states_geojson) if style == OFFLINE_STYLE else [],
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"orientation": "h", "yanchor": "bottom", "y": 0.01, "x": 0.01, "bgcolor": "rgba(255,255,255,0.85)"},
        meta={"description": t("chart.map.description", lang)},
    )
    return go.Figure(data=traces, layout=layout)
