"""Speed must not change an answer: each faster path against a plain reference, on seeded
random filter settings (benchmarks.cold) and random chosen actors of the sample."""

from __future__ import annotations

import itertools
import random

import igraph
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from benchmarks.cold import Choices, cold_searches
from dashboard import schema
from dashboard.analysis import compare, peers, topics
from dashboard.analysis.network import graph, measures
from dashboard.analysis.network.scope import (
    STRUCTURE_COLUMNS,
    ScopeNetwork,
    metrics_of,
    structure_of,
)
from dashboard.analysis.selection import (
    Selection,
    active_links,
    index_of,
    participations_of,
    select,
    select_in,
)
from dashboard.analysis.topic_rows import topic_rows_of
from dashboard.sample.small import generate
from dashboard.state.filters import Filters
from dashboard.store import Snapshot


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return Snapshot(version="sample", tables=generate())


def _settings(snapshot: Snapshot, count: int) -> list[Filters]:
    years = snapshot.tables["events"]["year"]
    choices = Choices(
        years=(int(years.min()), int(years.max())),
        topics=tuple(snapshot.tables["topics"]["id"]),
    )
    searches = itertools.islice(cold_searches(choices, seed=22), count)
    return [Filters.from_search(search) for search in searches]


def _topic_counts_reference(tables, selection, ids) -> pd.DataFrame:
    """The former topic_counts: every attendance row merged with the chosen pairs."""
    attendance = tables["attendance"]
    pairs = selection.participation.loc[
        selection.participation["actor_id"].isin(ids), ["event_id", "actor_id"]
    ]
    rows = attendance[attendance["session_id"].notna()].merge(pairs, on=["event_id", "actor_id"])
    rows = rows.merge(tables["session_topics"], on="session_id")
    return (
        rows.drop_duplicates(["actor_id", "topic_id", "event_id", "session_id"])
        .groupby(["actor_id", "topic_id"])
        .size()
    )


def _select_reference(tables, filters: Filters) -> Selection:
    """The former selection: text ids compared with isin, frames merged by text keys."""
    events, actors = tables["events"], tables["actors"]
    if filters.year_from is not None:
        events = events[events["year"] >= filters.year_from]
    if filters.year_to is not None:
        events = events[events["year"] <= filters.year_to]
    if filters.event:
        events = events[events["id"] == filters.event]
    if filters.types:
        actors = actors[actors["type"].isin(filters.types)]
    if filters.states:
        actors = actors[actors["state"].isin(filters.states)]
    part = participations_of(tables)
    part = part[part["event_id"].isin(events["id"]) & part["actor_id"].isin(actors["id"])]
    if filters.topic:
        topics = tables["topics"]
        topic_ids = topics.loc[(topics["id"] == filters.topic) | (topics["name"] == filters.topic)]
        sessions = tables["session_topics"].loc[
            tables["session_topics"]["topic_id"].isin(topic_ids["id"]), "session_id"
        ]
        attendance = tables["attendance"]
        pairs = attendance.loc[attendance["session_id"].isin(sessions), ["event_id", "actor_id"]]
        part = part.merge(pairs.drop_duplicates(), on=["event_id", "actor_id"])
    if filters.types or filters.states or filters.topic:
        events = events[events["id"].isin(part["event_id"])]
    part = part.merge(events[["id", "year"]].rename(columns={"id": "event_id"}), on="event_id")
    actors = actors[actors["id"].isin(part["actor_id"])]
    years = (int(events["year"].min()), int(events["year"].max())) if len(events) else None
    return Selection(
        events=events.sort_values(["year", "id"]).reset_index(drop=True),
        actors=actors.reset_index(drop=True),
        participation=part.reset_index(drop=True),
        links=active_links(tables["links"], actors["id"], years),
        year_range=years,
    )


def test_fast001_selections_by_position_equal_their_reference(snapshot):
    index = index_of(snapshot.tables)
    settings = [*_settings(snapshot, 40), Filters(event="2017-duesseldorf"), Filters(topic="x")]
    for filters in settings:
        kept = select_in(snapshot, filters)
        again = select_in(snapshot, filters.with_changes(lang="en"))  # from the cache
        fresh = select(snapshot.tables, filters, index)
        reference = _select_reference(snapshot.tables, filters)
        for name in ("events", "actors", "participation", "links"):
            assert_frame_equal(getattr(fresh, name), getattr(reference, name))
            assert_frame_equal(getattr(kept, name), getattr(reference, name))
            assert_frame_equal(getattr(again, name), getattr(reference, name))
        assert kept.year_range == fresh.year_range == reference.year_range


