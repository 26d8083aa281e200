"""Performance and load harness: one command measures the sample and the large dataset.

    .venv/bin/python -m benchmarks.run            # full run (~20-30 min on 2 cores)
    .venv/bin/python -m benchmarks.run --quick    # sample dataset only, few repetitions, no load test

The full run writes benchmarks/results.json and docs/performance.md; --quick writes to
.cache/benchmarks/ unless --results/--markdown say otherwise. Everything is measured in
one run against real processes on 127.0.0.1 (nothing else is ever contacted):

1. server time of each callback a filter change fires on each page (p50/p95 over real
   `/_dash-update-component` requests) and of a no-op callback of the same app, with ratios:
   warm (six filter settings in rotation, answered from the cache after the first round)
   and cold (settings never asked before, from benchmarks.cold's seeded generator);
2. JSON size of each figure those callbacks return;
3. cold start of `python app.py` to the first HTTP 200, and to the first page with data;
4. resident memory of the app process and of each gunicorn worker after warm-up;
5. in headless Chromium, time from navigation to the first chart drawn on each page;
6. a locust load test: 50 users for 60 s against gunicorn with two workers; by default every
   filter change of every user a setting never asked before (--load-mode), on the SQLite
   file or on PostgreSQL (--load-database-url), with answers shared in Redis (--redis-url).

Pages and callbacks are discovered from the running app (`/_dash-dependencies` and the
page router): a page that does not exist yet is reported as "not present".
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager, suppress
from pathlib import Path

import numpy as np
import requests

from benchmarks import dash_protocol as dp
from benchmarks import history
from benchmarks.cold import choices_of, cold_searches, load_searches
from benchmarks.load_pool import SEARCH_SLOT, settings_needed, template
from benchmarks.report import LOAD_MODES, evaluate_targets, write_markdown

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BENCH_VENV = ROOT / ".cache" / "bench-venv"
REQUIREMENTS_BENCH = ROOT / "requirements-bench.txt"

# The pages the issue names, with the id prefix every component of that page carries.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("overview", "/", "overview-"),
    ("map", "/karte", "map-"),
    ("attendance", "/teilnahme", "attendance-"),
    ("topics", "/themen", "topics-"),
    ("network", "/netzwerk", "network-"),
    ("compare", "/vergleich", "compare-"),
)
# Filter changes (url.search) the callbacks are timed with, in rotation.
FILTERS: tuple[tuple[str, str], ...] = (
    ("alle", ""),
    ("jahre", "?von=2019&bis=2025"),
    ("kommunen", "?typ=kommune"),
    ("nrw", "?land=05"),
    ("thema", "?thema=digitalisierung"),
    ("kombiniert", "?von=2021&typ=initiative,organisation&land=09"),
)
HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip, deflate"}
# The schema the load test's data lives in with --load-database-url (dropped afterwards).
LOAD_SCHEMA = "netzwerkatlas_bench"


# --- small helpers ----------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def summary(samples_ms: list[float]) -> dict:
    if not samples_ms:
        return {"n": 0}
    values = np.asarray(samples_ms, dtype=float)
    return {
        "n": int(values.size),
        "p50_ms": round(float(np.percentile(values, 50)), 2),
        "p95_ms": round(float(np.percentile(values, 95)), 2),
        "mean_ms": round(float(values.mean()), 2),
        "min_ms": round(float(values.min()), 2),
        "max_ms": round(float(values.max()), 2),
    }


def ratio(a: dict, b: dict, key: str) -> float | None:
    if not a.get(key) or not b.get(key):
        return None
    return round(a[key] / b[key], 1)


def memory_of(pid: int) -> dict:
    import psutil

    try:
        info = psutil.Process(pid).memory_full_info()
    except (psutil.Error, OSError) as error:
        return {"pid": pid, "error": str(error)}
    return {"pid": pid, "rss_mb": round(info.rss / 2**20, 1), "uss_mb": round(info.uss / 2**20, 1)}


class Background:
    """What else runs on the machine while we measure: every 5 s, the cores busy with processes
    that are not the harness or its children, and the 1-minute load average."""

    def __init__(self, interval_s: float = 5.0) -> None:
        self.interval = interval_s
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _foreign_cpu(self) -> dict[int, float]:
        import psutil

        me = psutil.Process()
        ours = {me.pid} | {child.pid for child in me.children(recursive=True)}
        times = {}
        for process in psutil.process_iter(["pid", "cpu_times"]):
            info = process.info
            if info["pid"] not in ours and info["cpu_times"] is not None:
                times[info["pid"]] = info["cpu_times"].user + info["cpu_times"].system
        return times

    def _run(self) -> None:
        before, at = self._foreign_cpu(), time.monotonic()
        while not self._stop.wait(self.interval):
            now, now_at = self._foreign_cpu(), time.monotonic()
            busy = sum(max(0.0, t - before.get(pid, 0.0)) for pid, t in now.items()) / (now_at - at)
            self.samples.append((busy, os.getloadavg()[0]))
            before, at = now, now_at

    def __enter__(self) -> Background:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval * 3)

    def result(self) -> dict:
        if not self.samples:
            return {"samples": 0}
        busy = [b for b, _ in self.samples]
        load = [load_1m for _, load_1m in self.samples]
        return {
            "samples": len(busy),
            "other_processes_cores_mean": round(statistics.mean(busy), 2),
            "other_processes_cores_max": round(max(busy), 2),
            "loadavg_1m_mean": round(statistics.mean(load), 2),
            "loadavg_1m_max": round(max(load), 2),
        }


# --- databases ----------------------------------------------------------------------------


def build_database(path: Path, frames: dict) -> float:
    """Load `frames` into a fresh SQLite file the way an import does; seconds taken."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return load_frames(f"sqlite:///{path}", frames)


