"""Requests of the benchmark harness built from Dash's own description of the app."""

from __future__ import annotations

from benchmarks import dash_protocol as dp

DEPENDENCIES = [
    {
        "output": '..page-a.children...{"card":"c1","type":"chart-card-data"}.data..',
        "inputs": [{"id": "url", "property": "search"}, {"id": "page-metric", "property": "value"}],
        "state": [],
        "clientside_function": None,
        "prevent_initial_call": False,
    },
    {
        "output": "url.search@a1b2",
        "inputs": [{"id": "page-picker", "property": "value"}],
        "state": [{"id": "url", "property": "search"}],
        "clientside_function": None,
        "prevent_initial_call": True,
    },
    {
        "output": '..{"path":["ALL"],"type":"nav-link"}.href..',
        "inputs": [{"id": "url", "property": "search"}],
        "state": [],
        "clientside_function": None,
        "prevent_initial_call": True,
    },
    {
        "output": "page-toggle.style",
        "inputs": [{"id": "url", "property": "search"}],
        "state": [],
        "clientside_function": {"namespace": "_dashprivate_clientside_funcs", "function_name": "f"},
    },
    {
        "output": "..other-graph.figure..",
        "inputs": [{"id": "url", "property": "search"}],
        "state": [],
        "clientside_function": None,
        "prevent_initial_call": False,
    },
]

LAYOUT = {
    "props": {
        "children": [
            {
                "props": {"id": "url", "refresh": False},
                "type": "Location",
                "namespace": "dash_core_components",
            },
            {
                "props": {"id": "page-metric", "value": "headcount"},
                "type": "RadioItems",
                "namespace": "dbc",
            },
            {
                "props": {"id": "page-a", "children": None},
                "type": "Div",
                "namespace": "dash_html_components",
            },
            {
                "props": {"id": {"type": "chart-card-data", "card": "c1"}},
                "type": "Store",
                "namespace": "dcc",
            },
            {
                "props": {"id": "page-picker", "value": ["x"]},
                "type": "Dropdown",
                "namespace": "dcc",
            },
        ]
    },
    "type": "Div",
    "namespace": "dash_html_components",
}


def test_bench001_output_strings_parse_with_dict_ids_and_duplicates():
    multi, outputs = dp.parse_output(DEPENDENCIES[0]["output"])
    assert multi
    assert outputs == [
        {"id": "page-a", "property": "children"},
        {"id": {"card": "c1", "type": "chart-card-data"}, "property": "data"},
    ]
    multi, outputs = dp.parse_output("url.search@a1b2")
    assert not multi and outputs == [{"id": "url", "property": "search"}]


def test_bench002_filter_change_fires_only_server_callbacks_on_the_page():
    callbacks = dp.callbacks_from_dependencies(DEPENDENCIES)
    assert len(callbacks) == 4  # the clientside one never reaches the server
    layout = dp.Layout.from_tree(LAYOUT)
    chosen = dp.page_callbacks(callbacks, layout)
    # Not the ALL pattern, not the callback whose graph is on another page, not the picker.
    assert [cb.output for cb in chosen] == [DEPENDENCIES[0]["output"]]
    assert chosen[0].name == "page-a.children (+1)"


def test_bench003_payload_carries_location_and_layout_values():
    callbacks = dp.callbacks_from_dependencies(DEPENDENCIES)
    layout = dp.Layout.from_tree(LAYOUT)
    body = dp.payload(callbacks[0], layout, "/seite", "?von=2020", "http://127.0.0.1:1")
    assert body["output"] == DEPENDENCIES[0]["output"]
    assert body["outputs"][1]["id"] == {"card": "c1", "type": "chart-card-data"}
    assert body["inputs"] == [
        {"id": "url", "property": "search", "value": "?von=2020"},
        {"id": "page-metric", "property": "value", "value": "headcount"},
    ]
    assert body["changedPropIds"] == ["url.search"]
    single = dp.payload(callbacks[1], layout, "/seite", "", "http://127.0.0.1:1")
    assert single["outputs"] == {"id": "url", "property": "search"}
    assert single["state"] == [{"id": "url", "property": "search", "value": ""}]


