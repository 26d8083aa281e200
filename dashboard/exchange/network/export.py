"""The network (actors and links) for network tools: GraphML and a Kumu workbook.

GraphML (Gephi, yEd, Cytoscape, networkx): one node per actor, id = actor id, with typed
attributes declared as <key>s: label and name (both the actor's name: Gephi shows
`label`, Cytoscape `name`), type, ags, state (AGS code), state_name, city, lat, lon,
website; one undirected edge per link with kind, since_year, until_year, weight. Missing
values are left out, as GraphML intends.

Kumu (https://docs.kumu.io/guides/import/import): sheet "Elements" with ID first (Kumu
then matches elements by it, and connections name their ends by it), Label, Type and the
place as columns; sheet "Connections" with From, To, Type and the years and weight. Text
cells that a spreadsheet would run as a formula are neutralised as in every export;
`network_files` reads this workbook back.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from typing import Any

import pandas as pd

from dashboard.exchange.workbook import workbook_bytes, write_sheet
from dashboard.geo.states import state_name
from dashboard.i18n import t

GRAPHML_MEDIA_TYPE = "application/graphml+xml"
_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
# (attribute, GraphML type) per element; the order is the order of the <key>s.
NODE_KEYS = (
    ("label", "string"),
    ("name", "string"),
    ("type", "string"),
    ("ags", "string"),
    ("state", "string"),
    ("state_name", "string"),
    ("city", "string"),
    ("lat", "double"),
    ("lon", "double"),
    ("website", "string"),
)
EDGE_KEYS = (("kind", "string"), ("since_year", "int"), ("until_year", "int"), ("weight", "double"))
KUMU_ELEMENT_COLUMNS = (
    "ID",
    "Label",
    "Type",
    "Bundesland",
    "Gemeindeschlüssel",
    "Ort",
    "Breitengrad",
    "Längengrad",
    "Webseite",
)
KUMU_CONNECTION_COLUMNS = ("From", "To", "Type", "seit", "bis", "Gewicht")
# Characters XML 1.0 cannot carry at all (control characters other than tab and line ends).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _node_values(actor: dict) -> dict[str, object]:
    return {
        "label": actor["name"],
        "name": actor["name"],
        "type": actor["type"],
        "ags": actor["ags"],
        "state": actor["state"],
        "state_name": state_name(actor["state"]) or None,
        "city": actor["city"],
        "lat": actor["lat"],
        "lon": actor["lon"],
        "website": actor["website"],
    }


def _graphml_text(value: Any, kind: str) -> str:
    # `value` is a cell of a records dict: its type depends on the column.
    if kind == "int":
        return str(int(value))
    if kind == "double":
        return repr(float(value))
    return _NOT_XML.sub("", str(value))


def _data(parent: ET.Element, keys: tuple, prefix: str, record: dict) -> None:
    for index, (name, kind) in enumerate(keys):
        value = record.get(name)
        if not _missing(value):
            ET.SubElement(parent, "data", key=f"{prefix}{index}").text = _graphml_text(value, kind)


def graphml_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    root = ET.Element("graphml", xmlns=_GRAPHML_NS)
    for domain, prefix, keys in (("node", "n", NODE_KEYS), ("edge", "e", EDGE_KEYS)):
        for index, (name, kind) in enumerate(keys):
            ET.SubElement(
                root,
                "key",
                {"id": f"{prefix}{index}", "for": domain, "attr.name": name, "attr.type": kind},
            )
    graph = ET.SubElement(root, "graph", id="netzwerkatlas", edgedefault="undirected")
    for actor in frames["actors"].to_dict("records"):
        node = ET.SubElement(graph, "node", id=_graphml_text(actor["id"], "string"))
        _data(node, NODE_KEYS, "n", _node_values(actor))
    for number, link in enumerate(frames["links"].to_dict("records")):
        ends = {end: _graphml_text(link[f"{end}_id"], "string") for end in ("source", "target")}
        edge = ET.SubElement(graph, "edge", {"id": f"l{number}", **ends})
        _data(edge, EDGE_KEYS, "e", link)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _kumu_elements(actors: pd.DataFrame):
    for actor in actors.to_dict("records"):
        yield [
            actor["id"],
            actor["name"],
            t(f"type.{actor['type']}", "de"),
            state_name(actor["state"]) or None,
            actor["ags"],
            actor["city"],
            actor["lat"],
            actor["lon"],
            actor["website"],
        ]


def _kumu_connections(links: pd.DataFrame):
    for link in links.to_dict("records"):
        yield [
            link["source_id"],
            link["target_id"],
            t(f"network.kind.{link['kind']}", "de"),
            link["since_year"],
            link["until_year"],
            link["weight"],
        ]


def kumu_xlsx(frames: dict[str, pd.DataFrame]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    write_sheet(
        workbook, "Elements", [list(KUMU_ELEMENT_COLUMNS)], _kumu_elements(frames["actors"])
    )
    write_sheet(
        workbook, "Connections", [list(KUMU_CONNECTION_COLUMNS)], _kumu_connections(frames["links"])
    )
    return workbook_bytes(workbook)
