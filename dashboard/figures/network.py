"""Network charts: the collaboration graph and its growth over the events.

The graph is a plain cartesian plot on the fixed positions of analysis.network.layout:
edges as one line trace per link kind (None gaps between links), a marker at each link's
middle that carries its weight (size) and hover text, nodes as one trace per colour group,
labels only for the most central nodes. Axis ranges come from the full layout, so neither
zooming nor a filter moves anything.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import schema
from dashboard.figures.theme import ACTOR_TYPE_COLOURS, OKABE_ITO, base_layout, empty_figure
from dashboard.i18n import fmt_number, t, tn

NODE_MIN_PX = 9
NODE_MAX_PX = 38
LABEL_COUNT = 10
# Minimum distance between labels as a share of the x and y ranges (labels are wide).
LABEL_GAP = (0.1, 0.05)
# Width of one label character as a share of the x range: 13 px text (about 7.8 px a
# character) on the narrowest plot, the graph card beside its controls at 1280 px (about
# 780 px). Wider screens only add room between the labels.
LABEL_CHAR_WIDTH = 0.0105
# Okabe–Ito without the yellow, which is too light on white for small dots.
COMMUNITY_COLOURS = tuple(colour for colour in OKABE_ITO if colour != "#F0E442")
OTHER_COLOUR = "#ADB5BD"
ISOLATED_COLOUR = "#DEE2E6"
EDGE_STYLES = {
    "kooperation": {"color": "rgba(33, 37, 41, 0.55)", "dash": "solid", "width": 1.6},
    "austausch": {"color": "rgba(73, 80, 87, 0.6)", "dash": "dot", "width": 1.6},
    "projekt": {"color": "rgba(52, 58, 64, 0.55)", "dash": "dash", "width": 1.6},
}
OTHER_EDGE_STYLE = {"color": "rgba(108, 117, 125, 0.5)", "dash": "dashdot", "width": 1.4}
# Weight buckets: (lower bound, marker size in px) of the marker in the middle of a link.
WEIGHT_BUCKETS = ((0.0, 5), (2.0, 8), (4.0, 12))

SIZE_BY = ("degree", "headcount")
COLOUR_BY = ("community", "type")
MODEBAR_MARGIN = 36  # px: the upright mode bar (24 px) and its offset


def node_sizes(values: pd.Series, size_max: float) -> np.ndarray:
    """Marker diameters by area on a scale fixed by `size_max`; unknown → smallest size."""
    numbers = (
        pd.to_numeric(values, errors="coerce")
        .astype("float64")
        .fillna(0.0)
        .to_numpy(dtype="float64")
    )
    scale = max(float(size_max), 1.0)
    sizes: np.ndarray = NODE_MIN_PX + (NODE_MAX_PX - NODE_MIN_PX) * np.sqrt(
        np.clip(numbers, 0.0, scale) / scale
    )
    return sizes


def weight_sizes(weights: np.ndarray) -> np.ndarray:
    sizes = np.full(len(weights), WEIGHT_BUCKETS[0][1], dtype="float64")
    for bound, size in WEIGHT_BUCKETS[1:]:
        sizes[weights >= bound] = size
    return sizes


def colour_groups(
    nodes: pd.DataFrame, colour_by: str, lang: str
) -> list[tuple[str, str, pd.DataFrame]]:
    """(legend name, colour, rows) per group, in legend order."""
    groups = []
    if colour_by == "type":
        known = list(schema.ACTOR_TYPES)
        for actor_type in known:
            rows = nodes[nodes["type"] == actor_type]
            if not rows.empty:
                groups.append((t(f"type.{actor_type}", lang), ACTOR_TYPE_COLOURS[actor_type], rows))
        rest = nodes[~nodes["type"].isin(known)]
        if not rest.empty:
            groups.append((t("common.unknown", lang), OTHER_COLOUR, rest))
        return groups
    community = pd.to_numeric(nodes["community"], errors="coerce")
    for number, colour in enumerate(COMMUNITY_COLOURS, start=1):
        rows = nodes[community == number]
        if not rows.empty:
            groups.append((t("network.community_n", lang, number=number), colour, rows))
    rest = nodes[community > len(COMMUNITY_COLOURS)]
    if not rest.empty:
        groups.append((t("network.community_other", lang), OTHER_COLOUR, rest))
    alone = nodes[community.isna()]
    if not alone.empty:
        groups.append((t("network.community_none", lang), ISOLATED_COLOUR, alone))
    return groups


def _hover(rows: pd.DataFrame, lang: str) -> list[str]:
    texts = []
    for row in rows.to_dict("records"):
        headcount = None if pd.isna(row["headcount"]) else int(row["headcount"])
        community = "–" if pd.isna(row["community"]) else fmt_number(int(row["community"]), lang)
        lines = [
            f"<b>{html.escape(str(row['name']))}</b>",
            t(f"type.{row['type']}", lang)
            if row["type"] in schema.ACTOR_TYPES
            else t("common.unknown", lang),
            f"{t('network.metric.degree', lang)}: {fmt_number(int(row['degree']), lang)}",
            f"{t('network.metric.headcount', lang)}: {fmt_number(headcount, lang)}",
            f"{t('network.metric.betweenness', lang)}: {fmt_number(float(row['betweenness']), lang, digits=3)}",
            f"{t('network.metric.community', lang)}: {community}",
        ]
        if row["broker"]:
            lines.append(f"<i>{t('network.role.broker', lang)}</i>")
        texts.append("<br>".join(lines))
    return texts


def _edge_traces(nodes: pd.DataFrame, edges: pd.DataFrame, lang: str) -> list[go.Scatter]:
    position = nodes.set_index("id")[["x", "y"]]
    names = nodes.set_index("id")["name"]
    edges = edges[edges["source"].isin(position.index) & edges["target"].isin(position.index)]
    if edges.empty:
        return []
    start = position.reindex(edges["source"]).to_numpy(dtype="float64")
    end = position.reindex(edges["target"]).to_numpy(dtype="float64")
    kinds = edges["kind"].fillna("").to_numpy()
    order = list(schema.LINK_KINDS) + sorted(set(kinds) - set(schema.LINK_KINDS))
    traces = []
    for kind in order:
        mask = kinds == kind
        count = int(mask.sum())
        if not count:
            continue
        xs = np.column_stack([start[mask, 0], end[mask, 0], np.full(count, np.nan)]).ravel()
        ys = np.column_stack([start[mask, 1], end[mask, 1], np.full(count, np.nan)]).ravel()
        label = (
            t(f"network.kind.{kind}", lang)
            if kind in schema.LINK_KINDS
            else (kind or t("common.unknown", lang))
        )
        style = EDGE_STYLES.get(kind, OTHER_EDGE_STYLE)
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=label,
                hoverinfo="skip",
                line={"color": style["color"], "dash": style["dash"], "width": style["width"]},
                meta={"role": "edges", "kind": kind},
            )
        )
    weights = edges["weight"].to_numpy(dtype="float64")
    kind_labels = [
        t(f"network.kind.{k}", lang) if k in schema.LINK_KINDS else (k or t("common.unknown", lang))
        for k in kinds
    ]
    hover = [
        f"{html.escape(str(names.get(a, a)))} – {html.escape(str(names.get(b, b)))}<br>{label} · "
        f"{t('network.metric.weight', lang)}: {fmt_number(w, lang, digits=0 if float(w).is_integer() else 1)}"
        for a, b, label, w in zip(
            edges["source"], edges["target"], kind_labels, weights, strict=False
        )
    ]
    traces.append(
        go.Scatter(
            x=(start[:, 0] + end[:, 0]) / 2,
            y=(start[:, 1] + end[:, 1]) / 2,
            mode="markers",
            name=t("network.link_weight", lang),
            showlegend=False,
            hovertext=hover,
            hoverinfo="text",
            marker={
                "size": weight_sizes(weights),
                "color": "rgba(73, 80, 87, 0.45)",
                "symbol": "diamond",
            },
            meta={"role": "link-weights"},
        )
    )
    return traces


def label_rows(
    nodes: pd.DataFrame,
    ranges: tuple[tuple[float, float], tuple[float, float]],
    count: int,
    ego_id: str | None = None,
) -> pd.DataFrame:
    """The most central linked nodes (degree, then betweenness) whose labels do not collide.

    Going down that order, a node is skipped when its label would sit on an earlier one
    (closer than LABEL_GAP of the axis ranges). The ego actor is always labelled.
    """
    (x0, x1), (y0, y1) = ranges
    ordered = nodes.assign(is_ego=nodes["id"] == ego_id)
    ordered = ordered[(ordered["degree"] > 0) | ordered["is_ego"]].sort_values(
        ["is_ego", "degree", "betweenness", "name"], ascending=[False, False, False, True]
    )
    chosen: list[int] = []
    placed: list[tuple[float, float, float]] = []
    for index, node_x, node_y, name in zip(
        ordered.index.tolist(),
        ordered["x"].tolist(),
        ordered["y"].tolist(),
        ordered["name"].tolist(),
        strict=True,
    ):
        if len(chosen) >= count:
            break
        x, y = (node_x - x0) / ((x1 - x0) or 1.0), (node_y - y0) / ((y1 - y0) or 1.0)
        half = max(LABEL_GAP[0], len(str(name)) * LABEL_CHAR_WIDTH) / 2
        if any(
            abs(x - px) < half + other and abs(y - py) < LABEL_GAP[1] for px, py, other in placed
        ):
            continue
        chosen.append(index)
        placed.append((x, y, half))
    return nodes.loc[chosen]


def graph_canvas(
    ranges: tuple[tuple[float, float], tuple[float, float]], uirevision: str
) -> dict[str, object]:
    """The plain plane a network is drawn on: fixed, hidden axes over `ranges`, panning,
    the mode bar upright in a right margin of its own (over the plane it hid nodes), and
    the user's view kept per `uirevision`."""
    (x0, x1), (y0, y1) = ranges
    return {
        "xaxis": {"visible": False, "range": [x0, x1], "autorange": False},
        "yaxis": {"visible": False, "range": [y0, y1], "autorange": False},
        "margin": {"l": 8, "r": MODEBAR_MARGIN, "t": 40, "b": 8},
        "hovermode": "closest",
        "dragmode": "pan",
        "modebar": {"orientation": "v"},
        "uirevision": uirevision,
    }


