"""The network of a selection in a scope: its participations, links, nodes and edges.

The constants shared by the other modules of the package live here too, and so does igraph's
random number generator, which metrics and layout both reseed.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import igraph
import networkx as nx
import numpy as np
import pandas as pd

from dashboard.analysis.selection import Selection
from dashboard.schema import LINK_KINDS

SEED = 20170613
LAYOUT_ITERATIONS = 300
BROKER_COUNT = 5
MAX_DRAWN_NODES = 400
DEFAULT_WEIGHT = 1.0
BETWEENNESS_EXACT_LIMIT = 400
BETWEENNESS_SAMPLE = 200

METRIC_COLUMNS = [
    "id",
    "name",
    "type",
    "events",
    "headcount",
    "degree",
    "weighted_degree",
    "betweenness",
    "eigenvector",
    "community",
    "broker",
    "isolated",
]
GROWTH_COLUMNS = [
    "year",
    "actors",
    "links",
    "density",
    "components",
    "largest_component",
    "clustering",
]
EDGE_COLUMNS = ["source", "target", "kind", "weight", "links"]

# igraph's C core keeps its default random generator per thread: a generator set in the
# main thread is not the one a request thread of the server draws from. Whoever runs an
# igraph algorithm with randomness enters `seeded_igraph`, which installs IGRAPH_RANDOM for
# the calling thread and reseeds it, under one lock.
IGRAPH_RANDOM = random.Random()
IGRAPH_RANDOM_LOCK = threading.Lock()


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """igraph's randomness in this thread comes from IGRAPH_RANDOM seeded with `seed`, and
    no other thread draws from it until the block ends: same data, same result."""
    with IGRAPH_RANDOM_LOCK:
        igraph.set_random_number_generator(IGRAPH_RANDOM)
        IGRAPH_RANDOM.seed(seed)
        yield


def scope_participation(
    selection: Selection, year: int | None = None, cumulative: bool = True
) -> pd.DataFrame:
    """Participations in scope: all of the selection, up to `year`, or in `year` only."""
    part = selection.participation
    if year is None:
        return part
    years = pd.to_numeric(part["year"])
    return part[years <= year] if cumulative else part[years == year]


def scope_links(
    links: pd.DataFrame, year: int | None = None, cumulative: bool = True
) -> pd.DataFrame:
    """Links in scope: begun by `year` (cumulative) or existing in `year` (otherwise)."""
    if year is None or links.empty:
        return links
    since = pd.to_numeric(links["since_year"], errors="coerce")
    mask = since.isna() | (since <= year)
    if not cumulative:
        until = pd.to_numeric(links["until_year"], errors="coerce")
        mask &= until.isna() | (until >= year)
    return links[mask]


def aggregate_edges(links: pd.DataFrame) -> pd.DataFrame:
    """One row per unordered pair: summed weight, kind of the heaviest link, number of links.

    Missing weights count as 1; self-links are dropped. Sorted by (source, target).
    """
    a = links["source_id"].astype(str).to_numpy(dtype=object)
    b = links["target_id"].astype(str).to_numpy(dtype=object)
    # Ids as codes in sorted order, so that comparing and grouping codes is comparing and
    # grouping the ids (sorting 45,000 pairs of text ids cost most of the drawing).
    codes, ids = pd.factorize(np.concatenate([a, b]), sort=True)
    first, second = codes[: len(a)], codes[len(a) :]
    low, high = np.minimum(first, second), np.maximum(first, second)
    weight = (
        pd.to_numeric(links["weight"], errors="coerce")
        .fillna(DEFAULT_WEIGHT)
        .to_numpy(dtype="float64")
    )
    kinds = links["kind"].to_numpy(dtype=object)
    kind_rank = pd.Index(LINK_KINDS).get_indexer(pd.Index(kinds))
    kind_rank[kind_rank < 0] = len(LINK_KINDS)
    between = low != high
    low, high, weight, kinds, kind_rank = (
        values[between] for values in (low, high, weight, kinds, kind_rank)
    )
    # Per pair the heaviest link first (ties: the kind listed first), as its kind names it.
    order = np.lexsort((kind_rank, -weight, high, low))
    low, high, weight, kinds = low[order], high[order], weight[order], kinds[order]
    new_pair = np.ones(len(low), dtype=bool)
    new_pair[1:] = (low[1:] != low[:-1]) | (high[1:] != high[:-1])
    starts = np.flatnonzero(new_pair)
    ids = np.asarray(ids, dtype=object)
    return pd.DataFrame(
        {
            "source": ids[low[starts]],
            "target": ids[high[starts]],
            "kind": kinds[starts],
            "weight": np.add.reduceat(weight, starts) if len(starts) else weight[:0],
            "links": np.diff(np.r_[starts, len(low)]).astype("int64"),
        },
        columns=EDGE_COLUMNS,
    )


def graph_from_frames(nodes: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """A graph with nodes in id order (so seeded algorithms are reproducible).

    `nodes` needs an `id` column; its other columns become node attributes. `edges` is
    `aggregate_edges` output; edges whose ends are not nodes are left out.
    """
    graph = nx.Graph()
    nodes = nodes.sort_values("id")
    attributes = nodes.drop(columns="id").to_dict("records")
    graph.add_nodes_from(zip(nodes["id"].tolist(), attributes, strict=False))
    inside = edges["source"].isin(nodes["id"]) & edges["target"].isin(nodes["id"])
    kept = edges[inside]
    # Columns as lists: iterating pandas' string arrays element by element took longer
    # than building the graph (national network: 45,000 edges).
    graph.add_edges_from(
        (a, b, {"weight": float(w), "kind": kind, "links": int(count)})
        for a, b, w, kind, count in zip(
            kept["source"].tolist(),
            kept["target"].tolist(),
            kept["weight"].tolist(),
            kept["kind"].tolist(),
            kept["links"].tolist(),
            strict=False,
        )
    )
    return graph


def build_graph(selection: Selection, year: int | None = None, cumulative: bool = True) -> nx.Graph:
    """The network of the selection in a scope (see module docstring)."""
    return graph_from_frames(*scope_frames(selection, year, cumulative))


def scope_frames(
    selection: Selection, year: int | None = None, cumulative: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The network of a scope as two frames: its nodes (sorted by id, with their
    attributes) and its edges between them (`aggregate_edges`, in (source, target) order,
    the order in which `graph_from_frames` adds them)."""
    part = scope_participation(selection, year, cumulative)
    actors = (
        selection.actors.assign(id=selection.actors["id"].astype(str))
        .drop_duplicates("id")
        .set_index("id")
    )
    # Per actor from integer codes (a group-by over 200,000 rows of text ids cost most of a
    # second at national scale): distinct events, and the headcount (NA when all unknown).
    actor_at, actor_ids = pd.factorize(
        part["actor_id"].astype(str).to_numpy(dtype=object), sort=True
    )
    event_at, event_ids = pd.factorize(part["event_id"].to_numpy(dtype=object))
    ids = pd.Index(actor_ids, name="id", dtype=object)
    width = max(len(event_ids), 1)
    pairs = np.unique((actor_at.astype(np.int64) * width + event_at)[event_at >= 0])
    events = np.bincount(pairs // width, minlength=len(ids)).astype("int64")
    heads = pd.to_numeric(part["headcount"]).to_numpy(dtype="float64", na_value=np.nan)
    told = ~np.isnan(heads)
    sums = np.bincount(actor_at[told], weights=heads[told], minlength=len(ids))
    counted = np.bincount(actor_at[told], minlength=len(ids)) > 0
    known = actors.reindex(ids)
    nodes = pd.DataFrame(
        {
            "id": ids,
            "name": known["name"]
            .astype(object)
            .where(known["name"].notna(), pd.Series(ids, index=ids))
            .astype(str)
            .to_numpy(),
            "type": known["type"]
            .astype(object)
            .where(known["type"].notna(), "")
            .astype(str)
            .to_numpy(),
            "events": events,
            "headcount": pd.array(np.where(counted, sums, np.nan)).astype("Int64"),
        }
    )
    edges = aggregate_edges(scope_links(selection.links, year, cumulative))
    inside = edges["source"].isin(nodes["id"]) & edges["target"].isin(nodes["id"])
    return nodes, edges[inside].reset_index(drop=True)


def scope_years(selection: Selection) -> list[int]:
    """The event years of the selection, ascending."""
    return sorted(int(year) for year in selection.events["year"].unique())
