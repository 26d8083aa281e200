"""The collaboration network: graphs per year, metrics, growth, ego view, pruning, layout.

Nodes are actors that took part in the selected events; edges are their collaboration
links (undirected; several links of one pair become one edge whose weight is their sum and
whose kind is that of the heaviest link). A *scope* narrows the selection to one year:
`cumulative` means every event up to and including that year and every link that had begun
by then; otherwise only that year's event and the links that existed in that year.

Node positions come from one force-directed layout of the whole data (all actors, all
links, all years), computed once per data version. Filters and the year only choose which
nodes are drawn, never where, so the picture does not jump when they change.
"""

from __future__ import annotations

import math
import random
import threading
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import igraph
import networkx as nx
import numpy as np
import pandas as pd

from dashboard.analysis.selection import Selection
from dashboard.cache.versioned import Scope
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


# --- scope and graph -------------------------------------------------------------------


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
    if links.empty:
        return pd.DataFrame(columns=EDGE_COLUMNS).astype({"weight": "float64", "links": "int64"})
    a = links["source_id"].astype(str).to_numpy()
    b = links["target_id"].astype(str).to_numpy()
    weight = (
        pd.to_numeric(links["weight"], errors="coerce")
        .fillna(DEFAULT_WEIGHT)
        .to_numpy(dtype="float64")
    )
    kind_rank = (
        links["kind"]
        .map({kind: i for i, kind in enumerate(LINK_KINDS)})
        .fillna(len(LINK_KINDS))
        .to_numpy()
    )
    frame = pd.DataFrame(
        {
            "source": np.minimum(a, b),
            "target": np.maximum(a, b),
            "kind": links["kind"].to_numpy(),
            "weight": weight,
            "kind_rank": kind_rank,
        }
    )
    frame = frame[frame["source"] != frame["target"]]
    if frame.empty:
        return aggregate_edges(links.iloc[0:0])
    frame = frame.sort_values(
        ["source", "target", "weight", "kind_rank"], ascending=[True, True, False, True]
    )
    grouped = frame.groupby(["source", "target"], sort=True)
    result = pd.DataFrame(
        {
            "kind": grouped["kind"].first(),
            "weight": grouped["weight"].sum(),
            "links": grouped.size(),
        }
    ).reset_index()
    return result[EDGE_COLUMNS]


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
    graph.add_edges_from(
        (a, b, {"weight": float(w), "kind": kind, "links": int(count)})
        for a, b, w, kind, count in zip(
            kept["source"],
            kept["target"],
            kept["weight"],
            kept["kind"],
            kept["links"],
            strict=False,
        )
    )
    return graph


def build_graph(selection: Selection, year: int | None = None, cumulative: bool = True) -> nx.Graph:
    """The network of the selection in a scope (see module docstring)."""
    part = scope_participation(selection, year, cumulative)
    grouped = part.assign(actor_id=part["actor_id"].astype(str)).groupby("actor_id")
    actors = (
        selection.actors.assign(id=selection.actors["id"].astype(str))
        .drop_duplicates("id")
        .set_index("id")
    )
    ids = pd.Index(sorted(grouped.groups), name="id")
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
            "events": grouped["event_id"]
            .nunique()
            .reindex(ids)
            .fillna(0)
            .astype("int64")
            .to_numpy(),
            "headcount": grouped["headcount"].sum(min_count=1).reindex(ids).astype("Int64").array,
        }
    )
    edges = aggregate_edges(scope_links(selection.links, year, cumulative))
    return graph_from_frames(nodes, edges)


def scope_years(selection: Selection) -> list[int]:
    """The event years of the selection, ascending."""
    return sorted(int(year) for year in selection.events["year"].unique())


# --- metrics ---------------------------------------------------------------------------


def eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Weighted eigenvector centrality; 0 for everyone in a graph without edges."""
    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph, 0.0)
    try:
        return nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-8, weight="weight")
    except (
        nx.PowerIterationFailedConvergence
    ):  # pragma: no cover - (A+I) iteration converges in practice
        matrix = nx.to_numpy_array(graph, weight="weight")
        values, vectors = np.linalg.eigh(matrix)
        vector = np.abs(vectors[:, int(np.argmax(values))])
        vector /= np.linalg.norm(vector) or 1.0
        return dict(zip(graph, vector.tolist(), strict=False))


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
        betweenness, eigen, community = _large_graph_centralities(graph)
    else:
        betweenness = nx.betweenness_centrality(graph, normalized=True)
        eigen = eigenvector(graph)
        community = communities(graph)
    frame = pd.DataFrame(
        {
            "id": nodes,
            "name": [graph.nodes[n].get("name", n) for n in nodes],
            "type": [graph.nodes[n].get("type", "") for n in nodes],
            "events": [graph.nodes[n].get("events", 0) for n in nodes],
            "headcount": pd.array(
                [graph.nodes[n].get("headcount", pd.NA) for n in nodes], dtype="Int64"
            ),
            "degree": np.array([graph.degree(n) for n in nodes], dtype="int64"),
            "weighted_degree": np.array(
                [graph.degree(n, weight="weight") for n in nodes], dtype="float64"
            ),
            "betweenness": np.array([betweenness[n] for n in nodes], dtype="float64"),
            "eigenvector": np.array([eigen[n] for n in nodes], dtype="float64"),
            "community": pd.array([community.get(n) for n in nodes], dtype="Int64"),
        }
    )
    order = frame.sort_values(["betweenness", "id"], ascending=[False, True])
    top = order[order["betweenness"] > 0]["id"].head(broker_count)
    frame["broker"] = frame["id"].isin(top)
    frame["isolated"] = frame["degree"] == 0
    return frame.sort_values(
        ["degree", "weighted_degree", "name"], ascending=[False, False, True]
    ).reset_index(drop=True)[METRIC_COLUMNS]


def _large_graph_centralities(
    graph: nx.Graph,
) -> tuple[dict[str, float], dict[str, float], dict[str, int]]:
    """Betweenness, eigenvector centrality and Louvain communities of a large graph, in igraph.

    networkx needs minutes for these on a national network; igraph (C) needs about a second.
    Betweenness is estimated from BETWEENNESS_SAMPLE seeded source actors and scaled up, as
    networkx's k-sampling does (with every actor as a source it is exact). Eigenvector
    centrality is scaled to unit length like networkx's; communities are numbered as in
    `communities`.
    """
    nodes = list(graph)
    n = len(nodes)
    index = {node: position for position, node in enumerate(nodes)}
    edges = list(graph.edges(data="weight", default=DEFAULT_WEIGHT))
    shape = igraph.Graph(n=n, edges=[(index[a], index[b]) for a, b, _ in edges])
    weights = [float(w) for _, _, w in edges]
    sources = sorted(random.Random(SEED).sample(range(n), min(BETWEENNESS_SAMPLE, n)))
    raw = np.asarray(shape.betweenness(directed=False, sources=sources), dtype="float64")
    between = raw * (2 * n / len(sources) / ((n - 1) * (n - 2)) if n > 2 else 0.0)
    eigen = np.zeros(n)
    if edges:
        with warnings.catch_warnings():
            # Near-zero values for actors outside the main component are expected here.
            warnings.filterwarnings(
                "ignore", message="Some eigenvector centralities are nearly zero"
            )
            eigen = np.asarray(
                shape.eigenvector_centrality(scale=False, weights=weights), dtype="float64"
            )
        eigen /= np.linalg.norm(eigen) or 1.0
    with _IGRAPH_RANDOM_LOCK:
        _IGRAPH_RANDOM.seed(SEED)
        membership = (
            shape.community_multilevel(weights=weights or None).membership if edges else [0] * n
        )
    groups: dict[int, list[str]] = {}
    for node, group in zip(nodes, membership, strict=False):
        if graph.degree(node) > 0:
            groups.setdefault(group, []).append(node)
    ordered = sorted(groups.values(), key=lambda members: (-len(members), min(members)))
    community = {
        node: number for number, members in enumerate(ordered, start=1) for node in members
    }
    return (
        dict(zip(nodes, between.tolist(), strict=False)),
        dict(zip(nodes, eigen.tolist(), strict=False)),
        community,
    )


def scope_network(
    selection: Selection,
    year: int | None = None,
    cumulative: bool = True,
    cache: Scope | None = None,
) -> tuple[nx.Graph, pd.DataFrame]:
    """build_graph and metrics of a scope, kept in `cache` (the snapshot's cache bound to
    the filters that made `selection`) per year and cumulation when given.

    Changing only how the graph is drawn (size, colour, ego, pruning) then costs no
    recomputation. The graph is frozen (copying a national network costs more than drawing
    it); the table comes back as a copy.
    """

    def compute() -> tuple[nx.Graph, pd.DataFrame]:
        graph = build_graph(selection, year, cumulative)
        return nx.freeze(graph), metrics(graph)

    if cache is None:
        return compute()
    return cache.local("network.metrics", (year, bool(cumulative)), compute)


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
    n = len(index)
    if n == 0:
        return {
            "actors": 0,
            "links": 0,
            "density": math.nan,
            "components": 0,
            "largest_component": 0,
            "clustering": math.nan,
        }
    pairs = list(pairs)
    ends = index.get_indexer([a for a, _ in pairs]), index.get_indexer([b for _, b in pairs])
    keep = (ends[0] >= 0) & (ends[1] >= 0) & (ends[0] != ends[1])
    shape = igraph.Graph(
        n=n, edges=list(zip(ends[0][keep].tolist(), ends[1][keep].tolist(), strict=False))
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
        rows = []
        for year in scope_years(selection):
            ids = scope_participation(selection, year, cumulative)["actor_id"].astype(str)
            edges = aggregate_edges(scope_links(selection.links, year, cumulative))
            rows.append(
                {
                    "year": year,
                    **summary_of(ids, zip(edges["source"], edges["target"], strict=False)),
                }
            )
        return pd.DataFrame(rows, columns=GROWTH_COLUMNS)

    return compute() if cache is None else cache.local("network.growth", bool(cumulative), compute)


# --- ego view and pruning ----------------------------------------------------------------


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


# --- layout ----------------------------------------------------------------------------


def layout(actors: pd.DataFrame, links: pd.DataFrame, cache: Scope | None = None) -> pd.DataFrame:
    """x, y per actor id (index), from every actor and every link of every year.

    Pass `cache`, the snapshot's cache of the whole data (`Snapshot.scope()`), for `actors`
    and `links` of that snapshot: the layout is then computed once per data commit, and no
    filter, year or ego choice can move a node. Callers get a copy.
    """
    if cache is None:
        return compute_layout(actors, links)
    return cache.local("network.layout", None, lambda: compute_layout(actors, links))


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
    for row in edges.itertuples(index=False):
        graph.add_edge(row.source, row.target, weight=math.sqrt(max(float(row.weight), 0.01)))
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


_IGRAPH_RANDOM = random.Random()
_IGRAPH_RANDOM_LOCK = threading.Lock()
igraph.set_random_number_generator(_IGRAPH_RANDOM)


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
    with _IGRAPH_RANDOM_LOCK:
        # igraph draws its jitter from one process-wide generator: reseed it for every
        # layout, and let no other layout run in between.
        _IGRAPH_RANDOM.seed(seed)
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
