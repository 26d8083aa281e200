"""The events as documents: one row per event, its programme, who came compared with the
event before, and what grew in its year. Pure functions on the snapshot's frames.

Sessions have no time of day: the programme follows the order of the 2017 report (the
get-together the evening before with the keynote, then the workshops, the panel and the
gallery walk), and within one kind the sessions keep the order of their titles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.analysis.selection import Selection
from dashboard.schema import SOURCE_DOCUMENTED

PROGRAMME_ORDER = ("get-together", "keynote", "workshop", "panel", "stand")
# Actors named per session; the rest are counted ("und 42 weitere").
MAX_NAMED_ACTORS = 12

ROW_COLUMNS = [
    "id",
    "year",
    "title",
    "start_date",
    "end_date",
    "city",
    "actors",
    "new_actors",
    "workshops",
    "source",
    "sample_rows",
]


def event_rows(tables: Mapping[str, pd.DataFrame], first_years: pd.Series) -> pd.DataFrame:
    """Every event with its number of actors, of actors new to the network and of
    workshops, newest first; `sample_rows` says whether anything counted is sample data."""
    events = tables["events"]
    attendance = tables["attendance"]
    present = attendance[["event_id", "actor_id", "source"]].drop_duplicates(
        ["event_id", "actor_id"]
    )
    years = events.set_index("id")["year"]
    present = present.assign(
        is_new=present["actor_id"].map(first_years) >= present["event_id"].map(years)
    )
    per_event = present.groupby("event_id").agg(
        actors=("actor_id", "size"),
        new_actors=("is_new", "sum"),
        sample_attendance=("source", lambda s: bool((s != SOURCE_DOCUMENTED).any())),
    )
    sessions = tables["sessions"]
    workshops = sessions[sessions["kind"] == "workshop"].groupby("event_id").size()
    rows = events.set_index("id").join(per_event, how="left")
    rows["actors"] = rows["actors"].fillna(0).astype("int64")
    rows["new_actors"] = rows["new_actors"].fillna(0).astype("int64")
    rows["workshops"] = workshops.reindex(rows.index).fillna(0).astype("int64")
    rows["sample_rows"] = rows["sample_attendance"].fillna(False).astype(bool) | (
        rows["source"] != SOURCE_DOCUMENTED
    )
    rows = rows.rename_axis("id").reset_index()
    return rows.sort_values(["year", "id"], ascending=[False, True], ignore_index=True)[ROW_COLUMNS]


def find_event(events: pd.DataFrame, event_id: str | None) -> dict[str, Any] | None:
    """The event's row as a dict; None for an unknown id."""
    rows = events[events["id"].astype(str) == str(event_id)]
    return None if rows.empty else _row(rows.iloc[0])


def _row(row: pd.Series) -> dict[str, Any]:
    return {str(key): value for key, value in row.items()}


def previous_event(events: pd.DataFrame, event: Mapping[str, Any]) -> dict[str, Any] | None:
    """The latest event of an earlier year; None for the first."""
    earlier = events[events["year"] < event["year"]]
    if earlier.empty:
        return None
    return _row(earlier.sort_values(["year", "id"]).iloc[-1])


@dataclass(frozen=True)
class ProgrammeItem:
    """One session: its kind, title, topics and the first MAX_NAMED_ACTORS of its actors
    (id, name, source) by name, with how many more took part."""

    session_id: str
    kind: str
    title: str
    source: str
    topics: tuple[str, ...]
    actors: tuple[tuple[str, str, str], ...]
    more: int

    @property
    def documented(self) -> bool:
        return self.source == SOURCE_DOCUMENTED


