"""What the views derive from the whole data, computed once per data version before the
first request that needs it.

Measured on the national sample, a request that came first after a start or an import
paid for these itself: the network's layout of every actor (1.6 s), the populations the
comparison ranks against (0.8 s), the map's cells per resolution and the participations
every selection starts from. The app now computes them in a background thread as soon as
it loads a data version (the store's on_new_version); a request that needs one meanwhile
waits for that computation (the cache computes each value once) instead of starting its
own, and after an import the previous version answers until the new one is derived.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable

import pandas as pd
from sqlalchemy import Engine

from dashboard.analysis import compare
from dashboard.analysis.hexbins import COARSEST_RESOLUTION, FINEST_RESOLUTION
from dashboard.analysis.selection import select_in
from dashboard.cache.versioned import code_version
from dashboard.db import layouts, repository
from dashboard.state.filters import Filters
from dashboard.state.network import NetworkView
from dashboard.store import Snapshot, Store
from dashboard.views import map as map_views
from dashboard.views import network as network_views
from dashboard.views import retention, topics

log = logging.getLogger(__name__)

COMPARE_POPULATIONS = "compare.populations"


def compare_populations(snapshot: Snapshot) -> pd.Series:
    """Every Kommune's population (the comparison ranks by size class)."""
    return snapshot.derived(COMPARE_POPULATIONS, compare.populations_of)


def compare_peer_groups(snapshot: Snapshot) -> pd.DataFrame:
    """Every actor's peer groups (Bundesland, size class) the comparison ranks among."""
    population = compare_populations(snapshot)
    return snapshot.derived(
        "compare.peer_groups", lambda tables: compare.peer_groups(tables["actors"], population)
    )


def default_network(snapshot: Snapshot) -> None:
    """What /netzwerk shows before any filter is set (graph, metrics, communities, growth),
    drawn once so that each view's kept values are there: the costliest first view after a
    start or an import (about 2.5 s at national scale; the drawings themselves 0.05 s)."""
    filters, state = Filters(), NetworkView()
    network_views.network_view(snapshot, filters, state)
    network_views.metrics_table(snapshot, filters, state)  # the overview needs no centralities
    network_views.growth_view(snapshot, filters, state)


def derive_all(snapshot: Snapshot) -> None:
    """Every value of this module's list, each kept in the snapshot's cache; the network
    first, as its first view waits longest for them."""
    select_in(snapshot, Filters())
    network_views.whole_layout(snapshot)
    default_network(snapshot)
    map_views.fixed_scales(snapshot)
    for resolution in range(COARSEST_RESOLUTION, FINEST_RESOLUTION + 1):
        map_views.place_cells(snapshot, resolution)
    retention.first_years(snapshot)
    topics.topic_rows(snapshot)
    compare_peer_groups(snapshot)


def deriver(engine: Engine) -> Callable[[Snapshot], None]:
    """For Store(on_new_version=...): derive from every version, and store the layout of
    each version after the first this app loads (data changed while it runs: an upload
    here, an import elsewhere), so that its other workers and its next start read it.
    A version loaded at start was changed by a command, which stored its layout itself."""
    # The store tells of its first version (in a thread it starts before it can load any
    # other) before the next; counting the calls is atomic.
    calls = itertools.count()

    def derive(snapshot: Snapshot) -> None:
        derive_and_keep(snapshot, None if next(calls) == 0 else engine)

    return derive


def derive_and_keep(snapshot: Snapshot, engine: Engine | None = None) -> None:
    """derive_all, for Store(on_new_version=...); with the `engine` of the snapshot's
    database, a layout computed here is stored with the data. Never fails: the requests
    compute what they need themselves."""
    try:
        derive_all(snapshot)
        if engine is not None:
            keep_layout(engine, snapshot)
    except Exception:  # say why it failed
        log.exception("deriving data version %s ahead of requests failed", snapshot.version)


def _load_logged(store: Store) -> None:
    try:
        store.snapshot()  # a new version calls the store's on_new_version
    except Exception:  # the first request loads the data itself; say why this failed
        log.exception("loading the data ahead of requests failed")


def load_ahead(store: Store) -> threading.Thread:
    """Load the current data in a daemon thread (started), so that a freshly started app
    reads its tables and derives from them before the first visitor asks."""
    thread = threading.Thread(target=_load_logged, args=(store,), name="load-data", daemon=True)
    thread.start()
    return thread


def store_layout_ahead(engine: Engine) -> int:
    """Compute the network layout of the current data and store it with its version, for
    the apps that load this version later; the number of actors laid out (0 when a layout
    was already stored, or the data changed meanwhile). For the process that changed the
    data: it already paid for reading it, an app starting afterwards need not."""
    with engine.connect() as connection:
        if layouts.has_layout(connection, repository.data_version(connection), code_version()):
            return 0  # e.g. an import that found nothing new: no need to read the data
    return keep_layout(engine, Store(engine).snapshot())


def keep_layout(engine: Engine, snapshot: Snapshot) -> int:
    """Store the layout of `snapshot` (computed once per version) in its database when
    none is stored for its version and the data is still that version: after an upload in
    the app, the other workers and the next start read it instead of computing it. The
    number of actors stored (0 when there was nothing to do)."""
    if snapshot.stored_layout is not None:
        return 0
    frame = network_views.whole_layout(snapshot)
    with engine.begin() as connection:
        repository.lock_for_writing(connection)  # as every writer: no read-then-write race
        current = repository.data_version(connection)
        if current != snapshot.version or layouts.has_layout(connection, current, code_version()):
            return 0
        return layouts.save_layout(connection, snapshot.version, code_version(), frame)
