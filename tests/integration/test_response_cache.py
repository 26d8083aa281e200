"""Values kept per data version by `kept_json` (what `cached_value` uses): in this process by
default, in Redis for several workers."""

from __future__ import annotations

import dataclasses
import uuid

import plotly.graph_objects as go
import pytest
from dash import html

from dashboard.cache.callbacks import kept_json
from dashboard.cache.versioned import Cache
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


def _check_round_trip(first: Cache, second: Cache) -> None:
    compute, calls = _counting(_outputs())
    args = (first, "1-1-x-None", "pages.overview.update", ("?von=2017",), compute)
    assert kept_json(*args)[0] is not None
    served = kept_json(second, *args[1:])
    assert len(calls) == 1  # the second lookup was served what the first computed
    assert isinstance(served, tuple) and len(served) == 3
    assert served[0]["data"][0]["type"] == "bar"
    assert served[1][0] == {
        "props": {"children": "2017: "},
        "type": "Strong",
        "namespace": "dash_html_components",
    }
    assert served[1][1] == "5 Akteure" and served[2] is None


def test_cache001_memory_keeps_results_and_keys_separate_versions_databases_and_inputs(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}")
    first = Cache.from_settings(settings)
    assert first.shared.name == "memory"
    _check_round_trip(first, first)

    other_db = Cache.from_settings(Settings(database_url=f"sqlite:///{tmp_path / 'b.db'}"))
    # Maps drawn with online tiles are other answers than the default tile-free ones.
    tiles = Cache.from_settings(dataclasses.replace(settings, basemap="tiles"))
    keys = {
        first.key("v1", "f", ("?a",)),
        first.key("v2", "f", ("?a",)),
        first.key("v1", "f", ("?b",)),
        first.key("v1", "g", ("?a",)),
        other_db.key("v1", "f", ("?a",)),
        tiles.key("v1", "f", ("?a",)),
    }
    assert len(keys) == 6


@pytest.mark.skipif(services.redis_problem() is not None, reason=services.redis_problem() or "")
def test_cache002_redis_is_shared_by_two_apps_on_one_database():
    settings = Settings(
        database_url=f"sqlite:////tmp/{uuid.uuid4().hex}.db", redis_url=services.redis_url()
    )
    first, second = Cache.from_settings(settings), Cache.from_settings(settings)
    assert first.shared.name == "redis"
    _check_round_trip(first, second)


def test_cache003_changed_code_gets_new_keys(tmp_path, monkeypatch):
    from dashboard.cache import versioned

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}")
    before = Cache.from_settings(settings).key("v1", "f", ())
    monkeypatch.setattr(versioned, "code_version", lambda: "after-an-upgrade")
    assert Cache.from_settings(settings).key("v1", "f", ()) != before
