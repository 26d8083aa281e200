"""A scope's network as frames and integer positions, measured in two stages; its
networkx graph only on demand.

At national scale most drawings are the community overview, which needs the communities
and the edges, never a networkx graph (building one of 8,000 actors and 37,000 links cost
more than measuring it) nor the centralities (a sampled betweenness is the costliest
measure of all). So a scope's *structure* (degrees and communities) is measured first and
kept; its *metrics* add the centralities when the metrics table or a drawing of single
actors asks for them. The graph is built when a drawing of single actors (ego view,
thinned network) needs it, and a community's drawing builds only the graph of its members.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import igraph
import networkx as nx
import numpy as np
import pandas as pd

from dashboard.analysis.network import measures
from dashboard.analysis.network.graph import METRIC_COLUMNS, graph_from_frames, scope_frames
from dashboard.analysis.selection import Selection
from dashboard.cache.versioned import Scope

# The metrics but the centralities and what follows from them.
STRUCTURE_COLUMNS = [
    column
    for column in METRIC_COLUMNS
    if column not in ("betweenness", "eigenvector", "broker", "isolated")
]


@dataclass(frozen=True)
class ScopeNetwork:
    """`nodes` sorted by id, `edges` between them in (source, target) order (see
    graph.scope_frames)."""

    nodes: pd.DataFrame
    edges: pd.DataFrame

    @property
    def size(self) -> int:
        return len(self.nodes)

    @cached_property
    def ends(self) -> tuple[np.ndarray, np.ndarray]:
        """Each edge's two ends as positions in `nodes`."""
        index = pd.Index(self.nodes["id"])
        return (
            index.get_indexer(self.edges["source"]).astype(np.int64),
            index.get_indexer(self.edges["target"]).astype(np.int64),
        )

    @cached_property
    def weights(self) -> np.ndarray:
        return self.edges["weight"].to_numpy(dtype="float64")

    @cached_property
    def shape(self) -> igraph.Graph:
        """The scope as an igraph graph over node positions, edges in `edges` order."""
        sources, targets = self.ends
        return igraph.Graph(n=self.size, edges=np.column_stack([sources, targets]).tolist())

    @cached_property
    def degrees(self) -> tuple[np.ndarray, np.ndarray]:
        """Per node: its number of edges and their summed weight."""
        sources, targets = self.ends
        n = self.size
        count = np.bincount(sources, minlength=n) + np.bincount(targets, minlength=n)
        weighted = np.bincount(sources, weights=self.weights, minlength=n) + np.bincount(
            targets, weights=self.weights, minlength=n
        )
        return count.astype("int64"), weighted.astype("float64")

    @cached_property
    def graph(self) -> nx.Graph:
        """The whole scope as a frozen networkx graph (copying one costs more than drawing it)."""
        return nx.freeze(graph_from_frames(self.nodes, self.edges))

    def subgraph(self, ids: Iterable[str]) -> nx.Graph:
        """The graph of the actors `ids` and the edges among them, without the whole graph."""
        return nx.freeze(
            graph_from_frames(self.nodes[self.nodes["id"].isin(list(ids))], self.edges)
        )


def structure_of(network: ScopeNetwork) -> pd.DataFrame:
    """Per actor of the scope, in node order: STRUCTURE_COLUMNS (the communities as
    `measures.metrics` finds them, whichever the size)."""
    if network.size == 0:
        return pd.DataFrame(columns=STRUCTURE_COLUMNS)
    ids = network.nodes["id"].tolist()
    degree, weighted = network.degrees
    if network.size <= measures.BETWEENNESS_EXACT_LIMIT:
        found = measures.communities(network.graph)
        community: list[int | None] = [found.get(node) for node in ids]
    else:
        community = measures.igraph_communities(
            network.shape, network.weights.tolist(), ids, (degree > 0).tolist()
        )
    nodes = network.nodes
    return pd.DataFrame(
        {
            "id": ids,
            "name": nodes["name"].tolist(),
            "type": nodes["type"].tolist(),
            "events": nodes["events"].to_numpy(dtype="int64"),
            "headcount": nodes["headcount"].astype("Int64").array,
            "degree": degree,
            "weighted_degree": weighted,
            "community": pd.array(community, dtype="Int64"),
        },
        columns=STRUCTURE_COLUMNS,
    )


def metrics_of(network: ScopeNetwork, structure: pd.DataFrame | None = None) -> pd.DataFrame:
    """`measures.metrics` of the scope's graph, from its `structure` (measured here when
    not given): a large graph's centralities come from igraph over node positions, and no
    networkx graph is built."""
    if network.size == 0:
        return pd.DataFrame(columns=METRIC_COLUMNS)
    structure = structure_of(network) if structure is None else structure
    if network.size <= measures.BETWEENNESS_EXACT_LIMIT:
        between = nx.betweenness_centrality(network.graph, normalized=True)
        betweenness = np.array([between[node] for node in structure["id"]], dtype="float64")
        eigenvector = measures.eigenvector_of_edges(network.size, *network.ends, network.weights)
    else:
        betweenness, eigenvector = measures.igraph_centralities(
            network.shape, network.weights.tolist()
        )
    frame = structure.drop(columns="community")
    return measures.with_centralities(frame, betweenness, eigenvector, structure["community"])


def scope_structure(
    selection: Selection,
    year: int | None = None,
    cumulative: bool = True,
    cache: Scope | None = None,
) -> tuple[ScopeNetwork, pd.DataFrame]:
    """The network of a scope and its `structure_of`, kept in `cache` (the snapshot's
    cache bound to the filters that made `selection`) per year and cumulation when given."""

    def compute() -> tuple[ScopeNetwork, pd.DataFrame]:
        network = ScopeNetwork(*scope_frames(selection, year, cumulative))
        return network, structure_of(network)

    if cache is None:
        return compute()
    return cache.local("network.structure", (year, bool(cumulative)), compute)


def scope_network(
    selection: Selection,
    year: int | None = None,
    cumulative: bool = True,
    cache: Scope | None = None,
) -> tuple[ScopeNetwork, pd.DataFrame]:
    """The network of a scope and its metrics (`measures.metrics`), kept in `cache` like
    `scope_structure`, from the kept structure.

    Changing only how the graph is drawn (size, colour, ego, pruning) then costs no
    recomputation. The table comes back as a copy.
    """

    def compute() -> tuple[ScopeNetwork, pd.DataFrame]:
        network, structure = scope_structure(selection, year, cumulative, cache)
        return network, metrics_of(network, structure)

    if cache is None:
        return compute()
    return cache.local("network.metrics", (year, bool(cumulative)), compute)
