"""Themen: topics per year (heatmap and trends), topics by actor type and the sessions of
one event. Each view gives the chart and the table behind it (the chart's CSV download)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import topics as analysis
from dashboard.analysis.selection import Selection, index_in, select_in
from dashboard.analysis.topic_rows import TopicRows, topic_rows_of
from dashboard.figures import topics as figures
from dashboard.i18n import DEFAULT_LANGUAGE, t
from dashboard.state.filters import Filters
from dashboard.state.topics import TopicsState
from dashboard.store import Snapshot
from dashboard.views.caption import filters_line
from dashboard.views.result import ViewResult


def column(key: str, lang: str) -> str:
    return t(f"topics.col.{key}", lang)


def topic_id(tables: Mapping[str, pd.DataFrame], topic: str | None) -> str | None:
    """The id of a topic given by id or by name (links may carry either)."""
    if not topic:
        return None
    frame = tables["topics"]
    match = frame.loc[(frame["id"] == topic) | (frame["name"] == topic), "id"]
    return str(match.iloc[0]) if not match.empty else None


def _years(selection: Selection) -> list[int]:
    return sorted(int(year) for year in selection.events["year"].unique())


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
        title=t(f"topics.{key}.title", filters.lang),
        caption=filters_line(snapshot, filters, selection),
        table=table,
    )


def topic_rows(snapshot: Snapshot) -> TopicRows:
    """Attendance at topic sessions, coded once per data version."""
    return snapshot.derived("topics.rows", topic_rows_of)


def _topic_year(snapshot: Snapshot, filters: Filters, selection: Selection) -> pd.DataFrame:
    """Topic × year of the selection, kept per data version and filters (in any language):
    the heatmap and the trends of one page answer both need it."""
    return snapshot.cached(
        "topics.topic_year",
        filters.with_changes(lang=DEFAULT_LANGUAGE),
        lambda: analysis.topic_year(snapshot.tables, selection, topic_rows(snapshot)),
    )


def heatmap(
    snapshot: Snapshot, filters: Filters, state: TopicsState, selection: Selection | None = None
) -> ViewResult:
    """Topic × year of the chosen measure, the filtered topic marked."""
    lang = filters.lang
    selection = selection or select_in(snapshot, filters)
    years = _years(selection)
    per_year = _topic_year(snapshot, filters, selection)
    matrix = analysis.heatmap_matrix(per_year, state.metric, years)
    unknown = analysis.heatmap_matrix(per_year, "unknown", years).drop(columns="topic")
    selected = topic_id(snapshot.tables, filters.topic)
    table = pd.DataFrame(
        {
            column("topic", lang): per_year["topic"].astype(str),
            column("year", lang): per_year["year"].astype("int64"),
            column("sessions", lang): per_year["sessions"].astype("int64"),
            column("actors", lang): per_year["actors"].astype("int64"),
            column("headcount", lang): per_year["headcount"].astype("int64"),
            column("unknown", lang): per_year["unknown"].astype("int64"),
        }
    )
    figure = figures.topic_heatmap(matrix, lang, state.metric, selected, unknown)
    return _result(snapshot, filters, "heatmap", figure, table, selection)


def trends(
    snapshot: Snapshot, filters: Filters, state: TopicsState, selection: Selection | None = None
) -> ViewResult:
    """One line per topic over the years; the table is topic × year of the shown measure,
    0 where a topic had no session that year."""
    lang = filters.lang
    selection = selection or select_in(snapshot, filters)
    years = _years(selection)
    per_year = _topic_year(snapshot, filters, selection)
    figure = figures.topic_trends(per_year, years, lang, state.metric)
    return _result(
        snapshot, filters, "trends", figure, _trends_table(per_year, years, state, lang), selection
    )


def _trends_table(
    per_year: pd.DataFrame, years: list[int], state: TopicsState, lang: str
) -> pd.DataFrame:
    topic = column("topic", lang)
    if per_year.empty or not years:
        return pd.DataFrame(columns=[topic] + [str(year) for year in years])
    wide = (
        per_year.pivot_table(index="topic", columns="year", values=state.metric, aggfunc="sum")
        .reindex(columns=years)
        .fillna(0)
        .astype("int64")
    )
    wide.columns = [str(year) for year in wide.columns]
    wide = wide.reset_index().rename(columns={"topic": topic})
    return wide.sort_values(topic, key=lambda s: s.str.lower(), ignore_index=True)


def by_type(
    snapshot: Snapshot, filters: Filters, state: TopicsState, selection: Selection | None = None
) -> ViewResult:
    """Per topic, the actors that attended its sessions, by actor type."""
    lang = filters.lang
    frame = analysis.topics_by_type(
        snapshot.tables, selection or select_in(snapshot, filters), topic_rows(snapshot)
    )
    table = pd.DataFrame(
        {
            column("topic", lang): frame["topic"].astype(str),
            column("type", lang): frame["type"].map(lambda v: t(f"type.{v}", lang)),
            column("actors", lang): frame["actors"].astype("int64"),
            column("headcount", lang): frame["headcount"].astype("int64"),
            column("unknown", lang): frame["unknown"].astype("int64"),
        }
    )
    figure = figures.topics_by_type_chart(frame, lang)
    return _result(snapshot, filters, "by_type", figure, table, selection)


def sessions_event(
    snapshot: Snapshot, filters: Filters, state: TopicsState, selection: Selection | None = None
) -> str | None:
    """The event whose sessions are listed: the chosen one if the filters select it, else
    the filtered event, else the latest selected event with sessions."""
    selection = selection or select_in(snapshot, filters)
    wanted = state.event if state.event in set(selection.events["id"]) else filters.event
    return analysis.default_event(snapshot.tables, selection, wanted)


def sessions(
    snapshot: Snapshot, filters: Filters, state: TopicsState, selection: Selection | None = None
) -> ViewResult:
    """The sessions of the event `sessions_event` picks, with their topics and attendance."""
    lang = filters.lang
    selection = selection or select_in(snapshot, filters)
    event_id = sessions_event(snapshot, filters, state, selection)
    frame = analysis.event_sessions(snapshot.tables, selection, event_id, index_in(snapshot))
    table = pd.DataFrame(
        {
            column("session", lang): frame["title"].astype(str),
            column("kind", lang): frame["kind"].map(
                lambda k: t(f"topics.kind.{k}", lang) if k in figures.KIND_COLOURS else str(k)
            ),
            column("topics", lang): frame["topics"].astype(str),
            column("actors", lang): frame["actors"].astype("int64"),
            column("headcount", lang): frame["headcount"].astype("int64"),
            column("unknown", lang): frame["unknown"].astype("int64"),
        }
    )
    figure = figures.event_sessions_chart(frame, lang)
    return _result(snapshot, filters, "sessions", figure, table, selection)
