"""Topics: how many sessions each topic had per year, who attended them, and which kinds of
actors are drawn to which topic.

The sessions counted are those of the selected events. Session attendance is read from the
attendance rows that name a session, limited to the actors of the selection (so the actor
type and Bundesland filters apply). Headcount NA means unknown: left out of the sums and
counted in `unknown`, never as 0. A session with several topics counts for each of them.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.analysis.selection import Selection, index_of
from dashboard.analysis.selection_index import SelectionIndex
from dashboard.analysis.topic_rows import TopicRows


def session_topics(tables: Mapping[str, pd.DataFrame], selection: Selection) -> pd.DataFrame:
    """One row per (session of a selected event, topic): session_id, event_id, year, kind,
    title, topic_id, topic (name). Sessions without a topic are left out."""
    columns = ["session_id", "event_id", "year", "kind", "title", "topic_id", "topic"]
    sessions = tables["sessions"]
    sessions = sessions[sessions["event_id"].isin(selection.events["id"])]
    if sessions.empty:
        return pd.DataFrame(columns=columns)
    links = tables["session_topics"].merge(
        tables["topics"].rename(columns={"id": "topic_id", "name": "topic"}), on="topic_id"
    )
    rows = sessions.rename(columns={"id": "session_id"}).merge(links, on="session_id")
    rows = rows.merge(
        selection.events[["id", "year"]].rename(columns={"id": "event_id"}), on="event_id"
    )
    return rows[columns].sort_values(["year", "session_id", "topic"], ignore_index=True)


def session_attendance(
    tables: Mapping[str, pd.DataFrame],
    selection: Selection,
    session_ids: pd.Series,
    index: SelectionIndex | None = None,
) -> pd.DataFrame:
    """Per session of `session_ids` (also those nobody attended): actors of the selection
    present, headcount (known people), unknown (attendance rows with unknown headcount).
    `index` is selection.index_of(tables) when it is cached."""
    columns = ["session_id", "actors", "headcount", "unknown"]
    index = index_of(tables) if index is None else index
    actors = tables["actors"]
    chosen = np.zeros(len(actors), dtype=bool)
    chosen[pd.Index(actors["id"]).get_indexer(pd.Index(selection.actors["id"]))] = True
    rows = tables["attendance"][index.attendance_of(session_ids, chosen)]
    headcount = pd.to_numeric(rows["headcount"], errors="coerce").astype("Int64")
    rows = rows.assign(headcount=headcount)
    grouped = rows.groupby("session_id")
    result = pd.DataFrame(
        {
            "actors": grouped["actor_id"].nunique(),
            "headcount": grouped["headcount"].sum(min_count=0),
            "unknown": (grouped["headcount"].size() - grouped["headcount"].count()),
        }
    ).reindex(pd.Index(session_ids.unique(), name="session_id"), fill_value=0)
    result = result.astype({"actors": "int64", "headcount": "int64", "unknown": "int64"})
    return result.reset_index()[columns]


def _counts(chosen: pd.DataFrame, keys: list[str], distinct: str) -> pd.DataFrame:
    """Per group of `keys`: actors (distinct `distinct` codes), headcount (known people),
    unknown (rows with unknown headcount)."""
    grouped = chosen.groupby(keys)
    return pd.DataFrame(
        {
            "actors": grouped[distinct].nunique(),
            "headcount": grouped["headcount"].sum(),
            "unknown": grouped["headcount"].size() - grouped["headcount"].count(),
        }
    )


def _named(counts: pd.DataFrame, rows: TopicRows) -> pd.DataFrame:
    """`counts` indexed by topic code (and more), with topic_id and topic in front."""
    frame = counts.reset_index()
    names = rows.topics.iloc[frame["topic"].to_numpy()].reset_index(drop=True)
    return pd.concat([names, frame.drop(columns="topic")], axis=1)


def topic_year(
    tables: Mapping[str, pd.DataFrame], selection: Selection, rows: TopicRows | None = None
) -> pd.DataFrame:
    """One row per (topic, year) with at least one session: topic_id, topic, year,
    sessions, actors (distinct actors at its sessions), headcount (known people at its
    sessions; someone at two sessions on the topic counts twice), unknown (attendance
    rows with unknown headcount). `rows` is topic_rows_of(tables) when it is cached."""
    columns = ["topic_id", "topic", "year", "sessions", "actors", "headcount", "unknown"]
    listed = session_topics(tables, selection)
    if listed.empty:
        return pd.DataFrame(columns=columns)
    rows = TopicRows.of(tables) if rows is None else rows
    keys = ["topic_id", "topic", "year"]
    sessions = listed.groupby(keys)["session_id"].nunique().rename("sessions")
    present = _named(_counts(rows.chosen(selection), ["topic", "year"], "actor"), rows)
    result = pd.DataFrame(sessions).join(present.set_index(keys), how="left")
    result = result.fillna(0).astype("int64")
    return result.reset_index().sort_values(["topic", "year"], ignore_index=True)[columns]


def topic_totals(per_year: pd.DataFrame) -> pd.DataFrame:
    """Topics ranked by sessions, then known headcount, over all years of `topic_year`."""
    columns = ["topic_id", "topic", "sessions", "actors", "headcount", "unknown"]
    if per_year.empty:
        return pd.DataFrame(columns=columns)
    totals = (
        per_year.groupby(["topic_id", "topic"])[["sessions", "actors", "headcount", "unknown"]]
        .sum()
        .reset_index()
    )
    return totals.sort_values(
        ["sessions", "headcount", "topic"], ascending=[False, False, True], ignore_index=True
    )[columns]


def heatmap_matrix(
    per_year: pd.DataFrame, value: str, years: list[int] | None = None
) -> pd.DataFrame:
    """Topic × year matrix of `value` ("sessions" or "headcount"); topics in alphabetical
    order as rows (index topic_id, column "topic" first), years as columns. Cells without
    a session are NaN (no session, not zero people)."""
    if per_year.empty:
        return pd.DataFrame(columns=["topic", *list(years or [])])
    matrix = per_year.pivot_table(
        index=["topic_id", "topic"], columns="year", values=value, aggfunc="sum"
    )
    if years is not None:
        matrix = matrix.reindex(columns=years)
    matrix = matrix.reset_index("topic").sort_values("topic", key=lambda s: s.str.lower())
    matrix.columns.name = None
    return matrix


def event_sessions(
    tables: Mapping[str, pd.DataFrame],
    selection: Selection,
    event_id: str | None,
    index: SelectionIndex | None = None,
) -> pd.DataFrame:
    """The sessions of one event with their topics and attendance.

    Columns: session_id, kind, title, topics (names joined with " · ", "" if none),
    topic_ids (list), actors, headcount (known people), unknown. Order: the kinds' order in
    the data model (workshop, panel, keynote, stand, get-together), then title.
    """
    columns = [
        "session_id",
        "kind",
        "title",
        "topics",
        "topic_ids",
        "actors",
        "headcount",
        "unknown",
    ]
    sessions = tables["sessions"]
    if event_id is None or event_id not in set(selection.events["id"]):
        return pd.DataFrame(columns=columns)
    sessions = sessions[sessions["event_id"] == event_id].rename(columns={"id": "session_id"})
    if sessions.empty:
        return pd.DataFrame(columns=columns)
    links = tables["session_topics"].merge(
        tables["topics"].rename(columns={"id": "topic_id", "name": "topic"}), on="topic_id"
    )
    links = links[links["session_id"].isin(sessions["session_id"])].sort_values("topic")
    names = links.groupby("session_id")["topic"].agg(" · ".join)
    ids = links.groupby("session_id")["topic_id"].agg(list)
    present = session_attendance(tables, selection, sessions["session_id"], index)
    result = sessions.merge(present, on="session_id", how="left")
    result["topics"] = result["session_id"].map(names).fillna("")
    result["topic_ids"] = (
        result["session_id"].map(ids).apply(lambda v: v if isinstance(v, list) else [])
    )
    for column in ("actors", "headcount", "unknown"):
        result[column] = result[column].fillna(0).astype("int64")
    order = {kind: i for i, kind in enumerate(schema.SESSION_KINDS)}
    result = result.assign(_order=result["kind"].map(order).fillna(len(order)))
    return result.sort_values(["_order", "title", "session_id"], ignore_index=True)[columns]


def default_event(
    tables: Mapping[str, pd.DataFrame], selection: Selection, event_id: str | None = None
) -> str | None:
    """`event_id` if it is selected; otherwise the latest selected event that has sessions,
    otherwise the latest selected event; None when nothing is selected."""
    ids: list[str] = selection.events["id"].tolist()
    if event_id in ids:
        return event_id
    with_sessions = set(tables["sessions"]["event_id"])
    for candidate in reversed(ids):
        if candidate in with_sessions:
            return candidate
    return ids[-1] if ids else None


def topics_by_type(
    tables: Mapping[str, pd.DataFrame], selection: Selection, rows: TopicRows | None = None
) -> pd.DataFrame:
    """Per (topic, actor type): actors (distinct actor–event pairs that attended a session
    on the topic), headcount (known people at those sessions), unknown.

    Only topics with at least one attending actor. Sorted by topic total descending, then
    the actor types' order. `rows` is topic_rows_of(tables) when it is cached.
    """
    columns = ["topic_id", "topic", "type", "actors", "headcount", "unknown"]
    rows = TopicRows.of(tables) if rows is None else rows
    chosen = rows.chosen(selection)
    chosen = chosen[chosen["actor_type"] >= 0]
    if chosen.empty:
        return pd.DataFrame(columns=columns)
    result = _named(_counts(chosen, ["topic", "actor_type"], "pair"), rows)
    result = result.astype({"actors": "int64", "headcount": "int64", "unknown": "int64"})
    result.insert(2, "type", rows.types[result.pop("actor_type").to_numpy()])
    totals = result.groupby("topic_id")["actors"].transform("sum")
    order = {name: i for i, name in enumerate(schema.ACTOR_TYPES)}
    result = result.assign(_total=totals, _order=result["type"].map(order))
    result = result.sort_values(
        ["_total", "topic", "_order"], ascending=[False, True, True], ignore_index=True
    )
    return result[columns]
