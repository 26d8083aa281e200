"""Metrics of a network: centralities, communities, the summary and its growth per year."""

from __future__ import annotations

import math
import random
import warnings
from collections.abc import Iterable, Sequence

import igraph
import networkx as nx
import numpy as np
import pandas as pd

from dashboard.analysis.network.graph import (
    BETWEENNESS_EXACT_LIMIT as BETWEENNESS_EXACT_LIMIT,
)
from dashboard.analysis.network.graph import (
    BETWEENNESS_SAMPLE,
    BROKER_COUNT,
    DEFAULT_WEIGHT,
    GROWTH_COLUMNS,
    METRIC_COLUMNS,
    SEED,
    scope_years,
    seeded_igraph,
)
from dashboard.analysis.selection import Selection
from dashboard.cache.versioned import Scope


def eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Weighted eigenvector centrality; 0 for everyone in a graph without edges."""
    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph, 0.0)
    try:
        centrality: dict[str, float] = nx.eigenvector_centrality(
            graph, max_iter=1000, tol=1e-8, weight="weight"
        )
        return centrality
    except (
        nx.PowerIterationFailedConvergence
    ):  # pragma: no cover - (A+I) iteration converges in practice
        matrix = nx.to_numpy_array(graph, weight="weight")
        values, vectors = np.linalg.eigh(matrix)
        vector = np.abs(vectors[:, int(np.argmax(values))])
        vector /= np.linalg.norm(vector) or 1.0
        return dict(zip(graph, vector.tolist(), strict=False))


def eigenvector_of_edges(
    n: int,
    sources: np.ndarray,
    targets: np.ndarray,
    weights: np.ndarray,
    max_iter: int = 1000,
    tol: float = 1e-8,
) -> np.ndarray:
    """`eigenvector` of the graph with `n` nodes and these edges (node positions), by
    networkx's own method over arrays: power iteration on A+I from the uniform vector with
    its stopping rule, then the same dense fallback. networkx's loop over dicts took seconds
    on a few hundred actors whose iteration did not settle."""
    if len(sources) == 0:
        return np.zeros(n)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = (
            last
            + np.bincount(targets, weights=weights * last[sources], minlength=n)
            + np.bincount(sources, weights=weights * last[targets], minlength=n)
        )
        x = x / (np.linalg.norm(x) or 1.0)
        if np.abs(x - last).sum() < n * tol:
            return x
    matrix = np.zeros((n, n))
    np.add.at(matrix, (sources, targets), weights)
    np.add.at(matrix, (targets, sources), weights)
    values, vectors = np.linalg.eigh(matrix)
    vector: np.ndarray = np.abs(vectors[:, int(np.argmax(values))])
    return vector / (np.linalg.norm(vector) or 1.0)


def communities(graph: nx.Graph, seed: int = SEED) -> dict[str, int]:
    """Louvain communities numbered 1, 2, … by size (then smallest id); isolated nodes get none."""
    linked = graph.subgraph([node for node in graph if graph.degree(node) > 0])
    if linked.number_of_edges() == 0:
        return {}
    found = nx.community.louvain_communities(linked, weight="weight", seed=seed)
    ordered = sorted(found, key=lambda members: (-len(members), min(members)))
    return {node: number for number, members in enumerate(ordered, start=1) for node in members}


def metrics(graph: nx.Graph, broker_count: int = BROKER_COUNT) -> pd.DataFrame:
    """One row per actor with METRIC_COLUMNS, sorted by degree (desc) then name.

    betweenness: normalised, hop-based (who sits on the short paths between others).
    eigenvector: weighted. broker: among the `broker_count` highest betweenness values > 0.
    community: Louvain (seeded), numbered by size; none for actors without links.
    """
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=METRIC_COLUMNS)
    nodes = list(graph)
    if graph.number_of_nodes() > BETWEENNESS_EXACT_LIMIT:
        index = {node: position for position, node in enumerate(nodes)}
        edges = list(graph.edges(data="weight", default=DEFAULT_WEIGHT))
        shape = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b, _ in edges])
        weights = [float(w) for _, _, w in edges]
        betweenness, eigen = igraph_centralities(shape, weights)
        linked = [graph.degree(node) > 0 for node in nodes]
        community = igraph_communities(shape, weights, nodes, linked)
    else:
        between = nx.betweenness_centrality(graph, normalized=True)
        eigen_of = eigenvector(graph)
        community_of = communities(graph)
        betweenness = np.array([between[n] for n in nodes], dtype="float64")
        eigen = np.array([eigen_of[n] for n in nodes], dtype="float64")
        community = [community_of.get(n) for n in nodes]
    # One pass over the degree views, not one view per node (a second at national scale).
    degree = dict(graph.degree())
    weighted = dict(graph.degree(weight="weight"))
    attributes = graph.nodes
    frame = pd.DataFrame(
        {
            "id": nodes,
            "name": [attributes[n].get("name", n) for n in nodes],
            "type": [attributes[n].get("type", "") for n in nodes],
            "events": [attributes[n].get("events", 0) for n in nodes],
            "headcount": pd.array(
                [attributes[n].get("headcount", pd.NA) for n in nodes], dtype="Int64"
            ),
            "degree": np.array([degree[n] for n in nodes], dtype="int64"),
            "weighted_degree": np.array([weighted[n] for n in nodes], dtype="float64"),
        }
    )
    return with_centralities(
        frame, betweenness, eigen, pd.Series(community, dtype="Int64"), broker_count
    )


def with_centralities(
    frame: pd.DataFrame,
    betweenness: np.ndarray,
    eigen: np.ndarray,
    community: pd.Series,
    broker_count: int = BROKER_COUNT,
) -> pd.DataFrame:
    """`frame` (id, name, type, events, headcount, degrees; one row per node in node
    order) with the centralities and communities (in node order too), the brokers and the
    isolated, sorted as `metrics` says."""
    frame = frame.assign(
        betweenness=betweenness,
        eigenvector=eigen,
        community=community.astype("Int64").array,
    )
    order = frame.sort_values(["betweenness", "id"], ascending=[False, True])
    top = order[order["betweenness"] > 0]["id"].head(broker_count)
    frame["broker"] = frame["id"].isin(top)
    frame["isolated"] = frame["degree"] == 0
    return frame.sort_values(
        ["degree", "weighted_degree", "name"], ascending=[False, False, True]
    ).reset_index(drop=True)[METRIC_COLUMNS]


def igraph_centralities(shape: igraph.Graph, weights: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """Betweenness and eigenvector centrality per node of a large graph, in igraph.

    networkx needs minutes for these on a national network; igraph (C) needs a fraction of
    a second. Betweenness is estimated from BETWEENNESS_SAMPLE seeded source actors and
    scaled up, as networkx's k-sampling does (with every actor as a source it is exact).
    Eigenvector centrality is scaled to unit length like networkx's.
    """
    n = shape.vcount()
    sample = sorted(random.Random(SEED).sample(range(n), min(BETWEENNESS_SAMPLE, n)))
    raw = np.asarray(shape.betweenness(directed=False, sources=sample), dtype="float64")
    between = raw * (2 * n / len(sample) / ((n - 1) * (n - 2)) if n > 2 else 0.0)
    eigen = np.zeros(n)
    if shape.ecount():
        # ARPACK starts from a random vector: seeded, or the centralities differ per run.
        with seeded_igraph(SEED), warnings.catch_warnings():
            # Near-zero values for actors outside the main component are expected here.
            warnings.filterwarnings(
                "ignore", message="Some eigenvector centralities are nearly zero"
            )
            eigen = np.asarray(
                shape.eigenvector_centrality(scale=False, weights=weights), dtype="float64"
            )
        eigen /= np.linalg.norm(eigen) or 1.0
    return between, eigen


def igraph_communities(
    shape: igraph.Graph, weights: list[float], nodes: Sequence[str], linked: Sequence[bool]
) -> list[int | None]:
    """Louvain (igraph's multilevel, seeded) per node, numbered as in `communities`; none
    for the nodes not `linked`."""
    if not shape.ecount():
        return [None] * len(nodes)
    with seeded_igraph(SEED):
        membership = np.asarray(shape.community_multilevel(weights=weights).membership)
    has_link = np.asarray(linked, dtype=bool)
    rank = np.empty(len(nodes), dtype=np.int64)  # each node's place in id order
    rank[np.argsort(np.asarray(nodes, dtype=object), kind="stable")] = np.arange(len(nodes))
    sizes = np.bincount(membership[has_link], minlength=int(membership.max()) + 1)
    smallest = np.full(len(sizes), len(nodes))
    np.minimum.at(smallest, membership[has_link], rank[has_link])
    found = np.flatnonzero(sizes)
    # Largest first; among equals, the one with the smallest member id.
    ranked = found[np.lexsort((smallest[found], -sizes[found]))]
    number = np.zeros(len(sizes), dtype=np.int64)
    number[ranked] = np.arange(1, len(ranked) + 1)
    numbered = np.where(has_link, number[membership], 0)
    return [int(value) if value else None for value in numbered.tolist()]


def summary(graph: nx.Graph) -> dict[str, float]:
    """Actors, links, density, components, largest component, average clustering."""
    return summary_of(list(graph), [(a, b) for a, b in graph.edges])


def summary_of(ids: Iterable[str], pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """`summary` of the graph with nodes `ids` and the edges `pairs` between them.

    Counted in igraph (C) because the growth chart needs it for every year of networks of
    tens of thousands of actors; the values are networkx's definitions (density 2m/(n(n-1)),
    clustering averaged over all nodes with 0 for nodes of degree < 2).
    """
    index = pd.Index(pd.unique(np.asarray(list(ids), dtype=object)))
    pairs = list(pairs)
    return _summary_of_positions(
        len(index),
        index.get_indexer([a for a, _ in pairs]),
        index.get_indexer([b for _, b in pairs]),
    )


def _summary_of_positions(n: int, sources: np.ndarray, targets: np.ndarray) -> dict[str, float]:
    """`summary_of` for `n` nodes and edges given as node positions (-1: not a node)."""
    if n == 0:
        return {
            "actors": 0,
            "links": 0,
            "density": math.nan,
            "components": 0,
            "largest_component": 0,
            "clustering": math.nan,
        }
    keep = (sources >= 0) & (targets >= 0) & (sources != targets)
    shape = igraph.Graph(
        n=n, edges=np.column_stack([sources[keep], targets[keep]]).astype(np.int64).tolist()
    )
    shape.simplify()
    sizes = shape.connected_components().sizes()
    links = shape.ecount()
    return {
        "actors": n,
        "links": links,
        "density": 2 * links / (n * (n - 1)) if n > 1 else 0.0,
        "components": len(sizes),
        "largest_component": max(sizes),
        "clustering": shape.transitivity_avglocal_undirected(mode="zero"),
    }


def growth(
    selection: Selection, cumulative: bool = True, cache: Scope | None = None
) -> pd.DataFrame:
    """The network's summary per event year of the selection (GROWTH_COLUMNS); kept in
    `cache` (see `scope_network`) when given."""

    def compute() -> pd.DataFrame:
        # Actors and link ends as positions in one index, once: per year only numpy masks
        # (the scope of scope_participation and scope_links), not twenty frames of text ids.
        part, links = selection.participation, selection.links
        actor_ids = part["actor_id"].astype(str).to_numpy(dtype=object)
        everyone = pd.Index(pd.unique(actor_ids))
        actor_at = everyone.get_indexer(actor_ids)
        part_years = pd.to_numeric(part["year"]).to_numpy()
        source_at = everyone.get_indexer(links["source_id"].astype(str).to_numpy(dtype=object))
        target_at = everyone.get_indexer(links["target_id"].astype(str).to_numpy(dtype=object))
        since = pd.to_numeric(links["since_year"], errors="coerce").to_numpy(dtype=float)
        until = pd.to_numeric(links["until_year"], errors="coerce").to_numpy(dtype=float)
        rows = []
        for year in scope_years(selection):
            in_scope = part_years <= year if cumulative else part_years == year
            present = np.unique(actor_at[in_scope])
            local = np.full(len(everyone) + 1, -1)  # the last entry answers position -1
            local[present] = np.arange(len(present))
            begun = np.isnan(since) | (since <= year)
            active = begun if cumulative else begun & (np.isnan(until) | (until >= year))
            summary = _summary_of_positions(
                len(present), local[source_at[active]], local[target_at[active]]
            )
            rows.append({"year": year, **summary})
        return pd.DataFrame(rows, columns=GROWTH_COLUMNS)

    return compute() if cache is None else cache.local("network.growth", bool(cumulative), compute)
