"""GraphML and Kumu exports: read back by networkx and by the network reader."""

from __future__ import annotations

import io
import math

import networkx as nx
import openpyxl
import pandas as pd

from dashboard.exchange.network.export import graphml_bytes, kumu_xlsx
from dashboard.exchange.network.reading import read_network_bytes
from dashboard.geo.states import state_name
from dashboard.sample.small import generate


def _frames() -> dict[str, pd.DataFrame]:
    frames = generate(2017)
    hostile = {
        "id": "formel",
        "name": '=HYPERLINK("x")',
        "type": "initiative",
        "ags": None,
        "state": None,
        "city": "-Stadt\x01",
        "lat": None,
        "lon": None,
        "website": None,
        "source": None,
    }
    frames["actors"] = pd.concat([frames["actors"], pd.DataFrame([hostile])], ignore_index=True)
    return frames


def _value(value):
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def test_netexp001_graphml_reads_back_with_networkx():
    frames = _frames()
    graph = nx.read_graphml(io.BytesIO(graphml_bytes(frames)))
    actors = frames["actors"].set_index("id")
    assert set(graph.nodes) == set(actors.index)
    for actor_id, data in graph.nodes(data=True):
        stored = actors.loc[actor_id]
        assert data["name"] == data["label"] == stored["name"] and data["type"] == stored["type"]
        assert data.get("state") == _value(stored["state"])
        assert data.get("state_name") == (state_name(stored["state"]) or None)
        for column in ("lat", "lon"):
            assert data.get(column) == _value(stored[column])
            assert column not in data or isinstance(data[column], float)
    assert (
        graph.nodes["formel"]["city"] == "-Stadt"
    )  # a control character XML cannot carry is dropped
    links = {
        (min(s, t), max(s, t), k): (since, until, w)
        for s, t, k, since, until, w in frames["links"][
            ["source_id", "target_id", "kind", "since_year", "until_year", "weight"]
        ].itertuples(index=False)
    }
    assert graph.number_of_edges() == len(links) and not graph.is_directed()
    for source, target, data in graph.edges(data=True):
        since, until, weight = links[(min(source, target), max(source, target), data["kind"])]
        assert data.get("since_year") == _value(since) and data.get("until_year") == _value(until)
        assert data["weight"] == weight and isinstance(data.get("since_year", 0), int)


def test_netexp002_kumu_workbook_has_kumus_columns_and_no_formulas():
    frames = _frames()
    workbook = openpyxl.load_workbook(io.BytesIO(kumu_xlsx(frames)))
    assert workbook.sheetnames == ["Elements", "Connections"]
    elements = list(workbook["Elements"].iter_rows(values_only=True))
    assert elements[0][:3] == ("ID", "Label", "Type")
    assert next(iter(workbook["Connections"].iter_rows(values_only=True)))[:3] == (
        "From",
        "To",
        "Type",
    )
    hostile = next(row for row in elements if row[0] == "formel")
    assert hostile[1] == '\'=HYPERLINK("x")' and hostile[5].startswith("'-Stadt")
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)


def test_netexp003_kumu_workbook_reads_back_as_the_same_network():
    frames = _frames()
    network = read_network_bytes(kumu_xlsx(frames), "netz.kumu.xlsx")
    assert network.ok
    actors = frames["actors"].set_index("id")
    assert {key: node.label for key, node in network.nodes.items()} == {
        actor_id: ('=HYPERLINK("x")' if actor_id == "formel" else name)
        for actor_id, name in actors["name"].items()
    }
    assert sorted((e.source, e.target) for e in network.edges) == sorted(
        zip(frames["links"]["source_id"], frames["links"]["target_id"], strict=False)
    )
