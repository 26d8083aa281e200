"""The profile of one actor (/akteur/<id>): its events and sessions by year, roles,
headcounts, topics, partners and first/last participation, over all data. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.analysis.geography import map_links
from dashboard.analysis.selection import ROLE_PRIORITY, participations
from dashboard.i18n.folding import fold
from dashboard.schema import SOURCE_DOCUMENTED

EVENT_COLUMNS = [
    "event_id",
    "year",
    "title",
    "city",
    "start_date",
    "end_date",
    "roles",
    "headcount",
    "sessions",
    "source",
]
SESSION_COLUMNS = [
    "event_id",
    "year",
    "session_id",
    "title",
    "kind",
    "roles",
    "headcount",
    "topics",
    "source",
]
TOPIC_COLUMNS = ["topic_id", "name", "sessions", "first_year", "last_year"]
PARTNER_COLUMNS = [
    "id",
    "name",
    "type",
    "state",
    "city",
    "lat",
    "lon",
    "kind",
    "since_year",
    "until_year",
    "weight",
    "source",
]


@dataclass(frozen=True)
class Profile:
    actor: dict[str, Any]  # the actors row: each column has its own type
    events: pd.DataFrame
    sessions: pd.DataFrame
    topics: pd.DataFrame
    partners: pd.DataFrame
    first_year: int | None
    last_year: int | None
    headcount: int
    headcount_unknown: int
    aliases: tuple[str, ...] = ()  # spellings of the name used by lists

    @property
    def has_sample_rows(self) -> bool:
        if self.actor.get("source") != SOURCE_DOCUMENTED:
            return True
        frames = (self.events, self.sessions, self.partners)
        return any(
            (frame["source"] != SOURCE_DOCUMENTED).any() for frame in frames if not frame.empty
        )


def _roles(values: pd.Series) -> tuple[str, ...]:
    present = set(values)
    return tuple(role for role in ROLE_PRIORITY if role in present)


def _clean(value: Any) -> object:
    """None for a missing cell; `value` is a cell of any dtype, hence Any."""
    return (
        None
        if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value))
        else value
    )


def actor_profile(tables: Mapping[str, pd.DataFrame], actor_id: str | None) -> Profile | None:
    """Everything known about `actor_id`, or None when there is no such actor."""
    actors = tables["actors"]
    if not actor_id:
        return None
    match = actors[actors["id"] == actor_id]
    if match.empty:
        return None
    actor = {str(key): _clean(value) for key, value in match.iloc[0].to_dict().items()}
    attendance = tables["attendance"][tables["attendance"]["actor_id"] == actor_id]
    events = tables["events"]

    sessions = _sessions(tables, attendance)
    part = participations(attendance).merge(
        events[["id", "year", "title", "city", "start_date", "end_date"]].rename(
            columns={"id": "event_id"}
        ),
        on="event_id",
    )
    if part.empty:
        event_rows = pd.DataFrame(columns=EVENT_COLUMNS)
    else:
        roles = attendance.groupby("event_id")["role"].agg(_roles)
        session_titles = (
            sessions.groupby("event_id")["title"].agg(tuple)
            if not sessions.empty
            else pd.Series(dtype=object)
        )
        part = part.assign(
            roles=part["event_id"].map(roles),
            sessions=part["event_id"]
            .map(session_titles)
            .map(lambda v: v if isinstance(v, tuple) else ()),
        )
        event_rows = part.sort_values(["year", "event_id"], ignore_index=True)[EVENT_COLUMNS]
    years = event_rows["year"].astype(int) if not event_rows.empty else pd.Series(dtype=int)
    headcounts = (
        pd.to_numeric(event_rows["headcount"], errors="coerce")
        if not event_rows.empty
        else pd.Series(dtype=float)
    )
    return Profile(
        actor=actor,
        events=event_rows,
        sessions=sessions,
        topics=_topics(tables, sessions),
        partners=_partners(tables, actor_id),
        first_year=int(years.min()) if not years.empty else None,
        last_year=int(years.max()) if not years.empty else None,
        headcount=int(headcounts.sum(skipna=True)) if not headcounts.empty else 0,
        headcount_unknown=int(headcounts.isna().sum()),
        aliases=_aliases(tables, actor_id),
    )


def _aliases(tables: Mapping[str, pd.DataFrame], actor_id: str) -> tuple[str, ...]:
    aliases = tables["actor_aliases"]
    return tuple(sorted(aliases.loc[aliases["actor_id"] == actor_id, "alias"], key=fold))


def _sessions(tables: Mapping[str, pd.DataFrame], attendance: pd.DataFrame) -> pd.DataFrame:
    rows = attendance[attendance["session_id"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=SESSION_COLUMNS)
    sessions = tables["sessions"].rename(columns={"id": "session_id", "source": "session_source"})
    events = tables["events"][["id", "year"]].rename(columns={"id": "event_id"})
    topic_names = (
        tables["session_topics"]
        .merge(tables["topics"].rename(columns={"id": "topic_id"}), on="topic_id")
        .sort_values("name")
        .groupby("session_id")["name"]
        .agg(tuple)
    )
    grouped = rows.assign(
        headcount=pd.to_numeric(rows["headcount"], errors="coerce").astype("Int64")
    ).groupby(["event_id", "session_id"])
    result = pd.DataFrame(
        {
            "roles": grouped["role"].agg(_roles),
            "headcount": grouped["headcount"].max(),
            "documented": grouped["source"].agg(lambda s: bool((s == SOURCE_DOCUMENTED).all())),
        }
    ).reset_index()
    result = result.merge(sessions[["session_id", "title", "kind"]], on="session_id").merge(
        events, on="event_id"
    )
    result["topics"] = (
        result["session_id"].map(topic_names).map(lambda v: v if isinstance(v, tuple) else ())
    )
    result["source"] = result["documented"].map({True: SOURCE_DOCUMENTED, False: "sample"})
    return result.sort_values(["year", "event_id", "title"], ignore_index=True)[SESSION_COLUMNS]


def _topics(tables: Mapping[str, pd.DataFrame], sessions: pd.DataFrame) -> pd.DataFrame:
    if sessions.empty:
        return pd.DataFrame(columns=TOPIC_COLUMNS)
    links = tables["session_topics"][
        tables["session_topics"]["session_id"].isin(sessions["session_id"])
    ]
    rows = links.merge(sessions[["session_id", "year"]], on="session_id").merge(
        tables["topics"].rename(columns={"id": "topic_id"}), on="topic_id"
    )
    if rows.empty:
        return pd.DataFrame(columns=TOPIC_COLUMNS)
    grouped = rows.groupby(["topic_id", "name"])
    result = pd.DataFrame(
        {
            "sessions": grouped["session_id"].nunique(),
            "first_year": grouped["year"].min().astype(int),
            "last_year": grouped["year"].max().astype(int),
        }
    ).reset_index()
    return result.sort_values(["sessions", "name"], ascending=[False, True], ignore_index=True)[
        TOPIC_COLUMNS
    ]


def _partners(tables: Mapping[str, pd.DataFrame], actor_id: str) -> pd.DataFrame:
    links = tables["links"]
    own = links[(links["source_id"] == actor_id) | (links["target_id"] == actor_id)]
    if own.empty:
        return pd.DataFrame(columns=PARTNER_COLUMNS)
    partner = own["target_id"].where(own["source_id"] == actor_id, own["source_id"])
    rows = own.assign(id=partner.to_numpy()).drop(columns=["source_id", "target_id"])
    actors = tables["actors"][["id", "name", "type", "state", "city", "lat", "lon"]]
    rows = rows.merge(actors, on="id")
    return rows.sort_values(["name", "kind"], ignore_index=True)[PARTNER_COLUMNS]


def profile_map(
    tables: Mapping[str, pd.DataFrame], profile: Profile, participation: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Points (the actor and its partners with coordinates, with their totals over all
    events) and the links between the actor and them, for the profile's mini-map.
    `participation` is participations() of all data when the caller has it cached."""
    ids = [profile.actor["id"], *profile.partners["id"].tolist()]
    actors = tables["actors"][tables["actors"]["id"].isin(ids)]
    actors = actors[actors["lat"].notna() & actors["lon"].notna()]
    part = participations(tables["attendance"]) if participation is None else participation
    part = part[part["actor_id"].isin(actors["id"])]
    totals = part.groupby("actor_id").agg(
        events=("event_id", "nunique"), headcount=("headcount", lambda s: s.sum(min_count=1))
    )
    points = actors.set_index("id").join(totals, how="left").reset_index()
    points["events"] = points["events"].fillna(0).astype(int)
    points = points[
        ["id", "name", "type", "state", "city", "lat", "lon", "events", "headcount", "source"]
    ]
    partners = profile.partners
    links = pd.DataFrame(
        {
            "source_id": profile.actor["id"],
            "target_id": partners["id"].to_numpy(),
            "kind": partners["kind"].to_numpy(),
            "weight": partners["weight"].to_numpy(),
        }
    )
    return points, map_links(links, points)
