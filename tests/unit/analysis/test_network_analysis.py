"""Network analysis: metrics against networkx on graphs with known answers, scopes, layout, pruning."""

from __future__ import annotations

import math
import threading

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from dashboard.analysis import network as nw
from dashboard.analysis.network import measures
from dashboard.analysis.selection import select
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from tests.unit.analysis.frames import frame, tiny_tables


def graph_of(edges: list[tuple], extra_nodes: tuple[str, ...] = ()) -> nx.Graph:
    """A graph through nw.graph_from_frames; edges are (a, b) or (a, b, weight)."""
    rows = [
        {
            "source_id": e[0],
            "target_id": e[1],
            "kind": "kooperation",
            "weight": e[2] if len(e) > 2 else None,
        }
        for e in edges
    ]
    links = frame("links", rows)
    ids = sorted({e[0] for e in edges} | {e[1] for e in edges} | set(extra_nodes))
    nodes = pd.DataFrame(
        {"id": ids, "name": [i.upper() for i in ids], "type": "kommune", "events": 1}
    )
    return nw.graph_from_frames(nodes, nw.aggregate_edges(links))


PATH = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")]
STAR = [("hub", leaf) for leaf in ("l1", "l2", "l3", "l4", "l5")]
# Two triangles joined by the bridge c–d, with weights.
BRIDGED = [
    ("a", "b", 2),
    ("b", "c", 2),
    ("a", "c", 2),
    ("c", "d", 1),
    ("d", "e", 3),
    ("e", "f", 3),
    ("d", "f", 3),
]


def _reference(graph: nx.Graph) -> pd.DataFrame:
    """The same metrics computed directly with networkx (weights as stored on the graph)."""
    between = nx.betweenness_centrality(graph, normalized=True)
    eigen = nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-8, weight="weight")
    return pd.DataFrame(
        {
            "id": list(graph),
            "degree": [graph.degree(n) for n in graph],
            "weighted_degree": [graph.degree(n, weight="weight") for n in graph],
            "betweenness": [between[n] for n in graph],
            "eigenvector": [eigen[n] for n in graph],
        }
    ).set_index("id")


@pytest.mark.parametrize("edges", [PATH, STAR, BRIDGED], ids=["path", "star", "bridged-triangles"])
def test_net001_metrics_equal_networkx(edges):
    graph = graph_of(edges)
    table = nw.metrics(graph).set_index("id")
    expected = _reference(graph)
    assert set(table.index) == set(expected.index)
    for column in ("degree", "weighted_degree"):
        assert table[column].reindex(expected.index).tolist() == expected[column].tolist()
    for column in ("betweenness", "eigenvector"):
        np.testing.assert_allclose(
            table[column].reindex(expected.index), expected[column], rtol=1e-9, atol=1e-12
        )


def test_net002_known_values_by_hand():
    star = nw.metrics(graph_of(STAR)).set_index("id")
    assert star.loc["hub", "betweenness"] == pytest.approx(1.0)
    assert (star.drop("hub")["betweenness"] == 0).all()
    assert star.loc["hub", "degree"] == 5

    path = nw.metrics(graph_of(PATH)).set_index("id")
    # P5: c lies on the paths a–d, a–e, b–d, b–e → 4 of the (4·3)/2 = 6 pairs.
    assert path.loc["c", "betweenness"] == pytest.approx(4 / 6)
    assert path.loc["a", "betweenness"] == 0

    bridged = nw.metrics(graph_of(BRIDGED)).set_index("id")
    assert bridged.loc["c", "weighted_degree"] == 5  # 2 + 2 + 1
    assert bridged.loc["d", "weighted_degree"] == 7  # 1 + 3 + 3
    # c lies on the shortest paths of {a, b} × {d, e, f}: 6 of the (5·4)/2 = 10 pairs.
    assert bridged.loc["c", "betweenness"] == pytest.approx(0.6)
    assert bridged.loc["d", "betweenness"] == pytest.approx(0.6)
    assert bridged.loc["a", "betweenness"] == 0