def test_fast009_selection_index_drops_rows_whose_ids_are_missing(snapshot):
    tables = dict(snapshot.tables)
    gone = tables["actors"]["id"].iloc[0]
    tables["actors"] = tables["actors"].iloc[1:]
    tables["events"] = tables["events"].iloc[1:]
    for filters in _settings(snapshot, 10):
        chosen = select(tables, filters)
        reference = _select_reference(tables, filters)
        assert gone not in set(chosen.participation["actor_id"])
        for name in ("events", "actors", "participation", "links"):
            assert_frame_equal(getattr(chosen, name), getattr(reference, name))


def test_fast002_topic_counts_and_peer_ranks_equal_their_reference(snapshot):
    tables = snapshot.tables
    rng = random.Random(22)
    actor_ids = sorted(tables["actors"]["id"])
    population = peers.populations_of(tables)
    groups = peers.peer_groups(tables["actors"], population)
    for filters in _settings(snapshot, 25):
        selection = select_in(snapshot, filters)
        ids = rng.sample(actor_ids, 4)
        counts = compare.topic_counts(tables, selection, ids)
        shown = counts[counts["sessions"] > 0].set_index(["actor_id", "topic_id"])["sessions"]
        reference = _topic_counts_reference(tables, selection, ids)
        assert shown.sort_index().to_dict() == reference.sort_index().to_dict()
        assert_frame_equal(
            compare.peer_ranks(tables, selection, ids, population, groups),
            compare.peer_ranks(tables, selection, ids, population),
        )


def _growth_reference(selection, cumulative: bool) -> pd.DataFrame:
    """The former growth: each year's participations and aggregated links as frames."""
    rows = []
    for year in graph.scope_years(selection):
        ids = graph.scope_participation(selection, year, cumulative)["actor_id"].astype(str)
        edges = graph.aggregate_edges(graph.scope_links(selection.links, year, cumulative))
        pairs = zip(edges["source"], edges["target"], strict=False)
        rows.append({"year": year, **measures.summary_of(ids, pairs)})
    return pd.DataFrame(rows, columns=measures.GROWTH_COLUMNS)


@pytest.mark.parametrize("cumulative", [True, False])
def test_fast003_network_growth_equals_its_reference(snapshot, cumulative):
    for filters in _settings(snapshot, 15):
        selection = select_in(snapshot, filters)
        assert_frame_equal(
            measures.growth(selection, cumulative), _growth_reference(selection, cumulative)
        )


def _nodes_reference(selection, year, cumulative) -> pd.DataFrame:
    """The former build_graph's node table: a group-by over the text ids."""
    part = graph.scope_participation(selection, year, cumulative)
    grouped = part.assign(actor_id=part["actor_id"].astype(str)).groupby("actor_id")
    ids = pd.Index(sorted(str(actor_id) for actor_id in grouped.groups), name="id")
    return pd.DataFrame(
        {
            "events": grouped["event_id"].nunique().reindex(ids).fillna(0).astype("int64"),
            "headcount": grouped["headcount"].sum(min_count=1).reindex(ids).astype("Int64"),
        },
        index=ids,
    )


@pytest.mark.parametrize("cumulative", [True, False])
def test_fast004_network_nodes_equal_their_reference(snapshot, cumulative):
    for filters in _settings(snapshot, 15):
        selection = select_in(snapshot, filters)
        for year in [None, *graph.scope_years(selection)[-2:]]:
            built = graph.build_graph(selection, year, cumulative)
            nodes = pd.DataFrame.from_dict(dict(built.nodes(data=True)), orient="index")
            reference = _nodes_reference(selection, year, cumulative)
            assert list(built) == list(reference.index)
            if len(reference):
                assert nodes["events"].tolist() == reference["events"].tolist()
                assert [None if pd.isna(v) else int(v) for v in nodes["headcount"]] == [
                    None if pd.isna(v) else int(v) for v in reference["headcount"]
                ]


def test_fast005_metrics_from_frames_equal_those_of_the_networkx_graph(snapshot, monkeypatch):
    # A low limit measures the sample's networks the way a national one is measured.
    limit = 10
    monkeypatch.setattr(measures, "BETWEENNESS_EXACT_LIMIT", limit)
    large = 0
    for filters in _settings(snapshot, 12):
        selection = select_in(snapshot, filters)
        for year in [None, *graph.scope_years(selection)[-2:]]:
            for cumulative in (True, False):
                reference_graph = graph.build_graph(selection, year, cumulative)
                network = ScopeNetwork(*graph.scope_frames(selection, year, cumulative))
                assert list(network.graph.edges(data=True)) == list(
                    reference_graph.edges(data=True)
                )
                fast = metrics_of(network)
                reference = measures.metrics(reference_graph)
                assert_frame_equal(fast, reference, check_exact=False, rtol=1e-12, atol=1e-15)
                by_id = reference.sort_values("id").reset_index(drop=True)
                assert_frame_equal(structure_of(network), by_id[STRUCTURE_COLUMNS])
                large += network.size > limit
    assert large > 0


