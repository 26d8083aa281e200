"""Attendance charts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import schema
from dashboard.figures.theme import ACTOR_TYPE_COLOURS, OKABE_ITO, base_layout, empty_figure
from dashboard.i18n import fmt_number, t, tn


def attendance_per_year(per_year: pd.DataFrame, lang: str, height: int = 320) -> go.Figure:
    """Bars of known headcount per event year; hover adds actors and unknown headcounts.

    `per_year` is analysis.overview.attendance_per_year: year, headcount, actors, unknown.
    """
    if per_year.empty:
        return empty_figure(t("empty.no_data", lang), lang, height)
    customdata = np.column_stack([per_year["actors"].to_numpy(), per_year["unknown"].to_numpy()])
    bars = go.Bar(
        x=per_year["year"].to_numpy(),
        y=per_year["headcount"].to_numpy(),
        marker_color=OKABE_ITO[0],
        customdata=customdata,
        name=t("chart.attendance.people", lang),
        hovertemplate=(
            f"<b>%{{x}}</b><br>{t('chart.attendance.people', lang)}: %{{y:,}}"
            f"<br>{t('chart.attendance.actors', lang)}: %{{customdata[0]:,}}"
            f"<br>{t('chart.attendance.unknown', lang)}: %{{customdata[1]:,}}<extra></extra>"
        ),
    )
    layout = base_layout(lang, height=height)
    layout.update(
        xaxis={"title": {"text": t("chart.year", lang)}, "type": "category"},
        yaxis={"title": {"text": t("chart.attendance.people", lang)}, "rangemode": "tozero"},
        showlegend=False,
        meta={"description": t("chart.attendance.description", lang)},
    )
    return go.Figure(data=[bars], layout=layout)


# --- Teilnahme page -------------------------------------------------------------------

ATTENDANCE_METRICS = ("headcount", "actors")
ROLE_COLOURS = dict(
    zip(schema.ROLES, (OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2], OKABE_ITO[3]), strict=False)
)


def _metric_label(metric: str, lang: str) -> str:
    return t(f"attendance.metric.{metric}", lang)


def event_labels(frame: pd.DataFrame) -> pd.Series:
    """x labels per event: the year, or "year · title" when a year has several events."""
    events = frame[["event_id", "year", "title"]].drop_duplicates("event_id")
    several = events["year"].duplicated(keep=False)
    labels = (
        events["year"]
        .astype(str)
        .where(~several, events["year"].astype(str) + " · " + events["title"].astype(str))
    )
    return frame["event_id"].map(dict(zip(events["event_id"], labels, strict=False)))


def attendance_per_event_by_type(
    per_event: pd.DataFrame, lang: str, metric: str = "headcount", height: int = 420
) -> go.Figure:
    """Stacked bars per event, one trace per actor type.

    `per_event` is analysis.attendance.per_event_by_type; `metric` "headcount" (known
    people) or "actors". Hover tells how many participations have an unknown headcount.
    """
    if per_event.empty:
        return empty_figure(t("empty.no_data", lang), lang, height)
    metric = metric if metric in ATTENDANCE_METRICS else "headcount"
    labels = event_labels(per_event)
    order = list(dict.fromkeys(labels))
    traces = []
    for actor_type in schema.ACTOR_TYPES:
        mask = (per_event["type"] == actor_type).to_numpy()
        if not mask.any():
            continue
        group = per_event[mask]
        traces.append(
            go.Bar(
                x=labels[mask].to_numpy(),
                y=group[metric].to_numpy(dtype=float),
                name=t(f"type.{actor_type}", lang),
                marker_color=ACTOR_TYPE_COLOURS[actor_type],
                customdata=np.column_stack(
                    [
                        group["title"].astype(str).to_numpy(),
                        group["unknown"].to_numpy(),
                        group["actors"].to_numpy(),
                    ]
                ),
                hovertemplate=(
                    f"<b>%{{customdata[0]}}</b> (%{{x}})"
                    f"<br>{t(f'type.{actor_type}', lang)}: %{{y:,}} {_metric_label(metric, lang)}"
                    f"<br>{t('attendance.hover.actors', lang)}: %{{customdata[2]:,}}"
                    f"<br>{t('attendance.hover.unknown', lang)}: %{{customdata[1]:,}}<extra></extra>"
                ),
            )
        )
    layout = base_layout(lang, height=height)
    layout.update(
        barmode="stack",
        xaxis={
            "title": {"text": t("attendance.axis.event", lang)},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": order,
        },
        yaxis={"title": {"text": _metric_label(metric, lang)}, "rangemode": "tozero"},
        meta={"description": t("attendance.events.description", lang)},
    )
    return go.Figure(data=traces, layout=layout)


def attendance_by_state(
    per_state: pd.DataFrame, state_names: pd.Series, lang: str, metric: str = "actors"
) -> go.Figure:
    """Horizontal bars per Bundesland, largest on top. `state_names` holds the label of
    each row of `per_state` (analysis.attendance.by_state)."""
    if per_state.empty:
        return empty_figure(t("empty.no_data", lang), lang, 360)
    metric = metric if metric in ATTENDANCE_METRICS else "actors"
    ordered = per_state.assign(_label=state_names.to_numpy()).sort_values(
        metric, ascending=False, kind="stable"
    )
    height = 90 + 30 * len(ordered)
    bars = go.Bar(
        x=ordered[metric].to_numpy(dtype=float),
        y=ordered["_label"].to_numpy(),
        orientation="h",
        marker_color=OKABE_ITO[0],
        customdata=np.column_stack(
            [
                ordered["actors"].to_numpy(),
                ordered["headcount"].to_numpy(),
                ordered["unknown"].to_numpy(),
            ]
        ),
        hovertemplate=(
            f"<b>%{{y}}</b><br>{t('attendance.hover.actors', lang)}: %{{customdata[0]:,}}"
            f"<br>{t('attendance.metric.headcount', lang)}: %{{customdata[1]:,}}"
            f"<br>{t('attendance.hover.unknown', lang)}: %{{customdata[2]:,}}<extra></extra>"
        ),
        name=_metric_label(metric, lang),
    )
    layout = base_layout(lang, height=height)
    layout.update(
        xaxis={"title": {"text": _metric_label(metric, lang)}, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        showlegend=False,
        meta={"description": t("attendance.states.description", lang)},
    )
    return go.Figure(data=[bars], layout=layout)


def _people_text(headcount: float | None, lang: str) -> str:
    if headcount is None or pd.isna(headcount):
        return t("attendance.top.people_unknown", lang)
    return tn("count.people", int(headcount), lang)


def top_actors_chart(top: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars of events attended per actor in rank order, one trace per type."""
    if top.empty:
        return empty_figure(t("empty.no_data", lang), lang, 360)
    labels = top["rank"].astype(str) + ". " + top["name"].astype(str)
    height = 90 + 28 * len(top)
    traces = []
    for actor_type in schema.ACTOR_TYPES:
        mask = (top["type"] == actor_type).to_numpy()
        if not mask.any():
            continue
        group = top[mask]
        headcount = group["headcount"].map(
            lambda v: fmt_number(None if pd.isna(v) else int(v), lang)
        )
        traces.append(
            go.Bar(
                x=group["events"].to_numpy(dtype=float),
                y=labels[mask].to_numpy(),
                orientation="h",
                # The people decide between equal bars (the ranking's tie-break): written on
                # each bar, the order of 15 bars of the same length is no longer hidden.
                text=[_people_text(value, lang) for value in group["headcount"]],
                textposition="inside",
                insidetextanchor="end",
                textfont={"color": "white"},
                name=t(f"type.{actor_type}", lang),
                marker_color=ACTOR_TYPE_COLOURS[actor_type],
                customdata=np.column_stack(
                    [
                        headcount.to_numpy(),
                        group["unknown"].to_numpy(),
                        group["actor_id"].to_numpy(),
                    ]
                ),
                hovertemplate=(
                    f"<b>%{{y}}</b><br>{t('attendance.hover.events', lang)}: %{{x:,}}"
                    f"<br>{t('attendance.metric.headcount', lang)}: %{{customdata[0]}}"
                    f"<br>{t('attendance.hover.unknown', lang)}: %{{customdata[1]:,}}<extra></extra>"
                ),
            )
        )
    layout = base_layout(lang, height=height)
    layout.update(
        xaxis={
            "title": {"text": t("attendance.hover.events", lang)},
            "rangemode": "tozero",
            "dtick": 1 if top["events"].max() <= 12 else None,
        },
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels.tolist(),
        },
        meta={"description": t("attendance.top.description", lang)},
    )
    return go.Figure(data=traces, layout=layout)