def build_postgres_schema(url: str, frames: dict) -> str:
    """Load `frames` into a fresh schema of the harness's own in the PostgreSQL database at
    `url` (nothing else in that database is touched); the URL the app reads it with."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from dashboard.db.engine import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{LOAD_SCHEMA}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{LOAD_SCHEMA}"'))
    engine.dispose()
    options = {"options": f"-csearch_path={LOAD_SCHEMA}"}
    schema_url = make_url(url).update_query_dict(options).render_as_string(hide_password=False)
    load_frames(schema_url, frames)
    return schema_url


def drop_postgres_schema(url: str) -> None:
    from sqlalchemy import text

    from dashboard.db.engine import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{LOAD_SCHEMA}" CASCADE'))
    engine.dispose()


def load_frames(url: str, frames: dict) -> float:
    """Migrate the empty database at `url` and load `frames` the way an import does;
    seconds the loading took."""
    from dashboard.db import migrate, repository
    from dashboard.db.engine import make_engine

    engine = make_engine(url)
    migrate.upgrade(engine)
    start = time.perf_counter()
    with engine.begin() as connection:
        batch = repository.start_batch(connection, "benchmark", "generated frames")
        counts = repository.insert_frames(connection, frames)
        repository.finish_batch(connection, batch, {"inserted": counts})
    seconds = time.perf_counter() - start
    engine.dispose()
    return seconds


def sample_frames() -> dict:
    from dashboard.sample.small import generate

    return generate()


def large_frames() -> dict:
    from dashboard.sample.national import generate_large

    return generate_large()


# --- processes ----------------------------------------------------------------------------


class Server:
    """A server subprocess of ours, in its own process group, stopped by its own id."""

    def __init__(self, name: str, command: list[str], env: dict, port: int, logs: Path) -> None:
        self.name, self.command, self.env, self.port = name, command, env, port
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = logs / f"{name}-{port}.log"
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0

    def start(self) -> None:
        # Open for the server's whole life and closed in stop(), so no `with` block.
        self.log_handle = open(self.log_path, "a")  # noqa: SIM115 - closed in stop()
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log_handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout_s: float = 180.0) -> float:
        """Seconds from start to the first HTTP 200 on "/"."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode}: {self.log_tail()}"
                )
            try:
                if requests.get(self.base + "/", timeout=5).status_code == 200:
                    return time.perf_counter() - self.started_at
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError(
            f"{self.name} gave no HTTP 200 within {timeout_s:.0f} s: {self.log_tail()}"
        )

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        if getattr(self, "log_handle", None):
            self.log_handle.close()

    def workers(self) -> list[int]:
        import psutil

        try:
            return [child.pid for child in psutil.Process(self.process.pid).children()]
        except psutil.Error:
            return []


@contextmanager
def running(server: Server):
    server.start()
    try:
        yield server
    finally:
        server.stop()


def app_env(database: Path, port: int, extra: dict | None = None) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "PORT", "HOST", "REDIS_URL")
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "SECRET_KEY": "benchmark-only-secret",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra or {})
    return env


