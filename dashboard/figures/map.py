"""Maps of participants: the overview's map, the /karte network map and an actor's place.

Styles, basemap and view come from map_layout, the links of the network map from map_links.
"""

from __future__ import annotations

import html
import math
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import schema

# The `name as name` imports re-export: pages and slides import those names from here.
from dashboard.figures.map_layout import BASEMAPS as BASEMAPS
from dashboard.figures.map_layout import (
    GERMANY_CENTER,
    MAP_UIREVISION,
    basemap_layers,
    outline_layers,
)
from dashboard.figures.map_layout import OFFLINE_STYLE as OFFLINE_STYLE
from dashboard.figures.map_layout import fit_view as fit_view
from dashboard.figures.map_layout import map_style as map_style
from dashboard.figures.map_links import HIDDEN_LINKS_NOTE as HIDDEN_LINKS_NOTE
from dashboard.figures.map_links import LINK_MODES as LINK_MODES
from dashboard.figures.map_links import link_traces, segments
from dashboard.figures.theme import ACTOR_TYPE_COLOURS, base_layout, empty_figure
from dashboard.geo.states import state_name
from dashboard.i18n import fmt_number, t, tn

MARKER_MAX_PX = 36
MARKER_MIN_PX = 6
# Up to this many places the markers keep their full size; beyond it they shrink (down to
# SMALLEST_SHRINK of it): a thousand places in one Bundesland or 9,000 municipalities in
# Germany then stay apart at the country-wide zoom.
READABLE_POINTS = 300
SMALLEST_SHRINK = 0.3


def density_shrink(located: int) -> float:
    """Factor (at most 1) for the marker sizes when a selection has more places than a map
    can show side by side: at national scale full-size markers cover Germany and each
    other. Computed from the whole selection, never from one year's frame, so that the
    frames of a selection keep one scale."""
    if located <= READABLE_POINTS:
        return 1.0
    return max(SMALLEST_SHRINK, math.sqrt(READABLE_POINTS / located))


def marker_sizes(headcount: pd.Series, headcount_max: float, shrink: float = 1.0) -> np.ndarray:
    """Marker diameters by area, on a scale fixed by `headcount_max` (not by the data
    shown), so that frames of different years stay comparable. Unknown → smallest size.
    `shrink` (density_shrink) narrows the range for crowded maps."""
    values = pd.to_numeric(headcount, errors="coerce").fillna(0).to_numpy(dtype=float)
    scale = max(float(headcount_max), 1.0)
    smallest = MARKER_MIN_PX * max(shrink, 0.5)
    largest = max(smallest + 2, MARKER_MAX_PX * shrink)
    sizes = smallest + (largest - smallest) * np.sqrt(np.clip(values, 0, None) / scale)
    # float32 halves the typed array plotly sends; a hundredth of a pixel is not visible.
    narrow: np.ndarray = sizes.astype("float32")
    return narrow


