"""What is drawn of a network: the ego view, pruning and the edge table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import networkx as nx
import pandas as pd

from dashboard.analysis.network.graph import DEFAULT_WEIGHT, EDGE_COLUMNS, MAX_DRAWN_NODES


def ego(graph: nx.Graph, actor_id: str | None, steps: int = 1) -> nx.Graph:
    """The actor and everyone within `steps` links (1 or 2); the whole graph without an actor."""
    if not actor_id:
        return graph
    if actor_id not in graph:
        return nx.Graph()
    return nx.ego_graph(graph, actor_id, radius=max(1, min(int(steps), 2))).copy()


@dataclass(frozen=True)
class Pruning:
    min_weight: float = 0.0
    min_degree: int = 0
    top_n: int | None = None

    @property
    def active(self) -> bool:
        return self.min_weight > DEFAULT_WEIGHT or self.min_degree > 0 or self.top_n is not None


@dataclass(frozen=True)
class Pruned:
    graph: nx.Graph
    hidden_nodes: int
    hidden_edges: int


def prune(
    graph: nx.Graph,
    pruning: Pruning,
    rank: Mapping[str, float] | None = None,
    keep: Iterable[str] = (),
) -> Pruned:
    """Drop light edges, then weakly linked nodes, then all but the top N nodes.

    Order: edges with weight < min_weight; nodes with (remaining) degree < min_degree;
    nodes outside the `top_n` by `rank` (default: weighted degree), ties by id. Nodes in
    `keep` (the ego actor) always stay. Works on views of `graph` and copies only what is
    left, which for a national network is a small part of it.
    """
    keep = {node for node in keep if node in graph}
    view = graph
    if pruning.min_weight:
        heavy = {
            (a, b)
            for a, b, w in graph.edges(data="weight", default=DEFAULT_WEIGHT)
            if w >= pruning.min_weight
        }
        view = nx.subgraph_view(graph, filter_edge=lambda a, b: (a, b) in heavy or (b, a) in heavy)
    if pruning.min_degree:
        view = view.subgraph([n for n in view if view.degree(n) >= pruning.min_degree or n in keep])
    if pruning.top_n is not None and view.number_of_nodes() > pruning.top_n:
        score = rank if rank is not None else dict(view.degree(weight="weight"))
        ordered = sorted(view, key=lambda n: (n not in keep, -float(score.get(n, 0.0)), n))
        view = view.subgraph(ordered[: max(pruning.top_n, len(keep))])
    pruned = nx.Graph(view)
    return Pruned(
        graph=pruned,
        hidden_nodes=graph.number_of_nodes() - pruned.number_of_nodes(),
        hidden_edges=graph.number_of_edges() - pruned.number_of_edges(),
    )


def readable(pruning: Pruning) -> Pruning:
    """`pruning` with at most MAX_DRAWN_NODES drawn: beyond a few hundred nodes a node-link
    picture is a tangle the eye cannot read, and its size slows every browser."""
    top = MAX_DRAWN_NODES if pruning.top_n is None else min(pruning.top_n, MAX_DRAWN_NODES)
    return replace(pruning, top_n=top)


def edge_frame(graph: nx.Graph) -> pd.DataFrame:
    """The graph's edges as EDGE_COLUMNS, sorted."""
    rows = [
        (
            min(a, b),
            max(a, b),
            data.get("kind"),
            float(data.get("weight", DEFAULT_WEIGHT)),
            int(data.get("links", 1)),
        )
        for a, b, data in graph.edges(data=True)
    ]
    frame = pd.DataFrame(rows, columns=EDGE_COLUMNS).astype({"weight": "float64", "links": "int64"})
    return frame.sort_values(["source", "target"]).reset_index(drop=True)