# --- talking to the app ---------------------------------------------------------------------


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()
        self.http.headers.update(HEADERS)
        deps = self.http.get(base + "/_dash-dependencies", timeout=30).json()
        self.callbacks = dp.callbacks_from_dependencies(deps)
        self.router = dp.router(self.callbacks)

    timeout = 120.0

    def post(self, body: dict, timeout: float | None = None) -> tuple[float, requests.Response]:
        data = json.dumps(body)
        start = time.perf_counter()
        response = self.http.post(
            self.base + "/_dash-update-component", data=data, timeout=timeout or self.timeout
        )
        return (time.perf_counter() - start) * 1000.0, response

    def route(self, path: str, search: str = "") -> tuple[float, requests.Response]:
        return self.post(dp.route_payload(self.router, path, search))

    def page_layout(self, path: str, search: str = "") -> tuple[dp.Layout | None, str | None]:
        if self.router is None:
            return None, "the app has no page router"
        _ms, response = self.route(path, search)
        if response.status_code != 200:
            return None, f"router answered HTTP {response.status_code}"
        body = response.json()
        tree = body.get("response", {}).get(dp.PAGES_CONTENT, {}).get("children")
        return dp.Layout.from_tree(tree), None


def discover(client: Client) -> dict:
    """{page: {present, path, layout, callbacks, reason}} for every page of PAGES."""
    pages = {}
    for name, path, prefix in PAGES:
        try:
            layout, problem = client.page_layout(path)
        except (requests.RequestException, ValueError) as error:
            layout, problem = None, f"router failed: {error}"
        if layout is None or not layout.ids_with_prefix(prefix):
            pages[name] = {"present": False, "path": path, "reason": problem or "not present"}
            continue
        callbacks = dp.page_callbacks(client.callbacks, layout)
        pages[name] = {
            "present": True,
            "path": path,
            "layout": layout,
            "callbacks": callbacks,
            "reason": None if callbacks else "no callback listens to url.search",
        }
    return pages


def response_sizes(response: requests.Response) -> tuple[int, int]:
    raw = len(response.content)
    encoded = response.headers.get("Content-Length")
    sent = int(encoded) if encoded and response.headers.get("Content-Encoding") else raw
    return raw, sent


def time_callback(
    client: Client,
    cb: dp.Callback,
    layout: dp.Layout,
    path: str,
    filters,
    rounds: int,
    budget_s: float,
) -> dict:
    """First call per filter (cold), then `rounds` timed rotations through the filters."""
    first, timed, errors, sizes, figures = [], [], [], {}, {}
    started = time.monotonic()
    timed_out = False
    for round_number in range(rounds + 1):
        if timed_out or (round_number > 1 and time.monotonic() - started > budget_s):
            break
        for label, search in filters:
            try:
                ms, response = client.post(dp.payload(cb, layout, path, search, client.base))
            except requests.RequestException as error:
                errors.append(
                    f"{label}: no answer within {client.timeout:.0f} s ({type(error).__name__})"
                )
                timed_out = True
                break
            (first if round_number == 0 else timed).append(ms)
            if response.status_code not in (200, 204):
                errors.append(f"{label}: HTTP {response.status_code}")
                continue
            if round_number == 0 and response.status_code == 200:
                sizes[label] = response_sizes(response)
                for key, size in dp.figure_sizes(response.json(), cb).items():
                    figures.setdefault(key, {})[label] = size
    result = {
        "name": cb.name,
        "outputs": [f"{dp.stringify_id(o['id'])}.{o['property']}" for o in cb.outputs],
        "first_call": summary(first),
        "timed": summary(timed or first),
        "errors": errors[:10],
        "error_count": len(errors),
        "timed_out": timed_out,
    }
    if sizes:
        result["response_bytes"] = max(s[0] for s in sizes.values())
        result["response_sent_bytes"] = max(s[1] for s in sizes.values())
    result["figures"] = {
        key: {"unfiltered_bytes": per.get(filters[0][0]), "max_bytes": max(per.values())}
        for key, per in figures.items()
    }
    return result


def time_cold(
    client: Client, cb: dp.Callback, layout: dp.Layout, path: str, searches, count: int
) -> dict:
    """`count` answers to filter settings nobody asked before (benchmarks.cold): what a user
    exploring the data waits for. Sizes are as sent (gzip)."""
    samples, sent, errors = [], [], 0
    for _ in range(count):
        ms, response = client.post(dp.payload(cb, layout, path, next(searches), client.base))
        samples.append(ms)
        if response.status_code in (200, 204):
            sent.append(response_sizes(response)[1])
        else:
            errors += 1
    return {**summary(samples), "sent_bytes_max": max(sent, default=0), "errors": errors}


