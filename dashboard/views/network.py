"""The collaboration network of /netzwerk and its growth, for the page, slides and PDF."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from dashboard.analysis import network as nw
from dashboard.analysis.network import overview as communities
from dashboard.analysis.selection import Selection, select_in
from dashboard.cache.versioned import Scope
from dashboard.figures.network import growth_figure, network_figure
from dashboard.figures.network_communities import community_figure
from dashboard.figures.new_links import new_links_chart
from dashboard.i18n import DEFAULT_LANGUAGE, t, tn
from dashboard.state.filters import Filters
from dashboard.state.network import NetworkView
from dashboard.store import Snapshot
from dashboard.views.caption import filters_line
from dashboard.views.result import ViewResult


def cache_scope(snapshot: Snapshot, filters: Filters) -> Scope:
    """The cache of the network results of one selection: this data, these filters (in any
    language: the graph does not depend on it)."""
    return snapshot.scope(filters.with_changes(lang=DEFAULT_LANGUAGE))


def whole_layout(snapshot: Snapshot) -> pd.DataFrame:
    """Where every actor of the data is drawn: as stored with this data version, else
    computed once per version."""
    return nw.layout(
        snapshot.tables["actors"],
        snapshot.tables["links"],
        snapshot.scope(),
        snapshot.stored_layout,
    )


def scope_year(selection: Selection, year: int | None) -> int | None:
    """The year the network shows: `year` when it lies in the selection's years, else the
    last of them; None when the selection has no years."""
    years = nw.scope_years(selection)
    if not years:
        return None
    year = year if isinstance(year, int) else None
    return year if year is not None and years[0] <= year <= years[-1] else years[-1]


def pruning(state: NetworkView) -> nw.Pruning:
    top = int(state.top_n) if state.top_n.isdigit() else None
    return nw.Pruning(
        min_weight=float(state.min_weight), min_degree=state.min_degree, top_n=top or None
    )


def network_view(snapshot: Snapshot, filters: Filters, state: NetworkView) -> ViewResult:
    """The graph as the state sets it (year, scope, sizes, colours, ego, community,
    pruning); the caption says what it shows (the metrics of every actor in scope are
    `metrics_table`'s). A network too large to read actor by actor opens with its
    communities."""
    lang = filters.lang
    selection = select_in(snapshot, filters)
    year = scope_year(selection, state.year)
    cache = cache_scope(snapshot, filters)
    network, structure = nw.scope_structure(selection, year, state.cumulative, cache=cache)
    if (
        state.ego is None
        and state.community is None
        and not pruning(state).active  # a thinned network is what its link asks for
        and network.size > communities.OVERVIEW_ABOVE
    ):
        # The overview needs the communities only; the centralities wait for the table.
        drawn, edges, total = community_overview(snapshot, filters, state, network, structure, year)
        return _overview(network.size, drawn, edges, total, state, year, lang)
    network, table = nw.scope_network(selection, year, state.cumulative, cache=cache)
    positions = whole_layout(snapshot)
    if state.ego is None and state.community is not None:
        graph = network.subgraph(communities.members_of(table, state.community))
    else:
        graph = network.graph
    shown = nw.ego(graph, state.ego, state.steps)
    pruned = nw.prune(shown, nw.readable(pruning(state)), keep=[state.ego] if state.ego else ())
    nodes = nw.node_frame(pruned.graph, table, positions)
    size_max = (
        pd.to_numeric(table[state.size_by], errors="coerce").max() if not table.empty else 1.0
    )
    ego_missing = bool(state.ego) and state.ego not in graph
    community_missing = state.community is not None and graph.number_of_nodes() == 0
    ranges = (
        nw.axis_ranges(nodes[["x", "y"]])
        if state.community is not None and not nodes.empty
        else nw.view_ranges(positions, nodes, pruned.hidden_nodes)
    )
    figure = network_figure(
        nodes,
        nw.edge_frame(pruned.graph),
        lang,
        ranges=ranges,
        size_by=state.size_by,
        colour_by=state.colour_by,
        size_max=None if pd.isna(size_max) else float(size_max),
        hidden_nodes=pruned.hidden_nodes,
        total_nodes=shown.number_of_nodes(),
        ego_id=state.ego,
        empty_message=t("network.empty_ego", lang)
        if ego_missing
        else t("network.communities.missing", lang)
        if community_missing
        else None,
    )
    return ViewResult(
        figure,
        t("network.graph.title", lang),
        caption=_status(graph, pruned.graph, state, year, lang),
    )


def community_overview(
    snapshot: Snapshot,
    filters: Filters,
    state: NetworkView,
    network: nw.ScopeNetwork,
    structure: pd.DataFrame,
    year: int | None,
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """The communities drawn on the overview (placed), the ties drawn between them and how
    many communities there are: kept per scope (in any language), since pairing 45,000
    links with their communities cost more than the whole drawing."""

    def compute() -> tuple[pd.DataFrame, pd.DataFrame, int]:
        actors = snapshot.tables["actors"]
        states = pd.Series(actors["state"].to_numpy(), index=actors["id"].astype(str))
        pairs = communities.community_pairs(network.edges, structure)
        every = communities.community_nodes(structure, pairs, whole_layout(snapshot), states)
        biggest = every.head(communities.MOST_COMMUNITIES)
        edges = communities.community_edges(pairs, biggest["community"])
        drawn = communities.spread(biggest, edges)
        return drawn, communities.strongest_ties(edges), len(every)

    return cache_scope(snapshot, filters).local(
        "network.communities", (year, bool(state.cumulative)), compute
    )


def _overview(
    actors: int,
    drawn: pd.DataFrame,
    edges: pd.DataFrame,
    total: int,
    state: NetworkView,
    year: int | None,
    lang: str,
) -> ViewResult:
    """The communities of a network too large to read actor by actor."""
    figure = community_figure(
        drawn,
        edges,
        lang,
        ranges=nw.axis_ranges(drawn[["x", "y"]], margin=0.15),
        left_out=total - len(drawn),
    )
    scope_key = "network.scope.cumulative" if state.cumulative else "network.scope.single"
    caption = t(
        "network.communities.status",
        lang,
        scope=t(scope_key, lang, year=year),
        actors=tn("count.actors", actors, lang),
        communities=tn("count.communities", total, lang),
    )
    return ViewResult(figure, t("network.graph.title", lang), caption=caption)


def _status(
    graph: nx.Graph, shown: nx.Graph, state: NetworkView, year: int | None, lang: str
) -> str:
    counts = {
        "actors": tn("count.actors", shown.number_of_nodes(), lang),
        "links": tn("count.collaborations", shown.number_of_edges(), lang),
    }
    if state.ego and state.ego in graph:
        name = graph.nodes[state.ego].get("name", state.ego)
        return t("network.status_ego", lang, name=name, **counts)
    if state.community is not None:
        number = t("network.community_n", lang, number=state.community)
        return t("network.communities.status_one", lang, community=number, **counts)
    if year is None:
        return t("network.no_years", lang)
    scope_key = "network.scope.cumulative" if state.cumulative else "network.scope.single"
    return t("network.status", lang, scope=t(scope_key, lang, year=year), **counts)


def metrics_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The metrics as the table shows them: translated type and role, rounded centralities."""
    broker, isolated = t("network.role.broker", lang), t("network.role.isolated", lang)
    return pd.DataFrame(
        {
            "id": table["id"].astype(str),
            "name": table["name"].astype(str),
            "type": [
                t(f"type.{kind}", lang) if kind else t("common.unknown", lang)
                for kind in table["type"]
            ],
            "role": [
                broker if b else (isolated if i else "")
                for b, i in zip(table["broker"], table["isolated"], strict=False)
            ],
            "events": table["events"].astype("int64"),
            "headcount": table["headcount"].astype("Int64"),
            "degree": table["degree"].astype("int64"),
            "weighted_degree": table["weighted_degree"].astype("float64"),
            "betweenness": table["betweenness"].astype("float64").round(6),
            "eigenvector": table["eigenvector"].astype("float64").round(6),
            "community": table["community"].astype("Int64"),
        }
    )


def metrics_table(snapshot: Snapshot, filters: Filters, state: NetworkView) -> pd.DataFrame:
    """Only the metrics of the network view, for the table that pages through them: the
    graph of the scope is cached, drawing it is not needed."""
    selection = select_in(snapshot, filters)
    year = scope_year(selection, state.year)
    _network, table = nw.scope_network(
        selection, year, state.cumulative, cache=cache_scope(snapshot, filters)
    )
    return metrics_frame(table, filters.lang)


def growth_view(snapshot: Snapshot, filters: Filters, state: NetworkView) -> ViewResult:
    """Actors, links and cohesion of the network year by year (each year alone, or the
    network up to it); the table holds the numbers behind the chart."""
    lang = filters.lang
    growth = nw.growth(
        select_in(snapshot, filters), state.cumulative, cache=cache_scope(snapshot, filters)
    )
    table = pd.DataFrame(
        {
            t("network.growth.year", lang): growth["year"].astype("int64"),
            t("network.growth.actors", lang): growth["actors"].astype("int64"),
            t("network.growth.links", lang): growth["links"].astype("int64"),
            t("network.growth.components", lang): growth["components"].astype("int64"),
            t("network.growth.largest_component", lang): growth["largest_component"].astype(
                "int64"
            ),
            t("network.growth.density_pct", lang): (
                100 * growth["density"].astype("float64")
            ).round(1),
            t("network.growth.clustering_pct", lang): (
                100 * growth["clustering"].astype("float64")
            ).round(1),
        }
    )
    return ViewResult(growth_figure(growth, lang), t("network.growth.title", lang), table=table)


def new_links_view(snapshot: Snapshot, filters: Filters, count: int = 3) -> ViewResult:
    """The `count` strongest links that began in the last year of the selection."""
    lang = filters.lang
    selection = select_in(snapshot, filters)
    year = selection.year_range[1] if selection.year_range else None
    links = (
        nw.strongest_new_links(selection, year, count)
        if year is not None
        else pd.DataFrame(columns=nw.NEW_LINK_COLUMNS)
    )
    table = pd.DataFrame(
        {
            t("new_links.pair", lang): links["source_name"] + " – " + links["target_name"],
            t("new_links.weight", lang): links["weight"],
        }
    )
    return ViewResult(
        new_links_chart(links, year, lang),
        t("new_links.title", lang),
        caption=filters_line(snapshot, filters, selection),
        table=table,
    )