def programme(
    tables: Mapping[str, pd.DataFrame], event_id: str, documented_only: bool = False
) -> list[ProgrammeItem]:
    """The sessions of the event in the report's order. `documented_only` names only the
    actors the report names (for the documented event: its sample attendance is no part
    of what the report says)."""
    sessions = tables["sessions"]
    sessions = sessions[sessions["event_id"] == event_id].assign(
        rank=lambda s: s["kind"].map({k: i for i, k in enumerate(PROGRAMME_ORDER)})
    )
    sessions = sessions.sort_values(["rank", "title", "id"])
    topic_names = tables["topics"].set_index("id")["name"]
    session_topics = tables["session_topics"]
    session_topics = session_topics[session_topics["session_id"].isin(sessions["id"])]
    topics = (
        session_topics.assign(name=session_topics["topic_id"].map(topic_names))
        .sort_values("name")
        .groupby("session_id")["name"]
        .agg(tuple)
    )
    attendance = tables["attendance"]
    attendance = attendance[attendance["session_id"].isin(sessions["id"])]
    if documented_only:
        attendance = attendance[attendance["source"] == SOURCE_DOCUMENTED]
    names = tables["actors"].set_index("id")["name"].astype(str)
    taking_part = attendance[["session_id", "actor_id", "source"]].drop_duplicates(
        ["session_id", "actor_id"]
    )
    taking_part = taking_part.assign(name=taking_part["actor_id"].map(names)).sort_values(
        ["session_id", "name"]
    )
    by_session = {str(key): group for key, group in taking_part.groupby("session_id")}
    items = []
    for row in sessions.itertuples(index=False):
        present = by_session.get(str(row.id), taking_part.iloc[0:0])
        named = present.head(MAX_NAMED_ACTORS)
        items.append(
            ProgrammeItem(
                session_id=str(row.id),
                kind=str(row.kind),
                title=str(row.title),
                source=str(row.source),
                topics=tuple(topics.get(row.id, ())),
                actors=tuple(
                    zip(
                        named["actor_id"].astype(str),
                        named["name"].astype(str),
                        named["source"].astype(str),
                        strict=True,
                    )
                ),
                more=len(present) - len(named),
            )
        )
    return items


def is_new(present: pd.Series, year: int, first_years: pd.Series) -> pd.Series:
    """For each actor id `present` at an event of `year`: whether its first participation
    over all data is this year (new to the network, as on /teilnahme)."""
    first = present.map(first_years)
    return first.isna() | (first >= year)


def new_and_returning(present: pd.Series, year: int, first_years: pd.Series) -> tuple[int, int]:
    """(new, returning) among the actor ids `present` at an event of `year`."""
    new = int(is_new(present, year, first_years).sum())
    return new, len(present) - new


def counts_compared(
    current: Selection, previous: Selection | None, column: str, labels: Mapping[str, str]
) -> pd.DataFrame:
    """Actors per value of `column` (type or state) at this event and the one before:
    columns key, label, actors, previous (NA without a previous event), most first."""
    now = current.actors[column].value_counts()
    before = (
        previous.actors[column].value_counts() if previous is not None else pd.Series(dtype=int)
    )
    keys = now.index.union(before.index)
    table = pd.DataFrame(
        {
            "key": keys,
            "actors": now.reindex(keys).fillna(0).astype("int64").to_numpy(),
            "previous": before.reindex(keys).fillna(0).astype("int64").to_numpy(),
        }
    )
    if previous is None:
        table["previous"] = pd.array([pd.NA] * len(table), dtype="Int64")
    table["label"] = table["key"].map(lambda key: labels.get(str(key), str(key)))
    table = table.sort_values(["actors", "label"], ascending=[False, True], ignore_index=True)
    return table[["key", "label", "actors", "previous"]]


def links_begun(links: pd.DataFrame, year: int) -> int:
    """How many links began in `year`."""
    since = pd.to_numeric(links["since_year"], errors="coerce")
    return int((since == year).sum())


def new_topics(tables: Mapping[str, pd.DataFrame], year: int) -> pd.DataFrame:
    """Topics whose first session in the data is at an event of `year`: id, name, source
    (sample when the topic's sessions of that year are all sample), by name."""
    columns = ["id", "name", "source"]
    years = tables["events"].set_index("id")["year"]
    sessions = tables["sessions"].assign(
        year=lambda s: s["event_id"].map(years),
    )
    pairs = tables["session_topics"].merge(
        sessions[["id", "year", "source"]].rename(columns={"id": "session_id"}), on="session_id"
    )
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    first = pairs.groupby("topic_id")["year"].min()
    begun = first[first == year].index
    this_year = pairs[pairs["topic_id"].isin(begun) & (pairs["year"] == year)]
    documented = this_year.groupby("topic_id")["source"].agg(
        lambda s: bool((s == SOURCE_DOCUMENTED).any())
    )
    names = tables["topics"].set_index("id")["name"]
    result = pd.DataFrame(
        {
            "id": documented.index.astype(str),
            "name": [str(names.get(topic_id, topic_id)) for topic_id in documented.index],
            "source": documented.map({True: SOURCE_DOCUMENTED, False: "sample"}).to_numpy(),
        }
    )
    return result.sort_values("name", ignore_index=True)[columns]