def _edges_reference(links: pd.DataFrame) -> pd.DataFrame:
    """The former aggregate_edges: a sort and group-by over the text ids."""
    a = links["source_id"].astype(str).to_numpy()
    b = links["target_id"].astype(str).to_numpy()
    rank = {kind: i for i, kind in enumerate(schema.LINK_KINDS)}
    frame = pd.DataFrame(
        {
            "source": np.minimum(a, b),
            "target": np.maximum(a, b),
            "kind": links["kind"].to_numpy(),
            "weight": pd.to_numeric(links["weight"], errors="coerce").fillna(1.0).to_numpy(),
            "kind_rank": links["kind"].map(rank).to_numpy(),
        }
    )
    frame = frame[frame["source"] != frame["target"]].sort_values(
        ["source", "target", "weight", "kind_rank"], ascending=[True, True, False, True]
    )
    grouped = frame.groupby(["source", "target"], sort=True)
    return pd.DataFrame(
        {
            "kind": grouped["kind"].first(),
            "weight": grouped["weight"].sum(),
            "links": grouped.size(),
        }
    ).reset_index()


def test_fast006_edges_of_a_scope_equal_their_reference(snapshot):
    links = snapshot.tables["links"]
    # Both directions of a pair, a tie in weight between kinds, a missing weight, a self-link.
    extra = pd.DataFrame(
        {
            "source_id": ["x2", "x1", "x1", "x1", "x3"],
            "target_id": ["x1", "x2", "x2", "x3", "x3"],
            "kind": ["projekt", "kooperation", "austausch", "projekt", "projekt"],
            "weight": [2.0, 2.0, 1.5, None, 4.0],
        }
    )
    every = pd.concat([links, extra], ignore_index=True)
    assert_frame_equal(graph.aggregate_edges(every), _edges_reference(every))
    for filters in _settings(snapshot, 12):
        selection = select_in(snapshot, filters)
        for year in [None, *graph.scope_years(selection)[-2:]]:
            scoped = graph.scope_links(selection.links, year, cumulative=False)
            assert_frame_equal(graph.aggregate_edges(scoped), _edges_reference(scoped))


def _numbered_reference(nodes, membership, linked) -> list[int | None]:
    """The former numbering: groups of linked nodes by size, then by smallest id."""
    groups: dict[int, list[str]] = {}
    for node, group, has_link in zip(nodes, membership, linked, strict=True):
        if has_link:
            groups.setdefault(group, []).append(node)
    ordered = sorted(groups.values(), key=lambda members: (-len(members), min(members)))
    number = {node: rank for rank, members in enumerate(ordered, start=1) for node in members}
    return [number.get(node) for node in nodes]


def test_fast007_communities_are_numbered_as_before():
    rng = random.Random(7)
    for size in (30, 300):
        shape = igraph.Graph.Erdos_Renyi(n=size, m=size, loops=False)
        nodes = [f"a{rng.randrange(10**6):06d}-{i}" for i in range(size)]  # not in id order
        weights = [float(rng.randint(1, 5)) for _ in range(shape.ecount())]
        linked = [degree > 0 for degree in shape.degree()]
        with graph.seeded_igraph(graph.SEED):
            membership = shape.community_multilevel(weights=weights).membership
        expected = _numbered_reference(nodes, membership, linked)
        assert measures.igraph_communities(shape, weights, nodes, linked) == expected
        assert None in expected and max(n for n in expected if n) > 3


def test_fast008_eigenvector_over_arrays_equals_networkx():
    rng = random.Random(8)
    # Connected, scattered into pairs (networkx's iteration does not settle there and falls
    # back to the dense solution), and weighted.
    for n, m in ((60, 200), (250, 20), (120, 300)):
        shape = nx.gnm_random_graph(n, m, seed=rng.randrange(1000))
        for a, b in shape.edges:
            shape.edges[a, b]["weight"] = float(rng.randint(1, 5))
        edges = list(shape.edges(data="weight"))
        fast = measures.eigenvector_of_edges(
            n,
            np.array([a for a, _, _ in edges]),
            np.array([b for _, b, _ in edges]),
            np.array([w for _, _, w in edges]),
        )
        reference = measures.eigenvector(shape)
        np.testing.assert_allclose(fast, [reference[node] for node in range(n)], atol=1e-9)


