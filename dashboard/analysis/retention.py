"""Who comes back: new versus returning actors, cohorts, and who has not come back.

An actor is *new* in the year of its first participation over **all** data (whatever the
year filter shows), and *returning* at every later event. Its *cohort* is that first year.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

import pandas as pd

from dashboard.analysis.selection import Selection, participations


def first_years(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    """actor_id → year of the actor's first participation at any event in the data."""
    part = participations(tables["attendance"])
    if part.empty:
        return pd.Series(dtype="int64", name="first_year")
    years = tables["events"][["id", "year"]].rename(columns={"id": "event_id"})
    part = part.merge(years, on="event_id")
    result = part.groupby("actor_id")["year"].min().astype("int64")
    result.name = "first_year"
    return result


def _present(selection: Selection, first: pd.Series) -> pd.DataFrame:
    """Distinct (actor_id, year) in the selection with the actor's first year."""
    present = selection.participation[["actor_id", "year"]].drop_duplicates()
    present = present.assign(first_year=present["actor_id"].map(first))
    # An actor missing from `first` cannot happen with consistent data; fall back to the
    # first year seen in the selection rather than dropping it.
    fallback = present.groupby("actor_id")["year"].transform("min")
    present["first_year"] = present["first_year"].fillna(fallback).astype("int64")
    return present


def new_vs_returning(selection: Selection, first: pd.Series) -> pd.DataFrame:
    """Per event year of the selection: new, returning and all actors present.

    Columns: year, new, returning, actors, returning_share (returning / actors, NaN when
    nobody came). Every year that has a selected event appears, also with zero actors.
    """
    columns = ["year", "new", "returning", "actors", "returning_share"]
    years = sorted(int(year) for year in selection.events["year"].unique())
    if not years:
        return pd.DataFrame(columns=columns)
    present = _present(selection, first)
    present["is_new"] = present["first_year"] >= present["year"]
    grouped = present.groupby("year")["is_new"]
    result = pd.DataFrame({"new": grouped.sum(), "actors": grouped.size()}).reindex(
        years, fill_value=0
    )
    result["new"] = result["new"].astype("int64")
    result["actors"] = result["actors"].astype("int64")
    result["returning"] = result["actors"] - result["new"]
    shares = result["returning"] / result["actors"].where(result["actors"] > 0)
    result["returning_share"] = shares.astype("float64")
    return result.rename_axis("year").reset_index()[columns]


def cohorts(selection: Selection, first: pd.Series) -> pd.DataFrame:
    """Cohort matrix: rows = year of first participation, columns = event years of the
    selection, cell = number of that cohort's actors present that year (0 if none; a year
    before the cohort began is NaN, since nobody can return before they first came).

    The index is named "cohort"; a "size" column is not included: the cell on the
    diagonal (cohort year = event year) is the cohort's size when that year is selected.
    """
    years = sorted(int(year) for year in selection.events["year"].unique())
    if not years or selection.participation.empty:
        return pd.DataFrame(
            columns=years, index=pd.Index([], name="cohort", dtype="int64"), dtype="float64"
        )
    present = _present(selection, first)
    counts = present.groupby(["first_year", "year"])["actor_id"].nunique().unstack("year")
    counts = counts.reindex(columns=years).fillna(0)
    cohort_years = counts.index.to_numpy()
    for year in years:
        counts.loc[cohort_years > year, year] = float("nan")
    counts.index = counts.index.astype("int64").rename("cohort")
    counts.columns = pd.Index(years, name="year")
    return counts.astype("float64")


def cohorts_long(matrix: pd.DataFrame) -> pd.DataFrame:
    """The cohort matrix as rows: cohort, year, actors (cells before the cohort left out)."""
    if matrix.empty:
        return pd.DataFrame(columns=["cohort", "year", "actors"])
    # The matrix has one column level, so stack() gives a Series (the stubs allow a frame too).
    stacked = cast("pd.Series[float]", matrix.stack())
    long = stacked.dropna().rename("actors").reset_index()
    long["actors"] = long["actors"].astype("int64")
    return long[["cohort", "year", "actors"]]


def not_returned(selection: Selection) -> pd.DataFrame:
    """Actors whose last participation in the selection is before its last event year.

    Columns: actor_id, name, type, state, last_year, participations (number of events in
    the selection). Sorted by last year (latest first), then participations (most first),
    then name. Empty when the selection has one event year or none.
    """
    columns = ["actor_id", "name", "type", "state", "last_year", "participations"]
    if selection.participation.empty or selection.year_range is None:
        return pd.DataFrame(columns=columns)
    last_selected = selection.year_range[1]
    grouped = selection.participation.groupby("actor_id")
    result = pd.DataFrame(
        {
            "last_year": grouped["year"].max().astype("int64"),
            "participations": grouped["event_id"].nunique().astype("int64"),
        }
    ).reset_index()
    result = result[result["last_year"] < last_selected]
    actors = selection.actors[["id", "name", "type", "state"]].rename(columns={"id": "actor_id"})
    result = result.merge(actors, on="actor_id", how="left")
    result = result.sort_values(
        ["last_year", "participations", "name", "actor_id"],
        ascending=[False, False, True, True],
        ignore_index=True,
    )
    return result[columns]


def not_returned_per_year(lapsed: pd.DataFrame) -> pd.DataFrame:
    """How many of `not_returned`'s actors came last in each year, per actor type."""
    if lapsed.empty:
        return pd.DataFrame(columns=["last_year", "type", "actors"])
    counts = lapsed.groupby(["last_year", "type"]).size().rename("actors").reset_index()
    return counts.sort_values(["last_year", "type"], ignore_index=True)