def attendance_per_role(per_role: pd.DataFrame, lang: str, height: int = 380) -> go.Figure:
    """Stacked bars per year, one trace per role (participations = actors at the event)."""
    if per_role.empty:
        return empty_figure(t("empty.no_data", lang), lang, height)
    traces = []
    for role in schema.ROLES:
        group = per_role[per_role["role"] == role]
        if group.empty:
            continue
        traces.append(
            go.Bar(
                x=group["year"].astype(str).to_numpy(),
                y=group["participations"].to_numpy(dtype=float),
                name=t(f"role.{role}", lang),
                marker_color=ROLE_COLOURS[role],
                customdata=np.column_stack(
                    [group["headcount"].to_numpy(), group["unknown"].to_numpy()]
                ),
                hovertemplate=(
                    f"<b>%{{x}}</b> · {t(f'role.{role}', lang)}"
                    f"<br>{t('attendance.hover.actors', lang)}: %{{y:,}}"
                    f"<br>{t('attendance.metric.headcount', lang)}: %{{customdata[0]:,}}"
                    f"<br>{t('attendance.hover.unknown', lang)}: %{{customdata[1]:,}}<extra></extra>"
                ),
            )
        )
    years = sorted(per_role["year"].astype(int).unique())
    layout = base_layout(lang, height=height)
    layout.update(
        barmode="stack",
        xaxis={
            "title": {"text": t("chart.year", lang)},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [str(y) for y in years],
        },
        yaxis={"title": {"text": t("attendance.hover.actors", lang)}, "rangemode": "tozero"},
        meta={"description": t("attendance.roles.description", lang)},
    )
    return go.Figure(data=traces, layout=layout)