def time_noop(client: Client, repetitions: int) -> dict:
    samples, errors = [], 0
    for n in range(repetitions):
        ms, response = client.post(dp.noop_payload(n + 1))
        samples.append(ms)
        errors += response.status_code != 200
    return {**summary(samples), "errors": errors}


# --- the measurement of one dataset ----------------------------------------------------------


def measure_callbacks(server: Server, options, choices) -> tuple[dict, dict, dict]:
    client = Client(server.base)
    client.timeout = options.callback_timeout
    pages = discover(client)
    filters = FILTERS if not options.quick else FILTERS[:3]
    # One generator for the whole dataset: no setting is asked twice, by any callback.
    searches = cold_searches(choices, asked=frozenset(search for _label, search in filters))
    # Warm-up: every page once (data load, imports), and the no-op.
    for info in pages.values():
        if info["present"]:
            client.route(info["path"])
    time_noop(client, 10)
    noop_samples = [time_noop(client, options.noop)]
    results = {}
    for name, path, _prefix in PAGES:
        info = pages[name]
        if not info["present"]:
            results[name] = {"present": False, "path": path, "reason": info["reason"]}
            log(f"  {name}: {info['reason']}")
            continue
        route = [
            client.route(path, search)[0]
            for _label, search in filters
            for _ in range(max(1, options.rounds // 2))
        ]
        page = {
            "present": True,
            "path": path,
            "route": summary(route),
            "callbacks": [],
            "note": info["reason"],
        }
        for cb in info["callbacks"]:
            measured = time_callback(
                client, cb, info["layout"], path, filters, options.rounds, options.budget
            )
            page["callbacks"].append(measured)
            if not measured["timed_out"]:
                measured["cold"] = time_cold(
                    client, cb, info["layout"], path, searches, options.cold
                )
            log(
                f"  {name}: {cb.name}: p50 {measured['timed'].get('p50_ms')} ms, "
                f"p95 {measured['timed'].get('p95_ms')} ms, cold p95 "
                f"{measured.get('cold', {}).get('p95_ms')} ms, errors {measured['error_count']}"
            )
            if measured["timed_out"]:
                # The server goes on computing the abandoned request: start it afresh, so
                # that the next callbacks are not measured against that work.
                log(
                    f"  {name}: {cb.name} gave no answer within {client.timeout:.0f} s; restarting the server"
                )
                server.stop()
                server.start()
                server.wait_ready()
                client.http.close()
                client.http = requests.Session()
                client.http.headers.update(HEADERS)
                for other in pages.values():
                    if other["present"]:
                        client.route(other["path"])
        results[name] = page
    noop_samples.append(time_noop(client, options.noop))
    noop = {
        "how": "benchmarks/serve.py: app.py plus one callback that echoes its input (NETZWERKATLAS_BENCH_NOOP=1)",
        "before": noop_samples[0],
        "after": noop_samples[1],
    }
    pooled = noop_samples[0]["p50_ms"], noop_samples[1]["p50_ms"]
    noop["p50_ms"] = round(statistics.mean(pooled), 2)
    noop["p95_ms"] = round(
        statistics.mean([noop_samples[0]["p95_ms"], noop_samples[1]["p95_ms"]]), 2
    )
    for page in results.values():
        for cb in page.get("callbacks", []):
            cb["ratio_p50"] = ratio(cb["timed"], noop, "p50_ms")
            cb["ratio_p95"] = ratio(cb["timed"], noop, "p95_ms")
            if "cold" in cb:
                cb["cold"]["ratio_p95"] = ratio(cb["cold"], noop, "p95_ms")
    plan = load_plan(client, pages, filters)
    return results, noop, plan


def load_plan(client: Client, pages: dict, filters) -> dict:
    """The requests the load-test users send, per page: for each fixed filter (warm mode and
    the warm-up), and as templates for any setting (cold mode, benchmarks.load_pool)."""
    plan_pages = []
    for name, info in pages.items():
        if not info["present"] or not info["callbacks"]:
            continue
        plan_pages.append(
            {
                "name": name,
                "path": info["path"],
                "route": dp.route_payload(client.router, info["path"], ""),
                "requests": [
                    [
                        [cb.name, dp.payload(cb, info["layout"], info["path"], search, client.base)]
                        for cb in info["callbacks"]
                    ]
                    for _label, search in filters
                ],
                "templates": [
                    [
                        cb.name,
                        template(
                            dp.payload(cb, info["layout"], info["path"], SEARCH_SLOT, client.base)
                        ),
                    ]
                    for cb in info["callbacks"]
                ],
            }
        )
    return {"pages": plan_pages}


def cold_starts(database: Path, count: int, logs: Path) -> tuple[dict, Server | None]:
    """Start `python app.py` `count` times; the last one stays up for the browser."""
    first_200, first_page, last = [], [], None
    for number in range(count):
        port = free_port()
        server = Server(
            f"app-cold{number}", [PYTHON, "app.py"], app_env(database, port), port, logs
        )
        server.start()
        try:
            first_200.append(server.wait_ready())
            client = Client(server.base)
            if client.router is not None:
                _ms, _response = client.route("/")
                first_page.append(time.perf_counter() - server.started_at)
        except Exception:
            server.stop()
            raise
        if number < count - 1:
            server.stop()
        else:
            last = server
    return {
        "first_http_200_s": [round(v, 2) for v in first_200],
        "median_first_http_200_s": round(statistics.median(first_200), 2),
        "first_page_with_data_s": [round(v, 2) for v in first_page],
        "median_first_page_with_data_s": round(statistics.median(first_page), 2)
        if first_page
        else None,
        "note": "first page with data: start until the router returned the overview layout, "
        "which reads every table from the database",
    }, last


def browser_timings(server: Server, pages: list[tuple[str, str]], repeats: int) -> dict:
    from benchmarks.browser import time_pages

    def restart() -> None:
        # A page that never finished leaves its callbacks running on the server.
        server.stop()
        server.start()
        server.wait_ready()

    return time_pages(server.base, pages, repeats, restart=restart)


# --- load test -----------------------------------------------------------------------------


def ensure_locust() -> Path | None:
    """locust in its own virtualenv (.cache/bench-venv): it needs urllib3 2, which the
    pinned selenium of the test tools does not allow, so it cannot share .venv."""
    locust = BENCH_VENV / "bin" / "locust"
    if locust.exists():
        return locust
    log("installing locust into .cache/bench-venv (requirements-bench.txt) ...")
    try:
        subprocess.run([PYTHON, "-m", "venv", "--clear", str(BENCH_VENV)], check=True)
        subprocess.run(
            [
                str(BENCH_VENV / "bin" / "pip"),
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                str(REQUIREMENTS_BENCH),
            ],
            check=True,
        )
    except (subprocess.CalledProcessError, OSError) as error:
        log(f"locust could not be installed: {error}")
        return None
    return locust if locust.exists() else None


def warm_up(base: str, plan: dict, threads: int = 2, timeout_s: float = 60.0) -> None:
    def post(http, body) -> None:
        # A callback too slow to warm up is what the load test will show.
        with suppress(requests.RequestException):
            http.post(base + "/_dash-update-component", data=json.dumps(body), timeout=timeout_s)

    def work():
        http = requests.Session()
        http.headers.update(HEADERS)
        for page in plan["pages"]:
            post(http, page["route"])
            for requests_of_filter in page["requests"][:2]:  # the unfiltered view and one filter
                for _name, body in requests_of_filter:
                    post(http, body)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def forget_cached_answers(redis_url: str) -> int:
    """Delete the app's entries from Redis (they outlive the workers, for a week): no answer
    of an earlier run may serve this one. Keys of anything else are left alone."""
    import redis

    from dashboard.cache.keys import KEY_PREFIX

    client = redis.Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(match=f"{KEY_PREFIX}*", count=1000))
        for start in range(0, len(keys), 1000):
            client.unlink(*keys[start : start + 1000])
    finally:
        client.close()
    return len(keys)


def load_settings(plan: dict, choices, options) -> dict:
    """What the locust users read: the plan, their think time, the mode and, when cold, the
    pool of settings (enough for every user's every change, none of the fixed filters)."""
    searches: list[str] = []
    if options.load_mode == "cold":
        count = settings_needed(options.users, options.duration, options.think[0])
        searches = load_searches(choices, count, frozenset(search for _label, search in FILTERS))
    return {
        **plan,
        "think_seconds": list(options.think),
        "mode": options.load_mode,
        "searches": searches,
    }


def load_backend(database_url: str | None, redis_url: str | None) -> dict:
    """Which database and cache the load test ran against (a password is never written)."""
    from sqlalchemy.engine import make_url

    return {
        "database": make_url(database_url).get_backend_name() if database_url else "sqlite",
        "database_url": make_url(database_url).render_as_string() if database_url else None,
        "redis": bool(redis_url),
    }


def load_test(
    database: Path, database_url: str | None, plan: dict, choices, options, logs: Path, work: Path
) -> dict:
    """`database_url`: where the workers read, when not the SQLite file `database`."""
    locust = ensure_locust()
    if locust is None:
        return {"error": "locust is not available (see requirements-bench.txt)"}
    if not plan["pages"]:
        return {"error": "no page with callbacks to load"}
    port = free_port()
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "app:server",
    ]
    if not Path(command[0]).exists():
        command[0:1] = [PYTHON, "-m", "gunicorn"]
    extra = {"DATABASE_URL": database_url} if database_url else {}
    if options.redis_url:
        extra["REDIS_URL"] = options.redis_url
        forgotten = forget_cached_answers(options.redis_url)
        log(f"load test: {forgotten} cached entries deleted from Redis")
    server = Server("gunicorn", command, app_env(database, port, extra), port, logs)
    settings = load_settings(plan, choices, options)
    result: dict = {
        "users": options.users,
        "duration_s": options.duration,
        "spawn_rate": 10,
        "think_seconds": list(options.think),
        "mode": options.load_mode,
        "mode_note": LOAD_MODES[options.load_mode],
        "cold_settings": len(settings["searches"]),
        "backend": load_backend(database_url, options.redis_url),
        "server": "gunicorn --workers 2 app:server (sync workers"
        + (", answers shared in Redis)" if options.redis_url else ", answers kept per worker)"),
    }
    with running(server):
        result["cold_start_s"] = round(server.wait_ready(), 2)
        warm_up(server.base, plan)
        result["memory_after_warm_up"] = [memory_of(pid) for pid in server.workers()]
        plan_path = work / "load-plan.json"
        plan_path.write_text(json.dumps(settings))
        prefix = work / "locust"
        # The locust file imports benchmarks.load_pool from this repository.
        python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        env = {
            **os.environ,
            "NETZWERKATLAS_BENCH_PLAN": str(plan_path),
            "PYTHONPATH": python_path,
        }
        command = [
            str(locust),
            "-f",
            str(ROOT / "benchmarks" / "locustfile.py"),
            "--headless",
            "-u",
            str(options.users),
            "-r",
            "10",
            "-t",
            f"{options.duration}s",
            "--host",
            server.base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "10",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ]
        log(
            f"load test ({options.load_mode}, {result['backend']['database']}, redis "
            f"{result['backend']['redis']}): {options.users} users for {options.duration} s "
            f"against {server.base} (2 workers)"
        )
        with open(logs / "locust.log", "w") as handle:
            completed = subprocess.run(
                command,
                cwd=ROOT,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                timeout=options.duration + 120,
                check=False,  # locust's exit code is part of the result
            )
        result["locust_exit_code"] = completed.returncode
        result["memory_after_load"] = [memory_of(pid) for pid in server.workers()]
        log_text = server.log_path.read_text(errors="replace")
        result["worker_timeouts"] = log_text.count("WORKER TIMEOUT")
    result.update(parse_locust(prefix))
    return result


