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

import numpy as np
import pandas as pd

from dashboard.analysis.selection_index import SelectionIndex, marked, with_false_tail
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
    # Ids stay object, like the tables' (seed.conform): the group keys came back as str.
    return result.reset_index().astype({"event_id": object, "actor_id": object})[columns]


def _topic_sessions(tables: Mapping[str, pd.DataFrame], topic: str) -> pd.Series:
    """The ids of the sessions on `topic` (id or name)."""
    topics = tables["topics"]
    topic_ids = topics.loc[(topics["id"] == topic) | (topics["name"] == topic), "id"]
    session_topics = tables["session_topics"]
    return session_topics.loc[session_topics["topic_id"].isin(topic_ids), "session_id"]


def participations_of(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """participations() of a whole dataset; the form Snapshot.derived caches per version."""
    return participations(tables["attendance"])


def index_of(tables: Mapping[str, pd.DataFrame]) -> SelectionIndex:
    """The positions every selection of this data starts from (Snapshot.derived's form)."""
    return SelectionIndex.of(tables, participations_of(tables))


def select(
    tables: Mapping[str, pd.DataFrame], filters: Filters, index: SelectionIndex | None = None
) -> Selection:
    """The filtered view; pass `index` (index_of(tables)) when it is cached."""
    index = index_of(tables) if index is None else index
    events = tables["events"]
    actors = tables["actors"]
    chosen_events = np.ones(len(events), dtype=bool)
    if filters.year_from is not None:
        chosen_events &= (events["year"] >= filters.year_from).to_numpy()
    if filters.year_to is not None:
        chosen_events &= (events["year"] <= filters.year_to).to_numpy()
    if filters.event:
        chosen_events &= (events["id"] == filters.event).to_numpy()
    chosen_actors = np.ones(len(actors), dtype=bool)
    if filters.types:
        chosen_actors &= actors["type"].isin(filters.types).to_numpy()
    if filters.states:
        chosen_actors &= actors["state"].isin(filters.states).to_numpy()

    rows = (
        with_false_tail(chosen_events)[index.part_event]
        & with_false_tail(chosen_actors)[index.part_actor]
    )
    if filters.topic:
        rows &= index.attended_topic(_topic_sessions(tables, filters.topic))
    if filters.types or filters.states or filters.topic:
        # With a filter on who took part, an event counts only if one of them was there.
        chosen_events &= marked(index.part_event[rows], len(events))
    events = events[chosen_events]
    part = index.participation[rows].reset_index(drop=True)
    part["year"] = index.event_year[index.part_event[rows]]
    taking_part = marked(index.part_actor[rows], len(actors))
    actors = actors[taking_part]

    year_range = (
        (int(events["year"].min()), int(events["year"].max())) if not events.empty else None
    )
    return Selection(
        events=events.sort_values(["year", "id"]).reset_index(drop=True),
        actors=actors.reset_index(drop=True),
        participation=part,
        links=_links_between(tables["links"], index, taking_part, year_range),
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


def _links_between(
    links: pd.DataFrame,
    index: SelectionIndex,
    actors: np.ndarray,
    years: tuple[int, int] | None,
) -> pd.DataFrame:
    """active_links of the actors marked in `actors` (by position), read off the index."""
    if years is None:
        return links.iloc[0:0]
    first, last = years
    chosen = with_false_tail(actors)
    since, until = index.link_since, index.link_until
    mask = (
        chosen[index.link_source]
        & chosen[index.link_target]
        & (np.isnan(since) | (since <= last))
        & (np.isnan(until) | (until >= first))
    )
    chosen_links: pd.DataFrame = links.loc[mask].reset_index(drop=True)
    return chosen_links


class DerivingSnapshot(Protocol):
    """What `select_in` needs of a store snapshot (analysis does not import the store)."""

    @property
    def tables(self) -> Mapping[str, pd.DataFrame]: ...

    def derived(self, key: str, compute: Callable[[Mapping[str, pd.DataFrame]], Any]) -> Any: ...

    def cached(self, view: str, state: Hashable, compute: Callable[[], Any]) -> Any: ...


def index_in(snapshot: DerivingSnapshot) -> SelectionIndex:
    """index_of the snapshot's data, derived once per data version."""
    participation = snapshot.derived("participations", participations_of)
    index: SelectionIndex = snapshot.derived(
        "selection.index", lambda tables: SelectionIndex.of(tables, participation)
    )
    return index


def select_in(snapshot: DerivingSnapshot, filters: Filters) -> Selection:
    """`select` on a store snapshot, with the participations derived once per data version.

    Kept per filter setting (in any language: a selection does not depend on it): the
    callbacks of one page ask for the same selection at once, and one computes it while
    the others wait. Kept as a tuple of frames, which the cache measures and hands out
    as copies."""

    def compute() -> tuple[Any, ...]:
        chosen = select(snapshot.tables, filters, index_in(snapshot))
        return tuple(getattr(chosen, field.name) for field in fields(Selection))

    key = filters.with_changes(lang=DEFAULT_LANGUAGE)
    return Selection(*snapshot.cached("selection", key, compute))
