"""Vergleich: 2–6 actors side by side, and each one's rank among comparable peers.

Pure functions on the data tables and a `Selection`; no Dash, no database.

Which data counts
- The comparison uses the global filters for *when and what* (years, event, topic) but not
  for *who* (actor type, Bundesland): the user picked the actors by hand, and a type or state
  filter must not silently empty their columns. `compare_selection` builds that selection.
- A participation is one actor at one event (see analysis.selection). Its headcount is NA
  when unknown; totals add the known headcounts and count the unknown ones separately.
- Roles: each participation has one role, the most prominent of its attendance rows
  (organiser > speaker > exhibitor > participant), so the role counts add up to the
  participations.
- Topics attended: attendance rows with a session (attendance.session_id → session_topics →
  topics) of the selected participations; counted as distinct sessions.
- Partners: distinct actors at the other end of a link that existed at some time within the
  selected years (since_year ≤ last year, until_year ≥ first year, open ends count).

Peer ranks
- Two peer groups: all actors of the same Bundesland (actors.state), and all municipalities
  (type kommune) of the same size class by population.
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

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

import numpy as np
import pandas as pd

from dashboard.analysis.selection import Selection, select
from dashboard.geo.data import districts, find_place
from dashboard.i18n.folding import fold
from dashboard.schema import ROLES
from dashboard.state.filters import Filters

MIN_ACTORS = 2
MAX_ACTORS = 6
PARAM_ACTORS = "akteure"

# The actors shown when the URL names none: the municipalities of the 2017 Gallery Walk and
# Mannheim. Each entry lists acceptable names in order of preference.
DEFAULT_ACTORS: tuple[tuple[str, ...], ...] = (
    ("Pirmasens",),
    ("Langenfeld (Rheinland)", "Langenfeld"),
    ("Hannover",),
    ("Mannheim",),
)

# Size classes by population: (key, lower bound inclusive, upper bound exclusive).
SIZE_CLASSES: tuple[tuple[str, int, float], ...] = (
    ("lt20k", 0, 20_000),
    ("20k_100k", 20_000, 100_000),
    ("100k_500k", 100_000, 500_000),
    ("ge500k", 500_000, float("inf")),
)

MEASURES = ("participations", "headcount")
PEER_GROUPS = ("state", "size")


def _present(value: object) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and np.isnan(value))
        and value is not pd.NA
        and str(value).strip() != ""
    )


# --- which actors ---------------------------------------------------------------------------


def default_actor_ids(actors: pd.DataFrame) -> list[str]:
    """Ids of the default actors found by name; missing ones are skipped.

    Names match ignoring case and umlaut spelling. Among several actors with the name, a
    Kommune wins, then the smaller id (so "Mannheim" the city, never "Change2 Mannheim").
    """
    if actors.empty:
        return []
    candidates = pd.DataFrame(
        {
            "id": actors["id"].astype(str).to_numpy(),
            "folded": actors["name"].map(fold).to_numpy(),
            "not_kommune": (actors["type"] != "kommune").astype(int).to_numpy(),
        }
    )
    found: list[str] = []
    for names in DEFAULT_ACTORS:
        for name in names:
            matches = candidates[
                (candidates["folded"] == fold(name)) & ~candidates["id"].isin(found)
            ]
            if not matches.empty:
                found.append(str(matches.sort_values(["not_kommune", "id"]).iloc[0]["id"]))
                break
    return found


def clean_actor_ids(ids: Iterable[object] | None, actors: pd.DataFrame) -> list[str]:
    """Known ids only, first occurrence kept, at most MAX_ACTORS, in the given order."""
    known = set(actors["id"])
    result: list[str] = []
    for value in ids or ():
        text = str(value).strip()
        if text in known and text not in result:
            result.append(text)
    return result[:MAX_ACTORS]


def actor_ids_from_param(value: object, actors: pd.DataFrame) -> list[str]:
    """The actors named by the URL parameter `akteure` (comma-separated ids).

    No parameter at all (None) means the defaults; a present but empty parameter means the
    user removed every actor, which stays empty.
    """
    if value is None:
        return default_actor_ids(actors)
    if isinstance(value, (list, tuple)):
        value = ",".join(map(str, value))
    return clean_actor_ids(str(value).split(","), actors)


def actors_param(search: str | None) -> str | None:
    """The raw `akteure` parameter of a query string; None when it is absent."""
    return dict(parse_qsl((search or "").lstrip("?"), keep_blank_values=True)).get(PARAM_ACTORS)


def search_with_actors(search: str | None, ids: Sequence[str]) -> str:
    """`search` with `akteure` set to `ids`, every other parameter kept in its place."""
    pairs = parse_qsl((search or "").lstrip("?"), keep_blank_values=True)
    value = ",".join(ids)
    out: list[tuple[str, str]] = []
    placed = False
    for key, old in pairs:
        if key == PARAM_ACTORS:
            if not placed:
                out.append((key, value))
                placed = True
            continue
        out.append((key, old))
    if not placed:
        out.append((PARAM_ACTORS, value))
    return "?" + urlencode(out, safe=",")


def actor_options(actors: pd.DataFrame) -> pd.DataFrame:
    """Actors the picker offers: id, name, type, state, city, sorted by name (narrow_options
    applies the global filters)."""
    frame = actors[["id", "name", "type", "state", "city"]]
    return frame.sort_values(["name", "id"], key=lambda s: s.map(fold), ignore_index=True)


def narrow_options(
    options: pd.DataFrame, keep: Sequence[str] = (), filters: Filters | None = None
) -> pd.DataFrame:
    """The rows of `options` (any frame with id, type and state) that the global type and
    Bundesland filters leave, plus the ids in `keep`; order kept."""
    if filters is None or not (filters.types or filters.states):
        return options
    mask = pd.Series(True, index=options.index)
    if filters.types:
        mask &= options["type"].isin(filters.types)
    if filters.states:
        mask &= options["state"].isin(filters.states)
    return options[mask | options["id"].isin(list(keep))].reset_index(drop=True)


# --- the selection --------------------------------------------------------------------------


def compare_selection(
    tables: Mapping[str, pd.DataFrame], filters: Filters, participation: pd.DataFrame | None = None
) -> Selection:
    """The global filters without the actor-type and Bundesland filters (see module doc).
    `participation` is `selection.participations_of(tables)` when the caller has it cached."""
    return select(tables, filters.with_changes(types=(), states=()), participation)


# --- side by side ---------------------------------------------------------------------------


def per_year(selection: Selection, ids: Sequence[str]) -> pd.DataFrame:
    """One row per (actor, event year of the selection), in actor order, then year.

    Columns actor_id, year, participations (int), headcount (Int64: known people; NA when
    the actor took part but no headcount is known; 0 when it did not take part), unknown
    (participations with unknown headcount).
    """
    columns = ["actor_id", "year", "participations", "headcount", "unknown"]
    years = sorted(int(y) for y in selection.events["year"].unique())
    if not ids or not years:
        return pd.DataFrame(columns=columns).astype({"headcount": "Int64"})
    part = selection.participation[selection.participation["actor_id"].isin(ids)]
    grouped = part.groupby(["actor_id", "year"])
    counts = pd.DataFrame(
        {
            "participations": grouped.size(),
            "headcount": grouped["headcount"].sum(min_count=1),
            "unknown": (grouped["headcount"].size() - grouped["headcount"].count()),
        }
    )
    index = pd.MultiIndex.from_product([list(ids), years], names=["actor_id", "year"])
    result = counts.reindex(index)
    result["participations"] = result["participations"].fillna(0).astype(int)
    result["unknown"] = result["unknown"].fillna(0).astype(int)
    headcount = result["headcount"].astype("Float64")
    result["headcount"] = headcount.where(result["participations"] > 0, 0).round().astype("Int64")
    return result.reset_index()[columns]


def role_counts(selection: Selection, ids: Sequence[str]) -> pd.DataFrame:
    """Participations per (actor, role), every role of schema.ROLES, in actor then role order."""
    part = selection.participation[selection.participation["actor_id"].isin(ids)]
    counts = part.groupby(["actor_id", "role"]).size()
    index = pd.MultiIndex.from_product([list(ids), list(ROLES)], names=["actor_id", "role"])
    result = counts.reindex(index, fill_value=0).rename("participations").reset_index()
    result["participations"] = result["participations"].astype(int)
    return result


def topic_counts(
    tables: Mapping[str, pd.DataFrame], selection: Selection, ids: Sequence[str]
) -> pd.DataFrame:
    """Sessions attended per (actor, topic), for the topics at least one actor attended.

    Columns actor_id, topic_id, topic, sessions (int, 0 included). Topics ordered by the
    total over the actors (most first), then by name; actors in the given order.
    """
    columns = ["actor_id", "topic_id", "topic", "sessions"]
    attendance = tables["attendance"]
    pairs = selection.participation.loc[
        selection.participation["actor_id"].isin(ids), ["event_id", "actor_id"]
    ]
    rows = attendance[attendance["session_id"].notna()].merge(pairs, on=["event_id", "actor_id"])
    rows = rows.merge(tables["session_topics"], on="session_id").merge(
        tables["topics"].rename(columns={"id": "topic_id", "name": "topic"}), on="topic_id"
    )
    if rows.empty:
        return pd.DataFrame(columns=columns).astype({"sessions": int})
    sessions = (
        rows.drop_duplicates(["actor_id", "topic_id", "event_id", "session_id"])
        .groupby(["actor_id", "topic_id"])
        .size()
    )
    names = rows.drop_duplicates("topic_id").set_index("topic_id")["topic"]
    totals = sessions.groupby("topic_id").sum()
    order = sorted(totals.index, key=lambda topic: (-int(totals[topic]), fold(names[topic]), topic))
    index = pd.MultiIndex.from_product([list(ids), order], names=["actor_id", "topic_id"])
    result = sessions.reindex(index, fill_value=0).rename("sessions").reset_index()
    result["topic"] = result["topic_id"].map(names)
    result["sessions"] = result["sessions"].astype(int)
    return result[columns]


def partner_counts(
    links: pd.DataFrame, ids: Sequence[str], years: tuple[int, int] | None
) -> pd.Series:
    """Distinct partners per actor from links active at some time within `years` (0 if none)."""
    result = pd.Series(0, index=pd.Index(list(ids), name="actor_id"), dtype=int, name="partners")
    if years is None or links.empty or not ids:
        return result
    first, last = years
    since = pd.to_numeric(links["since_year"], errors="coerce")
    until = pd.to_numeric(links["until_year"], errors="coerce")
    active = links[(since.isna() | (since <= last)) & (until.isna() | (until >= first))]
    both = pd.concat(
        [
            active[["source_id", "target_id"]].set_axis(["actor_id", "partner"], axis=1),
            active[["target_id", "source_id"]].set_axis(["actor_id", "partner"], axis=1),
        ],
        ignore_index=True,
    )
    both = both[both["actor_id"].isin(ids) & (both["actor_id"] != both["partner"])]
    counts = both.drop_duplicates().groupby("actor_id").size()
    return result.add(counts.reindex(result.index, fill_value=0), fill_value=0).astype(int)


def side_by_side(
    tables: Mapping[str, pd.DataFrame],
    selection: Selection,
    ids: Sequence[str],
    population: pd.Series | None = None,
) -> pd.DataFrame:
    """One row per chosen actor, in the given order.

    Columns: actor_id, name, type, state, city, population (float, NaN unknown or not a
    Kommune), size_class (key or None), participations, headcount (Int64; NA when every
    participation's headcount is unknown), headcount_unknown, years (tuple), first_year,
    last_year (Int64, NA without participation), roles (dict role → participations),
    topics (tuple of topic names, most attended first), partners.
    """
    actors = tables["actors"].set_index("id")
    ids = [actor_id for actor_id in ids if actor_id in actors.index]
    if population is None:
        population = actor_populations(tables["actors"])
    part = selection.participation[selection.participation["actor_id"].isin(ids)]
    roles = role_counts(selection, ids)
    topics = topic_counts(tables, selection, ids)
    partners = partner_counts(tables["links"], ids, selection.year_range)
    rows = []
    for actor_id in ids:
        actor = actors.loc[actor_id]
        mine = part[part["actor_id"] == actor_id]
        years = tuple(sorted(int(y) for y in mine["year"].unique()))
        pop = population.get(actor_id, np.nan) if population is not None else np.nan
        pop = float(pop) if pd.notna(pop) else np.nan
        my_roles = roles[roles["actor_id"] == actor_id]
        my_topics = topics[(topics["actor_id"] == actor_id) & (topics["sessions"] > 0)]
        rows.append(
            {
                "actor_id": actor_id,
                "name": actor["name"],
                "type": actor["type"],
                "state": actor["state"] if _present(actor["state"]) else None,
                "city": actor["city"] if _present(actor["city"]) else None,
                "population": pop,
                "size_class": size_class(pop),
                "participations": len(mine),
                "headcount": mine["headcount"].sum(min_count=1) if not mine.empty else 0,
                "headcount_unknown": int(mine["headcount"].isna().sum()),
                "years": years,
                "first_year": years[0] if years else pd.NA,
                "last_year": years[-1] if years else pd.NA,
                "roles": dict(
                    zip(my_roles["role"], my_roles["participations"].astype(int), strict=False)
                ),
                "topics": tuple(my_topics["topic"]),
                "partners": int(partners[actor_id]),
            }
        )
    columns = [
        "actor_id",
        "name",
        "type",
        "state",
        "city",
        "population",
        "size_class",
        "participations",
        "headcount",
        "headcount_unknown",
        "years",
        "first_year",
        "last_year",
        "roles",
        "topics",
        "partners",
    ]
    result = pd.DataFrame(rows, columns=columns)
    for column in ("headcount", "first_year", "last_year"):
        result[column] = result[column].astype("Int64")
    return result


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
        return str(value).strip() if _present(value) else ""

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


def peer_ranks(
    tables: Mapping[str, pd.DataFrame],
    selection: Selection,
    ids: Sequence[str],
    population: pd.Series | None = None,
) -> pd.DataFrame:
    """Rank of each chosen actor among its peers, per peer group and measure.

    One row per (actor, group, measure) in actor, PEER_GROUPS, MEASURES order. Columns
    actor_id, group ("state" | "size"), group_key (state code or size-class key; None when
    the actor has no state, is not a Kommune or its population is unknown), measure, value
    (float, NaN unknown), rank (Int64, NA when not ranked) and of (peers ranked, Int64).
    """
    actors = tables["actors"]
    if population is None:
        population = actor_populations(actors)
    values = measures(actors, selection)
    state = pd.Series(
        [str(code) if _present(code) else None for code in actors["state"]],
        index=actors["id"],
        dtype=object,
    )
    classes = pd.Series(
        [
            size_class(population.get(a, np.nan)) if kind == "kommune" else None
            for a, kind in zip(actors["id"], actors["type"], strict=False)
        ],
        index=actors["id"],
        dtype=object,
    )
    rows = []
    for actor_id in ids:
        if actor_id not in values.index:
            continue
        keys = {"state": state.get(actor_id), "size": classes.get(actor_id)}
        groups = {"state": state, "size": classes}
        for group in PEER_GROUPS:
            key = keys[group]
            peers = (
                values.index[(groups[group] == key).to_numpy()] if key is not None else pd.Index([])
            )
            for measure in MEASURES:
                value = values.at[actor_id, measure]
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