def parse_locust(prefix: Path) -> dict:
    stats_path = Path(f"{prefix}_stats.csv")
    if not stats_path.exists():
        return {"error": "locust wrote no statistics"}
    per_request, total = {}, None
    with open(stats_path, newline="") as handle:
        for row in csv.DictReader(handle):
            entry = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 2),
                "p50_ms": _number(row.get("50%")),
                "p95_ms": _number(row.get("95%")),
                "p99_ms": _number(row.get("99%")),
                "mean_ms": _number(row.get("Average Response Time")),
                "max_ms": _number(row.get("Max Response Time")),
            }
            if row["Name"] == "Aggregated":
                total = entry
            else:
                per_request[f"{row['Type']} {row['Name']}"] = entry
    failures = []
    failures_path = Path(f"{prefix}_failures.csv")
    if failures_path.exists():
        with open(failures_path, newline="") as handle:
            failures = [
                f"{r['Name']}: {r['Error']} ({r['Occurrences']}x)" for r in csv.DictReader(handle)
            ][:10]
    total = total or {}
    return {
        "requests": total.get("requests"),
        "errors": total.get("failures"),
        "rps": total.get("rps"),
        "p50_ms": total.get("p50_ms"),
        "p95_ms": total.get("p95_ms"),
        "p99_ms": total.get("p99_ms"),
        "mean_ms": total.get("mean_ms"),
        "max_ms": total.get("max_ms"),
        "per_request": per_request,
        "failures": failures,
    }


