"""What the views derive from the whole data is computed once per data version, ahead of
the requests: the store names each version it loads, and the app derives from it in the
background."""

from __future__ import annotations

import threading
import time

import pandas as pd

from dashboard.analysis.network import overview, positions, scope
from dashboard.cache.versioned import code_version
from dashboard.db import layouts, repository
from dashboard.db.engine import make_engine
from dashboard.sample.small import generate
from dashboard.state.filters import Filters
from dashboard.state.network import NetworkView
from dashboard.store import Snapshot, Store
from dashboard.views import per_version
from dashboard.views.network import metrics_table, network_view, whole_layout


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
    _wait_until(lambda: seen == [first])
    _new_batch(engine)
    second = store.snapshot().version  # the sample loads within the store's wait
    store.snapshot()
    assert second != first and seen == [first, second]


def test_pv003_derive_and_keep_fills_the_cache_the_views_read(monkeypatch):
    snapshot = Snapshot(version="sample", tables=generate())
    per_version.derive_and_keep(snapshot)
    calls = []
    monkeypatch.setattr(positions, "compute_layout", lambda *args: calls.append(1))
    positions.layout(snapshot.tables["actors"], snapshot.tables["links"], snapshot.scope())
    assert calls == []


def test_pv007_while_a_new_version_is_prepared_the_previous_one_answers(settings):
    engine = make_engine(settings.database_url)
    release = threading.Event()
    prepared: list[str] = []

    def prepare(snapshot: Snapshot) -> None:
        if prepared:  # the first version goes through; the next waits for the test
            release.wait(timeout=60)
        prepared.append(snapshot.version)

    store = Store(engine, on_new_version=prepare, wait_seconds=0.1)
    first = store.snapshot()
    _wait_until(lambda: prepared == [first.version])
    assert not first.updating and not store.updating
    _new_batch(engine)
    during = store.snapshot()
    assert during.version == first.version and during.updating and store.updating
    assert store.version() == first.version  # what answers are kept under, too
    release.set()
    _wait_until(lambda: not store.updating)
    after = store.snapshot()
    assert after.version != first.version and not after.updating
    assert prepared == [first.version, after.version]


def _new_batch(engine) -> None:
    """An empty import: a new batch, a new version."""
    with engine.begin() as connection:
        batch = repository.start_batch(connection, "test", "leer.xlsx")
        repository.finish_batch(connection, batch, {"inserted": {}})


def _wait_until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


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
    _new_batch(engine)
    assert Store(engine).snapshot().stored_layout is None


def test_pv006_data_changed_in_the_app_is_laid_out_once_for_every_worker(settings, monkeypatch):
    engine = make_engine(settings.database_url)
    store = Store(engine, on_new_version=per_version.deriver(engine))
    first = store.snapshot().version
    _new_batch(engine)  # an upload in the app
    _wait_until(lambda: store.snapshot().version != first)
    version = store.version()

    def stored() -> bool:
        with engine.connect() as connection:
            return layouts.has_layout(connection, version, code_version())

    _wait_until(stored)
    expected = whole_layout(store.snapshot())

    monkeypatch.setattr(positions, "compute_layout", _must_not_compute)
    other_worker = Store(engine).snapshot()
    pd.testing.assert_frame_equal(
        whole_layout(other_worker), expected, check_index_type=False, check_names=False
    )
    assert per_version.keep_layout(engine, other_worker) == 0  # stored already
    with engine.connect() as connection:  # the version loaded at start was not stored
        assert not layouts.has_layout(connection, first, code_version())


def _must_not_compute(*_args):
    raise AssertionError("the stored layout should have been used")


def test_pv008_the_default_network_and_its_metrics_are_derived_ahead(monkeypatch):
    monkeypatch.setattr(overview, "OVERVIEW_ABOVE", 10)  # opens with its communities
    snapshot = Snapshot(version="sample", tables=generate())
    per_version.derive_all(snapshot)
    monkeypatch.setattr(scope.nx, "betweenness_centrality", _must_not_compute)
    monkeypatch.setattr(scope.measures, "igraph_centralities", _must_not_compute)
    table = metrics_table(snapshot, Filters(), NetworkView())
    assert len(table) > 0 and table["betweenness"].notna().all()
    network_view(snapshot, Filters(), NetworkView())


def test_pv009_who_changed_the_data_here_waits_for_the_change(settings):
    engine = make_engine(settings.database_url)

    def slow(snapshot: Snapshot) -> None:
        time.sleep(0.5)  # longer than the store lets a reader wait

    store = Store(engine, on_new_version=slow, wait_seconds=0.05)
    first = store.snapshot().version
    _new_batch(engine)
    store.note_write()  # as the app's commit listener does for its own writes
    after = store.snapshot()
    assert after.version != first and not after.updating
    _new_batch(engine)  # a change made elsewhere: the previous version answers meanwhile
    during = store.snapshot()
    assert during.version == after.version and during.updating