def participant_map(
    points: pd.DataFrame,
    states_geojson: dict[str, Any] | str,
    lang: str,
    headcount_max: float,
    style: str = OFFLINE_STYLE,
    height: int = 420,
    shrink: float = 1.0,
) -> go.Figure:
    """One point per actor (analysis.overview.map_points), one trace per actor type."""
    if points.empty:
        return empty_figure(t("empty.no_places", lang), lang, height)
    traces = []
    for actor_type in schema.ACTOR_TYPES:
        group = points[points["type"] == actor_type]
        if group.empty:
            continue
        states = group["state"].map(
            lambda code: state_name(code, lang) or t("common.abroad_or_unknown", lang)
        )
        headcount = group["headcount"].map(
            lambda v: fmt_number(None if pd.isna(v) else int(v), lang)
        )
        traces.append(
            go.Scattermap(
                lat=group["lat"].to_numpy(dtype="float32"),
                lon=group["lon"].to_numpy(dtype="float32"),
                mode="markers",
                name=t(f"type.{actor_type}", lang),
                marker={
                    "size": marker_sizes(group["headcount"], headcount_max, shrink),
                    "color": ACTOR_TYPE_COLOURS[actor_type],
                    "opacity": 0.8,
                },
                customdata=np.column_stack(
                    [
                        group["id"].to_numpy(),
                        hover_names(group["name"]),
                        states.to_numpy(),
                        group["events"].to_numpy(),
                        headcount.to_numpy(),
                    ]
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
            # A little south of Germany's middle and zoomed out a step: the legend along
            # the bottom edge then sits below the Alps instead of over Bavaria's points.
            "center": {"lat": 50.9, "lon": GERMANY_CENTER["lon"]},
            "zoom": 4.3,
            "layers": outline_layers(states_geojson) if style == OFFLINE_STYLE else [],
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 0.01,
            "x": 0.01,
            "bgcolor": "rgba(255,255,255,0.85)",
        },
        meta={"description": t("chart.map.description", lang)},
    )
    return go.Figure(data=traces, layout=layout)


# --- The /karte map: points, links per kind, a fixed scale, online or tile-free ---------

FOCUS_COLOUR = "#000000"
# The ring around actors new to the network: dark, as no actor type is, so that the point
# inside keeps the colour of its type as on every map.
NEW_RING_COLOUR = "#343a40"


def hover_names(names: pd.Series) -> np.ndarray:
    """Names from the data for hover labels: plotly reads markup there (<b>, <a href>), so
    the characters that make markup are escaped and the name shows as written."""
    return np.array([html.escape(str(name), quote=False) for name in names], dtype=object)


def _point_customdata(group: pd.DataFrame, lang: str) -> np.ndarray:
    states = group["state"].map(
        lambda code: state_name(code, lang) or t("common.abroad_or_unknown", lang)
    )
    headcount = group["headcount"].map(lambda v: fmt_number(None if pd.isna(v) else int(v), lang))
    events = group["events"].map(lambda v: fmt_number(int(v), lang))
    return (
        np.column_stack(
            [
                group["id"].to_numpy(dtype=object),
                hover_names(group["name"]),
                states.to_numpy(dtype=object),
                events.to_numpy(dtype=object),
                headcount.to_numpy(dtype=object),
            ]
        )
        if not group.empty
        else np.empty((0, 5), dtype=object)
    )


def point_traces(
    points: pd.DataFrame, lang: str, headcount_max: float, shrink: float = 1.0
) -> list[go.Scattermap]:
    """One trace per actor type, always all types in the same order, so the legend and the
    colours stay put while the frames change. customdata[0] is the actor id (for clicks)."""
    traces = []
    for actor_type in schema.ACTOR_TYPES:
        group = points[points["type"] == actor_type]
        traces.append(
            go.Scattermap(
                lat=group["lat"].to_numpy(dtype="float32"),
                lon=group["lon"].to_numpy(dtype="float32"),
                mode="markers",
                name=t(f"type.{actor_type}", lang),
                legendgroup=f"type-{actor_type}",
                marker={
                    "size": marker_sizes(group["headcount"], headcount_max, shrink),
                    "color": ACTOR_TYPE_COLOURS[actor_type],
                    "opacity": 0.85,
                },
                customdata=_point_customdata(group, lang),
                hovertemplate=(
                    "<b>%{customdata[1]}</b><br>%{customdata[2]}"
                    f"<br>{t('chart.map.events', lang)}: %{{customdata[3]}}"
                    f"<br>{t('chart.map.headcount', lang)}: %{{customdata[4]}}<extra></extra>"
                ),
            )
        )
    return traces


def focus_traces(
    points: pd.DataFrame,
    links: pd.DataFrame,
    focus: str,
    lang: str,
    headcount_max: float,
    shrink: float,
) -> list[go.Scattermap]:
    at = points[points["id"] == focus]
    if at.empty:
        return []
    own = (
        links[(links["source_id"] == focus) | (links["target_id"] == focus)]
        if not links.empty
        else links
    )
    lat, lon = segments(own)
    name = str(at["name"].iloc[0])
    return [
        go.Scattermap(
            lat=lat,
            lon=lon,
            mode="lines",
            name=t("map.focus.links", lang, name=name),
            line={"width": 4, "color": FOCUS_COLOUR},
            opacity=0.9,
            hoverinfo="skip",
        ),
        go.Scattermap(
            lat=at["lat"].to_numpy(dtype=float),
            lon=at["lon"].to_numpy(dtype=float),
            mode="markers",
            marker={
                "size": marker_sizes(at["headcount"], headcount_max, shrink) + 10,
                "color": FOCUS_COLOUR,
                "opacity": 0.9,
            },
            showlegend=False,
            hoverinfo="skip",
        ),
    ]


def new_ring_trace(
    points: pd.DataFrame, new_ids: frozenset[str], lang: str, headcount_max: float, shrink: float
) -> list[go.Scattermap]:
    """A ring behind each actor new to the network (drawn under its point, so the type's
    colour stays the point's colour as everywhere on the maps)."""
    new = points[points["id"].astype(str).isin(new_ids)]
    if new.empty:
        return []
    return [
        go.Scattermap(
            lat=new["lat"].to_numpy(dtype="float32"),
            lon=new["lon"].to_numpy(dtype="float32"),
            mode="markers",
            name=t("map.new_ring", lang),
            marker={
                "size": marker_sizes(new["headcount"], headcount_max, shrink) + 8,
                "color": NEW_RING_COLOUR,
                "opacity": 0.9,
            },
            hoverinfo="skip",
        )
    ]


def network_map(
    points: pd.DataFrame,
    links: pd.DataFrame,
    states_geojson: dict[str, Any] | str,
    lang: str,
    headcount_max: float,
    weight_max: float,
    style: str = OFFLINE_STYLE,
    link_mode: str = "width",
    focus: str | None = None,
    neighbours_geojson: dict[str, Any] | str | None = None,
    height: int = 640,
    empty_message: str | None = None,
    center: dict[str, float] | None = None,
    zoom: float = 4.9,
    hidden_links: int = 0,
    shrink: float = 1.0,
    new_ids: frozenset[str] | None = None,
) -> go.Figure:
    """Actors as points (size by headcount on the fixed scale `headcount_max`, colour by
    type) and their links as lines (one trace per kind and weight class), on the tile-free
    basemap or on tiles. `focus` (an actor id) draws its links on top and dims the rest;
    `new_ids` (actors new to the network) get a ring."""
    if points.empty and center is None:
        return empty_figure(empty_message or t("empty.no_places", lang), lang, height)
    focus_id = focus if focus and (points["id"] == focus).any() else None
    traces = link_traces(links, lang, weight_max, link_mode, dimmed=focus_id is not None)
    if focus_id is not None:
        traces += focus_traces(points, links, focus_id, lang, headcount_max, shrink)
    if new_ids:
        traces += new_ring_trace(points, new_ids, lang, headcount_max, shrink)
    traces += point_traces(points, lang, headcount_max, shrink)
    layout = map_frame_layout(
        lang,
        height,
        style,
        states_geojson,
        neighbours_geojson,
        center,
        zoom,
        t("map.description", lang),
    )
    if points.empty:
        # A zoomed-in view with no place in it: the map stays, so the user can move on.
        layout.update(annotations=[links_note(t("map.empty_view", lang), "width")])
    elif hidden_links:
        note = tn(
            "map.links_hidden", len(links) + hidden_links, lang, shown=fmt_number(len(links), lang)
        )
        layout.update(annotations=[links_note(note, link_mode)])
    return go.Figure(data=traces, layout=layout)


def links_note(text: str, link_mode: str) -> dict[str, Any]:
    """The "n of m links drawn" note; the link display's switch hides it with the links."""
    return {
        "name": HIDDEN_LINKS_NOTE,
        "visible": link_mode != "off",
        "text": text,
        # Top left: the top right belongs to the map's own buttons.
        "xref": "paper",
        "yref": "paper",
        "x": 0.005,
        "y": 0.995,
        "xanchor": "left",
        "yanchor": "top",
        "showarrow": False,
        "bgcolor": "rgba(255,255,255,0.9)",
        "bordercolor": "#dee2e6",
        "borderwidth": 1,
        "font": {"size": 13},
    }


# The /karte legend under the map instead of over its bottom edge: in a narrow frame (an
# embedded map on a phone) the strip wraps to several lines and would hide the places.
LEGEND_BELOW: dict[str, Any] = {"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0}


def map_frame_layout(
    lang: str,
    height: int,
    style: str,
    states_geojson: dict[str, Any] | str,
    neighbours_geojson: dict[str, Any] | str | None,
    center: dict[str, float] | None,
    zoom: float,
    description: str,
) -> go.Layout:
    """The frame of the /karte map, whatever it draws: basemap, view, the legend along the
    bottom and one uirevision, so the user's pan and zoom survive every new drawing."""
    layout = base_layout(lang, height=height)
    layout.update(
        map={
            "style": style,
            "center": center or GERMANY_CENTER,
            "zoom": zoom,
            "layers": basemap_layers(states_geojson, neighbours_geojson)
            if style == OFFLINE_STYLE
            else [],
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=True,  # also with a single type shown: the colour key stays on screen
        # One strip along the bottom: a tall vertical legend would scroll and hide entries.
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 0.005,
            "xanchor": "left",
            "x": 0.005,
            "bgcolor": "rgba(255,255,255,0.9)",
            "bordercolor": "#dee2e6",
            "borderwidth": 1,
            "itemsizing": "constant",
        },
        uirevision=MAP_UIREVISION,
        meta={"description": description},
    )
    return layout


LOCATION_ZOOM = 7.0  # a place and its surroundings: the Kreis is recognisable
LOCATION_MARKER = "#d6336c"


def location_map(
    lat: float | None,
    lon: float | None,
    states_geojson: dict[str, Any] | str,
    neighbours_geojson: dict[str, Any] | str | None,
    lang: str,
    height: int = 280,
) -> go.Figure:
    """The small map of the actor form: one marker at (lat, lon), or none, on the tile-free
    basemap (a form must work offline like every map). Clicks on it are read in the
    browser (assets/location_picker.js), since plotly reports clicks on points only."""
    placed = lat is not None and lon is not None
    marker = go.Scattermap(
        lat=[lat] if placed else [],
        lon=[lon] if placed else [],
        mode="markers",
        marker={"size": 14, "color": LOCATION_MARKER},
        hoverinfo="skip",
        showlegend=False,
    )
    layout = base_layout(lang, height=height)
    layout.update(
        map={
            "style": OFFLINE_STYLE,
            "center": {"lat": lat, "lon": lon} if placed else GERMANY_CENTER,
            "zoom": LOCATION_ZOOM if placed else 4.3,
            "layers": basemap_layers(states_geojson, neighbours_geojson),
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        uirevision="location-map",  # the view stays where the user moved it when the marker moves
    )
    return go.Figure(data=[marker], layout=layout)
