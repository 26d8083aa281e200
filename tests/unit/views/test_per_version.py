"""What the views derive from the whole data is computed once per data version, ahead of
the requests: the store names each version it loads, and the app derives from it in the
background."""

from __future__ import annotations

from dashboard.analysis.network import positions
from dashboard.db import repository
from dashboard.db.engine import make_engine
from dashboard.sample.small import generate
from dashboard.state.filters import Filters
from dashboard.state.network import NetworkView
from dashboard.store import Snapshot, Store
from dashboard.views import per_version
from dashboard.views.network import network_view


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