def corner_note(text: str) -> dict[str, object]:
    """A note in the graph's lower left corner: what the drawing leaves out."""
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 13, "color": "#495057"},
        "bgcolor": "rgba(255,255,255,0.85)",
    }


def network_figure(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    lang: str,
    *,
    ranges: tuple[tuple[float, float], tuple[float, float]],
    size_by: str = "degree",
    colour_by: str = "community",
    size_max: float | None = None,
    hidden_nodes: int = 0,
    total_nodes: int | None = None,
    ego_id: str | None = None,
    label_count: int = LABEL_COUNT,
    height: int = 640,
    empty_message: str | None = None,
) -> go.Figure:
    """The graph. `nodes` is analysis.network.node_frame, `edges` analysis.network.edge_frame.

    `size_max` fixes the size scale (e.g. the largest value in the unpruned scope), so the
    same actor keeps its size when pruning or an ego view hides others.
    """
    if nodes.empty:
        return empty_figure(empty_message or t("network.empty", lang), lang, height)
    size_column = "headcount" if size_by == "headcount" else "degree"
    if size_max is None:
        size_max = float(pd.to_numeric(nodes[size_column], errors="coerce").max(skipna=True) or 1.0)
    traces = _edge_traces(nodes, edges, lang)
    for name, colour, group in colour_groups(nodes, colour_by, lang):
        emphasised = group["broker"].astype(bool) | (group["id"] == ego_id)
        # Emphasised points last: drawn on top, and the legend shows a plain first point.
        rows = pd.concat([group[~emphasised], group[emphasised]])
        emphasis = np.concatenate(
            [
                np.zeros(int((~emphasised).sum()), dtype=bool),
                np.ones(int(emphasised.sum()), dtype=bool),
            ]
        )
        traces.append(
            go.Scatter(
                x=rows["x"].to_numpy(dtype="float64"),
                y=rows["y"].to_numpy(dtype="float64"),
                mode="markers",
                name=name,
                customdata=rows["id"].to_numpy(),
                hovertext=_hover(rows, lang),
                hoverinfo="text",
                marker={
                    "size": node_sizes(rows[size_column], size_max),
                    "color": colour,
                    "opacity": 0.92,
                    "line": {
                        "color": np.where(emphasis, "#000000", "#ffffff"),
                        "width": np.where(emphasis, 3.0, 1.0),
                    },
                },
                meta={"role": "nodes"},
            )
        )
    labelled = label_rows(nodes, ranges, label_count, ego_id)
    if not labelled.empty:
        traces.append(
            go.Scatter(
                x=labelled["x"].to_numpy(dtype="float64"),
                y=labelled["y"].to_numpy(dtype="float64"),
                mode="text",
                text=[html.escape(str(name)) for name in labelled["name"]],
                textposition="top center",
                textfont={"size": 13, "color": "#212529", "shadow": "auto"},
                hoverinfo="skip",
                showlegend=False,
                meta={"role": "labels"},
            )
        )
    layout = base_layout(lang, height=height)
    annotations = []
    if hidden_nodes:
        total = total_nodes if total_nodes is not None else len(nodes) + hidden_nodes
        annotations.append(
            corner_note(
                tn("network.hidden_note", total, lang, hidden=fmt_number(hidden_nodes, lang))
            )
        )
    layout.update(
        **graph_canvas(ranges, "network"),
        annotations=annotations,
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "x": 0,
            "itemsizing": "constant",
        },
        meta={
            "description": t("network.chart_description", lang),
            "hidden_nodes": int(hidden_nodes),
        },
    )
    return go.Figure(data=traces, layout=layout)


