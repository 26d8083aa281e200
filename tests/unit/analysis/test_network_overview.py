"""The network as its communities (analysis.network.overview, views.network): one node
per community, named by its members and Bundesland, links between communities, a click
target per community; above the limit the page opens with them."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from dashboard.analysis import network as nw
from dashboard.analysis.network import overview
from dashboard.figures.network_communities import (
    COMMUNITY_CLICK_PREFIX,
    community_name,
    placed_labels,
    shortened,
)
from dashboard.state.filters import Filters
from dashboard.state.network import NetworkView
from dashboard.store import Snapshot
from dashboard.views.network import network_view
from tests.unit.analysis.frames import tiny_tables

# Two triangles joined by one bridge, and a loner: communities 1 (a, b, c) and 2 (d, e, f).
EDGES = [("a", "b", 3.0), ("b", "c", 1.0), ("a", "c", 1.0), ("c", "d", 1.0)]
EDGES += [("d", "e", 2.0), ("e", "f", 1.0), ("d", "f", 1.0)]
STATES = pd.Series({"a": "05", "b": "05", "c": "09", "d": "01", "e": "01", "f": None})


def _graph() -> nx.Graph:
    graph = nx.Graph()
    for node in "abcdefz":
        graph.add_node(node, name=node.upper(), type="kommune", events=1, headcount=2)
    graph.add_weighted_edges_from(EDGES)
    return graph


def _edges(graph: nx.Graph) -> pd.DataFrame:
    return pd.DataFrame(
        [(a, b, w) for a, b, w in graph.edges(data="weight")],
        columns=["source", "target", "weight"],
    )


def _positions(graph: nx.Graph) -> pd.DataFrame:
    return pd.DataFrame(
        {"x": [float(i) for i in range(len(graph))], "y": [0.0] * len(graph)},
        index=list(graph),
    )


def test_nov001_one_row_per_community_named_by_best_linked_members_and_state():
    graph = _graph()
    table = nw.metrics(graph)
    pairs = overview.community_pairs(_edges(graph), table)
    nodes = overview.community_nodes(table, pairs, _positions(graph), STATES)
    community = table.set_index("id")["community"]
    assert community["a"] == community["b"] == community["c"] != community["d"]
    first = nodes.set_index("community").loc[int(community["a"])]
    assert first["actors"] == 3 and first["links_inside"] == 3 and first["headcount"] == 6
    assert first["members"] == ["A", "B"]  # weighted degree 4 and 4 before C's 3 (by name)
    assert (first["state"], first["state_share"]) == ("05", pytest.approx(2 / 3))
    second = nodes.set_index("community").loc[int(community["d"])]
    assert (second["state"], second["state_share"]) == ("01", 1.0)  # f's state unknown
    assert first["x"] == pytest.approx((0 + 1 + 2) / 3)
    assert len(nodes) == 2  # the loner z has no community


def test_nov002_links_between_communities_are_counted_per_pair():
    graph = _graph()
    table = nw.metrics(graph)
    pairs = overview.community_pairs(_edges(graph), table)
    edges = overview.community_edges(pairs, pd.Series([1, 2]))
    assert edges[["source", "target", "links"]].values.tolist() == [[1, 2, 1]]
    assert edges["weight"].tolist() == [1.0]
    assert overview.community_edges(pairs, pd.Series([1])).empty


def test_nov003_each_community_keeps_only_its_strongest_ties():
    edges = pd.DataFrame(
        {
            "source": [1, 1, 1, 2, 3],
            "target": [2, 3, 4, 3, 4],
            "links": [9, 5, 1, 4, 2],
            "weight": [9.0, 5.0, 1.0, 4.0, 2.0],
        }
    )
    kept = overview.strongest_ties(edges, per_community=1)
    # 1's strongest is 1–2, 3's is 1–3, 4's is 3–4; 2's strongest (1–2) is in already.
    assert kept[["source", "target"]].values.tolist() == [[1, 2], [1, 3], [3, 4]]


def test_nov004_spread_moves_circles_apart_the_same_way_every_time():
    nodes = pd.DataFrame({"community": [1, 2, 3], "x": [0.0, 0.001, 0.002], "y": [0.0, 0.0, 0.001]})
    edges = pd.DataFrame({"source": [1], "target": [2], "links": [3], "weight": [3.0]})
    first = overview.spread(nodes, edges)
    pd.testing.assert_frame_equal(first, overview.spread(nodes, edges))
    xy = first[["x", "y"]].to_numpy()
    distances = [((xy[i] - xy[j]) ** 2).sum() ** 0.5 for i in range(3) for j in range(i)]
    assert min(distances) > 0.05  # from a thousandth apart


def test_nov005_names_and_labels_say_what_a_community_is():
    assert community_name(["Stadt Kiel", "Bürgerverein"], "01", 0.64, "de") == (
        "Stadt Kiel, Bürgerverein · Schleswig-Holstein (64 %)"
    )
    assert shortened("Mehrgenerationenhaus Kulmbach-Nord", 26) == "Mehrgenerationenhaus…"
    assert shortened("Kiel", 26) == "Kiel"
    # 760 px wide: the second node sits 76 px right of the first, its label on the first's.
    nodes = pd.DataFrame({"x": [0.0, 0.1, 1.0], "y": [0.0, 0.0, 1.0]})
    shown = placed_labels(
        nodes, ["Langer Name A", "Langer Name B", "C"], [20, 20, 20], ((0, 1), (0, 1))
    )
    assert shown == [True, False, True]  # the second would sit on the first


def _many_actors_snapshot() -> Snapshot:
    tables = tiny_tables()
    return Snapshot(version="test", tables=tables)


def test_nov006_above_the_limit_the_page_opens_with_the_communities(monkeypatch):
    monkeypatch.setattr(overview, "OVERVIEW_ABOVE", 2)
    snapshot = _many_actors_snapshot()
    result = network_view(snapshot, Filters(), NetworkView())
    (circles,) = [trace for trace in result.figure.data if trace.meta["role"] == "communities"]
    assert all(str(data).startswith(COMMUNITY_CLICK_PREFIX) for data in circles.customdata)
    assert "Gemeinschaft" in result.caption and "Klick" in result.caption
    opened = network_view(snapshot, Filters(), NetworkView(community=1))
    roles = {trace.meta["role"] for trace in opened.figure.data if trace.meta}
    assert "nodes" in roles and "communities" not in roles
    assert opened.caption.startswith("Gemeinschaft 1:")
    missing = network_view(snapshot, Filters(), NetworkView(community=99))
    assert "gibt es in der gewählten Auswahl nicht" in str(missing.figure.layout.annotations)


def test_nov007_below_the_limit_the_actors_are_drawn_as_before():
    result = network_view(_many_actors_snapshot(), Filters(), NetworkView())
    roles = {trace.meta["role"] for trace in result.figure.data if trace.meta}
    assert "nodes" in roles and "communities" not in roles


def test_nov008_a_thinned_network_is_drawn_as_asked_not_as_communities(monkeypatch):
    monkeypatch.setattr(overview, "OVERVIEW_ABOVE", 2)
    result = network_view(_many_actors_snapshot(), Filters(), NetworkView(top_n="3"))
    roles = {trace.meta["role"] for trace in result.figure.data if trace.meta}
    assert "nodes" in roles and "communities" not in roles
