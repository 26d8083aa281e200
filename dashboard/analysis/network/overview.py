"""The network as its communities: one node per community, the first picture of a network
too large to read actor by actor.

A community is what `measures.communities` found (Louvain, numbered by size). It is named
by what it is: its best linked members and the Bundesland most of them come from. It sits
at the centre of its members' places in the network's fixed layout, so the overview and a
community's own network keep the same geography.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

# Above this many actors in view the page opens with the communities (as many as the
# detailed drawing shows at most: analysis.network.graph.MAX_DRAWN_NODES).
OVERVIEW_ABOVE = 400
# The largest communities drawn; the rest (often pairs and triples) are counted in the
# caption. Forty nodes with their names still read at a glance.
MOST_COMMUNITIES = 40
NAMED_MEMBERS = 2
# Lines drawn per community: its strongest ties to others. Every pair of forty
# communities would be 780 lines, a grey veil over the picture.
TIES_PER_COMMUNITY = 3
SEED = 7

NODE_COLUMNS = [
    "community",
    "actors",
    "headcount",
    "links_inside",
    "x",
    "y",
    "members",
    "state",
    "state_share",
]
EDGE_COLUMNS = ["source", "target", "links", "weight"]


def community_nodes(
    table: pd.DataFrame, pairs: pd.DataFrame, positions: pd.DataFrame, states: pd.Series
) -> pd.DataFrame:
    """One row per community of the scope (`table`: its metrics, with `community`): size,
    known people, links inside, centre in the layout, the names of its best linked members
    (by weighted degree, ties by name) and its main Bundesland with that state's share of
    the members whose state is known. Largest first."""
    members = table[table["community"].notna()].copy()
    if members.empty:
        return pd.DataFrame(columns=NODE_COLUMNS)
    members["community"] = members["community"].astype("int64")
    placed = positions.reindex(members["id"])
    members["x"], members["y"] = placed["x"].to_numpy(), placed["y"].to_numpy()
    members["state"] = states.reindex(members["id"]).to_numpy()
    members = members.sort_values(
        ["community", "weighted_degree", "name"], ascending=[True, False, True]
    )
    grouped = members.groupby("community", sort=True)
    # The first names of each community in one pass: a national network has thousands of
    # communities, and a function per group cost more than all the rest.
    named: dict[int, list[str]] = {}
    best = members[grouped.cumcount() < NAMED_MEMBERS]
    for community, name in zip(best["community"].tolist(), best["name"].tolist(), strict=True):
        named.setdefault(community, []).append(str(name))
    nodes = pd.DataFrame(
        {
            "actors": grouped["id"].size(),
            "headcount": grouped["headcount"].sum(min_count=1).astype("Int64"),
            "x": grouped["x"].mean(),
            "y": grouped["y"].mean(),
        }
    )
    nodes["members"] = [named[community] for community in nodes.index]
    state, share = _main_states(members)
    nodes["state"] = state.reindex(nodes.index).astype(object)
    nodes["state_share"] = share.reindex(nodes.index).fillna(0.0).astype("float64")
    inside = pairs[pairs["source"] == pairs["target"]].groupby("source").size()
    nodes["links_inside"] = inside.reindex(nodes.index, fill_value=0).astype("int64")
    nodes = nodes.reset_index().sort_values(["actors", "community"], ascending=[False, True])
    return nodes[NODE_COLUMNS].reset_index(drop=True)


def _main_states(members: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Per community the Bundesland most of its members (with a known state) come from,
    ties by state code, and that state's share of them. One grouping for all communities:
    a national network has thousands of small ones."""
    known = members.dropna(subset=["state"])
    counts = known.groupby(["community", "state"]).size().rename("members").reset_index()
    top = (
        counts.sort_values(["community", "members", "state"], ascending=[True, False, True])
        .drop_duplicates("community")
        .set_index("community")
    )
    totals = known.groupby("community").size()
    return top["state"], top["members"] / totals.reindex(top.index)


