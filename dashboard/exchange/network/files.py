"""Reading network workbooks and edge lists into nodes and edges of raw cells, and the node
and edge records every reader fills (`reading` picks the reader by suffix, `xml` reads
GraphML and GEXF).

A node is what a file calls an element or a vertex: a label and attributes. An edge names
its two nodes by their key (the file's node id, or the label where the file has no ids).
Attribute names are mapped to the canonical `actors` and `links` columns where they mean
one (type, Bundesland, coordinates; kind, years, weight); everything else a file carries
(descriptions, tags, layout) is left out. The file's own ids are never used as actor ids:
nodes are matched to actors by name (`network`).

The suffix decides the format: .graphml, .gexf, .xml (GraphML or GEXF by its root
element), .xlsx (a Kumu workbook when it has a sheet "Elements" or "Connections", else an
edge list on its first sheet), .csv/.tsv/.txt (an edge list). Workbooks and CSV files are
read by `readers`, with its zip-bomb, DTD and encoding rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.exchange import aliases, readers, values
from dashboard.exchange.problems import ERROR, Problem, make
from dashboard.i18n.folding import fold_compact

# Names a file gives the node label; "name" and its aliases come from the actors columns.
_LABEL_NAMES = {"label", "nodelabel"}
_ACTOR_COLUMNS = ("name", "type", "ags", "state", "city", "lat", "lon", "website")
# Kumu writes "Type" (older exports "Connection Type") for the kind of a connection.
_KIND_NAMES = {"type", "connectiontype", "verbindungstyp", "verbindungsart"}
_LINK_COLUMNS = ("kind", "since_year", "until_year", "weight")
# The two name columns of an edge list, as pairs people write them.
ENDPOINT_PAIRS = (
    ("Von", "Nach"),
    ("Source", "Target"),
    ("Akteur A", "Akteur B"),
    ("From", "To"),
    ("Quelle", "Ziel"),
    ("Akteur 1", "Akteur 2"),
    ("von Akteur", "zu Akteur"),
)
_KUMU_SHEETS = {"elements": "actors", "connections": "links"}
# Kumu skips sheets whose name contains this; so do we.
_KUMU_IGNORE = "(ignore)"
# Kumu: several elements in one "To" cell, separated by a pipe, make one connection each.
_KUMU_SEPARATOR = "|"


@dataclass
class Node:
    row: int  # position in the file (XML) or spreadsheet row
    key: str  # how edges name it
    label: str
    cells: dict[str, object] = field(default_factory=dict)  # actors column → raw cell


@dataclass
class Edge:
    row: int
    source: str
    target: str
    cells: dict[str, object] = field(default_factory=dict)  # links column → raw cell


@dataclass
class RawNetwork:
    file_name: str
    nodes: dict[str, Node] = field(default_factory=dict)  # by key, in file order
    edges: list[Edge] = field(default_factory=list)
    headers: dict[tuple[str, str], str] = field(
        default_factory=dict
    )  # (table, column) → name in the file
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(problem.is_error for problem in self.problems)

    def add_implicit_nodes(self) -> None:
        """Edge ends no node declares become nodes named by their key, as Kumu, Gephi and
        networkx do."""
        for edge in self.edges:
            for key in (edge.source, edge.target):
                if key not in self.nodes:
                    self.nodes[key] = Node(edge.row, key, key)


def actor_column(name: object) -> str | None:
    """The actors column an attribute stands for ("Label" → name, "Breitengrad" → lat)."""
    if fold_compact(name) in _LABEL_NAMES:
        return "name"
    column = aliases.column_for("actors", name)
    return column if column in _ACTOR_COLUMNS else None


def link_column(name: object) -> str | None:
    """The links column an attribute stands for ("Type" → kind, "Gewicht" → weight)."""
    folded = fold_compact(name)
    if folded in _KIND_NAMES:
        return "kind"
    if folded == "strength":
        return "weight"
    column = aliases.column_for("links", name)
    return column if column in _LINK_COLUMNS else None


# --- workbooks ---------------------------------------------------------------------------


def read_workbook(network: RawNetwork, data: bytes) -> None:
    workbook = readers.open_xlsx(data, network.file_name, network.problems)
    if workbook is None:
        return
    try:
        sheets = [sheet for sheet in workbook.worksheets if _KUMU_IGNORE not in sheet.title.lower()]
        kumu = {
            _KUMU_SHEETS[fold_compact(s.title)]: s
            for s in sheets
            if fold_compact(s.title) in _KUMU_SHEETS
        }
        if kumu:
            tables = {
                name: readers.sheet_table(name, sheet, network.problems)
                for name, sheet in kumu.items()
            }
            elements, connections = tables.get("actors"), tables.get("links")
            if elements is not None:
                _read_kumu_elements(network, elements)
            if connections is not None:
                _read_kumu_connections(network, connections)
        elif sheets:
            table = readers.sheet_table("links", sheets[0], network.problems)
            if table is not None:
                read_edge_list(network, table)
    finally:
        workbook.close()


def _find(headers: list[str], wanted: str) -> int | None:
    folded = fold_compact(wanted)
    return next(
        (index for index, header in enumerate(headers) if fold_compact(header) == folded), None
    )


def _require(network: RawNetwork, table: readers.RawTable, wanted: str) -> int | None:
    index = _find(table.headers, wanted)
    if index is None:
        network.problems.append(
            make(table.name, None, wanted, None, "missing_column", ERROR, german=wanted)
        )
    return index


def _key(
    network: RawNetwork, table: readers.RawTable, number: int, cells: list, index: int
) -> str | None:
    """A node key from a cell; an empty one is a problem at its row and column."""
    cell = cells[index]
    if values.is_empty(cell):
        network.problems.append(
            make(table.name, number, table.headers[index], None, "missing_value", ERROR)
        )
        return None
    return values.text(cell)


def _attributes(table: readers.RawTable, to_column, skip: set[int]) -> dict[int, str]:
    """Column index → canonical column for the headers that name one (first one wins)."""
    found: dict[int, str] = {}
    for index, header in enumerate(table.headers):
        column = None if index in skip else to_column(header)
        if column is not None and column not in found.values():
            found[index] = column
    return found


def _cells(cells: list, columns: dict[int, str]) -> dict[str, object]:
    return {
        column: cells[index]
        for index, column in columns.items()
        if not values.is_empty(cells[index])
    }


def _remember_headers(
    network: RawNetwork, table: str, headers: list[str], columns: dict[int, str]
) -> None:
    for index, column in columns.items():
        network.headers[(table, column)] = headers[index]


def _read_kumu_elements(network: RawNetwork, table: readers.RawTable) -> None:
    label = _require(network, table, "Label")
    if label is None:
        return
    identifier = _find(table.headers, "ID")
    columns = _attributes(table, actor_column, {i for i in (label, identifier) if i is not None})
    network.headers[("actors", "name")] = table.headers[label]
    _remember_headers(network, "actors", table.headers, columns)
    for number, cells in zip(table.row_numbers, table.rows, strict=False):
        name = _key(network, table, number, cells, label)
        if name is None:
            continue
        key = (
            name
            if identifier is None or values.is_empty(cells[identifier])
            else values.text(cells[identifier])
        )
        # A key given twice is one element; the lower row wins, as in Kumu.
        network.nodes[key] = Node(number, key, name, _cells(cells, columns))


def _read_kumu_connections(network: RawNetwork, table: readers.RawTable) -> None:
    source, target = _require(network, table, "From"), _require(network, table, "To")
    if source is None or target is None:
        return
    identifier = _find(table.headers, "ID")
    columns = _attributes(
        table, link_column, {i for i in (source, target, identifier) if i is not None}
    )
    _remember_headers(network, "links", table.headers, columns)
    for number, cells in zip(table.row_numbers, table.rows, strict=False):
        start, ends = (
            _key(network, table, number, cells, source),
            _key(network, table, number, cells, target),
        )
        if start is None or ends is None:
            continue
        for end in ends.split(_KUMU_SEPARATOR):
            if end.strip():
                network.edges.append(Edge(number, start, end.strip(), _cells(cells, columns)))


def read_edge_list(network: RawNetwork, table: readers.RawTable) -> None:
    pair = next(
        (
            (first, second)
            for a, b in ENDPOINT_PAIRS
            if (first := _find(table.headers, a)) is not None
            and (second := _find(table.headers, b)) is not None
        ),
        None,
    )
    if pair is None:
        accepted = "; ".join(f"{a}/{b}" for a, b in ENDPOINT_PAIRS)
        network.problems.append(
            make("links", None, None, table.origin, "network_no_endpoints", ERROR, pairs=accepted)
        )
        return
    columns = _attributes(table, link_column, set(pair))
    _remember_headers(network, "links", table.headers, columns)
    for number, cells in zip(table.row_numbers, table.rows, strict=False):
        start, end = (_key(network, table, number, cells, index) for index in pair)
        if start is not None and end is not None:
            network.edges.append(Edge(number, start, end, _cells(cells, columns)))
