"""GraphML and GEXF files as nodes and edges of raw cells (see `network_files`).

Parsed with defusedxml, and more strictly than its defaults: a DTD is refused outright
(none of these formats needs one), so are entity declarations and external references; the
file size and the number of nodes and edges are capped. A crafted file can therefore neither
expand entities nor make the parser fetch anything.

Elements are found by their local name, so GEXF 1.1 (`http://www.gexf.net/1.1draft`, older
Gephi), 1.2 and 1.3, and GraphML with or without yEd's `y:` extensions read alike. yEd keeps
a node's visible label in its graphics (`y:NodeLabel`), which is used when no attribute
names the label.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from dashboard.exchange import values
from dashboard.exchange.network.files import Edge, Node, RawNetwork, actor_column, link_column
from dashboard.exchange.problems import ERROR, make
from dashboard.exchange.readers import MAX_ROWS

MAX_XML_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class _Attribute:
    name: str
    default: str | None


def read_xml(network: RawNetwork, data: bytes) -> None:
    origin = network.file_name
    if len(data) > MAX_XML_BYTES:
        network.problems.append(
            make(None, None, None, origin, "xml_too_large", ERROR, limit=MAX_XML_BYTES // 2**20)
        )
        return
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        network.problems.append(make(None, None, None, origin, "xml_unsafe", ERROR))
        return
    except ParseError as error:
        line, column = error.position
        network.problems.append(
            make(None, line, None, None, "xml_malformed", ERROR, column=column, detail=str(error))
        )
        return
    kind = _local(root)
    if kind == "graphml":
        _read_graphml(network, root)
    elif kind == "gexf":
        _read_gexf(network, root)
    else:
        network.problems.append(make(None, None, None, origin, "xml_not_network", ERROR, root=kind))
        return
    if len(network.nodes) > MAX_ROWS or len(network.edges) > MAX_ROWS:
        network.problems.append(
            make(None, None, None, origin, "network_too_large", ERROR, limit=MAX_ROWS)
        )


def _local(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child) == name]


def _all(element: Element, name: str) -> list[Element]:
    return [item for item in element.iter() if _local(item) == name]


def _default(element: Element) -> str | None:
    found = _children(element, "default")
    return found[0].text if found else None


def _add_node(
    network: RawNetwork, row: int, key: str | None, named: list[tuple[str, object]]
) -> None:
    if key is None:
        network.problems.append(make("actors", row, "id", None, "missing_value", ERROR))
        return
    cells: dict[str, object] = {}
    for name, value in named:
        column = actor_column(name)
        if column is not None and column not in cells and not values.is_empty(value):
            cells[column] = value
            network.headers.setdefault(("actors", column), name)
    label = cells.pop("name", None)
    network.nodes[key] = Node(row, key, key if label is None else values.text(label), cells)


def _add_edge(
    network: RawNetwork, row: int, element: Element, named: list[tuple[str, object]]
) -> None:
    source, target = element.get("source"), element.get("target")
    for end, key in (("source", source), ("target", target)):
        if key is None:
            network.problems.append(make("links", row, end, None, "missing_value", ERROR))
    if source is None or target is None:
        return
    cells: dict[str, object] = {}
    for name, value in named:
        column = link_column(name)
        if column is not None and column not in cells and not values.is_empty(value):
            cells[column] = value
            network.headers.setdefault(("links", column), name)
    network.edges.append(Edge(row, source, target, cells))


# --- GraphML -----------------------------------------------------------------------------


def _read_graphml(network: RawNetwork, root: Element) -> None:
    keys: dict[str, dict[str, _Attribute]] = {"node": {}, "edge": {}}
    for key in _children(root, "key"):
        domain = key.get("for", "all")
        attribute = _Attribute(key.get("attr.name") or key.get("id") or "", _default(key))
        for target in ("node", "edge") if domain == "all" else (domain,):
            if target in keys:
                keys[target][key.get("id") or ""] = attribute
    for row, element in enumerate(_all(root, "node"), start=1):
        _add_node(network, row, element.get("id"), _graphml_data(element, keys["node"]))
    for row, element in enumerate(_all(root, "edge"), start=1):
        _add_edge(network, row, element, _graphml_data(element, keys["edge"]))


def _graphml_data(element: Element, keys: dict[str, _Attribute]) -> list[tuple[str, object]]:
    """(attribute name, text) of a node's or edge's own data, then the keys' defaults."""
    named: list[tuple[str, object]] = []
    given = set()
    for data in _children(element, "data"):
        key = data.get("key") or ""
        given.add(key)
        labels = _all(data, "NodeLabel")
        if labels:
            # yEd: the label drawn on the node; an attribute that names the label wins.
            named.append(("nodelabel", labels[0].text))
        elif key in keys and len(data) == 0:
            named.append((keys[key].name, data.text))
    named.sort(key=lambda pair: pair[0] == "nodelabel")
    named += [
        (attribute.name, attribute.default) for key, attribute in keys.items() if key not in given
    ]
    return named


# --- GEXF --------------------------------------------------------------------------------


def _read_gexf(network: RawNetwork, root: Element) -> None:
    graphs = _children(root, "graph")
    if not graphs:
        network.problems.append(
            make(None, None, None, network.file_name, "xml_not_network", ERROR, root="gexf")
        )
        return
    graph = graphs[0]
    attributes: dict[str, dict[str, _Attribute]] = {"node": {}, "edge": {}}
    for block in _children(graph, "attributes"):
        domain = block.get("class", "node")
        for attribute in _children(block, "attribute"):
            name = attribute.get("title") or attribute.get("id") or ""
            attributes.setdefault(domain, {})[attribute.get("id") or ""] = _Attribute(
                name, _default(attribute)
            )
    for row, element in enumerate(_all(graph, "node"), start=1):
        named = [("label", element.get("label")), *_attvalues(element, attributes["node"])]
        _add_node(network, row, element.get("id"), named)
    for row, element in enumerate(_all(graph, "edge"), start=1):
        named = [
            ("kind", element.get("kind")),
            ("weight", element.get("weight")),
            *_attvalues(element, attributes["edge"]),
        ]
        _add_edge(network, row, element, named)


def _attvalues(element: Element, declared: dict[str, _Attribute]) -> list[tuple[str, object]]:
    """(attribute title, value) of a node's or edge's attvalues, then the defaults. GEXF 1.1
    and later say `for`, drafts before it `id`."""
    named: list[tuple[str, object]] = []
    given = set()
    for block in _children(element, "attvalues"):
        for value in _children(block, "attvalue"):
            key = value.get("for") or value.get("id") or ""
            given.add(key)
            if key in declared:
                named.append((declared[key].name, value.get("value")))
    named += [
        (attribute.name, attribute.default)
        for key, attribute in declared.items()
        if key not in given
    ]
    return named
