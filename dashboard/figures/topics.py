"""Topic charts. Every mark that stands for a topic carries the topic id as its first
customdata value (the heatmap as a matrix of ids), so a click can set the topic filter."""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import schema
from dashboard.figures.cell_text import LABEL_STANDOFF, heatmap_cell_text
from dashboard.figures.counts import count_ticks
from dashboard.figures.theme import ACTOR_TYPE_COLOURS, OKABE_ITO, base_layout, empty_figure
from dashboard.i18n import fmt_number, t, tn

TOPIC_METRICS = ("sessions", "headcount")
MAX_TREND_LINES = 6  # one Okabe–Ito colour and line style each; more lines turn to spaghetti
SEQUENTIAL_BLUES = [[0.0, "#deebf7"], [0.35, "#9ecae1"], [0.7, "#3182bd"], [1.0, "#08306b"]]
# The heatmap's width on the narrowest page that sets it beside the trends (/themen, 7 of
# 12 columns of a 1200 px window): cell numbers that fit there fit on every wider screen.
HEATMAP_WIDTH = 630
HEATMAP_MARGIN_TOP = 56
HEATMAP_MARGIN_BOTTOM = 48
LINE_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "solid", "dash", "dot")
MARKER_SYMBOLS = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "x",
    "star",
    "cross",
    "triangle-down",
)
KIND_COLOURS = dict(
    zip(
        schema.SESSION_KINDS,
        (OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2], OKABE_ITO[3], OKABE_ITO[5]),
        strict=False,
    )
)


def _metric(metric: str) -> str:
    return metric if metric in TOPIC_METRICS else "sessions"


def _metric_label(metric: str, lang: str) -> str:
    return t(f"topics.metric.{_metric(metric)}", lang)


def topic_heatmap(
    matrix: pd.DataFrame,
    lang: str,
    metric: str = "sessions",
    selected: str | None = None,
    unknown: pd.DataFrame | None = None,
    width: int = HEATMAP_WIDTH,
) -> go.Figure:
    """Topic × year heatmap. `matrix` is analysis.topics.heatmap_matrix (index topic_id,
    column "topic", then one column per year; NaN = no session). The selected topic's
    label is marked with ▶.

    `unknown` (heatmap_matrix of "unknown", same shape) marks people counts that are
    incomplete: a cell whose headcounts are all unknown reads "?" instead of 0, and the
    hover says how many participations have no headcount.

    The numbers are written into the cells only at a size at which they fit a chart `width`
    px wide (see cell_text); otherwise the hover and the table give them.
    """
    years = [column for column in matrix.columns if column != "topic"]
    if matrix.empty or not years:
        return empty_figure(t("topics.empty", lang), lang, 360)
    metric = _metric(metric)
    values = matrix[years].to_numpy(dtype=float)
    if unknown is not None and metric == "headcount":
        missing = unknown.reindex(index=matrix.index, columns=years).to_numpy(dtype=float)
        missing = np.nan_to_num(missing, nan=0.0)
    else:
        missing = np.zeros_like(values)
    ids = matrix.index.to_numpy().astype(str)
    labels = [
        ("▶ " if topic_id == selected else "") + str(name)
        for topic_id, name in zip(ids, matrix["topic"], strict=False)
    ]
    only_unknown = (values == 0) & (missing > 0)
    text = np.where(
        np.isnan(values),
        "",
        np.where(
            only_unknown,
            "?",
            np.vectorize(lambda v: fmt_number(v, lang) if np.isfinite(v) else "")(values),
        ),
    )
    shown = np.where(only_unknown, t("common.unknown", lang), text)
    customdata = np.empty((*values.shape, 3), dtype=object)
    customdata[..., 0] = ids[:, None]
    customdata[..., 1] = shown
    customdata[..., 2] = missing.astype(int)
    top = max(float(np.nanmax(values)) if np.isfinite(values).any() else 1.0, 1.0)
    unknown_line = (
        f"<br>{t('topics.hover.unknown', lang)}: %{{customdata[2]:,}}"
        if metric == "headcount"
        else ""
    )
    x = [str(year) for year in years]
    height = height_for(len(labels))
    cells = heatmap_cell_text(
        "%{text}",
        text,
        x,
        labels,
        width=width,
        height=height,
        margin_top=HEATMAP_MARGIN_TOP,
        margin_bottom=HEATMAP_MARGIN_BOTTOM,
        row_title=False,
        colorbar_title=_metric_label(metric, lang),
        colorbar_tick=fmt_number(top, lang),
    )
    heatmap = go.Heatmap(
        z=values,
        x=x,
        y=labels,
        customdata=customdata,
        text=text,
        colorscale=SEQUENTIAL_BLUES,
        zauto=False,
        zmin=0,
        zmax=top,
        **cells.trace_options(),
        xgap=2,
        ygap=2,
        hoverongaps=False,
        colorbar={
            "title": {"text": _metric_label(metric, lang)},
            "thickness": 14,
            **count_ticks(top),
        },
        hovertemplate=(
            f"<b>%{{y}}</b> · %{{x}}<br>{_metric_label(metric, lang)}: %{{customdata[1]}}"
            + unknown_line
            + f"<br><i>{t('topics.click_hint', lang)}</i><extra></extra>"
        ),
    )
    layout = base_layout(lang, height=height)
    layout.update(
        xaxis={
            "title": {"text": t("chart.year", lang)},
            "type": "category",
            "side": "top",
            "showgrid": False,
            "automargin": True,
        },
        yaxis={
            "type": "category",
            "autorange": "reversed",
            "showgrid": False,
            # Room for the topic names, and a gap so they do not touch the first cell.
            "automargin": True,
            "ticklabelstandoff": LABEL_STANDOFF,
        },
        margin={"t": HEATMAP_MARGIN_TOP, "l": 16, "b": HEATMAP_MARGIN_BOTTOM},
        meta={"description": t(f"topics.heatmap.description_{metric}", lang)},
    )
    return go.Figure(data=[heatmap], layout=layout)


