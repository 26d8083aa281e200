"""Network figures: one edge trace per link kind, fixed ranges, labels, empty states."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.subplots import make_subplots

from dashboard.figures.network import (
    GROWTH_COUNTS,
    GROWTH_RATIOS,
    growth_figure,
    label_rows,
    network_figure,
)
from dashboard.figures.theme import OKABE_ITO, base_layout
from dashboard.i18n import t

RANGES = ((-1.2, 2.4), (-1.3, 1.2))


def nodes_frame(count: int, communities: int = 3) -> pd.DataFrame:
    angle = np.linspace(0, 2 * np.pi, count, endpoint=False)
    return pd.DataFrame(
        {
            "id": [f"n{i:03d}" for i in range(count)],
            "name": [f"Akteur {i}" for i in range(count)],
            "type": ["kommune", "initiative", "netzwerk"] * (count // 3)
            + ["kommune"] * (count % 3),
            "events": 1,
            "headcount": pd.array([None if i % 5 == 0 else i for i in range(count)], dtype="Int64"),
            "degree": np.arange(count) % 7,
            "weighted_degree": (np.arange(count) % 7).astype(float),
            "betweenness": np.linspace(0, 0.5, count),
            "eigenvector": np.linspace(0, 1, count),
            "community": pd.array(
                [1 + i % communities if i % 11 else None for i in range(count)], dtype="Int64"
            ),
            "broker": [i < 2 for i in range(count)],
            "isolated": [i % 11 == 0 for i in range(count)],
            "x": np.cos(angle),
            "y": np.sin(angle),
        }
    )


def edges_frame(nodes: pd.DataFrame, count: int, kinds: tuple[str, ...]) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    ids = nodes["id"].to_numpy()
    pairs = {tuple(sorted(rng.choice(ids, 2, replace=False))) for _ in range(count * 3)}
    pairs = sorted(pairs)[:count]
    return pd.DataFrame(
        {
            "source": [a for a, _ in pairs],
            "target": [b for _, b in pairs],
            "kind": [kinds[i % len(kinds)] for i in range(len(pairs))],
            "weight": [float(1 + i % 5) for i in range(len(pairs))],
            "links": 1,
        }
    )


def traces_with_role(figure, role: str) -> list:
    return [trace for trace in figure.data if (trace.meta or {}).get("role") == role]


@pytest.mark.parametrize("links", [3, 40, 600])
@pytest.mark.parametrize(
    "kinds",
    [("kooperation",), ("kooperation", "austausch"), ("kooperation", "austausch", "projekt")],
)
def test_netfig001_one_edge_trace_per_link_kind_whatever_the_number_of_links(links, kinds):
    nodes = nodes_frame(60)
    edges = edges_frame(nodes, links, kinds)
    figure = network_figure(nodes, edges, "de", ranges=RANGES)
    edge_traces = traces_with_role(figure, "edges")
    assert len(edge_traces) == len(set(edges["kind"]))
    assert [trace.meta["kind"] for trace in edge_traces] == [
        k for k in ("kooperation", "austausch", "projekt") if k in set(edges["kind"])
    ]
    for trace in edge_traces:
        count = int((edges["kind"] == trace.meta["kind"]).sum())
        assert isinstance(trace.x, np.ndarray) and len(trace.x) == 3 * count
        assert np.isnan(trace.x[2::3]).all()  # gaps between links
    weights = traces_with_role(figure, "link-weights")
    assert len(weights) == 1 and len(weights[0].x) == len(edges)
    assert len(figure.data) <= 30


def test_netfig002_empty_graph_says_so():
    figure = network_figure(
        nodes_frame(0),
        edges_frame(nodes_frame(3), 0, ("kooperation",)).iloc[0:0],
        "de",
        ranges=RANGES,
    )
    assert len(figure.data) == 0
    assert figure.layout.annotations[0].text == "Keine Akteure in dieser Auswahl"
    custom = network_figure(
        nodes_frame(0),
        pd.DataFrame(columns=["source", "target", "kind", "weight"]),
        "en",
        ranges=RANGES,
        empty_message="Nothing here",
    )
    assert custom.layout.annotations[0].text == "Nothing here"


def test_netfig003_fixed_ranges_hidden_axes_and_pruning_note():
    nodes = nodes_frame(30)
    figure = network_figure(
        nodes,
        edges_frame(nodes, 20, ("projekt",)),
        "de",
        ranges=RANGES,
        hidden_nodes=12,
        total_nodes=42,
    )
    assert (
        tuple(figure.layout.xaxis.range) == RANGES[0]
        and tuple(figure.layout.yaxis.range) == RANGES[1]
    )
    assert figure.layout.xaxis.visible is False and figure.layout.yaxis.visible is False
    assert figure.layout.xaxis.autorange is False
    assert figure.layout.uirevision == "network"
    assert any(
        a.text == "12 von 42 Akteuren ausgeblendet (Ausdünnung)" for a in figure.layout.annotations
    )
    plain = network_figure(nodes, edges_frame(nodes, 20, ("projekt",)), "de", ranges=RANGES)
    assert not plain.layout.annotations


def test_netfig004_node_traces_per_colour_group():
    nodes = nodes_frame(33, communities=9)
    by_community = traces_with_role(
        network_figure(nodes, edges_frame(nodes, 5, ("kooperation",)), "de", ranges=RANGES), "nodes"
    )
    names = [trace.name for trace in by_community]
    assert names[:7] == [f"Gemeinschaft {i}" for i in range(1, 8)]
    assert names[-2:] == ["weitere Gemeinschaften", "ohne Kooperation"]
    assert sum(len(trace.x) for trace in by_community) == 33

    by_type = traces_with_role(
        network_figure(
            nodes, edges_frame(nodes, 5, ("kooperation",)), "en", ranges=RANGES, colour_by="type"
        ),
        "nodes",
    )
    assert [trace.name for trace in by_type] == ["Municipality", "Initiative", "Network"]


def test_netfig005_sizes_follow_a_fixed_scale_and_unknown_headcount_is_smallest():
    nodes = nodes_frame(12)
    small = network_figure(
        nodes,
        edges_frame(nodes, 4, ("kooperation",)),
        "de",
        ranges=RANGES,
        size_by="headcount",
        size_max=100,
    )
    large = network_figure(
        nodes,
        edges_frame(nodes, 4, ("kooperation",)),
        "de",
        ranges=RANGES,
        size_by="headcount",
        size_max=10,
    )
    size_small = np.concatenate([t.marker.size for t in traces_with_role(small, "nodes")])
    size_large = np.concatenate([t.marker.size for t in traces_with_role(large, "nodes")])
    assert (size_small <= size_large).all() and (size_small < size_large).any()
    assert size_small.min() == pytest.approx(9.0)  # unknown headcount → smallest marker


def test_netfig006_labels_only_for_central_nodes_without_collisions():
    nodes = nodes_frame(40)
    chosen = label_rows(nodes, RANGES, 5)
    assert len(chosen) <= 5 and (chosen["degree"] > 0).all()
    assert chosen["degree"].iloc[0] == nodes["degree"].max()
    crowded = nodes.assign(x=0.0, y=0.0)
    assert len(label_rows(crowded, RANGES, 5)) == 1  # all on one spot: one label
    with_ego = label_rows(crowded, RANGES, 5, ego_id="n000")
    assert with_ego["id"].tolist() == ["n000"]
    figure = network_figure(
        nodes, edges_frame(nodes, 10, ("kooperation",)), "de", ranges=RANGES, label_count=5
    )
    labels = traces_with_role(figure, "labels")
    assert len(labels) == 1 and labels[0].mode == "text" and len(labels[0].text) <= 5


def test_netfig007_names_are_text_not_markup():
    nodes = nodes_frame(6).assign(
        name=["<b>Fett</b>", "A & B", "c", "d", "e", "f"], degree=[5, 4, 3, 2, 1, 1]
    )
    figure = network_figure(nodes, edges_frame(nodes, 3, ("kooperation",)), "de", ranges=RANGES)
    hover = " ".join(
        text for trace in traces_with_role(figure, "nodes") for text in trace.hovertext
    )
    assert "<b>&lt;b&gt;Fett&lt;/b&gt;</b>" in hover and "<b>Fett</b>" not in hover
    assert "A &amp; B" in traces_with_role(figure, "labels")[0].text


def test_netfig008_growth_chart_and_its_empty_state():
    growth = pd.DataFrame(
        {
            "year": [2016, 2017, 2018],
            "actors": [2, 4, 4],
            "links": [0, 2, 2],
            "density": [0.0, 1 / 3, 1 / 3],
            "components": [2, 2, 2],
            "largest_component": [1, 3, 3],
            "clustering": [0.0, 0.0, 0.1],
        }
    )
    figure = growth_figure(growth, "de")
    assert [trace.name for trace in figure.data] == [
        "Akteure",
        "Kooperationen",
        "Teilnetze",
        "Akteure im größten Teilnetz",
        "Dichte",
        "Clustering (Durchschnitt)",
    ]
    assert list(figure.data[0].x) == ["2016", "2017", "2018"]
    assert figure.layout.separators == ",."
    empty = growth_figure(growth.iloc[0:0], "de")
    assert (
        len(empty.data) == 0 and empty.layout.annotations[0].text == "Keine Daten für diese Auswahl"
    )


def _growth_reference(growth: pd.DataFrame, lang: str, height: int = 520) -> go.Figure:
    """The growth chart as plotly's make_subplots and update_* calls build it."""
    figure = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.64, 0.36],
        vertical_spacing=0.1,
        subplot_titles=(t("network.growth.counts", lang), t("network.growth.ratios", lang)),
    )
    years = growth["year"].astype(str).to_numpy()
    colours = iter(OKABE_ITO)
    for row, columns, number in ((1, GROWTH_COUNTS, ",.0f"), (2, GROWTH_RATIOS, ".2~%")):
        for i, column in enumerate(columns):
            name = t(f"network.growth.{column}", lang)
            line = {"color": next(colours), "width": 2.5}
            if row == 2:
                line["dash"] = ("solid", "dash")[i]
            figure.add_trace(
                go.Scatter(
                    x=years,
                    y=growth[column].to_numpy(dtype="float64"),
                    mode="lines+markers",
                    name=name,
                    line=line,
                    hovertemplate=f"%{{x}}: %{{y:{number}}}<extra>{name}</extra>",
                ),
                row=row,
                col=1,
            )
    layout = base_layout(lang, height=height)
    layout.update(
        margin={"l": 56, "r": 16, "t": 112, "b": 40},
        legend={"orientation": "h", "yref": "container", "yanchor": "top", "y": 1.0, "x": 0},
        hovermode="x unified",
        modebar={"orientation": "v"},
        meta={"description": t("network.growth.description", lang)},
    )
    figure.update_layout(layout)
    figure.update_annotations(font={"size": 14}, xanchor="left", x=0)
    figure.update_xaxes(type="category", gridcolor="#dee2e6")
    figure.update_yaxes(rangemode="tozero", gridcolor="#dee2e6", zeroline=False)
    figure.update_yaxes(tickformat=".2~%", row=2, col=1)
    return figure


def _plain(figure: go.Figure) -> dict:
    return json.loads(pio.to_json(figure))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_fig_growth001_unvalidated_growth_chart_equals_the_make_subplots_one(lang):
    growth = pd.DataFrame(
        {
            "year": [2017, 2019, 2020],
            "actors": [8, 30, 41],
            "links": [0, 12, 20],
            "components": [8, 4, 3],
            "largest_component": [1, 20, 35],
            "density": [0.0, 0.0276, 0.0244],
            "clustering": [0.0, 0.31, 0.402],
        }
    )
    fast, reference = _plain(growth_figure(growth, lang)), _plain(_growth_reference(growth, lang))
    for name in ("yaxis", "yaxis2"):  # make_subplots computes the domains in floating point
        for figure in (fast, reference):
            figure["layout"][name]["domain"] = [
                round(v, 9) for v in figure["layout"][name]["domain"]
            ]
    assert fast == reference
