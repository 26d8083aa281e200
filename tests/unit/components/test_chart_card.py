from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from dashboard.components.chart_card import (
    chart_card,
    chart_card_outputs,
    chart_card_values,
    frame_from_data,
    table_data,
    table_view,
)


def _json(component) -> dict:
    return json.loads(json.dumps(component, cls=PlotlyJSONEncoder))


def _walk(node):
    if isinstance(node, dict):
        if "props" in node:
            yield node
            yield from _walk(node["props"].get("children"))
        else:
            for value in node.values():
                yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _by_id(tree) -> dict:
    found = {}
    for node in _walk(tree):
        node_id = node["props"].get("id")
        if node_id is not None:
            found[json.dumps(node_id, sort_keys=True)] = node
    return found


def test_chartcard001_structure_and_ids():
    tree = _json(
        chart_card("demo", "Teilnahme je Jahr", "de", description="Was das Diagramm zeigt.")
    )
    ids = _by_id(tree)
    graph = ids['"demo-graph"']
    assert graph["type"] == "Graph" and graph["props"]["config"]["displaylogo"] is False
    # The browser writes the table into its holder from the card's data (no component per
    # cell); the holder itself has no children React would manage.
    holder = ids[json.dumps({"card": "demo", "type": "chart-card-table"})]
    assert holder["type"] == "Div" and holder["props"].get("children") is None
    toggle = ids[json.dumps({"card": "demo", "type": "chart-card-toggle"})]
    assert toggle["type"] == "Button" and toggle["namespace"] == "dash_html_components"
    assert toggle["props"]["aria-expanded"] == "false"
    assert toggle["props"]["aria-controls"] == "demo-table-region"
    assert toggle["props"]["type"] == "button"
    assert "Daten als Tabelle" in json.dumps(toggle["props"]["children"], ensure_ascii=False)
    assert '"demo-table-region"' in ids
    assert (
        ids[json.dumps({"card": "demo", "type": "chart-card-collapse"})]["props"]["is_open"]
        is False
    )
    for kind in ("chart-card-csv", "chart-card-xlsx", "chart-card-download", "chart-card-data"):
        assert json.dumps({"card": "demo", "type": kind}) in ids
    # the graph sits inside a Loading wrapper
    loading = [node for node in _walk(tree) if node["type"] == "Loading"]
    assert loading and loading[0]["props"]["children"]["props"]["id"] == "demo-graph"
    assert ids['"demo-description"']["props"]["children"] == "Was das Diagramm zeigt."


def test_chartcard002_table_text_is_german_and_says_which_columns_are_numbers():
    df = pd.DataFrame(
        {
            "Jahr": [2017, 2018],
            "Personen": pd.array([1234, None], dtype="Int64"),
            "Anteil": [0.5, 1.25],
            "Name": ["=x", "Köln"],
        }
    )
    table = table_view(df, "de", caption="Titel")
    assert table["caption"] == "Titel"
    assert table["columns"] == ["Jahr", "Personen", "Anteil", "Name"]
    assert table["numeric"] == [True, True, True, False]
    assert table["rows"] == [["2017", "1.234", "0,5", "=x"], ["2018", "unbekannt", "1,2", "Köln"]]
    assert table["note"] is None and table["empty"] is False
    json.dumps(table)  # it travels in the card's dcc.Store


def test_chartcard003_table_in_english_and_empty_and_cut():
    df = pd.DataFrame({"Year": [2017], "People": [1234]})
    assert table_view(df, "en")["rows"] == [["2017", "1,234"]]
    empty = table_view(pd.DataFrame(columns=["A", "B"]), "de")
    assert empty["rows"] == [] and empty["empty"] is True
    assert empty["note"] == "Keine Daten für diese Auswahl"
    long = pd.DataFrame({"Name": [f"n{i}" for i in range(5)]})
    cut = table_view(long, "de", max_rows=2)
    assert cut["rows"] == [["n0"], ["n1"]] and "2 von 5" in cut["note"]
    assert table_view(long, "de", max_rows=5)["note"] is None


def test_chartcard004_store_roundtrip_and_outputs():
    df = pd.DataFrame(
        {"Jahr": [2017, 2018], "Personen": pd.array([3, None], dtype="Int64"), "Name": ["a", None]}
    )
    data = table_data(df, "teilnahme je jahr", sheet_name="Teilnahme")
    json.dumps(data)  # JSON-serialisable for the dcc.Store
    assert data["filename"] == "teilnahme-je-jahr" and data["sheet"] == "Teilnahme"
    back = frame_from_data(data)
    assert back.columns.tolist() == ["Jahr", "Personen", "Name"]
    assert back["Personen"].tolist()[0] == 3 and pd.isna(back["Personen"].tolist()[1])
    empty = frame_from_data(table_data(pd.DataFrame(columns=["A"]), "x"))
    assert empty.columns.tolist() == ["A"] and empty.empty
    outputs = chart_card_outputs("demo")
    assert [(o.component_id, o.component_property) for o in outputs] == [
        ("demo-graph", "figure"),
        ({"type": "chart-card-data", "card": "demo"}, "data"),
    ]
    figure = go.Figure()
    values = chart_card_values(figure, df, "de", "Titel", "datei", max_rows=1)
    assert values[0] is figure and values[1]["filename"] == "datei"
    assert values[1]["table"]["caption"] == "Titel" and values[1]["table"]["rows"] == [
        ["2017", "3", "a"]
    ]
