"""Apply the global filters to the data tables.

The unit most views count is a *participation*: one actor at one event, with the number of
people it sent. Attendance rows are per session and role; a participation's headcount is
the sum of its event-wide rows, or, when it has none, the largest session headcount (the
same people go to several workshops). Unknown stays unknown (NA), never zero.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, fields
from typing import Any, Protocol

import pandas as pd

from dashboard.i18n import DEFAULT_LANGUAGE
from dashboard.schema import SOURCE_DOCUMENTED
from dashboard.state.filters import Filters

ROLE_PRIORITY = ("organiser", "speaker", "exhibitor", "participant")


@dataclass(frozen=True)
class Selection:
    events: pd.DataFrame
    actors: pd.DataFrame
    participation: pd.DataFrame
    links: pd.DataFrame
    year_range: tuple[int, int] | None

    @property
    def is_empty(self) -> bool:
        return self.participation.empty and self.events.empty

    @property
    def has_sample_rows(self) -> bool:
        frames = (self.events, self.actors, self.participation, self.links)
        return any(
            (frame["source"] != SOURCE_DOCUMENTED).any() for frame in frames if not frame.empty
        )


def participations(attendance: pd.DataFrame) -> pd.DataFrame:
    """One row per (event_id, actor_id): headcount (Int64, NA unknown), role, source."""
    columns = ["event_id", "actor_id", "headcount", "role", "source"]
    if attendance.empty:
        return pd.DataFrame(columns=columns).astype({"headcount": "Int64"})
    rows = attendance.assign(
        headcount=pd.to_numeric(attendance["headcount"], errors="coerce").astype("Int64"),
        event_wide=attendance["session_id"].isna(),
        role_rank=attendance["role"].map({r: i for i, r in enumerate(ROLE_PRIORITY)}),
        documented=attendance["source"] == SOURCE_DOCUMENTED,
    )
    keys = ["event_id", "actor_id"]
    whole = rows[rows["event_wide"]].groupby(keys)["headcount"].sum(min_count=1)
    per_session = rows[~rows["event_wide"]].groupby(keys)["headcount"].max()
    grouped = rows.groupby(keys)
    result = pd.DataFrame(
        {
            "role_rank": grouped["role_rank"].min(),
            "documented": grouped["documented"].all(),
            "has_event_row": grouped["event_wide"].any(),
        }
    )
    result["headcount"] = (
        whole.reindex(result.index)
        .where(result["has_event_row"], per_session.reindex(result.index))
        .astype("Int64")
    )
    result["role"] = result["role_rank"].map(dict(enumerate(ROLE_PRIORITY)))
    result["source"] = result["documented"].map({True: SOURCE_DOCUMENTED, False: "sample"})
    return result.reset_index()[columns]


def _topic_pairs(tables: Mapping[str, pd.DataFrame], topic: str) -> pd.DataFrame:
    """(event_id, actor_id) pairs that attended a session on `topic` (id or name)."""
    topics = tables["topics"]
    topic_ids = topics.loc[(topics["id"] == topic) | (topics["name"] == topic), "id"]
    sessions = tables["session_topics"].loc[
        tables["session_topics"]["topic_id"].isin(topic_ids), "session_id"
    ]
    attendance = tables["attendance"]
    return attendance.loc[
        attendance["session_id"].isin(sessions), ["event_id", "actor_id"]
    ].drop_duplicates()


def participations_of(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """participations() of a whole dataset; the form Snapshot.derived caches per version."""
    return participations(tables["attendance"])


def select(
    tables: Mapping[str, pd.DataFrame], filters: Filters, participation: pd.DataFrame | None = None
) -> Selection:
    """The filtered view; pass `participation` (participations_of(tables)) when it is cached."""
    events = tables["events"]
    actors = tables["actors"]
    if filters.year_from is not None:
        events = events[events["year"] >= filters.year_from]
    if filters.year_to is not None:
        events = events[events["year"] <= filters.year_to]
    if filters.event:
        events = events[events["id"] == filters.event]
    if filters.types:
        actors = actors[actors["type"].isin(filters.types)]
    if filters.states:
        actors = actors[actors["state"].isin(filters.states)]

    part = participations(tables["attendance"]) if participation is None else participation
    part = part[part["event_id"].isin(events["id"]) & part["actor_id"].isin(actors["id"])]
    if filters.topic:
        part = part.merge(_topic_pairs(tables, filters.topic), on=["event_id", "actor_id"])
    if filters.types or filters.states or filters.topic:
        # With a filter on who took part, an event counts only if one of them was there.
        events = events[events["id"].isin(part["event_id"])]
    part = part.merge(events[["id", "year"]].rename(columns={"id": "event_id"}), on="event_id")
    actors = actors[actors["id"].isin(part["actor_id"])]

    year_range = (
        (int(events["year"].min()), int(events["year"].max())) if not events.empty else None
    )
    return Selection(
        events=events.sort_values(["year", "id"]).reset_index(drop=True),
        actors=actors.reset_index(drop=True),
        participation=part.reset_index(drop=True),
        links=active_links(tables["links"], actors["id"], year_range),
        year_range=year_range,
    )


def active_links(
    links: pd.DataFrame, actor_ids: pd.Series, years: tuple[int, int] | None
) -> pd.DataFrame:
    """Links between the given actors that existed at some time within `years`."""
    if years is None:
        return links.iloc[0:0]
    first, last = years
    since = pd.to_numeric(links["since_year"], errors="coerce")
    until = pd.to_numeric(links["until_year"], errors="coerce")
    mask = (
        links["source_id"].isin(actor_ids)
        & links["target_id"].isin(actor_ids)
        & (since.isna() | (since <= last))
        & (until.isna() | (until >= first))
    )
    return links[mask].reset_index(drop=True)


class DerivingSnapshot(Protocol):
    """What `select_in` needs of a store snapshot (analysis does not import the store)."""

    @property
    def tables(self) -> Mapping[str, pd.DataFrame]: ...

    def derived(self, key: str, compute: Callable[[Mapping[str, pd.DataFrame]], Any]) -> Any: ...

    def cached(self, view: str, state: Hashable, compute: Callable[[], Any]) -> Any: ...


def select_in(snapshot: DerivingSnapshot, filters: Filters) -> Selection:
    """`select` on a store snapshot, with the participations derived once per data version.

    Kept per filter setting (in any language: a selection does not depend on it): the
    callbacks of one page ask for the same selection at once, and one computes it while
    the others wait. Kept as a tuple of frames, which the cache measures and hands out
    as copies."""

    def compute() -> tuple[Any, ...]:
        chosen = select(
            snapshot.tables, filters, snapshot.derived("participations", participations_of)
        )
        return tuple(getattr(chosen, field.name) for field in fields(Selection))

    key = filters.with_changes(lang=DEFAULT_LANGUAGE)
    return Selection(*snapshot.cached("selection", key, compute))