def test_net003_louvain_finds_the_two_triangles_and_brokers_sit_on_the_bridge():
    graph = graph_of(BRIDGED, extra_nodes=("alone",))
    table = nw.metrics(graph, broker_count=2).set_index("id")
    left = set(table.loc[["a", "b", "c"], "community"])
    right = set(table.loc[["d", "e", "f"], "community"])
    assert len(left) == 1 and len(right) == 1 and left != right
    assert left | right == {1, 2}
    assert pd.isna(table.loc["alone", "community"])
    assert set(table.index[table["broker"]]) == {"c", "d"}
    assert table.index[table["isolated"]].tolist() == ["alone"]
    assert table.loc["alone", "eigenvector"] == pytest.approx(0.0, abs=1e-6)


def test_net004_louvain_is_reproducible():
    graph = graph_of(BRIDGED)
    assert nw.communities(graph) == nw.communities(graph_of(list(reversed(BRIDGED))))


def test_net005_summary_equals_networkx():
    graph = graph_of(BRIDGED, extra_nodes=("alone",))
    summary = nw.summary(graph)
    assert summary["actors"] == 7
    assert summary["links"] == 7
    assert summary["density"] == pytest.approx(nx.density(graph)) == pytest.approx(7 / 21)
    assert summary["components"] == nx.number_connected_components(graph) == 2
    assert summary["largest_component"] == 6
    assert summary["clustering"] == pytest.approx(nx.average_clustering(graph))
    empty = nw.summary(nx.Graph())
    assert empty["actors"] == 0 and math.isnan(empty["density"])


def test_net006_parallel_links_of_a_pair_become_one_edge():
    links = frame(
        "links",
        [
            {"source_id": "a", "target_id": "b", "kind": "austausch", "weight": 1},
            {"source_id": "b", "target_id": "a", "kind": "projekt", "weight": 3},
            {"source_id": "a", "target_id": "a", "kind": "projekt", "weight": 3},
            {"source_id": "b", "target_id": "c", "kind": "kooperation", "weight": None},
        ],
    )
    edges = nw.aggregate_edges(links)
    assert edges.to_dict("records") == [
        {"source": "a", "target": "b", "kind": "projekt", "weight": 4.0, "links": 2},
        {"source": "b", "target": "c", "kind": "kooperation", "weight": 1.0, "links": 1},
    ]


def test_net007_graph_per_year_cumulative_and_single():
    selection = select(tiny_tables(), Filters())
    whole = nw.build_graph(selection)
    assert sorted(whole) == ["bonn", "kiel", "portal", "verein"]
    assert sorted(whole.edges) == [("bonn", "kiel"), ("bonn", "verein")]
    assert whole.nodes["bonn"]["events"] == 3 and whole.nodes["bonn"]["headcount"] == 6
    assert pd.isna(whole.nodes["portal"]["headcount"])

    first = nw.build_graph(selection, 2016, cumulative=True)
    assert (
        sorted(first) == ["bonn", "verein"] and first.number_of_edges() == 0
    )  # their link starts 2017

    single = nw.build_graph(selection, 2017, cumulative=False)
    assert sorted(single) == ["bonn", "kiel", "portal"]
    assert single.number_of_edges() == 0  # bonn–kiel ended 2016; verein was not there

    growth = nw.growth(selection, cumulative=True)
    assert growth[["year", "actors", "links", "components"]].values.tolist() == [
        [2016, 2, 0, 2],
        [2017, 4, 2, 2],
        [2018, 4, 2, 2],
    ]
    per_year = nw.growth(selection, cumulative=False)
    assert per_year[["year", "actors", "links"]].values.tolist() == [
        [2016, 2, 0],
        [2017, 3, 0],
        [2018, 2, 1],
    ]


def test_net008_ego_one_and_two_steps():
    graph = graph_of(PATH)
    assert sorted(nw.ego(graph, "c", 1)) == ["b", "c", "d"]
    assert sorted(nw.ego(graph, "c", 2)) == ["a", "b", "c", "d", "e"]
    assert sorted(nw.ego(graph, "a", 2)) == ["a", "b", "c"]
    assert nw.ego(graph, "nobody", 1).number_of_nodes() == 0
    assert nw.ego(graph, None, 1) is graph