def test_bench004_figure_sizes_come_from_the_response():
    callbacks = dp.callbacks_from_dependencies(DEPENDENCIES)
    graph = callbacks[-1]
    body = {
        "multi": True,
        "response": {"other-graph": {"figure": {"data": [{"x": [1, 2]}], "layout": {}}}},
    }
    assert dp.figure_sizes(body, graph) == {
        "other-graph.figure": len('{"data":[{"x":[1,2]}],"layout":{}}')
    }


def test_bench006_a_callback_fed_by_a_clientside_step_from_the_address_is_fired_by_a_filter_change():
    dependencies = [
        {
            "output": "page-key.data",
            "inputs": [{"id": "url", "property": "search"}],
            "state": [{"id": "page-key", "property": "data"}],
            "clientside_function": {
                "namespace": "_dashprivate_clientside_funcs",
                "function_name": "k",
            },
        },
        {
            "output": "page-a.children",
            "inputs": [{"id": "page-key", "property": "data"}],
            "state": [{"id": "url", "property": "search"}],
            "clientside_function": None,
            "prevent_initial_call": False,
        },
        {
            "output": "page-b.children",
            "inputs": [{"id": "page-picker", "property": "value"}],
            "state": [{"id": "url", "property": "search"}],
            "clientside_function": None,
            "prevent_initial_call": False,
        },
    ]
    layout = dp.Layout.from_tree(
        {
            "props": {
                "children": [
                    {
                        "props": {"id": "url"},
                        "type": "Location",
                        "namespace": "dash_core_components",
                    },
                    {
                        "props": {"id": "page-key"},
                        "type": "Store",
                        "namespace": "dash_core_components",
                    },
                    {"props": {"id": "page-a"}, "type": "Div", "namespace": "dash_html_components"},
                    {"props": {"id": "page-b"}, "type": "Div", "namespace": "dash_html_components"},
                    {
                        "props": {"id": "page-picker", "value": "x"},
                        "type": "Dropdown",
                        "namespace": "dash_core_components",
                    },
                ]
            },
            "type": "Div",
            "namespace": "dash_html_components",
        }
    )
    chosen = dp.page_callbacks(dp.callbacks_from_dependencies(dependencies), layout)
    assert [cb.output for cb in chosen] == ["page-a.children"]
    body = dp.payload(chosen[0], layout, "/seite", "?von=2020", "http://127.0.0.1:1")
    assert body["state"] == [{"id": "url", "property": "search", "value": "?von=2020"}]


def _clientside(output: str, source: str) -> dict:
    return {
        "output": output,
        "inputs": [{"id": source, "property": "data" if source != "url" else "search"}],
        "state": [],
        "clientside_function": {"namespace": "_dashprivate_clientside_funcs", "function_name": "f"},
    }


def test_bench007_stores_derived_from_the_address_in_two_steps_carry_the_filter_setting():
    # url.search -> page-search (what every page reads) -> page-filters (without page params)
    dependencies = [
        _clientside("page-search.data", "url"),
        _clientside("page-filters.data", "page-search"),
        {
            "output": "..page-a.children..",
            "inputs": [{"id": "page-filters", "property": "data"}],
            "state": [],
            "clientside_function": None,
            "prevent_initial_call": False,
        },
    ]
    (callback,) = dp.callbacks_from_dependencies(dependencies)
    assert callback.after_url
    assert callback.address_inputs == {"page-search.data", "page-filters.data"}
    layout = dp.Layout.from_tree(
        [
            {"props": {"id": "url"}, "type": "Location", "namespace": "dash_core_components"},
            {"props": {"id": "page-filters"}, "type": "Store", "namespace": "dash_core_components"},
            {"props": {"id": "page-a"}, "type": "Div", "namespace": "dash_html_components"},
        ]
    )
    assert dp.page_callbacks([callback], layout) == [callback]
    body = dp.payload(callback, layout, "/teilnahme", "?land=05", "http://x")
    assert body["inputs"] == [{"id": "page-filters", "property": "data", "value": "?land=05"}]
