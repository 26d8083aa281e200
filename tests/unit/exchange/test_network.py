"""Nodes and edges → new actors and links, by the matcher's decision per node."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.exchange.cli import REPORT_COLUMNS
from dashboard.exchange.network.files import Edge, Node, RawNetwork
from dashboard.exchange.network.links import build


@dataclass(frozen=True)
class _Decision:
    decision: str
    actor_id: str | None
    score: float

    def reason(self, lang: str = "de") -> str:
        return f"{self.decision} ({lang})"


class _Matcher:
    """Decides by name from a fixed table and records the queries it was asked."""

    def __init__(self, decisions: dict[str, tuple[str, str | None, float]]) -> None:
        self.decisions = decisions
        self.queries = []

    def decide(self, query):
        self.queries.append(query)
        return _Decision(*self.decisions.get(query.name, ("new", None, 10.0)))


def _network(nodes: list[Node], edges: list[Edge]) -> RawNetwork:
    network = RawNetwork("netz.graphml", {node.key: node for node in nodes}, edges)
    network.headers[("actors", "state")] = "Bundesland"
    return network


def _frame(parsed, table: str) -> list[dict]:
    frame = parsed.tables[table].frame
    return frame.drop(columns="__row__").to_dict("records")


def test_net001_matched_new_and_review_nodes():
    network = _network(
        [
            Node(1, "a", "Stadt Bonn", {"type": "Kommune", "state": "NRW"}),
            Node(2, "b", "Neue Initiative", {"type": "initiative"}),
            Node(3, "c", "Unklar", {}),
            Node(4, "d", "Ohne Typ", {"lat": "50,1", "lon": "7,2"}),
        ],
        [
            Edge(1, "a", "b", {"kind": "Projekt"}),
            Edge(2, "b", "c"),
            Edge(3, "d", "a", {"weight": "2"}),
        ],
    )
    matcher = _Matcher({"Stadt Bonn": ("matched", "bonn", 97.5), "Unklar": ("review", None, 71.0)})
    result = build(network, {"bonn", "neue-initiative"}, matcher)

    assert result.parsed.ok
    report = result.report()
    assert all(tuple(record) == REPORT_COLUMNS for record in report)
    assert report == [
        {
            "row": 1,
            "name": "Stadt Bonn",
            "decision": "matched",
            "actor_id": "bonn",
            "score": 97.5,
            "reason": "matched (de)",
        },
        {
            "row": 2,
            "name": "Neue Initiative",
            "decision": "new",
            "actor_id": None,
            "score": 10.0,
            "reason": "new (de)",
        },
        {
            "row": 3,
            "name": "Unklar",
            "decision": "review",
            "actor_id": None,
            "score": 71.0,
            "reason": "review (de)",
        },
        {
            "row": 4,
            "name": "Ohne Typ",
            "decision": "new",
            "actor_id": None,
            "score": 10.0,
            "reason": "new (de)",
        },
    ]
    # The file's values reach the matcher in canonical form; a missing type is not guessed.
    assert matcher.queries[0].state == "05" and matcher.queries[0].type == "kommune"
    assert matcher.queries[3].type is None
    actors = _frame(result.parsed, "actors")
    assert [(a["id"], a["name"], a["type"]) for a in actors] == [
        ("neue-initiative-2", "Neue Initiative", "initiative"),  # "neue-initiative" is taken
        ("ohne-typ", "Ohne Typ", "organisation"),
    ]
    assert actors[1]["lat"] == 50.1 and actors[1]["lon"] == 7.2
    # The review node's link is left out; the others join the actors, smaller id first.
    assert [
        (link["source_id"], link["target_id"], link["kind"], link["weight"])
        for link in _frame(result.parsed, "links")
    ] == [
        ("bonn", "neue-initiative-2", "projekt", 1.0),
        ("bonn", "ohne-typ", "kooperation", 2.0),
    ]
    keys = {(p.message_key, p.row) for p in result.parsed.problems}
    assert {
        ("network_review", 3),
        ("network_type_assumed", 4),
        ("network_links_skipped", None),
    } <= keys


def test_net002_duplicate_and_self_edges_are_not_errors():
    network = _network(
        [Node(1, "a", "Bonn"), Node(2, "b", "Bundesstadt Bonn"), Node(3, "c", "Köln")],
        [
            Edge(1, "a", "c"),
            Edge(2, "c", "a", {"kind": "Kooperation"}),
            Edge(3, "a", "b"),
            Edge(4, "a", "c", {"kind": "austausch"}),
        ],
    )
    matcher = _Matcher(
        {
            "Bonn": ("matched", "bonn", 100.0),
            "Bundesstadt Bonn": ("matched", "bonn", 92.0),
            "Köln": ("matched", "koeln", 100.0),
        }
    )
    result = build(network, {"bonn", "koeln"}, matcher)
    assert result.parsed.ok and "actors" not in result.parsed.tables
    assert [
        (link["source_id"], link["target_id"], link["kind"])
        for link in _frame(result.parsed, "links")
    ] == [
        ("bonn", "koeln", "kooperation"),
        ("bonn", "koeln", "austausch"),
    ]
    keys = {(p.message_key, p.row) for p in result.parsed.problems}
    assert ("network_duplicate_edge", 2) in keys and ("network_self_link", 3) in keys


def test_net003_same_new_name_twice_is_one_actor():
    network = _network(
        [Node(1, "x1", "Neu e. V."), Node(2, "x2", "Neu e. V."), Node(3, "y", "Andere")],
        [Edge(1, "x1", "y"), Edge(2, "x2", "y")],
    )
    result = build(network, set(), _Matcher({}))
    assert [a["id"] for a in _frame(result.parsed, "actors")] == ["neu-e-v", "andere"]
    assert len(_frame(result.parsed, "links")) == 1


def test_net004_bad_values_reject_with_the_files_column_names():
    network = _network([Node(5, "a", "Bonn", {"state": "Atlantis", "type": "Person"})], [])
    result = build(network, set(), _Matcher({}))
    assert not result.parsed.ok and result.nodes == []
    found = {(p.message_key, p.row, p.column) for p in result.parsed.problems if p.is_error}
    assert found == {("unknown_state", 5, "Bundesland"), ("unknown_value", 5, "type")}
