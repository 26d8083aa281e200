"""Who came: attendance per event and actor type, per Bundesland, per role, top actors.

All functions take a `Selection` (analysis.selection.select) and count *participations*
(one actor at one event). Headcount NA means unknown: it is left out of the sums and
counted separately in `unknown`, never as 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from pandas.core.groupby import DataFrameGroupBy

from dashboard import schema
from dashboard.analysis.selection import ROLE_PRIORITY, Selection

UNKNOWN_STATE = ""


def _with_actor_columns(selection: Selection, columns: list[str]) -> pd.DataFrame:
    actors = selection.actors[["id", *columns]].rename(columns={"id": "actor_id"})
    return selection.participation.merge(actors, on="actor_id", how="left")


def _sums(grouped: DataFrameGroupBy[Any, Any]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "actors": grouped["actor_id"].nunique(),
            "participations": grouped.size(),
            "headcount": grouped["headcount"].sum(min_count=0).astype("int64"),
            "unknown": (grouped["headcount"].size() - grouped["headcount"].count()).astype("int64"),
        }
    )


def per_event_by_type(selection: Selection) -> pd.DataFrame:
    """One row per (event, actor type) with at least one participation.

    Columns: event_id, year, title, type, actors, participations, headcount (known people),
    unknown (participations with unknown headcount). Sorted by year, event, type order.
    """
    columns = [
        "event_id",
        "year",
        "title",
        "type",
        "actors",
        "participations",
        "headcount",
        "unknown",
    ]
    if selection.participation.empty:
        return pd.DataFrame(columns=columns)
    part = _with_actor_columns(selection, ["type"])
    result = _sums(part.groupby(["event_id", "type"])).reset_index()
    events = selection.events[["id", "year", "title"]].rename(columns={"id": "event_id"})
    result = result.merge(events, on="event_id", how="left")
    result["type_order"] = result["type"].map(
        {name: i for i, name in enumerate(schema.ACTOR_TYPES)}
    )
    result = result.sort_values(["year", "event_id", "type_order"], ignore_index=True)
    return result[columns]


def by_state(selection: Selection) -> pd.DataFrame:
    """One row per Bundesland (AGS prefix; "" = unknown or abroad): actors, participations,
    headcount, unknown. Sorted by actors, then headcount, descending."""
    columns = ["state", "actors", "participations", "headcount", "unknown"]
    if selection.participation.empty:
        return pd.DataFrame(columns=columns)
    part = _with_actor_columns(selection, ["state"])
    part["state"] = part["state"].fillna(UNKNOWN_STATE).astype(str)
    result = _sums(part.groupby("state")).reset_index()
    return result.sort_values(
        ["actors", "headcount", "state"], ascending=[False, False, True], ignore_index=True
    )[columns]


def top_actors(selection: Selection, limit: int = 15) -> pd.DataFrame:
    """The actors with the most participations (ties: more known people first, then name).

    Columns: rank, actor_id, name, type, state, events, headcount (known, NA if none known),
    unknown. `rank` is a competition rank ("1, 2, 2, 4"): actors with the same number of
    events and the same known headcount share it. `limit` rows, plus those tied with the
    last one (but never more than twice `limit`, so a chart stays readable).
    """
    columns = ["rank", "actor_id", "name", "type", "state", "events", "headcount", "unknown"]
    if selection.participation.empty:
        return pd.DataFrame(columns=columns)
    grouped = selection.participation.groupby("actor_id")
    result = pd.DataFrame(
        {
            "events": grouped["event_id"].nunique(),
            "headcount": grouped["headcount"].sum(min_count=1).astype("Int64"),
            "unknown": (grouped["headcount"].size() - grouped["headcount"].count()).astype("int64"),
        }
    ).reset_index()
    actors = selection.actors[["id", "name", "type", "state"]].rename(columns={"id": "actor_id"})
    result = result.merge(actors, on="actor_id", how="left")
    known = result["headcount"].fillna(-1).astype("int64")
    result = result.assign(_known=known).sort_values(
        ["events", "_known", "name", "actor_id"],
        ascending=[False, False, True, True],
        ignore_index=True,
    )
    result["rank"] = competition_rank(result["events"].to_numpy(), result["_known"].to_numpy())
    if limit is not None and len(result) > limit:
        result = result[result["rank"] <= result["rank"].iloc[limit - 1]].head(2 * limit)
    return result[columns].reset_index(drop=True)


def competition_rank(*keys: np.ndarray) -> np.ndarray:
    """Ranks 1, 2, 2, 4 … for rows already sorted by `keys` (equal keys share a rank)."""
    size = len(keys[0]) if keys else 0
    if size == 0:
        return np.array([], dtype="int64")
    changed = np.ones(size, dtype=bool)
    changed[1:] = False
    for key in keys:
        column = np.asarray(key)
        changed[1:] |= column[1:] != column[:-1]
    positions = np.where(changed, np.arange(1, size + 1), 0)
    return np.maximum.accumulate(positions).astype("int64")


def per_role(selection: Selection) -> pd.DataFrame:
    """Per event year and role: participations, actors, headcount, unknown.

    Each participation counts once, under the actor's most prominent role at that event
    (organiser > speaker > exhibitor > participant, see analysis.selection).
    """
    columns = ["year", "role", "actors", "participations", "headcount", "unknown"]
    if selection.participation.empty:
        return pd.DataFrame(columns=columns)
    result = _sums(selection.participation.groupby(["year", "role"])).reset_index()
    order = {role: i for i, role in enumerate(schema.ROLES)}
    result = result.assign(_order=result["role"].map(order)).sort_values(
        ["year", "_order"], ignore_index=True
    )
    return result[columns]


__all__ = [
    "ROLE_PRIORITY",
    "by_state",
    "competition_rank",
    "per_event_by_type",
    "per_role",
    "top_actors",
]