def _number(value) -> float | None:
    try:
        return round(float(value), 1)
    except (TypeError, ValueError):
        return None


# --- one dataset, start to end ---------------------------------------------------------------


def measure_dataset(name: str, make_frames: Callable[[], dict], options, work: Path) -> dict:
    log(f"dataset {name}: generating")
    result: dict = {"name": name}
    start = time.perf_counter()
    frames = make_frames()
    result["generate_s"] = round(time.perf_counter() - start, 2)
    result["rows"] = {table: len(frame) for table, frame in frames.items()}
    database = work / f"{name}.db"
    result["load_s"] = round(build_database(database, frames), 2)
    load_url = None
    if options.load_test and options.load_database_url:
        log(f"dataset {name}: loading into PostgreSQL schema {LOAD_SCHEMA} for the load test")
        load_url = build_postgres_schema(options.load_database_url, frames)
    del frames
    log(
        f"dataset {name}: {result['rows']} generated in {result['generate_s']} s, loaded in {result['load_s']} s"
    )
    logs = work / "logs"
    logs.mkdir(exist_ok=True)

    log(f"dataset {name}: cold starts of python app.py")
    result["cold_start"], app_server = cold_starts(database, options.cold_starts, logs)
    try:
        present_pages = []
        client = Client(app_server.base)
        for page, info in discover(client).items():
            if info["present"]:
                present_pages.append((page, info["path"]))
        if options.skip_browser:
            result["browser"] = {"skipped": True}
        else:
            pages = present_pages if not options.quick else present_pages[:1]
            log(f"dataset {name}: browser timings for {[p for p, _ in pages]}")
            try:
                result["browser"] = browser_timings(app_server, pages, options.browser_repeats)
            except Exception as error:  # the other measurements still run
                result["browser"] = {"error": repr(error)[:500]}
        result["memory_app_py"] = {
            "after": "cold-start checks and browser runs",
            **memory_of(app_server.process.pid),
        }
    finally:
        app_server.stop()

    port = free_port()
    bench = Server(
        "bench-serve",
        [PYTHON, "-m", "benchmarks.serve"],
        app_env(database, port, {"NETZWERKATLAS_BENCH_NOOP": "1"}),
        port,
        logs,
    )
    with running(bench):
        bench.wait_ready()
        log(f"dataset {name}: callback timings")
        choices = choices_of(f"sqlite:///{database}")
        result["pages"], result["noop"], plan = measure_callbacks(bench, options, choices)
        result["memory_single_process"] = {
            "after": "all callback timings",
            **memory_of(bench.process.pid),
        }

    if options.load_test:
        try:
            result["load_test"] = load_test(database, load_url, plan, choices, options, logs, work)
        except Exception as error:
            result["load_test"] = {"error": repr(error)[:500]}
        finally:
            if load_url and not options.keep:
                drop_postgres_schema(load_url)
        lt = result["load_test"]
        log(
            f"dataset {name}: load test rps {lt.get('rps')}, p95 {lt.get('p95_ms')} ms, errors {lt.get('errors')}"
        )
    else:
        result["load_test"] = {"skipped": True}
    return result