def test_net009_pruning_by_weight_degree_and_top_n():
    graph = graph_of(BRIDGED, extra_nodes=("alone",))
    heavy = nw.prune(graph, nw.Pruning(min_weight=2))
    assert sorted(heavy.graph.edges) == [
        ("a", "b"),
        ("a", "c"),
        ("b", "c"),
        ("d", "e"),
        ("d", "f"),
        ("e", "f"),
    ]
    assert heavy.hidden_nodes == 0 and heavy.hidden_edges == 1

    linked = nw.prune(graph, nw.Pruning(min_degree=1))
    assert "alone" not in linked.graph and linked.hidden_nodes == 1

    both = nw.prune(graph, nw.Pruning(min_weight=3, min_degree=1))
    assert sorted(both.graph) == ["d", "e", "f"]

    top = nw.prune(graph, nw.Pruning(top_n=2))
    assert sorted(top.graph) == ["d", "e"]  # weighted degree d 7, e 6, f 6 (tie → id)
    assert top.hidden_nodes == 5

    kept = nw.prune(graph, nw.Pruning(top_n=2, min_degree=1), keep=["alone"])
    assert "alone" in kept.graph and kept.graph.number_of_nodes() == 2

    assert nw.prune(graph, nw.Pruning()).hidden_nodes == 0


def test_net010_positions_do_not_depend_on_filters_or_year():
    tables = tiny_tables()
    cache = Snapshot(version="test-version-1", tables=tables).scope()
    positions = nw.layout(tables["actors"], tables["links"], cache)
    assert sorted(positions.index) == ["bonn", "kiel", "portal", "verein"]
    assert np.isfinite(positions.to_numpy()).all()
    scenarios = [
        (Filters(), None, True),
        (Filters(types=("kommune",)), None, True),
        (Filters(year_from=2017), 2017, False),
        (Filters(states=("05",)), 2018, True),
        (Filters(), 2016, True),
    ]
    for filters, year, cumulative in scenarios:
        graph = nw.build_graph(select(tables, filters), year, cumulative)
        table = nw.metrics(graph)
        drawn = nw.node_frame(
            graph, table, nw.layout(tables["actors"], tables["links"], cache)
        ).set_index("id")
        assert len(drawn) == graph.number_of_nodes() > 0
        pd.testing.assert_frame_equal(
            drawn[["x", "y"]], positions.loc[drawn.index, ["x", "y"]], check_names=False
        )


def test_net011_layout_is_seeded_and_cached_per_version_and_data():
    tables = tiny_tables()
    first = nw.compute_layout(tables["actors"], tables["links"])
    again = nw.compute_layout(tables["actors"].iloc[::-1], tables["links"].iloc[::-1])
    pd.testing.assert_frame_equal(first, again)

    snapshot = Snapshot(version="v-cache", tables=tables)
    cached = nw.layout(tables["actors"], tables["links"], snapshot.scope())
    cached.loc["bonn", "x"] = 99.0  # callers get copies
    assert nw.layout(tables["actors"], tables["links"], snapshot.scope()).loc["bonn", "x"] != 99.0
    assert snapshot.cache.status()["views"]["network.layout"] == {"hits": 1, "misses": 1}

    # Another database (another app's cache) can have the same version string with other
    # data: no stale layout.
    more = pd.concat(
        [
            tables["actors"],
            frame(
                "actors", [{"id": "neu", "name": "Neu", "type": "initiative", "source": "sample"}]
            ),
        ]
    )
    other = Snapshot(version="v-cache", tables={**tables, "actors": more})
    assert "neu" in nw.layout(more, tables["links"], other.scope()).index


def test_net012_layout_keeps_parts_apart_and_ranges_hold_everything():
    actors = frame(
        "actors",
        [{"id": i, "name": i, "type": "kommune", "source": "sample"} for i in "abcdefgxyz"],
    )
    links = frame(
        "links",
        [
            {"source_id": s, "target_id": t, "kind": "kooperation", "weight": 1}
            for s, t in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("a", "e"), ("f", "g")]
        ],
    )
    positions = nw.compute_layout(actors, links)
    main = positions.loc[list("abcde")]
    assert main["x"].between(-1, 1).all() and main["y"].between(-1, 1).all()
    assert (positions.loc[["f", "g", "x", "y", "z"], "x"] > 1).all()  # beside the largest part
    (x0, x1), (y0, y1) = nw.axis_ranges(positions)
    assert x0 < positions["x"].min() and x1 > positions["x"].max()
    assert y0 < positions["y"].min() and y1 > positions["y"].max()