def _topic_attendance_reference(tables, selection) -> pd.DataFrame:
    """The former topic attendance: attendance merged with sessions, topics and actors by
    text ids for every setting."""
    rows = topics.session_topics(tables, selection)
    attendance = tables["attendance"]
    attendance = attendance[
        attendance["session_id"].isin(rows["session_id"])
        & attendance["actor_id"].isin(selection.actors["id"])
    ]
    attendance = attendance.assign(
        headcount=pd.to_numeric(attendance["headcount"], errors="coerce").astype("Int64")
    )
    merged = attendance[["event_id", "actor_id", "session_id", "headcount"]].merge(
        rows[["session_id", "year", "topic_id", "topic"]], on="session_id"
    )
    return merged.merge(
        selection.actors[["id", "type"]].rename(columns={"id": "actor_id"}), on="actor_id"
    )


def _topic_year_reference(tables, selection) -> pd.DataFrame:
    rows = topics.session_topics(tables, selection)
    keys = ["topic_id", "topic", "year"]
    sessions = rows.groupby(keys)["session_id"].nunique().rename("sessions")
    grouped = _topic_attendance_reference(tables, selection).groupby(keys)
    counts = pd.DataFrame(
        {
            "actors": grouped["actor_id"].nunique(),
            "headcount": grouped["headcount"].sum(min_count=0),
            "unknown": grouped["headcount"].size() - grouped["headcount"].count(),
        }
    )
    result = pd.DataFrame(sessions).join(counts, how="left").fillna(0).astype("int64")
    return result.reset_index().sort_values(["topic", "year"], ignore_index=True)


def _topics_by_type_reference(tables, selection) -> pd.DataFrame:
    merged = _topic_attendance_reference(tables, selection)
    merged = merged.assign(pair=merged["event_id"] + "\x1f" + merged["actor_id"])
    grouped = merged.groupby(["topic_id", "topic", "type"])
    return (
        pd.DataFrame(
            {
                "actors": grouped["pair"].nunique(),
                "headcount": grouped["headcount"].sum(min_count=0),
                "unknown": grouped["headcount"].size() - grouped["headcount"].count(),
            }
        )
        .astype("int64")
        .reset_index()
        .astype({"topic_id": object, "topic": object, "type": object})  # the tables' text type
    )


def test_fast010_topics_by_year_and_type_equal_their_reference(snapshot):
    tables = snapshot.tables
    rows = topic_rows_of(tables)
    for filters in [*_settings(snapshot, 40), Filters(year_from=2030)]:
        selection = select(tables, filters)
        per_year = topics.topic_year(tables, selection, rows)
        reference = _topic_year_reference(tables, selection)
        if reference.empty:
            assert per_year.empty
            continue
        assert_frame_equal(per_year, reference[per_year.columns])
        by_type = topics.topics_by_type(tables, selection, rows)
        keys = ["topic_id", "type"]
        assert_frame_equal(
            by_type.sort_values(keys, ignore_index=True),
            _topics_by_type_reference(tables, selection)[by_type.columns].sort_values(
                keys, ignore_index=True
            ),
        )


def _session_attendance_reference(tables, selection) -> pd.DataFrame:
    """The former session attendance: every selected event's sessions, text ids by isin."""
    sessions = tables["sessions"]
    session_ids = sessions.loc[sessions["event_id"].isin(selection.events["id"]), "id"]
    attendance = tables["attendance"]
    rows = attendance[
        attendance["session_id"].isin(session_ids)
        & attendance["actor_id"].isin(selection.actors["id"])
    ]
    rows = rows.assign(headcount=pd.to_numeric(rows["headcount"], errors="coerce").astype("Int64"))
    grouped = rows.groupby("session_id")
    return pd.DataFrame(
        {
            "actors": grouped["actor_id"].nunique(),
            "headcount": grouped["headcount"].sum(min_count=0),
            "unknown": grouped["headcount"].size() - grouped["headcount"].count(),
        }
    ).reindex(pd.Index(session_ids.unique(), name="session_id"), fill_value=0)


def test_fast011_session_attendance_of_an_event_equals_its_reference(snapshot):
    tables = snapshot.tables
    index = index_of(tables)
    compared = 0
    for filters in _settings(snapshot, 30):
        selection = select(tables, filters, index)
        reference = _session_attendance_reference(tables, selection)
        for event_id in selection.events["id"]:
            listed = topics.event_sessions(tables, selection, event_id, index)
            expected = reference.reindex(listed["session_id"])
            for column in ("actors", "headcount", "unknown"):
                assert listed[column].tolist() == expected[column].astype("int64").tolist()
            compared += len(listed)
    assert compared > 100
