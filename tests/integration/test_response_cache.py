"""Callback results cached per data version: on disk by default, in Redis for several workers."""

from __future__ import annotations

import dataclasses
import uuid

import plotly.graph_objects as go
import pytest
from dash import html

from dashboard.cache.responses import ResponseCache
from dashboard.config import Settings
from tests import services


def _counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value

    return compute, calls


def _outputs():
    figure = go.Figure(go.Bar(x=[2016, 2017], y=[3, 5]))
    return figure, [html.Strong("2017: "), "5 Akteure"], None


def _check_round_trip(first: ResponseCache, second: ResponseCache) -> None:
    compute, calls = _counting(_outputs())
    key = first.key("pages.overview.update", "1-1-x-None", ("?von=2017",))
    assert first.get_or_compute(key, compute)[0] is not None
    served = second.get_or_compute(key, compute)
    assert len(calls) == 1  # the second worker was served what the first computed
    assert isinstance(served, tuple) and len(served) == 3
    assert served[0]["data"][0]["type"] == "bar"
    assert served[1][0] == {
        "props": {"children": "2017: "},
        "type": "Strong",
        "namespace": "dash_html_components",
    }
    assert served[1][1] == "5 Akteure" and served[2] is None


def test_cache001_files_share_results_and_keys_separate_versions_databases_and_inputs(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}")
    first = ResponseCache.from_settings(settings, tmp_path / "cache")
    _check_round_trip(first, ResponseCache.from_settings(settings, tmp_path / "cache"))

    other_db = ResponseCache.from_settings(
        Settings(database_url=f"sqlite:///{tmp_path / 'b.db'}"), tmp_path / "cache"
    )
    offline = ResponseCache.from_settings(
        dataclasses.replace(settings, offline=True), tmp_path / "cache"
    )
    keys = {
        first.key("f", "v1", ("?a",)),
        first.key("f", "v2", ("?a",)),
        first.key("f", "v1", ("?b",)),
        first.key("g", "v1", ("?a",)),
        other_db.key("f", "v1", ("?a",)),
        offline.key("f", "v1", ("?a",)),
    }
    assert len(keys) == 6


@pytest.mark.skipif(services.redis_problem() is not None, reason=services.redis_problem() or "")
def test_cache002_redis_is_shared_by_two_apps_on_one_database():
    settings = Settings(
        database_url=f"sqlite:////tmp/{uuid.uuid4().hex}.db", redis_url=services.redis_url()
    )
    _check_round_trip(ResponseCache.from_settings(settings), ResponseCache.from_settings(settings))


def test_cache003_changed_code_gets_new_keys(tmp_path, monkeypatch):
    from dashboard.cache import responses as response_cache

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}")
    before = ResponseCache.from_settings(settings, tmp_path / "cache").key("f", "v1", ())
    monkeypatch.setattr(response_cache, "code_version", lambda: "after-an-upgrade")
    assert ResponseCache.from_settings(settings, tmp_path / "cache").key("f", "v1", ()) != before
