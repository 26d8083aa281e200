"""Figures for the overview page: KPIs, attendance per year, events list, map points."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.selection import Selection
from dashboard.schema import SOURCE_DOCUMENTED


@dataclass(frozen=True)
class Kpis:
    events: int
    municipalities: int
    initiatives: int
    headcount: int
    headcount_unknown: int
    links: int


def kpis(selection: Selection) -> Kpis:
    types = selection.actors.set_index("id")["type"]
    attending = types.reindex(selection.participation["actor_id"].unique())
    headcounts = selection.participation["headcount"]
    return Kpis(
        events=int(selection.events["id"].nunique()),
        municipalities=int((attending == "kommune").sum()),
        initiatives=int((attending != "kommune").sum()),
        headcount=int(headcounts.sum(skipna=True)),
        headcount_unknown=int(headcounts.isna().sum()),
        links=len(selection.links),
    )


def attendance_per_year(selection: Selection) -> pd.DataFrame:
    """Per event year: people (known headcounts), actors, participations with unknown headcount."""
    part = selection.participation
    columns = ["year", "headcount", "actors", "unknown"]
    if part.empty:
        return pd.DataFrame(columns=columns)
    grouped = part.groupby("year")
    result = pd.DataFrame(
        {
            "headcount": grouped["headcount"].sum(min_count=0).astype("int64"),
            "actors": grouped["actor_id"].nunique(),
            "unknown": (grouped["headcount"].size() - grouped["headcount"].count()),
        }
    )
    return result.reset_index()[columns].sort_values("year", ignore_index=True)


def event_list(selection: Selection) -> pd.DataFrame:
    """The selected events with their number of participating actors and known headcount;
    `sample_rows` says whether anything shown in the row is sample data."""
    part = selection.participation.assign(
        sample=selection.participation["source"] != SOURCE_DOCUMENTED
    )
    per_event = part.groupby("event_id").agg(
        actors=("actor_id", "nunique"),
        headcount=("headcount", lambda s: s.sum(min_count=1)),
        sample_rows=("sample", "any"),
    )
    events = selection.events.set_index("id").join(per_event, how="left")
    events["actors"] = events["actors"].fillna(0).astype(int)
    events["sample_rows"] = events["sample_rows"].fillna(False).astype(bool) | (
        events["source"] != SOURCE_DOCUMENTED
    )
    events["documented"] = events["source"] == SOURCE_DOCUMENTED
    return events.reset_index().sort_values(
        ["year", "id"], ascending=[False, True], ignore_index=True
    )


def map_points(selection: Selection) -> pd.DataFrame:
    """Actors with coordinates and their totals over the selection, for the map."""
    grouped = selection.participation.groupby("actor_id")
    part = pd.DataFrame(
        {
            "events": grouped["event_id"].nunique(),
            "headcount": grouped["headcount"].sum(min_count=1),
        }
    ).reset_index()
    actors = selection.actors.merge(part, left_on="id", right_on="actor_id", how="inner")
    located = actors[actors["lat"].notna() & actors["lon"].notna()]
    return located[
        ["id", "name", "type", "state", "city", "lat", "lon", "events", "headcount", "source"]
    ].reset_index(drop=True)


def located_count(selection: Selection) -> int:
    """How many actors of the selection have a place on the map (over all its years)."""
    actors = selection.actors
    return int((actors["lat"].notna() & actors["lon"].notna()).sum())


def unplaced_actors(selection: Selection) -> pd.DataFrame:
    """Actors in the selection with no coordinates: listed beside the map as "ohne Ort"."""
    actors = selection.actors
    return actors[actors["lat"].isna() | actors["lon"].isna()].sort_values(
        "name", ignore_index=True
    )


def headcount_scale(participation: pd.DataFrame) -> float:
    """The largest total headcount of one actor over all events: the fixed top of the
    marker scale, so that sizes mean the same whatever the filters show."""
    if participation.empty:
        return 1.0
    totals = participation.groupby("actor_id")["headcount"].sum(min_count=1)
    return float(totals.max()) if totals.notna().any() else 1.0
