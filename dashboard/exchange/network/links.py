"""A network file's nodes and edges as actors and links, ready for plan, commit and undo.

Every node is matched to the stored actors by name with the matcher the list imports use
(`matching.Matcher`), given what the file says about the node (type, state, AGS, city):

- matched: the node is that actor. The stored actor is not changed by a network file.
- new: a new actor with the file's type, place and coordinates, its id made from its name
  (unique). A node without a type becomes an "organisation" (warning). Nodes of one file
  with the same name and state are one new actor.
- review: the matcher is unsure. The node and every edge at it are left out and reported.

Edges become links between the actors of their ends. An edge without a kind is a
"kooperation" (note); edges in both directions or several between the same two actors are
one link (links are undirected); an edge whose ends are one actor is left out (warning).
Values are checked by `validate`, with the same messages as any import.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from dashboard.exchange import aliases, values
from dashboard.exchange.lists.matching import MATCHED, NEW, REVIEW, NameQuery
from dashboard.exchange.network.files import RawNetwork
from dashboard.exchange.plan import unique_id
from dashboard.exchange.problems import INFO, WARNING, Problem, has_errors, make
from dashboard.exchange.readers import RawDataset, RawTable
from dashboard.exchange.validate import Parsed, ParsedTable, validate
from dashboard.i18n.folding import slug

DEFAULT_TYPE = "organisation"
DEFAULT_KIND = "kooperation"
_NODE_COLUMNS = ("name", "type", "ags", "state", "city", "lat", "lon", "website")
_EDGE_COLUMNS = ("kind", "since_year", "until_year", "weight")


@dataclass(frozen=True)
class NodeReport:
    row: int
    name: str
    decision: str
    actor_id: str | None  # the matched actor; None for new and review
    score: float
    reason: str


@dataclass
class NetworkImport:
    parsed: Parsed
    nodes: list[NodeReport]

    def report(self) -> list[dict]:
        """One record per node, in file order (the columns of the list import's report)."""
        return [dataclasses.asdict(node) for node in self.nodes]

    def count(self, decision: str) -> int:
        return sum(node.decision == decision for node in self.nodes)


def build(network: RawNetwork, stored_ids: set[str], matcher, lang: str = "de") -> NetworkImport:
    """`network` as a Parsed with the new actors and the links; `stored_ids` are the ids
    taken by stored actors, `matcher` decides each node (`Matcher.decide`)."""
    problems = list(network.problems)
    nodes = list(network.nodes.values())
    node_problems: list[Problem] = []
    typed = _typed_nodes(network, nodes, node_problems)
    if typed is None or has_errors(node_problems):
        return NetworkImport(Parsed(network.file_name, problems=problems + node_problems), [])
    frame = typed.frame
    reports, ids, new_rows = [], {}, {}
    new_by_name: dict[tuple[str, str | None], str] = {}
    taken = set(stored_ids)
    for index, node in enumerate(nodes):
        record = frame.iloc[index]
        given_type = node.cells.get("type") is not None
        decision = matcher.decide(
            NameQuery(
                record["name"],
                state=record.get("state"),
                ags=record.get("ags"),
                city=record.get("city"),
                type=record["type"] if given_type else None,
            )
        )
        actor_id = decision.actor_id if decision.decision == MATCHED else None
        if decision.decision == NEW:
            group = (record["name"].casefold(), record.get("state"))
            actor_id = new_by_name.get(group)
            if actor_id is None:
                actor_id = new_by_name[group] = unique_id(slug(record["name"], "akteur"), taken)
                taken.add(actor_id)
                new_rows[index] = actor_id
                if not given_type:
                    problems.append(
                        _at(
                            network,
                            "actors",
                            node.row,
                            "type",
                            record["name"],
                            "network_type_assumed",
                            WARNING,
                        )
                    )
        elif decision.decision == REVIEW:
            problems.append(
                make(
                    "actors",
                    node.row,
                    None,
                    record["name"],
                    "network_review",
                    WARNING,
                    reason=decision.reason(lang),
                )
            )
        if actor_id is not None:
            ids[node.key] = actor_id
        reported = actor_id if decision.decision == MATCHED else None
        reports.append(
            NodeReport(
                node.row,
                record["name"],
                decision.decision,
                reported,
                decision.score,
                decision.reason(lang),
            )
        )
    # Warnings about a node's values matter only where they are written: for new actors.
    new_at = {nodes[index].row for index in new_rows}
    problems += [problem for problem in node_problems if problem.row in new_at]
    parsed = Parsed(network.file_name, problems=problems)
    if new_rows:
        rows = frame.iloc[list(new_rows)].copy()
        rows["id"] = list(new_rows.values())
        parsed.tables["actors"] = dataclasses.replace(typed, frame=rows.reset_index(drop=True))
    links = _links(network, ids, problems)
    if links is not None and not links.frame.empty:
        parsed.tables["links"] = links
    return NetworkImport(parsed, reports)


def _at(
    network: RawNetwork,
    table: str,
    row: int | None,
    column: str | None,
    value,
    key: str,
    severity: str,
    **params,
) -> Problem:
    """A problem whose column is named as the file names it."""
    shown = network.headers.get((table, column), column) if column else None
    return make(table, row, shown, value, key, severity, **params)


def _in_file_terms(network: RawNetwork, table: str, found: list[Problem]) -> list[Problem]:
    """`validate` names canonical columns; say them as the file does."""
    return [
        dataclasses.replace(
            problem,
            column=None
            if problem.column is None
            else network.headers.get((table, problem.column), problem.column),
        )
        for problem in found
    ]


def _validated(network: RawNetwork, table: RawTable, problems: list[Problem]) -> ParsedTable | None:
    result = validate(RawDataset(network.file_name, {table.name: table}))
    problems += _in_file_terms(network, table.name, result.problems)
    return result.tables.get(table.name)


def _typed_nodes(network: RawNetwork, nodes: list, problems: list[Problem]) -> ParsedTable | None:
    """Every node's cells checked as an actors row (row i has the stand-in id "#i", the
    real one is known after matching). A node without a type is given DEFAULT_TYPE here."""
    present = [
        c for c in _NODE_COLUMNS if c in ("name", "type") or any(c in node.cells for node in nodes)
    ]
    rows = []
    for index, node in enumerate(nodes):
        cells = {"name": node.label, "type": DEFAULT_TYPE, **node.cells}
        rows.append([f"#{index}", *(cells.get(column) for column in present)])
    table = RawTable(
        "actors", network.file_name, ["id", *present], rows, [node.row for node in nodes]
    )
    return _validated(network, table, problems)


def _links(network: RawNetwork, ids: dict[str, str], problems: list[Problem]) -> ParsedTable | None:
    present = [
        c for c in _EDGE_COLUMNS if c == "kind" or any(c in edge.cells for edge in network.edges)
    ]
    rows, numbers = [], []
    seen: dict[tuple[str, str, str], int] = {}  # link → the row it was first given in
    skipped = defaulted = 0
    for edge in network.edges:
        source, target = ids.get(edge.source), ids.get(edge.target)
        if source is None or target is None:
            skipped += 1  # an end left for review
            continue
        if source == target:
            problems.append(
                _at(network, "links", edge.row, None, edge.source, "network_self_link", WARNING)
            )
            continue
        kind = edge.cells.get("kind")
        if kind is None:
            kind, defaulted = DEFAULT_KIND, defaulted + 1
        folded = values.text(kind)
        key = (
            min(source, target),
            max(source, target),
            aliases.canonical_value("links", "kind", folded) or folded,
        )
        if key in seen:
            problems.append(
                _at(
                    network,
                    "links",
                    edge.row,
                    None,
                    f"{edge.source} – {edge.target}",
                    "network_duplicate_edge",
                    INFO,
                    first=seen[key],
                )
            )
            continue
        seen[key] = edge.row
        cells = {**edge.cells, "kind": kind}
        rows.append([source, target, *(cells.get(column) for column in present)])
        numbers.append(edge.row)
    if skipped:
        problems.append(
            make("links", None, None, None, "network_links_skipped", WARNING, count=skipped)
        )
    if defaulted:
        problems.append(
            make(
                "links",
                None,
                None,
                None,
                "network_kind_assumed",
                INFO,
                count=defaulted,
                kind=DEFAULT_KIND,
            )
        )
    if not rows:
        return None
    table = RawTable(
        "links", network.file_name, ["source_id", "target_id", *present], rows, numbers
    )
    return _validated(network, table, problems)
