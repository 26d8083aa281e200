"""Reading network files: Kumu workbooks, GraphML (also yEd's), GEXF 1.1 and 1.2, edge lists,
and refusing unsafe or broken XML."""

from __future__ import annotations

import io

from openpyxl import Workbook

from dashboard.exchange.network.reading import read_network_bytes


def _xlsx(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary(network) -> tuple[dict, list]:
    nodes = {node.key: (node.label, node.cells) for node in network.nodes.values()}
    edges = [(edge.source, edge.target, edge.cells) for edge in network.edges]
    return nodes, edges


def _errors(network) -> list[str]:
    return [problem.message_key for problem in network.problems if problem.is_error]


def test_netread001_kumu_workbook_by_label_with_pipes_and_ignored_sheets():
    data = _xlsx(
        {
            "Elements": [
                ["Label", "Type", "Description", "Bundesland", "Tags"],
                ["Bonn", "Kommune", "Bundesstadt", "NRW", "a|b"],
                ["Verein X", "Organisation", None, None, None],
            ],
            "Connections": [
                ["From", "To", "Type", "Strength"],
                ["Bonn", "Verein X|Köln", "Kooperation", 2],
            ],
            "Notizen (ignore)": [["From", "To"], ["nie", "gelesen"]],
        }
    )
    network = read_network_bytes(data, "karte.xlsx")
    assert _errors(network) == []
    nodes, edges = _summary(network)
    assert nodes == {
        "Bonn": ("Bonn", {"type": "Kommune", "state": "NRW"}),
        "Verein X": ("Verein X", {"type": "Organisation"}),
        "Köln": ("Köln", {}),  # named by a connection only, as Kumu allows
    }
    assert edges == [
        ("Bonn", "Verein X", {"kind": "Kooperation", "weight": 2}),
        ("Bonn", "Köln", {"kind": "Kooperation", "weight": 2}),
    ]
    assert network.nodes["Bonn"].row == 2 and network.headers[("actors", "state")] == "Bundesland"


def test_netread002_kumu_ids_name_the_connection_ends():
    data = _xlsx(
        {
            "Elements": [
                ["ID", "Label", "Type"],
                ["e1", "Bonn", "Kommune"],
                ["e2", "Bonn", "Initiative"],
            ],
            "Connections": [["From", "To", "Connection Type"], ["e1", "e2", "Austausch"]],
        }
    )
    nodes, edges = _summary(read_network_bytes(data, "k.xlsx"))
    assert nodes == {"e1": ("Bonn", {"type": "Kommune"}), "e2": ("Bonn", {"type": "Initiative"})}
    assert edges == [("e1", "e2", {"kind": "Austausch"})]


def test_netread003_kumu_without_label_column_names_row_and_column():
    data = _xlsx(
        {
            "Elements": [["Name?", "Type"], ["Bonn", "Kommune"]],
            "Connections": [["From", "To"], ["Bonn", None]],
        }
    )
    network = read_network_bytes(data, "k.xlsx")
    found = {(p.message_key, p.row, p.column) for p in network.problems if p.is_error}
    assert found == {("missing_column", None, "Label"), ("missing_value", 2, "To")}


def test_netread004_edge_list_csv_with_german_headers():
    data = "Von;Nach;Art;seit\nBonn;Köln;Projekt;2019\nKöln;Aachen;;\n".encode("cp1252")
    nodes, edges = _summary(read_network_bytes(data, "kanten.csv"))
    assert list(nodes) == ["Bonn", "Köln", "Aachen"]
    assert edges == [
        ("Bonn", "Köln", {"kind": "Projekt", "since_year": "2019"}),
        ("Köln", "Aachen", {}),
    ]


def test_netread005_edge_list_xlsx_source_target_and_akteur_a_b():
    for first, second in (("Source", "Target"), ("Akteur A", "Akteur B")):
        data = _xlsx({"Tabelle1": [[first, second, "Gewicht"], ["Bonn", "Köln", 2.5]]})
        _, edges = _summary(read_network_bytes(data, "liste.xlsx"))
        assert edges == [("Bonn", "Köln", {"weight": 2.5})]


def test_netread006_edge_list_without_name_columns_is_refused():
    network = read_network_bytes(b"Name,Ort\nBonn,Bonn\n", "liste.csv")
    assert _errors(network) == ["network_no_endpoints"]
    assert "Von/Nach" in network.problems[0].message()


GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <key id="d1" for="node" attr.name="Bundesland" attr.type="string"><default>05</default></key>
  <key id="d2" for="node" attr.name="lat" attr.type="double"/>
  <key id="d3" for="edge" attr.name="kind" attr.type="string"/>
  <key id="d4" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="directed">
    <node id="a"><data key="d0">Bonn</data><data key="d2">50.73</data></node>
    <node id="b"><data key="d0">Köln</data><data key="d1">NRW</data></node>
    <edge source="a" target="b"><data key="d3">austausch</data><data key="d4">2</data></edge>
    <edge source="b" target="c"/>
  </graph>
</graphml>"""


def test_netread007_graphml_typed_keys_defaults_and_implicit_nodes():
    nodes, edges = _summary(read_network_bytes(GRAPHML.encode(), "netz.graphml"))
    assert nodes == {
        "a": ("Bonn", {"lat": "50.73", "state": "05"}),  # the key's default fills the gap
        "b": ("Köln", {"state": "NRW"}),
        "c": ("c", {}),
    }
    assert edges == [("a", "b", {"kind": "austausch", "weight": "2"}), ("b", "c", {})]


YED = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml"
  xmlns:yed="http://www.yworks.com/xml/yed/3">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key attr.name="Typ" attr.type="string" for="node" id="d7"/>
  <graph edgedefault="directed" id="G">
    <node id="n0"><data key="d7">Initiative</data><data key="d6"><y:ShapeNode>
      <y:Geometry height="30" width="30" x="0" y="0"/>
      <y:NodeLabel alignment="center">Nachbarschaft e. V.</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d6"><y:ShapeNode><y:NodeLabel>Pirmasens</y:NodeLabel></y:ShapeNode></data></node>
    <edge id="e0" source="n0" target="n1"><data key="d6">
      <y:PolyLineEdge><y:EdgeLabel>egal</y:EdgeLabel></y:PolyLineEdge></data></edge>
  </graph>
</graphml>"""


def test_netread008_yed_labels_come_from_the_node_graphics():
    nodes, edges = _summary(read_network_bytes(YED.encode(), "yed.graphml"))
    assert nodes == {"n0": ("Nachbarschaft e. V.", {"type": "Initiative"}), "n1": ("Pirmasens", {})}
    assert edges == [("n0", "n1", {})]


GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="{ns}" version="{version}" xmlns:viz="http://www.gexf.net/1.2draft/viz">
  <graph mode="static" defaultedgetype="undirected">
    <attributes class="node">
      <attribute id="0" title="type" type="string"/>
      <attribute id="1" title="state" type="string"><default>09</default></attribute>
    </attributes>
    <attributes class="edge"><attribute id="0" title="since_year" type="integer"/></attributes>
    <nodes>
      <node id="0" label="München">
        <attvalues><attvalue for="0" value="kommune"/></attvalues><viz:size value="3"/>
      </node>
      <node id="1" label="Stiftung Y">
        <attvalues><attvalue for="0" value="stiftung"/><attvalue for="1" value="05"/></attvalues>
      </node>
    </nodes>
    <edges>
      <edge id="0" source="0" target="1" weight="1.5" kind="projekt">
        <attvalues><attvalue for="0" value="2020"/></attvalues>
      </edge>
    </edges>
  </graph>
</gexf>"""


def test_netread009_gexf_1_1_and_1_2_read_alike():
    for ns, version in (
        ("http://www.gexf.net/1.1draft", "1.1"),
        ("http://www.gexf.net/1.2draft", "1.2"),
    ):
        nodes, edges = _summary(
            read_network_bytes(GEXF.format(ns=ns, version=version).encode(), "netz.gexf")
        )
        assert nodes == {
            "0": ("München", {"type": "kommune", "state": "09"}),
            "1": ("Stiftung Y", {"type": "stiftung", "state": "05"}),
        }
        assert edges == [("0", "1", {"kind": "projekt", "weight": "1.5", "since_year": "2020"})]


def test_netread010_entity_bomb_and_external_entities_are_refused():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><graphml><graph><node id="&c;"/></graph></graphml>'
    )
    external = (
        '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<graphml><graph><node id="&x;"/></graph></graphml>'
    )
    for text in (bomb, external):
        network = read_network_bytes(text.encode(), "bombe.graphml")
        assert _errors(network) == ["xml_unsafe"] and network.nodes == {}
        assert "DTD" in network.problems[0].message()


def test_netread011_malformed_xml_names_line_and_column():
    network = read_network_bytes(
        b'<graphml>\n<graph>\n  <node id="a">\n</graph></graphml>', "kaputt.graphml"
    )
    [problem] = network.problems
    assert problem.message_key == "xml_malformed" and problem.row == 4
    assert "Spalte 2" in problem.message()


def test_netread012_other_xml_and_other_formats_are_refused():
    assert _errors(read_network_bytes(b"<html><body/></html>", "seite.xml")) == ["xml_not_network"]
    assert _errors(read_network_bytes(b"{}", "netz.json")) == ["network_unsupported_format"]
    assert _errors(read_network_bytes(b"<graphml><graph/></graphml>", "leer.graphml")) == [
        "network_empty"
    ]
