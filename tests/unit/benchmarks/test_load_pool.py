"""The load test's cold mode: every user's every filter change a setting never asked before,
and the report says which mode and which backend were measured."""

from __future__ import annotations

import json

from benchmarks import dash_protocol as dp
from benchmarks.cold import Choices, load_searches
from benchmarks.load_pool import SEARCH_SLOT, SettingsPool, fill, settings_needed, template
from benchmarks.report import evaluate_targets, render_load_setup
from benchmarks.run import FILTERS

CHOICES = Choices(years=(2006, 2025), topics=("digitalisierung", "klimaschutz"))
FIXED = frozenset(search for _label, search in FILTERS)

# A page whose graph reads a store the browser derives from the address, and the address.
DEPENDENCIES = [
    {
        "output": "page-filters.data",
        "inputs": [{"id": "url", "property": "search"}],
        "state": [],
        "clientside_function": {"namespace": "_dashprivate_clientside_funcs", "function_name": "f"},
    },
    {
        "output": "page-graph.figure",
        "inputs": [{"id": "page-filters", "property": "data"}],
        "state": [{"id": "url", "property": "href"}],
        "clientside_function": None,
        "prevent_initial_call": False,
    },
]
LAYOUT = {
    "props": {
        "children": [
            {"props": {"id": "url"}, "type": "Location", "namespace": "dcc"},
            {"props": {"id": "page-filters", "data": None}, "type": "Store", "namespace": "dcc"},
            {"props": {"id": "page-graph", "figure": {}}, "type": "Graph", "namespace": "dcc"},
        ]
    },
    "type": "Div",
    "namespace": "dash_html_components",
}


def test_bench008_the_cold_plan_has_a_distinct_setting_for_every_change_and_none_of_the_fixed():
    count = settings_needed(users=50, duration_s=60, think_min_s=2)
    assert count == 50 * (30 + 2)
    searches = load_searches(CHOICES, count, FIXED)
    assert len(searches) == count == len(set(searches))
    assert not set(searches) & (FIXED | {""})
    assert searches == load_searches(CHOICES, count, FIXED)  # seeded: the same every run


def test_bench009_no_think_time_still_gives_a_bounded_pool():
    assert settings_needed(users=10, duration_s=15, think_min_s=0) == 10 * (30 + 2)


def test_bench010_the_pool_hands_each_setting_to_one_user_only_then_says_it_is_empty():
    pool = SettingsPool(["?von=2019", "?land=05", "?typ=kommune"])
    taken = [pool.take() for _ in range(3)]
    assert sorted(taken) == ["?land=05", "?typ=kommune", "?von=2019"]  # type: ignore[type-var]
    assert pool.take() is None


def test_bench011_a_filled_template_is_the_request_the_browser_sends_for_that_setting():
    callback = dp.callbacks_from_dependencies(DEPENDENCIES)[0]
    layout = dp.Layout.from_tree(LAYOUT)
    base = "http://127.0.0.1:1"
    body_template = template(dp.payload(callback, layout, "/karte", SEARCH_SLOT, base))
    search = "?von=2019&typ=initiative,kommune&thema=öffentlich"
    expected = dp.payload(callback, layout, "/karte", search, base)
    assert json.loads(fill(body_template, search)) == expected
    assert expected["inputs"] == [{"id": "page-filters", "property": "data", "value": search}]
    assert expected["state"][0]["value"] == base + "/karte" + search


def _load(**extra) -> dict:
    return {
        "users": 50,
        "duration_s": 60,
        "spawn_rate": 10,
        "think_seconds": [2.0, 8.0],
        "p95_ms": 700.0,
        "errors": 0,
        **extra,
    }


def _p95_target(load: dict) -> dict:
    targets = evaluate_targets({"datasets": {"large": {"load_test": load}}})
    return next(t for t in targets if t["what"].startswith("load test p95"))


def test_bench012_the_report_says_the_load_tests_mode_and_backend():
    cold = _load(mode="cold", cold_settings=1600, backend={"database": "postgresql", "redis": True})
    target = _p95_target(cold)
    assert "cold, PostgreSQL, Redis" in target["what"]
    assert target["target"] == "≤ 800 ms" and target["ok"] is True
    text = "\n".join(render_load_setup(cold))
    assert "cold: every filter change a setting never asked before" in text
    assert "pool of 1600 settings" in text and "**PostgreSQL, Redis**" in text

    # Results from before the cold mode: warm, on the SQLite file, the warm target.
    older = _p95_target(_load())
    assert "warm, SQLite, no Redis" in older["what"]
    assert older["target"] == "≤ 500 ms" and older["ok"] is False
