"""Each compared actor's rank among comparable peers, and the populations that group them.

Pure functions on the data tables and a `Selection`; no Dash, no database.

Peer ranks
- Three peer groups: all actors of the same Bundesland (actors.state), all municipalities
  (type kommune) of the same size class by population, and all actors of the same type.
- Population: the GeoNames population of the place with the actor's name (or, failing that,
  its city) in its Bundesland, via `geo.data.find_place` — one source, at municipality level,
  for every Kommune. Only when no place is found and the actor's AGS names a kreisfreie
  Stadt (municipality digits "000" and the district carries the same name) is the Destatis
  district population used. The district population of a kreisangehörige Gemeinde would be
  its Kreis (Langenfeld → Kreis Mettmann), so it is never used for those.
- Measures: participations, and people (sum of known headcounts). Every peer in the data is
  ranked, also those with no participation in the selected years (0). For people, a peer
  whose participations all have an unknown headcount has no value and no rank, and is not
  counted in "von N".
- Rank 1 = most; ties share the better (lower) rank number (`method="min"`): 5, 3, 3, 1 →
  ranks 1, 2, 2, 4.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.analysis.cells import present
from dashboard.analysis.selection import Selection
from dashboard.geo.data import districts, find_place
from dashboard.i18n.folding import fold

# Size classes by population: (key, lower bound inclusive, upper bound exclusive).
SIZE_CLASSES: tuple[tuple[str, int, float], ...] = (
    ("lt20k", 0, 20_000),
    ("20k_100k", 20_000, 100_000),
    ("100k_500k", 100_000, 500_000),
    ("ge500k", 500_000, float("inf")),
)

MEASURES = ("participations", "headcount")
PEER_GROUPS = ("state", "size", "type")


# --- size classes and population ------------------------------------------------------------


def size_class(population: float | int | None) -> str | None:
    """The size-class key of a population, or None when unknown."""
    if population is None or pd.isna(population):
        return None
    for key, low, high in SIZE_CLASSES:
        if low <= population < high:
            return key
    return None


def _base(text: str) -> str:
    return fold(text.split(",", maxsplit=1)[0].split("(", maxsplit=1)[0])


@lru_cache(maxsize=4096)
def place_population(name: str, city: str, state: str, ags: str) -> float:
    """Population of a municipality (see module doc for the sources); NaN when not found."""
    state_arg = state or None
    for query in (name, city):
        if query:
            found = find_place(query, state_arg)
            if found:
                return float(found[0]["population"])
    if len(ags) == 8 and ags.isdigit() and ags.endswith("000"):
        frame = districts()
        row = frame[frame["ags"] == ags[:5]]
        if not row.empty and _base(str(row.iloc[0]["name"])) in {_base(name), _base(city)}:
            return float(row.iloc[0]["population"])
    return float("nan")


def populations_of(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    """`actor_populations` of the actors table, in the form `Snapshot.derived` caches."""
    return actor_populations(tables["actors"])


def actor_populations(actors: pd.DataFrame) -> pd.Series:
    """Population per Kommune (float, NaN unknown), indexed by actor id; other types NaN."""

    def text(value: object) -> str:
        return str(value).strip() if present(value) else ""

    values = [
        place_population(text(row.name), text(row.city), text(row.state), text(row.ags))
        if row.type == "kommune"
        else np.nan
        for row in actors[["name", "type", "state", "city", "ags"]].itertuples(index=False)
    ]
    return pd.Series(
        np.asarray(values, dtype=float),
        index=pd.Index(actors["id"], name="actor_id"),
        name="population",
    )


# --- peer ranks -----------------------------------------------------------------------------


def measures(actors: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """Per actor of `actors`: participations (int) and headcount (Float64; NA if all unknown)."""
    part = selection.participation
    grouped = part.groupby("actor_id")
    counts = grouped.size().reindex(actors["id"], fill_value=0).astype(int)
    people = grouped["headcount"].sum(min_count=1).astype("Float64").reindex(actors["id"])
    people = people.where(counts > 0, 0.0)
    return pd.DataFrame(
        {"participations": counts.to_numpy(), "headcount": people.to_numpy()},
        index=pd.Index(actors["id"], name="actor_id"),
    )


def rank_among(values: pd.Series, actor_id: str) -> tuple[int | None, int]:
    """(rank of `actor_id`, number of ranked peers) among `values`; rank 1 = most, ties min.

    NA values are not ranked and not counted; an actor with NA gets rank None.
    """
    known = pd.to_numeric(values, errors="coerce").astype(float).dropna()
    ranks = known.rank(method="min", ascending=False)
    rank = int(ranks[actor_id]) if actor_id in ranks.index else None
    return rank, len(known)


def peer_groups(actors: pd.DataFrame, population: pd.Series) -> pd.DataFrame:
    """Each actor's peer groups, indexed by id: "state" (its Bundesland code), "size" (the
    size class of a Kommune of known population) and "type" (its actor type); None where it
    has none. They depend on the data alone: pass them to peer_ranks once per data version."""
    return pd.DataFrame(
        {
            "state": [str(code) if present(code) else None for code in actors["state"]],
            "size": [
                size_class(population.get(a, np.nan)) if kind == "kommune" else None
                for a, kind in zip(actors["id"], actors["type"], strict=False)
            ],
            "type": [str(kind) if present(kind) else None for kind in actors["type"]],
        },
        index=actors["id"].to_numpy(),
        dtype=object,
    )


def peer_ranks(
    tables: Mapping[str, pd.DataFrame],
    selection: Selection,
    ids: Sequence[str],
    population: pd.Series | None = None,
    groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Rank of each chosen actor among its peers, per peer group and measure (`groups`:
    peer_groups of the actors, computed from `population` when not given).

    One row per (actor, group, measure) in actor, PEER_GROUPS, MEASURES order. Columns
    actor_id, group ("state" | "size" | "type"), group_key (state code, size-class key or
    type; None when the actor has no state or type, is not a Kommune or its population is
    unknown), measure, value
    (float, NaN unknown), rank (Int64, NA when not ranked) and of (peers ranked, Int64).
    """
    actors = tables["actors"]
    if groups is None:
        groups = peer_groups(
            actors, actor_populations(actors) if population is None else population
        )
    values = measures(actors, selection)
    rows = []
    for actor_id in ids:
        if actor_id not in values.index:
            continue
        for group in PEER_GROUPS:
            members = groups[group]
            key = members.get(actor_id)
            peers = values.index[(members == key).to_numpy()] if key is not None else pd.Index([])
            for measure in MEASURES:
                value = values[measure].loc[actor_id]
                if key is None:
                    rank, of = None, None
                else:
                    rank, of = rank_among(values.loc[peers, measure], actor_id)
                rows.append(
                    {
                        "actor_id": actor_id,
                        "group": group,
                        "group_key": key,
                        "measure": measure,
                        "value": float(value) if pd.notna(value) else np.nan,
                        "rank": rank if rank is not None else pd.NA,
                        "of": of if of is not None else pd.NA,
                    }
                )
    result = pd.DataFrame(
        rows, columns=["actor_id", "group", "group_key", "measure", "value", "rank", "of"]
    )
    return result.astype({"rank": "Int64", "of": "Int64", "value": float})