def height_for(rows: int) -> int:
    """Height of a chart with one band per topic: readable labels at 1920×1080."""
    return max(320, 120 + 34 * rows)


def topic_trends(
    per_year: pd.DataFrame,
    years: list[int],
    lang: str,
    metric: str = "sessions",
    limit: int = MAX_TREND_LINES,
) -> go.Figure:
    """Lines over the years for the `limit` topics with most sessions (then people); a
    year with no session on a topic counts 0. `per_year` is analysis.topics.topic_year."""
    if per_year.empty or not years:
        return empty_figure(t("topics.empty", lang), lang, 380)
    metric = _metric(metric)
    totals = per_year.groupby(["topic_id", "topic"])[metric].sum().reset_index()
    totals = totals.sort_values([metric, "topic"], ascending=[False, True]).head(
        min(limit, MAX_TREND_LINES)
    )
    x = [str(year) for year in years]
    traces = []
    for index, row in enumerate(totals.itertuples(index=False)):
        series = (
            per_year[per_year["topic_id"] == row.topic_id]
            .set_index("year")[metric]
            .reindex(years, fill_value=0)
        )
        traces.append(
            go.Scatter(
                x=x,
                y=series.to_numpy(dtype=float),
                mode="lines+markers",
                name=str(row.topic),
                line={"color": OKABE_ITO[index], "width": 3, "dash": LINE_DASHES[index]},
                marker={"symbol": MARKER_SYMBOLS[index], "size": 9},
                customdata=np.full(len(x), row.topic_id, dtype=object),
                # The name goes in as a value, escaped: spliced into the template, a topic
                # name could carry markup or plotly placeholders of its own.
                meta=html.escape(str(row.topic), quote=False),
                hovertemplate=f"<b>%{{meta}}</b> · %{{x}}<br>{_metric_label(metric, lang)}: %{{y:,}}<extra></extra>",
            )
        )
    top = max((float(np.nanmax(trace.y)) for trace in traces), default=1.0)
    layout = base_layout(lang, height=420)
    layout.update(
        xaxis={"title": {"text": t("chart.year", lang)}, "type": "category"},
        yaxis={
            "title": {"text": _metric_label(metric, lang)},
            "rangemode": "tozero",
            **count_ticks(top),
        },
        hovermode="closest",
        meta={"description": tn("topics.trends.description", len(traces), lang)},
    )
    return go.Figure(data=traces, layout=layout)