def test_net013_empty_selection_gives_empty_graph_and_tables():
    selection = select(tiny_tables(), Filters(year_from=2030))
    graph = nw.build_graph(selection)
    assert graph.number_of_nodes() == 0
    assert nw.metrics(graph).empty
    assert nw.growth(selection).empty


def test_net014_scope_network_is_cached_per_scope_frozen_and_tables_copied():
    tables = tiny_tables()
    selection = select(tables, Filters())
    cache = Snapshot(version="v", tables=tables).scope(Filters())
    network, table = nw.scope_network(selection, 2018, True, cache)
    graph = network.graph
    assert sorted(graph.edges) == sorted(nw.build_graph(selection, 2018, True).edges)
    pd.testing.assert_frame_equal(table, nw.metrics(nw.build_graph(selection, 2018, True)))
    with pytest.raises(nx.NetworkXError):
        graph.remove_node("bonn")
    table.loc[0, "degree"] = 99
    again_network, again_table = nw.scope_network(selection, 2018, True, cache)
    assert again_network.graph is graph and 99 not in again_table["degree"].tolist()

    # Same scope, different data (e.g. another database at the same version): recomputed.
    tables["links"].loc[0, "weight"] = 7
    changed = select(tables, Filters())
    other = Snapshot(version="v", tables=tables).scope(Filters())
    _, changed_table = nw.scope_network(changed, 2018, True, other)
    assert changed_table.set_index("id").loc["verein", "weighted_degree"] == 7


def test_net015_large_graphs_are_measured_in_igraph_like_networkx(monkeypatch):
    monkeypatch.setattr(measures, "BETWEENNESS_EXACT_LIMIT", 4)
    graph = graph_of(BRIDGED, extra_nodes=("alone",))
    monkeypatch.setattr(
        measures, "BETWEENNESS_SAMPLE", graph.number_of_nodes()
    )  # every source: exact
    first, second = nw.metrics(graph), nw.metrics(graph)
    pd.testing.assert_frame_equal(first, second)
    table = first.set_index("id")
    expected = _reference(graph)
    np.testing.assert_allclose(
        table["betweenness"].reindex(expected.index), expected["betweenness"], atol=1e-12
    )
    np.testing.assert_allclose(
        table["eigenvector"].reindex(expected.index), expected["eigenvector"], atol=1e-6
    )
    assert len(set(table.loc[["a", "b", "c"], "community"])) == 1
    assert set(table.loc[["a", "b", "c"], "community"]) != set(
        table.loc[["d", "e", "f"], "community"]
    )
    assert pd.isna(table.loc["alone", "community"])


def test_net016_sampled_betweenness_is_seeded_and_near_the_exact_value(monkeypatch):
    # The constants are read by measures, where they must be patched to take effect.
    monkeypatch.setattr(measures, "BETWEENNESS_EXACT_LIMIT", 10)
    monkeypatch.setattr(measures, "BETWEENNESS_SAMPLE", 30)  # of 43 actors
    graph = nx.relabel_nodes(nx.barbell_graph(20, 3), lambda node: f"n{node:02d}")
    exact = nx.betweenness_centrality(graph, normalized=True)
    first = nw.metrics(graph).set_index("id")["betweenness"]
    pd.testing.assert_series_equal(first, nw.metrics(graph).set_index("id")["betweenness"])
    # The path between the two bells (its ends included) carries every shortest path
    # between them: about half the pairs. The sample finds it and its size, not the exact value.
    path = {actor for actor, value in exact.items() if value > 0.5}
    assert first.idxmax() in path
    for actor in path:
        assert first[actor] == pytest.approx(exact[actor], rel=0.35)
    assert first[sorted(path)].tolist() != pytest.approx([exact[a] for a in sorted(path)])


