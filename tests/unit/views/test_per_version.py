"""What the views derive from the whole data is computed once per data version, ahead of
the requests: the store names each version it loads, and the app derives from it in the
background."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.network import positions
from dashboard.cache.versioned import code_version
from dashboard.db import layouts, repository
from dashboard.db.engine import make_engine
from dashboard.sample.small import generate
from dashboard.state.filters import Filters
from dashboard.state.network import NetworkView
from dashboard.store import Snapshot, Store
from dashboard.views import per_version
from dashboard.views.network import network_view, whole_layout


def test_pv001_a_view_after_derive_all_computes_no_layout(monkeypatch):
    snapshot = Snapshot(version="sample", tables=generate())
    calls = []
    compute = positions.compute_layout
    monkeypatch.setattr(
        positions, "compute_layout", lambda *args: calls.append(1) or compute(*args)
    )
    per_version.derive_all(snapshot)
    assert calls == [1]
    network_view(snapshot, Filters(), NetworkView())
    assert calls == [1]


def test_pv002_the_store_names_each_version_it_loads_once(settings):
    engine = make_engine(settings.database_url)
    seen: list[str] = []
    store = Store(engine, on_new_version=lambda snapshot: seen.append(snapshot.version))
    first = store.snapshot().version
    store.snapshot()
    assert seen == [first]
    with engine.begin() as connection:  # an empty import: a new batch, a new version
        batch = repository.start_batch(connection, "test", "leer.xlsx")
        repository.finish_batch(connection, batch, {"inserted": {}})
    second = store.snapshot().version
    store.snapshot()
    assert second != first and seen == [first, second]


def test_pv003_derive_in_background_fills_the_cache_the_views_read(monkeypatch):
    snapshot = Snapshot(version="sample", tables=generate())
    per_version.derive_in_background(snapshot).join(timeout=120)
    calls = []
    monkeypatch.setattr(positions, "compute_layout", lambda *args: calls.append(1))
    positions.layout(snapshot.tables["actors"], snapshot.tables["links"], snapshot.scope())
    assert calls == []


def test_pv004_a_layout_stored_ahead_is_what_a_new_store_draws_without_computing(
    settings, monkeypatch
):
    engine = make_engine(settings.database_url)
    tables = Store(engine).snapshot().tables
    expected = positions.compute_layout(tables["actors"], tables["links"])
    assert per_version.store_layout_ahead(engine) == len(expected)
    assert per_version.store_layout_ahead(engine) == 0  # stored already: nothing again

    monkeypatch.setattr(positions, "compute_layout", _must_not_compute)
    snapshot = Store(engine).snapshot()
    pd.testing.assert_frame_equal(
        whole_layout(snapshot), expected, check_index_type=False, check_names=False
    )
    network_view(snapshot, Filters(), NetworkView())


def test_pv005_a_layout_of_another_data_or_code_version_is_never_read(settings):
    engine = make_engine(settings.database_url)
    per_version.store_layout_ahead(engine)
    version = Store(engine).snapshot().version
    with engine.connect() as connection:
        assert layouts.read_layout(connection, version, code_version()) is not None
        assert layouts.read_layout(connection, version, "another-release") is None
    with engine.begin() as connection:  # an empty import: a new batch, a new version
        batch = repository.start_batch(connection, "test", "leer.xlsx")
        repository.finish_batch(connection, batch, {"inserted": {}})
    assert Store(engine).snapshot().stored_layout is None


def test_pv006_data_changed_in_the_app_is_laid_out_once_for_every_worker(settings, monkeypatch):
    engine = make_engine(settings.database_url)
    with engine.begin() as connection:  # an upload in the app: a new batch, a new version
        batch = repository.start_batch(connection, "test", "upload.xlsx")
        repository.finish_batch(connection, batch, {"inserted": {}})
    threads = []
    store = Store(
        engine,
        on_new_version=lambda snapshot: threads.append(
            per_version.derive_in_background(snapshot, engine)
        ),
    )
    version = store.snapshot().version
    threads[0].join(timeout=120)
    with engine.connect() as connection:
        assert layouts.has_layout(connection, version, code_version())
    expected = whole_layout(store.snapshot())

    monkeypatch.setattr(positions, "compute_layout", _must_not_compute)
    other_worker = Store(engine).snapshot()
    pd.testing.assert_frame_equal(
        whole_layout(other_worker), expected, check_index_type=False, check_names=False
    )
    assert per_version.keep_layout(engine, other_worker) == 0  # stored already


def _must_not_compute(*_args):
    raise AssertionError("the stored layout should have been used")
