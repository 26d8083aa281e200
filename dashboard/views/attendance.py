"""Teilnahme: who came, per event and actor type, per role, per Bundesland, and the top
actors. Each view gives the chart and the table behind it (the chart's CSV download)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import attendance as analysis
from dashboard.analysis.selection import Selection, select_in
from dashboard.figures import attendance as figures
from dashboard.geo.states import state_name
from dashboard.i18n import t
from dashboard.state.attendance import AttendanceState
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from dashboard.views.caption import filters_line
from dashboard.views.result import ViewResult

TOP_LIMIT = 15


def type_label(lang: str) -> Callable[[object], str]:
    return lambda value: (
        t(f"type.{value}", lang) if isinstance(value, str) and value else t("common.unknown", lang)
    )


def state_label(lang: str) -> Callable[[object], str]:
    """The Bundesland's name; a missing or foreign code reads "abroad or unknown"."""

    def label(code: object) -> str:
        name = state_name(code, lang) if isinstance(code, str) and code else None
        return name or t("common.abroad_or_unknown", lang)

    return label


def column(key: str, lang: str) -> str:
    return t(f"attendance.col.{key}", lang)


def _result(
    snapshot: Snapshot,
    filters: Filters,
    key: str,
    figure: go.Figure,
    table: pd.DataFrame,
    selection: Selection | None = None,
) -> ViewResult:
    return ViewResult(
        figure=figure,
        title=t(f"attendance.{key}.title", filters.lang),
        caption=filters_line(snapshot, filters, selection),
        table=table,
    )


def events(
    snapshot: Snapshot, filters: Filters, state: AttendanceState, selection: Selection | None = None
) -> ViewResult:
    """People or actors per event, stacked by actor type."""
    lang = filters.lang
    per_event = analysis.per_event_by_type(selection or select_in(snapshot, filters))
    table = pd.DataFrame(
        {
            column("year", lang): per_event["year"].astype("int64"),
            column("event", lang): per_event["title"].astype(str),
            column("type", lang): per_event["type"].map(type_label(lang)),
            column("actors", lang): per_event["actors"].astype("int64"),
            column("headcount", lang): per_event["headcount"].astype("int64"),
            column("unknown", lang): per_event["unknown"].astype("int64"),
        }
    )
    figure = figures.attendance_per_event_by_type(per_event, lang, state.metric)
    return _result(snapshot, filters, "events", figure, table, selection)


def roles(
    snapshot: Snapshot, filters: Filters, state: AttendanceState, selection: Selection | None = None
) -> ViewResult:
    """Participations per year and role."""
    lang = filters.lang
    per_role = analysis.per_role(selection or select_in(snapshot, filters))
    table = pd.DataFrame(
        {
            column("year", lang): per_role["year"].astype("int64"),
            column("role", lang): per_role["role"].map(lambda r: t(f"role.{r}", lang)),
            column("actors", lang): per_role["participations"].astype("int64"),
            column("headcount", lang): per_role["headcount"].astype("int64"),
            column("unknown", lang): per_role["unknown"].astype("int64"),
        }
    )
    figure = figures.attendance_per_role(per_role, lang)
    return _result(snapshot, filters, "roles", figure, table, selection)


def states(
    snapshot: Snapshot, filters: Filters, state: AttendanceState, selection: Selection | None = None
) -> ViewResult:
    """Actors or people per Bundesland."""
    lang = filters.lang
    per_state = analysis.by_state(selection or select_in(snapshot, filters))
    names = per_state["state"].map(state_label(lang))
    table = pd.DataFrame(
        {
            column("state", lang): names,
            column("actors", lang): per_state["actors"].astype("int64"),
            column("participations", lang): per_state["participations"].astype("int64"),
            column("headcount", lang): per_state["headcount"].astype("int64"),
            column("unknown", lang): per_state["unknown"].astype("int64"),
        }
    )
    figure = figures.attendance_by_state(per_state, names, lang, state.state_metric)
    return _result(snapshot, filters, "states", figure, table, selection)


def top(
    snapshot: Snapshot, filters: Filters, state: AttendanceState, selection: Selection | None = None
) -> ViewResult:
    """The actors with the most participations."""
    lang = filters.lang
    ranked = analysis.top_actors(selection or select_in(snapshot, filters), TOP_LIMIT)
    table = pd.DataFrame(
        {
            column("rank", lang): ranked["rank"].astype("int64"),
            column("name", lang): ranked["name"].astype(str),
            column("type", lang): ranked["type"].map(type_label(lang)),
            column("state", lang): ranked["state"].map(state_label(lang)),
            column("events", lang): ranked["events"].astype("int64"),
            column("headcount", lang): ranked["headcount"].astype("Int64"),
            column("unknown", lang): ranked["unknown"].astype("int64"),
        }
    )
    return _result(
        snapshot, filters, "top", figures.top_actors_chart(ranked, lang), table, selection
    )
