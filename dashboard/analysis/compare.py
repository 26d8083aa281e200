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

Peer ranks: see analysis.peers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import parse_qsl, urlencode

import numpy as np
import pandas as pd

from dashboard.analysis.cells import present

# The `name as name` imports re-export: the compare page reads those names from here.
from dashboard.analysis.peers import MEASURES as MEASURES
from dashboard.analysis.peers import PEER_GROUPS as PEER_GROUPS
from dashboard.analysis.peers import actor_populations, size_class
from dashboard.analysis.peers import peer_groups as peer_groups
from dashboard.analysis.peers import peer_ranks as peer_ranks
from dashboard.analysis.peers import populations_of as populations_of
from dashboard.analysis.selection import Selection, select
from dashboard.analysis.selection_index import SelectionIndex
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
    tables: Mapping[str, pd.DataFrame], filters: Filters, index: SelectionIndex | None = None
) -> Selection:
    """The global filters without the actor-type and Bundesland filters (see module doc).
    `index` is `selection.index_of(tables)` when the caller has it cached."""
    return select(tables, comparison_filters(filters), index)


def comparison_filters(filters: Filters) -> Filters:
    """The filters the comparison selects by: all but actor type and Bundesland."""
    return filters.with_changes(types=(), states=())


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
    # The chosen actors' rows first: merging all attendance (300,000 rows at national
    # scale) with their pairs took 150 ms per call.
    mine = attendance[attendance["actor_id"].isin(ids) & attendance["session_id"].notna()]
    rows = mine.merge(pairs, on=["event_id", "actor_id"])
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
                "state": actor["state"] if present(actor["state"]) else None,
                "city": actor["city"] if present(actor["city"]) else None,
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
