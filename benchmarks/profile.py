"""Where a page's callbacks spend their time: cProfile of real callback requests, in-process.

    .venv/bin/python -m benchmarks.profile --database sqlite:////tmp/large.db [--page /karte] [--search "?typ=kommune"]
    .venv/bin/python -m benchmarks.profile --build-large /tmp/large.db   # make the large database first
    .venv/bin/python -m benchmarks.profile --database sqlite:////tmp/large.db --cold 20

With --cold N every callback is asked N filter settings it never saw (benchmarks.cold), all
under one profile, with the median and slowest answer: where a user exploring the data
waits. Without it, one setting is asked twice and the second (warm) answer profiled.

The app is built with create_app() on the given database; the same `/_dash-update-component`
requests as in benchmarks/run.py go through Flask's test client, each once to warm up and
once under cProfile. Printed: the functions of this project (and the heaviest library
calls) by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import time
from pathlib import Path

import numpy as np

from benchmarks import dash_protocol as dp
from benchmarks.cold import choices_of, cold_searches
from benchmarks.run import FILTERS, PAGES, build_database, large_frames


class TestClient:
    """The bits of benchmarks.run.Client the profiler needs, over Flask's test client."""

    def __init__(self, app) -> None:
        self.base = "http://localhost"
        self.http = app.server.test_client()
        deps = self.http.get("/_dash-dependencies").get_json()
        self.callbacks = dp.callbacks_from_dependencies(deps)
        self.router = dp.router(self.callbacks)

    def post(self, body: dict):
        start = time.perf_counter()
        response = self.http.post(
            "/_dash-update-component", data=json.dumps(body), content_type="application/json"
        )
        return (time.perf_counter() - start) * 1000.0, response

    def layout(self, path: str) -> dp.Layout:
        _ms, response = self.post(dp.route_payload(self.router, path, ""))
        tree = response.get_json()["response"][dp.PAGES_CONTENT]["children"]
        return dp.Layout.from_tree(tree)


def profile_page(client: TestClient, path: str, search: str, lines: int) -> None:
    ms, _response = client.post(dp.route_payload(client.router, path, search))
    print(f"\n=== {path}{search}: page router {ms:.0f} ms")
    layout = client.layout(path)
    for cb in dp.page_callbacks(client.callbacks, layout):
        body = dp.payload(cb, layout, path, search, client.base)
        warm_ms, _ = client.post(body)
        profiler = cProfile.Profile()
        profiler.enable()
        ms, response = client.post(body)
        profiler.disable()
        print(
            f"\n--- {cb.name}: {warm_ms:.0f} ms warm-up, {ms:.0f} ms profiled, HTTP {response.status_code}, "
            f"{len(response.data) / 1024:.0f} KB"
        )
        _print_stats(profiler, lines)


PROFILED = (
    r"dashboard/|pandas/core/(groupby|frame|series)\.py:\d+\((agg|apply|map|merge|__init__)|"
    r"plotly/basedatatypes|babel|json|orjson|sqlalchemy"
)


def _print_stats(profiler: cProfile.Profile, lines: int) -> None:
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(PROFILED, lines)
    body_lines = text.getvalue().splitlines()
    start = next((i for i, line in enumerate(body_lines) if line.strip().startswith("ncalls")), 0)
    print("\n".join(body_lines[start : start + lines + 1]))


def profile_cold(client: TestClient, path: str, searches, count: int, lines: int) -> None:
    """Every callback of the page, each asked `count` settings never asked before."""
    layout = client.layout(path)
    for cb in dp.page_callbacks(client.callbacks, layout):
        profiler = cProfile.Profile()
        times = []
        for _ in range(count):
            body = dp.payload(cb, layout, path, next(searches), client.base)
            profiler.enable()
            ms, _response = client.post(body)
            profiler.disable()
            times.append(ms)
        print(
            f"\n--- {path} {cb.name}: cold p50 {np.percentile(times, 50):.0f} ms, "
            f"p95 {np.percentile(times, 95):.0f} ms over {count} settings"
        )
        _print_stats(profiler, lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile")
    parser.add_argument("--database", help="DATABASE_URL of an existing database")
    parser.add_argument(
        "--build-large", type=Path, help="write the large dataset to this SQLite file and use it"
    )
    parser.add_argument(
        "--page", action="append", help="page path (default: every page of the harness)"
    )
    parser.add_argument(
        "--search", default=FILTERS[0][1], help="the filter query string, e.g. '?typ=kommune'"
    )
    parser.add_argument("--lines", type=int, default=25)
    parser.add_argument(
        "--cold", type=int, default=0, help="profile N never-asked filter settings per callback"
    )
    options = parser.parse_args(argv)
    if options.build_large:
        seconds = build_database(options.build_large, large_frames())
        print(f"loaded the large dataset into {options.build_large} in {seconds:.1f} s")
        options.database = options.database or f"sqlite:///{options.build_large}"
    if not options.database:
        parser.error("--database or --build-large is needed")

    from dashboard import create_app
    from dashboard.config import Settings

    app = create_app(Settings(database_url=options.database, seed_on_first_start=False))
    client = TestClient(app)
    start = time.perf_counter()
    client.post(dp.route_payload(client.router, "/", ""))
    print(f"first page layout (reads every table): {time.perf_counter() - start:.1f} s")
    paths = options.page or [path for _name, path, _prefix in PAGES]
    if options.cold:
        searches = cold_searches(choices_of(options.database))
        for path in paths:
            profile_cold(client, path, searches, options.cold, options.lines)
        return 0
    for path in paths:
        profile_page(client, path, options.search, options.lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
