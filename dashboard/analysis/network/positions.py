"""Where nodes are drawn: one seeded layout of the whole data, and the axes of a drawing."""

from __future__ import annotations

import math

import igraph
import networkx as nx
import numpy as np
import pandas as pd

from dashboard.analysis.network.graph import (
    LAYOUT_ITERATIONS,
    SEED,
    aggregate_edges,
    seeded_igraph,
)
from dashboard.cache.versioned import Scope


def layout(
    actors: pd.DataFrame,
    links: pd.DataFrame,
    cache: Scope | None = None,
    stored: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """x, y per actor id (index), from every actor and every link of every year.

    Pass `cache`, the snapshot's cache of the whole data (`Snapshot.scope()`), for `actors`
    and `links` of that snapshot: the layout is then computed once per data commit, and no
    filter, year or ego choice can move a node. Callers get a copy. `stored` is the layout
    that the process which wrote this data version computed (dashboard.db.layouts): then
    nothing is computed.
    """

    def compute() -> pd.DataFrame:
        return compute_layout(actors, links) if stored is None else stored

    if cache is None:
        return compute()
    return cache.local("network.layout", None, compute)


def compute_layout(actors: pd.DataFrame, links: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Seeded spring layouts, one per connected part of the whole network, packed side by side.

    The largest part fills the unit disc around the origin. The other parts (each laid out on
    its own, so they do not drift off) sit in a panel to its right, with an area in
    proportion to their size; actors that never had a link fill a grid below them. Link
    weights pull partners closer with their square root, so one heavy link does not swallow
    the picture. Everything is a function of the data alone, in id order.
    """
    ids = sorted(set(actors["id"].astype(str)))
    edges = aggregate_edges(links)
    edges = edges[edges["source"].isin(ids) & edges["target"].isin(ids)]
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    for source, target, weight in zip(
        edges["source"].tolist(), edges["target"].tolist(), edges["weight"].tolist(), strict=True
    ):
        graph.add_edge(source, target, weight=math.sqrt(max(float(weight), 0.01)))
    parts = sorted(
        (sorted(part) for part in nx.connected_components(graph) if len(part) > 1),
        key=lambda part: (-len(part), part[0]),
    )
    alone = [node for node in ids if graph.degree(node) == 0]
    positions: dict[str, tuple[float, float]] = {}
    if parts:
        positions.update(
            _spring(graph.subgraph(parts[0]), seed, radius=1.0, centre=(0.0, 0.0), fill=True)
        )
    panel_left, panel_width = (SIDE_PANEL_LEFT, SIDE_PANEL_WIDTH) if parts else (-1.0, 2.0)
    top = 1.0
    x, row_height = panel_left, 0.0
    largest = len(parts[0]) if parts else 1
    for part in parts[1:]:
        radius = min(max(math.sqrt(len(part) / largest), MIN_PART_RADIUS), panel_width / 2)
        if x + 2 * radius > panel_left + panel_width + 1e-9 and x > panel_left:
            top -= row_height + PART_GAP
            x, row_height = panel_left, 0.0
        positions.update(
            _spring(graph.subgraph(part), seed, radius=radius, centre=(x + radius, top - radius))
        )
        x += 2 * radius + PART_GAP
        row_height = max(row_height, 2 * radius)
    if len(parts) > 1:
        top -= row_height + PART_GAP
    positions.update(_grid(alone, left=panel_left, width=panel_width, top=top))
    frame = pd.DataFrame.from_dict(positions, orient="index", columns=["x", "y"]).astype("float64")
    frame.index.name = "id"
    return frame.round(5).sort_index()


SIDE_PANEL_LEFT = 1.2
SIDE_PANEL_WIDTH = 1.0
MIN_PART_RADIUS = 0.07
PART_GAP = 0.1
GRID_STEP = 0.125


def _spring(
    graph: nx.Graph, seed: int, radius: float, centre: tuple[float, float], fill: bool = False
) -> dict[str, tuple[float, float]]:
    """A force-directed layout of a connected graph, scaled into the disc of `radius` at
    `centre` (or, with `fill`, stretched to fill the square around that disc).

    igraph's Fruchterman-Reingold runs in C and switches to its grid approximation for large
    parts, so the whole national network is laid out in seconds rather than minutes. The start
    positions come from `seed`, which makes the result a function of the data alone.
    """
    nodes = sorted(graph)
    index = {node: position for position, node in enumerate(nodes)}
    edges = sorted(
        (min(index[a], index[b]), max(index[a], index[b]), float(w))
        for a, b, w in graph.edges(data="weight", default=1.0)
    )
    shape = igraph.Graph(n=len(nodes), edges=[(a, b) for a, b, _ in edges])
    # Spread like igraph's own start (about √n across): its grid approximation bins nodes in
    # cells of fixed size, so a start squeezed into the unit square would make it quadratic.
    spread = math.sqrt(len(nodes)) / 2
    start = np.random.default_rng(seed).uniform(-spread, spread, size=(len(nodes), 2))
    with seeded_igraph(seed):
        found = shape.layout_fruchterman_reingold(
            weights=[w for _, _, w in edges] or None,
            niter=LAYOUT_ITERATIONS,
            seed=start.tolist(),
            grid="auto",
        )
    coordinates = np.asarray(found.coords, dtype="float64")
    if fill:
        low, high = coordinates.min(axis=0), coordinates.max(axis=0)
        span = np.where(high - low > 0, high - low, 1.0)
        coordinates = 2 * (coordinates - low) / span - 1
    else:
        coordinates = coordinates - coordinates.mean(axis=0)
        coordinates /= np.sqrt((coordinates**2).sum(axis=1)).max() or 1.0
    coordinates = coordinates * radius + np.asarray(centre)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, coordinates, strict=False)}


def _grid(
    nodes: list[str], left: float, width: float, top: float
) -> dict[str, tuple[float, float]]:
    """Nodes on a grid from (`left`, `top`) rightwards and down, in id order."""
    if not nodes:
        return {}
    columns = max(int(width / GRID_STEP) + 1, 2)
    step = width / (columns - 1)
    return {
        node: (left + (index % columns) * step, top - (index // columns) * step)
        for index, node in enumerate(nodes)
    }


def view_ranges(
    positions: pd.DataFrame, nodes: pd.DataFrame, hidden_nodes: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The axes of a drawing: the whole layout, so that nothing moves between years and
    filters; but when pruning hid part of the network, the extent of what is drawn, or a
    few hundred hubs would sit as a dot in the middle of thousands of hidden places."""
    return axis_ranges(nodes[["x", "y"]] if hidden_nodes and not nodes.empty else positions)


def axis_ranges(
    positions: pd.DataFrame, margin: float = 0.08
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Fixed x and y ranges that hold every position of the full layout, with a margin."""
    if positions.empty:
        return (-1.0, 1.0), (-1.0, 1.0)
    (x0, x1), (y0, y1) = (
        (positions["x"].min(), positions["x"].max()),
        (positions["y"].min(), positions["y"].max()),
    )
    pad_x, pad_y = (x1 - x0) * margin or 0.5, (y1 - y0) * margin or 0.5
    return (float(x0 - pad_x), float(x1 + pad_x)), (float(y0 - pad_y), float(y1 + pad_y))


def node_frame(graph: nx.Graph, table: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """Metric rows (of the whole scope) of the graph's nodes with their x, y, for drawing."""
    rows = table[table["id"].isin(list(graph))].copy()
    placed = positions.reindex(rows["id"])
    rows["x"] = placed["x"].to_numpy()
    rows["y"] = placed["y"].to_numpy()
    return rows.reset_index(drop=True)