def test_net017_big_parts_are_laid_out_deterministically():
    graph = nx.gnm_random_graph(1500, 3000, seed=5)  # above igraph's grid threshold
    actors = pd.DataFrame({"id": [f"a{node:04d}" for node in graph]})
    links = pd.DataFrame(
        {
            "source_id": [f"a{a:04d}" for a, _ in graph.edges],
            "target_id": [f"a{b:04d}" for _, b in graph.edges],
            "kind": "kooperation",
            "weight": 1.0,
        }
    )
    first = nw.compute_layout(actors, links)
    assert len(first) == 1500 and np.isfinite(first.to_numpy()).all()
    pd.testing.assert_frame_equal(first, nw.compute_layout(actors.iloc[::-1], links.iloc[::-1]))


def test_net020_growth_summary_equals_networkx_on_a_random_graph():
    graph = nx.gnm_random_graph(300, 700, seed=7)
    graph.add_nodes_from(range(300, 320))  # actors without links
    graph = nx.relabel_nodes(graph, {node: f"a{node:03d}" for node in graph})
    counted = nw.summary(graph)
    sizes = [len(part) for part in nx.connected_components(graph)]
    assert counted["actors"] == 320 and counted["links"] == 700
    assert counted["density"] == pytest.approx(nx.density(graph))
    assert counted["components"] == len(sizes)
    assert counted["largest_component"] == max(sizes)
    assert counted["clustering"] == pytest.approx(nx.average_clustering(graph))


def test_net021_readable_caps_what_is_drawn():
    assert nw.readable(nw.Pruning()).top_n == nw.MAX_DRAWN_NODES
    assert nw.readable(nw.Pruning(top_n=50)).top_n == 50
    assert nw.readable(nw.Pruning(min_weight=2, top_n=10_000)) == nw.Pruning(
        min_weight=2, top_n=nw.MAX_DRAWN_NODES
    )
    big = nx.star_graph(nw.MAX_DRAWN_NODES + 99)
    big = nx.relabel_nodes(big, {node: f"n{node:04d}" for node in big})
    drawn = nw.prune(big, nw.readable(nw.Pruning()))
    assert drawn.graph.number_of_nodes() == nw.MAX_DRAWN_NODES
    assert drawn.hidden_nodes == 100 and "n0000" in drawn.graph  # the hub ranks first


def test_net022_pruned_drawings_zoom_to_what_is_drawn():
    positions = pd.DataFrame(
        {"x": [-10.0, 0.0, 1.0, 10.0], "y": [-10.0, 0.0, 1.0, 10.0]}, index=list("abcd")
    )
    drawn = positions.loc[["b", "c"]].reset_index()
    assert nw.view_ranges(positions, drawn, hidden_nodes=0) == nw.axis_ranges(positions)
    (x0, x1), (y0, y1) = nw.view_ranges(positions, drawn, hidden_nodes=2)
    assert -1 < x0 < 0 and 1 < x1 < 2 and -1 < y0 < 0 and 1 < y1 < 2


def _in_threads(function, count: int = 3) -> list:
    """`function()` run at once in `count` new threads, as the server's request threads run."""
    results: list = [None] * count

    def run(index: int) -> None:
        results[index] = function()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_net022_communities_and_layout_are_the_same_in_any_thread(monkeypatch):
    # igraph keeps its random generator per thread: one set in the main thread only left
    # the server's request threads with an unseeded one (32, 34 or 35 communities of one
    # national network, a layout that differed per process).
    monkeypatch.setattr(measures, "BETWEENNESS_EXACT_LIMIT", 10)
    graph = nx.relabel_nodes(nx.gnm_random_graph(600, 1500, seed=3), lambda n: f"a{n:04d}")
    here = nw.metrics(graph).set_index("id")["community"]
    for there in _in_threads(lambda: nw.metrics(graph).set_index("id")["community"]):
        pd.testing.assert_series_equal(there, here)
    actors = pd.DataFrame({"id": sorted(graph)})
    links = pd.DataFrame(
        {
            "source_id": [a for a, _ in graph.edges],
            "target_id": [b for _, b in graph.edges],
            "kind": "kooperation",
            "weight": 1.0,
        }
    )
    placed = nw.compute_layout(actors, links)
    for there in _in_threads(lambda: nw.compute_layout(actors, links), count=2):
        pd.testing.assert_frame_equal(there, placed)