def community_pairs(edges: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Per edge (`edges`: source, target, weight) between two actors with a community
    (`table`'s): the two communities (lower number first; the same twice for a link inside
    one) and its weight. Computed once, it serves the counts inside and between communities
    alike."""
    members = table[table["community"].notna()]
    community = pd.Series(members["community"].astype("int64").to_numpy(), index=members["id"])
    first = community.reindex(edges["source"]).to_numpy()
    second = community.reindex(edges["target"]).to_numpy()
    known = pd.notna(first) & pd.notna(second)
    first, second = first[known].astype("int64"), second[known].astype("int64")
    return pd.DataFrame(
        {
            "source": np.minimum(first, second),
            "target": np.maximum(first, second),
            "weight": edges["weight"].to_numpy(dtype="float64")[known],
        }
    )


def community_edges(pairs: pd.DataFrame, shown: pd.Series) -> pd.DataFrame:
    """The collaborations between the communities in `shown` (`pairs`: community_pairs):
    one row per pair, with the number of links and their summed weight, most links first."""
    between = pairs[
        (pairs["source"] != pairs["target"])
        & pairs["source"].isin(shown)
        & pairs["target"].isin(shown)
    ]
    if between.empty:
        return pd.DataFrame(columns=EDGE_COLUMNS)
    edges = (
        between.groupby(["source", "target"], sort=True)
        .agg(links=("weight", "size"), weight=("weight", "sum"))
        .reset_index()
        .sort_values(["links", "source", "target"], ascending=[False, True, True])
    )
    return edges[EDGE_COLUMNS].reset_index(drop=True)


def strongest_ties(edges: pd.DataFrame, per_community: int = TIES_PER_COMMUNITY) -> pd.DataFrame:
    """The edges that are among the `per_community` strongest (by links) of either end,
    most links first."""
    if edges.empty:
        return edges
    ends = pd.concat(
        [
            edges.assign(end=edges["source"]).reset_index(),
            edges.assign(end=edges["target"]).reset_index(),
        ]
    ).sort_values(["end", "links", "index"], ascending=[True, False, True])
    chosen = ends.groupby("end").head(per_community)["index"].unique()
    return edges.loc[sorted(chosen)].reset_index(drop=True)


def spread(nodes: pd.DataFrame, edges: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """`nodes` with x, y moved apart: a seeded spring layout of the communities, started
    from their centres in the network's layout (so the picture keeps its geography) and
    pulled together by their links, so that forty circles do not sit on one another."""
    if len(nodes) < 2:
        return nodes
    graph = nx.Graph()
    graph.add_nodes_from(nodes["community"].astype(int))
    top = float(edges["links"].max()) if not edges.empty else 1.0
    graph.add_weighted_edges_from(
        (int(a), int(b), float(links) / top)
        for a, b, links in zip(edges["source"], edges["target"], edges["links"], strict=True)
    )
    xy = nodes[["x", "y"]].to_numpy(dtype="float64")
    centre, scale = xy.mean(axis=0), float(np.abs(xy - xy.mean(axis=0)).max()) or 1.0
    start = {
        int(c): tuple((row - centre) / scale) for c, row in zip(nodes["community"], xy, strict=True)
    }
    moved = nx.spring_layout(
        graph, pos=start, k=2.0 / np.sqrt(len(nodes)), iterations=200, seed=seed, weight="weight"
    )
    spread_out = nodes.copy()
    spread_out["x"] = [float(moved[int(c)][0]) for c in nodes["community"]]
    spread_out["y"] = [float(moved[int(c)][1]) for c in nodes["community"]]
    return spread_out


def members_of(table: pd.DataFrame, community: int) -> list[str]:
    """The ids of the actors in `community` (empty when there is none of that number)."""
    chosen = table[table["community"].astype("Int64") == community]
    return [str(actor_id) for actor_id in chosen["id"]]
