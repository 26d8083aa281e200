"""A scope's network as frames and integer positions; its networkx graph only on demand.

At national scale most drawings are the community overview, which needs the metrics and
the edges, never a networkx graph: building one of 8,000 actors and 37,000 links cost more
than measuring it. The graph is built when a drawing of single actors (ego view, thinned
network) asks for it, and a community's drawing builds only the graph of its members.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import numpy as np
import pandas as pd

from dashboard.analysis.network.graph import graph_from_frames


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
    def graph(self) -> nx.Graph:
        """The whole scope as a frozen networkx graph (copying one costs more than drawing it)."""
        return nx.freeze(graph_from_frames(self.nodes, self.edges))

    def subgraph(self, ids: Iterable[str]) -> nx.Graph:
        """The graph of the actors `ids` and the edges among them, without the whole graph."""
        return nx.freeze(
            graph_from_frames(self.nodes[self.nodes["id"].isin(list(ids))], self.edges)
        )