# --- machine, command line ------------------------------------------------------------------


def machine_info() -> dict:
    import psutil

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in ("dash", "plotly", "pandas", "numpy", "flask", "gunicorn", "orjson", "selenium"):
        try:
            from importlib.metadata import version

            versions[package] = version(package)
        except Exception:
            versions[package] = None
    commit = None
    with suppress(OSError, subprocess.SubprocessError):
        commit = (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.strip()
            or None
        )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
        "git_commit": commit,
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="sample dataset only, few repetitions, no load test (a smoke run, < 2 min)",
    )
    parser.add_argument(
        "--results", type=Path, help="results JSON (default benchmarks/results.json)"
    )
    parser.add_argument("--markdown", type=Path, help="report (default docs/performance.md)")
    parser.add_argument("--baseline", type=Path, help="an earlier results.json to show as 'before'")
    parser.add_argument(
        "--datasets",
        default=None,
        help="comma-separated: sample,large (default both; --quick: sample)",
    )
    parser.add_argument(
        "--rounds", type=int, default=None, help="timed rotations through the filters per callback"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=90.0,
        help="seconds per callback after which no more rounds start",
    )
    parser.add_argument(
        "--callback-timeout",
        type=float,
        default=120.0,
        help="seconds after which a callback request counts as failed (the server is then restarted)",
    )
    parser.add_argument(
        "--cold",
        type=int,
        default=None,
        help="answers per callback to filter settings never asked before (default 20; --quick 5)",
    )
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument(
        "--think", default="2,8", help="seconds a simulated user waits between actions: MIN,MAX"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (databases, logs)"
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL"),
        help="Redis for the load test's workers, the multi-user setup (default: REDIS_URL; "
        "without it each worker keeps its own answers); the app's cached entries in it are "
        "deleted before each load test",
    )
    parser.add_argument(
        "--load-mode",
        choices=sorted(LOAD_MODES),
        default="cold",
        help="cold (default): every filter change of every user a setting never asked before; "
        "warm: the six fixed settings, mostly answered from a cache",
    )
    parser.add_argument(
        "--load-database-url",
        help="PostgreSQL for the load test's workers, e.g. "
        "postgresql+psycopg://postgres@127.0.0.1:5432/bench (the data goes into a schema "
        f"{LOAD_SCHEMA} of its own, dropped afterwards; default: the SQLite file)",
    )
    options = parser.parse_args(argv)
    options.datasets = (options.datasets or ("sample" if options.quick else "sample,large")).split(
        ","
    )
    options.rounds = options.rounds if options.rounds is not None else (1 if options.quick else 5)
    options.noop = 20 if options.quick else 100
    options.cold = options.cold if options.cold is not None else (5 if options.quick else 20)
    options.cold_starts = 1 if options.quick else 3
    options.browser_repeats = 1 if options.quick else 3
    options.load_test = not (options.quick or options.skip_load)
    options.think = tuple(float(x) for x in options.think.split(","))
    if options.load_database_url:
        from dashboard.config import normalise_database_url

        options.load_database_url = normalise_database_url(options.load_database_url)
    if options.quick:
        options.budget = min(options.budget, 20.0)
    default_dir = ROOT / ".cache" / "benchmarks" if options.quick else None
    options.results = options.results or (
        default_dir / "results.json" if default_dir else ROOT / "benchmarks" / "results.json"
    )
    options.markdown = options.markdown or (
        default_dir / "performance.md" if default_dir else ROOT / "docs" / "performance.md"
    )
    return options


