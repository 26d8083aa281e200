"""The collaboration network: graphs per year, metrics, growth, ego view, pruning, layout.

Nodes are actors that took part in the selected events; edges are their collaboration
links (undirected; several links of one pair become one edge whose weight is their sum and
whose kind is that of the heaviest link). A *scope* narrows the selection to one year:
`cumulative` means every event up to and including that year and every link that had begun
by then; otherwise only that year's event and the links that existed in that year.

Node positions come from one force-directed layout of the whole data (all actors, all
links, all years), computed once per data version. Filters and the year only choose which
nodes are drawn, never where, so the picture does not jump when they change.

The modules: graph (scope, nodes and edges), scope (a scope's network as frames), measures (metrics, summary, growth),
pruning (ego view, what is drawn) and positions (layout, axes). Callers import from here.
"""

from __future__ import annotations

from dashboard.analysis.network.graph import (
    BETWEENNESS_EXACT_LIMIT,
    BETWEENNESS_SAMPLE,
    BROKER_COUNT,
    DEFAULT_WEIGHT,
    EDGE_COLUMNS,
    GROWTH_COLUMNS,
    LAYOUT_ITERATIONS,
    MAX_DRAWN_NODES,
    METRIC_COLUMNS,
    SEED,
    aggregate_edges,
    build_graph,
    graph_from_frames,
    scope_frames,
    scope_links,
    scope_participation,
    scope_years,
)
from dashboard.analysis.network.measures import (
    communities,
    eigenvector,
    growth,
    metrics,
    summary,
    summary_of,
)
from dashboard.analysis.network.new_links import NEW_LINK_COLUMNS, strongest_new_links
from dashboard.analysis.network.positions import (
    GRID_STEP,
    MIN_PART_RADIUS,
    PART_GAP,
    SIDE_PANEL_LEFT,
    SIDE_PANEL_WIDTH,
    axis_ranges,
    compute_layout,
    layout,
    node_frame,
    view_ranges,
)
from dashboard.analysis.network.pruning import (
    Pruned,
    Pruning,
    edge_frame,
    ego,
    prune,
    readable,
)
from dashboard.analysis.network.scope import (
    STRUCTURE_COLUMNS,
    ScopeNetwork,
    metrics_of,
    scope_network,
    scope_structure,
    structure_of,
)

__all__ = [
    "BETWEENNESS_EXACT_LIMIT",
    "BETWEENNESS_SAMPLE",
    "BROKER_COUNT",
    "DEFAULT_WEIGHT",
    "EDGE_COLUMNS",
    "GRID_STEP",
    "GROWTH_COLUMNS",
    "LAYOUT_ITERATIONS",
    "MAX_DRAWN_NODES",
    "METRIC_COLUMNS",
    "MIN_PART_RADIUS",
    "NEW_LINK_COLUMNS",
    "PART_GAP",
    "SEED",
    "SIDE_PANEL_LEFT",
    "SIDE_PANEL_WIDTH",
    "STRUCTURE_COLUMNS",
    "Pruned",
    "Pruning",
    "ScopeNetwork",
    "aggregate_edges",
    "axis_ranges",
    "build_graph",
    "communities",
    "compute_layout",
    "edge_frame",
    "ego",
    "eigenvector",
    "graph_from_frames",
    "growth",
    "layout",
    "metrics",
    "metrics_of",
    "node_frame",
    "prune",
    "readable",
    "scope_frames",
    "scope_links",
    "scope_network",
    "scope_participation",
    "scope_structure",
    "scope_years",
    "strongest_new_links",
    "structure_of",
    "summary",
    "summary_of",
    "view_ranges",
]