GROWTH_COUNTS = ("actors", "links", "components", "largest_component")
GROWTH_RATIOS = ("density", "clustering")


# The two panels of the growth chart: counts above, ratios below, 0.1 of the height between.
_GROWTH_DOMAINS = ((0.424, 1.0), (0.0, 0.324))


def growth_figure(growth: pd.DataFrame, lang: str, height: int = 520) -> go.Figure:
    """Counts (top) and ratios in per cent (bottom) of the network per event year.

    Built as plain dicts and handed to plotly unvalidated: two stacked panels with
    make_subplots and its update_* calls took 35-40 ms of validation per answer, more than
    the numbers themselves (test_fig_growth001 compares it with the make_subplots figure).
    """
    if growth.empty:
        return empty_figure(t("empty.no_data", lang), lang, height)
    years = growth["year"].astype(str).to_numpy()
    colours = iter(OKABE_ITO)
    traces = []
    for column in GROWTH_COUNTS:
        traces.append(
            _growth_line(growth, years, column, lang, {"color": next(colours)}, ",.0f", "")
        )
    for column, dash in zip(GROWTH_RATIOS, ("solid", "dash"), strict=False):
        line = {"color": next(colours), "dash": dash}
        traces.append(_growth_line(growth, years, column, lang, line, ".2~%", "2"))
    layout = base_layout(lang, height=height).to_plotly_json()
    grid = {"gridcolor": "#dee2e6"}
    counts, ratios = _GROWTH_DOMAINS
    titles = (t("network.growth.counts", lang), t("network.growth.ratios", lang))
    layout.update(
        margin={"l": 56, "r": 16, "t": 112, "b": 40},
        legend={"orientation": "h", "yref": "container", "yanchor": "top", "y": 1.0, "x": 0},
        hovermode="x unified",
        modebar={"orientation": "v"},
        meta={"description": t("network.growth.description", lang)},
        xaxis={
            **layout["xaxis"],
            **grid,
            "anchor": "y",
            "domain": [0.0, 1.0],
            "matches": "x2",
            "showticklabels": False,
            "type": "category",
        },
        xaxis2={**grid, "anchor": "y2", "domain": [0.0, 1.0], "type": "category"},
        yaxis={**layout["yaxis"], **grid, "anchor": "x", "domain": list(counts)},
        yaxis2={
            **layout["yaxis"],
            **grid,
            "anchor": "x2",
            "domain": list(ratios),
            "tickformat": ".2~%",
        },
        annotations=[
            {
                "font": {"size": 14},
                "showarrow": False,
                "text": text,
                "x": 0,
                "xanchor": "left",
                "xref": "paper",
                "y": top,
                "yanchor": "bottom",
                "yref": "paper",
            }
            for text, (_, top) in zip(titles, _GROWTH_DOMAINS, strict=True)
        ],
    )
    for axis in ("yaxis", "yaxis2"):
        layout[axis]["rangemode"] = "tozero"
    return go.Figure(data=traces, layout=layout, _validate=False)


def _growth_line(
    growth: pd.DataFrame,
    years: np.ndarray,
    column: str,
    lang: str,
    line: dict[str, str],
    number: str,
    panel: str,
) -> dict[str, object]:
    name = t(f"network.growth.{column}", lang)
    return {
        "type": "scatter",
        "x": years,
        "y": growth[column].to_numpy(dtype="float64"),
        "mode": "lines+markers",
        "name": name,
        "line": {**line, "width": 2.5},
        "hovertemplate": f"%{{x}}: %{{y:{number}}}<extra>{name}</extra>",
        "xaxis": f"x{panel}",
        "yaxis": f"y{panel}",
    }