def main(argv=None) -> int:
    options = parse_args(argv)
    makers = {"sample": sample_frames, "large": large_frames}
    unknown = [d for d in options.datasets if d not in makers]
    if unknown:
        raise SystemExit(f"unknown dataset(s): {unknown}")
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="netzwerkatlas-bench-"))
    results = {
        "schema": 1,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "mode": "quick" if options.quick else "full",
        "command": "python -m benchmarks.run" + (" --quick" if options.quick else ""),
        "machine": machine_info(),
        "settings": {
            "filters": dict(FILTERS if not options.quick else FILTERS[:3]),
            "rounds": options.rounds,
            "noop_repetitions": options.noop,
            "cold_starts": options.cold_starts,
            "browser_repeats": options.browser_repeats,
            "load_test": options.load_test,
            "timing": "wall time of each POST /_dash-update-component on 127.0.0.1 with a kept-alive "
            "connection and gzip accepted, as the browser sends it",
        },
        "datasets": {},
    }
    try:
        for name in options.datasets:
            with Background() as background:
                try:
                    results["datasets"][name] = measure_dataset(name, makers[name], options, work)
                except Exception as error:  # one dataset failing still leaves a report
                    log(f"dataset {name} failed: {error!r}")
                    results["datasets"][name] = {"name": name, "error": repr(error)}
            results["datasets"][name]["background"] = background.result()
    finally:
        if options.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["duration_s"] = round(time.perf_counter() - started, 1)
    baseline = json.loads(options.baseline.read_text()) if options.baseline else None
    results["targets"] = evaluate_targets(results)
    options.results.parent.mkdir(parents=True, exist_ok=True)
    options.results.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    if options.results == ROOT / "benchmarks" / "results.json":  # the project's record
        history.append(results)
    options.markdown.parent.mkdir(parents=True, exist_ok=True)
    write_markdown(results, options.markdown, baseline)
    log(f"wrote {options.results} and {options.markdown} in {results['duration_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
