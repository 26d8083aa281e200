"""Charts of the comparison page: one colour per compared actor (Okabe–Ito, at most six).

Inputs are the frames of analysis.compare plus `labels`, the display name per actor id in
the order the actors were chosen (that order fixes each actor's colour on every chart).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import OKABE_ITO, base_layout, empty_figure
from dashboard.i18n import fmt_number, t
from dashboard.schema import ROLES

# Roles coloured apart from the actor colours' order, so a stacked bar never reads as actors.
ROLE_COLOURS = {
    "participant": "#56B4E9",
    "speaker": "#D55E00",
    "exhibitor": "#009E73",
    "organiser": "#CC79A7",
}
# Sequential, single hue (light to dark blue): readable with every colour-vision deficiency.
HEATMAP_SCALE = [
    [0.0, "#f7fbff"],
    [0.25, "#c6dbef"],
    [0.5, "#6baed6"],
    [0.75, "#2171b5"],
    [1.0, "#08306b"],
]


def actor_colours(labels: Mapping[str, str]) -> dict[str, str]:
    """Actor id → colour, by position in `labels`."""
    return {actor_id: OKABE_ITO[index % len(OKABE_ITO)] for index, actor_id in enumerate(labels)}


def participation_per_year(
    per_year: pd.DataFrame, labels: Mapping[str, str], lang: str, height: int = 400
) -> go.Figure:
    """Grouped bars: people per actor and event year, one trace per actor.

    `per_year` is analysis.compare.per_year. A participation whose headcount is unknown has
    no bar height to show: it gets a "?" at the foot of its place and says so on hover,
    rather than a bar of 0.
    """
    if per_year.empty or not labels or per_year["participations"].sum() == 0:
        return empty_figure(t("compare.empty.no_participation", lang), lang, height)
    colours = actor_colours(labels)
    people = t("compare.chart.people", lang)
    part_word = t("compare.chart.participations", lang)
    unknown_word = t("compare.chart.unknown_headcount", lang)
    traces = []
    for actor_id, label in labels.items():
        rows = per_year[per_year["actor_id"] == actor_id]
        if rows.empty:
            continue
        headcount = rows["headcount"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        unknown = rows["unknown"].to_numpy(dtype=int)
        shown = np.where(np.isnan(headcount), 0.0, headcount)
        marks = np.where(unknown > 0, "?", "")
        hover_people = np.array(
            [
                unknown_word if np.isnan(h) else f"{people}: {_number(float(h), lang)}"
                for h in headcount
            ],
            dtype=object,
        )
        customdata = np.column_stack(
            [rows["participations"].to_numpy(dtype=int), unknown, hover_people]
        )
        traces.append(
            go.Bar(
                x=rows["year"].to_numpy(dtype=int),
                y=shown,
                name=_escape(label),
                marker_color=colours[actor_id],
                text=marks,
                textposition="outside",
                cliponaxis=False,
                textfont={"size": 16, "color": colours[actor_id]},
                customdata=customdata,
                hovertemplate=(
                    f"<b>{_escape(label)}</b> · %{{x}}<br>%{{customdata[2]}}"
                    f"<br>{part_word}: %{{customdata[0]}}"
                    f"<br>{t('compare.chart.unknown_count', lang)}: %{{customdata[1]}}<extra></extra>"
                ),
            )
        )
    layout = base_layout(lang, height=height)
    layout.update(
        barmode="group",
        bargap=0.2,
        xaxis={"title": {"text": t("chart.year", lang)}, "type": "category"},
        yaxis={"title": {"text": people}, "rangemode": "tozero"},
        meta={"description": t("compare.chart.per_year.description", lang)},
    )
    return go.Figure(data=traces, layout=layout)


def topic_heatmap(
    topics: pd.DataFrame, labels: Mapping[str, str], lang: str, height: int | None = None
) -> go.Figure:
    """Heatmap actor × topic: sessions attended. `topics` is analysis.compare.topic_counts."""
    if topics.empty or not labels or topics["sessions"].sum() == 0:
        return empty_figure(t("compare.empty.no_topics", lang), lang, height or 360)
    actor_ids = [actor_id for actor_id in labels if actor_id in set(topics["actor_id"])]
    order = list(dict.fromkeys(topics["topic_id"]))
    names = topics.drop_duplicates("topic_id").set_index("topic_id")["topic"]
    matrix = (
        topics.pivot_table(
            index="actor_id", columns="topic_id", values="sessions", aggfunc="sum", fill_value=0
        )
        .reindex(index=actor_ids, columns=order, fill_value=0)
        .to_numpy(dtype=float)
    )
    sessions = t("compare.chart.sessions", lang)
    heatmap = go.Heatmap(
        z=matrix,
        x=np.array([_escape(names[topic]) for topic in order], dtype=object),
        y=np.array([_escape(labels[actor_id]) for actor_id in actor_ids], dtype=object),
        zmin=0,
        colorscale=HEATMAP_SCALE,
        xgap=2,
        ygap=2,
        texttemplate="%{z:d}",
        textfont={"size": 14},
        colorbar={"title": {"text": sessions, "side": "right"}, "thickness": 14},
        hovertemplate=f"<b>%{{y}}</b><br>%{{x}}<br>{sessions}: %{{z:d}}<extra></extra>",
    )
    layout = base_layout(lang, height=height or max(260, 110 + 56 * len(actor_ids)))
    layout.update(
        xaxis={
            "title": None,
            "type": "category",
            "tickangle": -30,
            "gridcolor": None,
            "showgrid": False,
        },
        yaxis={
            "title": None,
            "type": "category",
            "autorange": "reversed",
            "showgrid": False,
            "automargin": True,
        },
        margin={"l": 16, "r": 16, "t": 16, "b": 110},
        meta={"description": t("compare.chart.topics.description", lang)},
    )
    return go.Figure(data=[heatmap], layout=layout)


def roles_stacked(
    roles: pd.DataFrame, labels: Mapping[str, str], lang: str, height: int = 360
) -> go.Figure:
    """Stacked bars per actor: participations by role, one trace per role that occurs."""
    if roles.empty or not labels or roles["participations"].sum() == 0:
        return empty_figure(t("compare.empty.no_participation", lang), lang, height)
    actor_ids = list(labels)
    part_word = t("compare.chart.participations", lang)
    traces = []
    for role in ROLES:
        rows = (
            roles[roles["role"] == role]
            .set_index("actor_id")["participations"]
            .reindex(actor_ids, fill_value=0)
        )
        if rows.sum() == 0:
            continue
        name = t(f"role.{role}", lang)
        traces.append(
            go.Bar(
                x=np.array([_escape(labels[actor_id]) for actor_id in actor_ids], dtype=object),
                y=rows.to_numpy(dtype=int),
                name=name,
                marker_color=ROLE_COLOURS[role],
                hovertemplate=f"<b>%{{x}}</b><br>{name}: %{{y}} {part_word}<extra></extra>",
            )
        )
    layout = base_layout(lang, height=height)
    layout.update(
        barmode="stack",
        xaxis={"title": None, "type": "category"},
        yaxis={
            "title": {"text": part_word},
            "rangemode": "tozero",
            "dtick": 1 if roles.groupby("actor_id")["participations"].sum().max() <= 10 else None,
        },
        meta={"description": t("compare.chart.roles.description", lang)},
    )
    return go.Figure(data=traces, layout=layout)


def _number(value: float, lang: str) -> str:
    return fmt_number(int(value), lang)


def _escape(text: str) -> str:
    """Plotly renders a subset of HTML in hover text: show names from data as text."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