def event_sessions_chart(sessions: pd.DataFrame, lang: str, title: str = "") -> go.Figure:
    """Horizontal bars: known people per session of one event, one trace per session kind.

    `sessions` is analysis.topics.event_sessions. Sessions with only unknown headcounts
    show no bar; the hover and the table say "unbekannt".
    """
    if sessions.empty:
        return empty_figure(t("topics.sessions.none", lang), lang, 320)
    labels = sessions["title"].astype(str)
    # Same titles in one event: make the labels unique so bars do not merge.
    duplicated = labels.duplicated(keep=False)
    labels = labels.where(~duplicated, labels + " (" + sessions["session_id"].astype(str) + ")")
    height = max(300, 100 + 34 * len(sessions))
    traces = []
    for kind in list(schema.SESSION_KINDS) + sorted(
        set(sessions["kind"]) - set(schema.SESSION_KINDS)
    ):
        mask = (sessions["kind"] == kind).to_numpy()
        if not mask.any():
            continue
        group = sessions[mask]
        first_topic = group["topic_ids"].map(lambda ids: ids[0] if len(ids) else "").to_numpy()
        known = group["headcount"].to_numpy(dtype=float)
        all_unknown = (group["unknown"] > 0) & (group["headcount"] == 0)
        people = np.where(
            all_unknown.to_numpy(),
            t("common.unknown", lang),
            group["headcount"].map(lambda v: fmt_number(int(v), lang)).to_numpy(),
        )
        traces.append(
            go.Bar(
                x=np.where(all_unknown.to_numpy(), np.nan, known),
                y=labels[mask].to_numpy(),
                orientation="h",
                name=t(f"topics.kind.{kind}", lang) if kind in schema.SESSION_KINDS else str(kind),
                marker_color=KIND_COLOURS.get(kind, OKABE_ITO[7]),
                customdata=np.column_stack(
                    [
                        first_topic,
                        group["topics"].to_numpy(),
                        group["actors"].to_numpy(),
                        people,
                        group["unknown"].to_numpy(),
                    ]
                ),
                hovertemplate=(
                    f"<b>%{{y}}</b><br>{t('topics.sessions.topics', lang)}: %{{customdata[1]}}"
                    f"<br>{t('topics.metric.headcount', lang)}: %{{customdata[3]}}"
                    f"<br>{t('topics.hover.actors', lang)}: %{{customdata[2]:,}}"
                    f"<br>{t('topics.hover.unknown', lang)}: %{{customdata[4]:,}}<extra></extra>"
                ),
            )
        )
    layout = base_layout(lang, title=title or None, height=height)
    layout.update(
        xaxis={"title": {"text": t("topics.metric.headcount", lang)}, "rangemode": "tozero"},
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels.tolist(),
        },
        meta={"description": t("topics.sessions.description", lang)},
    )
    return go.Figure(data=traces, layout=layout)


def topics_by_type_chart(by_type: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked horizontal bars per topic (most attended on top), one trace per actor type.

    `by_type` is analysis.topics.topics_by_type; the bar length is actors (actor–event
    pairs) that attended a session on the topic.
    """
    if by_type.empty:
        return empty_figure(t("topics.empty", lang), lang, 320)
    order = list(dict.fromkeys(by_type["topic"].astype(str)))
    height = max(300, 110 + 32 * len(order))
    traces = []
    for actor_type in schema.ACTOR_TYPES:
        group = by_type[by_type["type"] == actor_type]
        if group.empty:
            continue
        traces.append(
            go.Bar(
                x=group["actors"].to_numpy(dtype=float),
                y=group["topic"].astype(str).to_numpy(),
                orientation="h",
                name=t(f"type.{actor_type}", lang),
                marker_color=ACTOR_TYPE_COLOURS[actor_type],
                customdata=np.column_stack(
                    [
                        group["topic_id"].to_numpy(),
                        group["headcount"].to_numpy(),
                        group["unknown"].to_numpy(),
                    ]
                ),
                hovertemplate=(
                    f"<b>%{{y}}</b> · {t(f'type.{actor_type}', lang)}<br>{t('topics.hover.actors', lang)}: %{{x:,}}"
                    f"<br>{t('topics.metric.headcount', lang)}: %{{customdata[1]:,}}"
                    f"<br>{t('topics.hover.unknown', lang)}: %{{customdata[2]:,}}"
                    f"<br><i>{t('topics.click_hint', lang)}</i><extra></extra>"
                ),
            )
        )
    layout = base_layout(lang, height=height)
    layout.update(
        barmode="stack",
        xaxis={"title": {"text": t("topics.hover.actors", lang)}, "rangemode": "tozero"},
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "type": "category",
            "categoryorder": "array",
            "categoryarray": order,
        },
        meta={"description": t("topics.by_type.description", lang)},
    )
    return go.Figure(data=traces, layout=layout)


def clicked_topic(click_data: dict[str, Any] | None) -> str | None:
    """The topic id a click on one of these figures points at, or None."""
    if not click_data or not click_data.get("points"):
        return None
    value = click_data["points"][0].get("customdata")
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return str(value) if value not in (None, "") else None
