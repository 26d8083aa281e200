"""The network's first picture at national scale: one node per community, sized by its
actors and named by its best linked members and main Bundesland; lines between two
communities, wider the more collaborations join them. A click opens a community."""

from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.map_links import weight_classes
from dashboard.figures.network import (
    COMMUNITY_COLOURS,
    OTHER_COLOUR,
    corner_note,
    graph_canvas,
)
from dashboard.figures.theme import base_layout, empty_figure
from dashboard.geo.states import state_name
from dashboard.i18n import fmt_number, t, tn

COMMUNITY_CLICK_PREFIX = "gemeinschaft:"  # customdata of a community node
NODE_MIN_PX = 14
NODE_MAX_PX = 70
EDGE_WIDTHS = (1.0, 3.0, 6.0)
LABEL_MAX_CHARS = 26
LABEL_FONT_PX = 13
# The plot's size in px the labels are fitted to: the chart card at 1280 px (the smallest
# screen that must read), so that a wider screen only adds space between them.
PLOT_PX = (760, 560)
CHAR_PX = 0.58 * LABEL_FONT_PX  # a conservative width of one character
LINE_PX = 1.3 * LABEL_FONT_PX


def community_name(members: list[str], state: str | None, share: float, lang: str) -> str:
    """What a community is: its best linked members, and its main Bundesland with the
    share of members from there."""
    names = ", ".join(members)
    if not state:
        return names
    return t(
        "network.communities.name",
        lang,
        members=names,
        state=state_name(state, lang) or state,
        share=fmt_number(round(100 * share), lang),
    )


def shortened(text: str, limit: int = LABEL_MAX_CHARS) -> str:
    """`text` cut at a word boundary to at most `limit` characters, marked with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,·") + "…"


def placed_labels(
    nodes: pd.DataFrame,
    texts: list[str],
    sizes: np.ndarray,
    ranges: tuple[tuple[float, float], tuple[float, float]],
) -> list[bool]:
    """Which labels are written: going from the largest community down, a label (centred
    below its node) is left out when its box would overlap any node or a label already
    placed. The boxes are estimated in px of a plot of PLOT_PX."""
    (x0, x1), (y0, y1) = ranges
    width, height = PLOT_PX
    centres = [
        (
            (float(x) - x0) / ((x1 - x0) or 1.0) * width,
            (y1 - float(y)) / ((y1 - y0) or 1.0) * height,
        )
        for x, y in zip(nodes["x"], nodes["y"], strict=True)
    ]
    # Every circle first: a label may cover no node, not even a smaller one drawn later.
    boxes = [
        (px - float(size) / 2, py - float(size) / 2, px + float(size) / 2, py + float(size) / 2)
        for (px, py), size in zip(centres, sizes, strict=True)
    ]
    shown = []
    for index, ((px, py), text, size) in enumerate(zip(centres, texts, sizes, strict=True)):
        half = len(text) * CHAR_PX / 2
        top = py + float(size) / 2
        box = (px - half, top, px + half, top + LINE_PX)
        free = all(
            box[2] < other[0] or box[0] > other[2] or box[3] < other[1] or box[1] > other[3]
            for number, other in enumerate(boxes)
            if number != index
        )
        shown.append(free)
        if free:
            boxes.append(box)
    return shown


def community_figure(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    lang: str,
    *,
    ranges: tuple[tuple[float, float], tuple[float, float]],
    left_out: int,
    height: int = 640,
) -> go.Figure:
    """`nodes` from analysis.network.communities.community_nodes (largest first), `edges`
    from community_edges; `left_out` communities too small to draw are named in a note."""
    if nodes.empty:
        return empty_figure(t("network.empty", lang), lang, height)
    largest = float(nodes["actors"].max())
    sizes = NODE_MIN_PX + (NODE_MAX_PX - NODE_MIN_PX) * np.sqrt(
        nodes["actors"].to_numpy(dtype="float64") / max(largest, 1.0)
    )
    names = [
        community_name(list(members), state, float(share), lang)
        for members, state, share in zip(
            nodes["members"], nodes["state"], nodes["state_share"], strict=True
        )
    ]
    labels = [shortened(str(members[0])) if members else "" for members in nodes["members"]]
    shown = placed_labels(nodes, labels, sizes, ranges)
    traces: list[go.Scatter] = _edge_traces(nodes, edges, lang)
    colours = [
        COMMUNITY_COLOURS[number - 1] if number <= len(COMMUNITY_COLOURS) else OTHER_COLOUR
        for number in nodes["community"]
    ]
    hover = [
        "<br>".join(
            [
                f"<b>{t('network.community_n', lang, number=number)}</b>",
                html.escape(name),
                tn("count.actors", actors, lang),
                tn("count.collaborations", inside, lang)
                + " "
                + t("network.communities.inside", lang),
                f"<i>{t('network.communities.click', lang)}</i>",
            ]
        )
        for number, actors, inside, name in zip(
            nodes["community"].astype(int).tolist(),
            nodes["actors"].astype(int).tolist(),
            nodes["links_inside"].astype(int).tolist(),
            names,
            strict=True,
        )
    ]
    traces.append(
        go.Scatter(
            x=nodes["x"].to_numpy(dtype="float64"),
            y=nodes["y"].to_numpy(dtype="float64"),
            mode="markers+text",
            text=[
                html.escape(label) if ok else "" for label, ok in zip(labels, shown, strict=True)
            ],
            textposition="bottom center",
            textfont={"size": LABEL_FONT_PX, "color": "#212529", "shadow": "auto"},
            customdata=[f"{COMMUNITY_CLICK_PREFIX}{int(n)}" for n in nodes["community"]],
            hovertext=hover,
            hoverinfo="text",
            marker={
                "size": sizes,
                "color": colours,
                "opacity": 0.9,
                "line": {"color": "#ffffff", "width": 1.5},
            },
            name=t("network.communities.legend", lang),
            showlegend=False,
            meta={"role": "communities"},
        )
    )
    layout = base_layout(lang, height=height)
    layout.update(
        **graph_canvas(ranges, "network-communities"),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        annotations=(
            [corner_note(tn("network.communities.left_out", left_out, lang))] if left_out else []
        ),
        meta={"description": t("network.communities.description", lang)},
    )
    return go.Figure(data=traces, layout=layout)


def _edge_traces(nodes: pd.DataFrame, edges: pd.DataFrame, lang: str) -> list[go.Scatter]:
    """Lines between community centres in three widths by their number of links."""
    if edges.empty:
        return []
    where = nodes.set_index("community")[["x", "y"]]
    start = where.reindex(edges["source"]).to_numpy(dtype="float64")
    end = where.reindex(edges["target"]).to_numpy(dtype="float64")
    classes = weight_classes(edges["links"].to_numpy(dtype="float64"), float(edges["links"].max()))
    traces = []
    for level, width in enumerate(EDGE_WIDTHS):
        mask = classes == level
        count = int(mask.sum())
        if not count:
            continue
        xs = np.column_stack([start[mask, 0], end[mask, 0], np.full(count, math.nan)]).ravel()
        ys = np.column_stack([start[mask, 1], end[mask, 1], np.full(count, math.nan)]).ravel()
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=t("network.communities.links", lang),
                legendgroup="community-links",
                showlegend=level == len(EDGE_WIDTHS) - 1 or count == len(edges),
                hoverinfo="skip",
                line={"color": "rgba(73, 80, 87, 0.45)", "width": width},
                meta={"role": "community-links"},
            )
        )
    return traces
