"""Targets of the issue, and docs/performance.md written from results.json.

`python -m benchmarks.report RESULTS [--baseline OLD] [--markdown OUT]` rewrites the report
from a results file without measuring again. Hand-written findings live in
benchmarks/findings.md and are copied into the report, so a new run keeps them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks import history

ROOT = Path(__file__).resolve().parents[1]
FINDINGS = ROOT / "benchmarks" / "findings.md"

# (dataset, what, target, unit): the targets on this 2-core machine.
CALLBACK_P95 = {"large": 300.0, "sample": 80.0}
NOOP_RATIO = 10.0
MAP_FIGURE_BYTES = 2 * 2**20
FIRST_CHART_MS = 3000.0
LOAD_P95_MS = 500.0  # warm: the fixed settings, mostly answered from a cache
LOAD_COLD_P95_MS = 800.0  # issue 18: many users, every filter change a setting never asked before
WORKER_MB = 500.0


def _target(dataset, what, target, value, unit, ok, note=None) -> dict:
    return {
        "dataset": dataset,
        "what": what,
        "target": target,
        "value": value,
        "unit": unit,
        "ok": ok,
        "note": note,
    }


def evaluate_targets(results: dict) -> list[dict]:
    targets = []
    for name, data in results.get("datasets", {}).items():
        if "error" in data:
            targets.append(_target(name, "harness", "runs", None, "", False, data["error"]))
            continue
        limit = CALLBACK_P95.get(name)
        noop = data.get("noop", {})
        for page, info in data.get("pages", {}).items():
            if not info.get("present"):
                targets.append(
                    _target(
                        name,
                        f"{page}: callbacks p95",
                        f"≤ {limit:.0f} ms" if limit else "-",
                        None,
                        "ms",
                        None,
                        "not present",
                    )
                )
                continue
            callbacks = [cb for cb in info.get("callbacks", []) if cb["timed"].get("n")]
            if not callbacks:
                targets.append(
                    _target(name, f"{page}: callbacks p95", "-", None, "ms", None, info.get("note"))
                )
                continue
            slowest = max(callbacks, key=lambda cb: cb["timed"]["p95_ms"])
            p95 = slowest["timed"]["p95_ms"]
            if limit:
                targets.append(
                    _target(
                        name,
                        f"{page}: slowest callback p95 ({slowest['name']})",
                        f"≤ {limit:.0f} ms",
                        p95,
                        "ms",
                        p95 <= limit,
                    )
                )
            if name == "large" and noop.get("p95_ms"):
                factor = round(p95 / noop["p95_ms"], 1)
                targets.append(
                    _target(
                        name,
                        f"{page}: slowest callback p95 ÷ no-op p95",
                        f"≤ {NOOP_RATIO:.0f}×",
                        factor,
                        "×",
                        factor <= NOOP_RATIO,
                    )
                )
        if name != "large":
            continue
        map_sizes = [
            size["max_bytes"]
            for info in data.get("pages", {}).values()
            for cb in info.get("callbacks", [])
            for key, size in cb.get("figures", {}).items()
            if "map" in key and size.get("max_bytes")
        ]
        targets.append(
            _target(
                name,
                "largest map figure",
                "≤ 2 MB",
                round(max(map_sizes) / 2**20, 2) if map_sizes else None,
                "MB",
                (max(map_sizes) <= MAP_FIGURE_BYTES) if map_sizes else None,
                None if map_sizes else "no map figure measured",
            )
        )
        browser = data.get("browser", {})
        for page, info in browser.items():
            if page.startswith("_") or not isinstance(info, dict) or "path" not in info:
                continue
            value = info.get("first_chart_ms")
            targets.append(
                _target(
                    name,
                    f"{page}: first chart drawn",
                    "≤ 3 s",
                    value,
                    "ms",
                    None if value is None else value <= FIRST_CHART_MS,
                    info.get("note"),
                )
            )
        load = data.get("load_test", {})
        if not load.get("skipped"):
            p95 = load.get("p95_ms")
            limit = LOAD_COLD_P95_MS if load_mode(load) == "cold" else LOAD_P95_MS
            targets.append(
                _target(
                    name,
                    f"load test p95 ({load.get('users')} users, {load.get('duration_s')} s, "
                    f"2 workers, {load_mode(load)}, {load_backend_label(load)})",
                    f"≤ {limit:.0f} ms",
                    p95,
                    "ms",
                    None if p95 is None else p95 <= limit,
                    load.get("error"),
                )
            )
            errors = load.get("errors")
            targets.append(
                _target(
                    name,
                    "load test errors",
                    "0",
                    errors,
                    "",
                    None if errors is None else errors == 0,
                )
            )
            workers = [
                w.get("rss_mb") for w in load.get("memory_after_load", []) if w.get("rss_mb")
            ]
            worst = max(workers) if workers else None
            targets.append(
                _target(
                    name,
                    "resident memory per worker (after load test)",
                    "≤ 500 MB",
                    worst,
                    "MB",
                    None if worst is None else worst <= WORKER_MB,
                )
            )
    return targets + cold_targets(results)


LOAD_MODES = {
    "cold": "cold: every filter change a setting never asked before (by any user, in any cache)",
    "warm": "warm: every filter change one of the six fixed settings, answered from a cache "
    "after its first time",
}


def load_mode(load: dict) -> str:
    """cold or warm; results from before the cold mode existed were warm."""
    return load.get("mode", "warm")


def load_backend_label(load: dict) -> str:
    """The load test's database and cache in words; older results ran on SQLite."""
    backend = load.get("backend", {})
    database = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(
        backend.get("database", "sqlite"), backend.get("database")
    )
    return f"{database}, " + ("Redis" if backend.get("redis") else "no Redis")


def render_load_setup(load: dict) -> list[str]:
    """The sentences saying what the load test measured: users, mode, backend."""
    mode = load_mode(load)
    pool = f"; pool of {load['cold_settings']} settings" if load.get("cold_settings") else ""
    return [
        f"locust, {load.get('users')} users (spawn {load.get('spawn_rate')}/s) for "
        f"{load.get('duration_s')} s against `{load.get('server')}`; each user opens a page, then "
        f"changes the global filter (all of that page's url.search callbacks) and waits "
        f"{load.get('think_seconds')} s between actions.",
        "",
        f"- Mode: {LOAD_MODES[mode]}{pool}.",
        f"- Backend: **{load_backend_label(load)}**.",
    ]


COLD_P95_MS = 250.0  # issue 18: national scale, every main callback, settings never asked before
COLD_RATIO = 3.0  # ... and at most this many times the same measurement on the small sample


def _cold_callbacks(data: dict) -> dict[tuple[str, str], dict]:
    return {
        (page, cb["name"]): cb["cold"]
        for page, info in data.get("pages", {}).items()
        for cb in info.get("callbacks", [])
        if cb.get("cold", {}).get("n")
    }


def cold_targets(results: dict) -> list[dict]:
    """The slowest cold p95 at national scale, and the largest national/sample ratio."""
    datasets = results.get("datasets", {})
    large = _cold_callbacks(datasets.get("large", {}))
    if not large:
        return []
    (page, name), worst = max(large.items(), key=lambda item: item[1]["p95_ms"])
    targets = [
        _target(
            "large",
            f"cold answers p95, slowest callback ({page}: {name})",
            f"≤ {COLD_P95_MS:.0f} ms",
            worst["p95_ms"],
            "ms",
            worst["p95_ms"] <= COLD_P95_MS,
        )
    ]
    sample = _cold_callbacks(datasets.get("sample", {}))
    ratios = {
        key: cold["p95_ms"] / sample[key]["p95_ms"]
        for key, cold in large.items()
        if key in sample and sample[key]["p95_ms"]
    }
    if ratios:
        (page, name), highest = max(ratios.items(), key=lambda item: item[1])
        targets.append(
            _target(
                "large/sample",
                f"cold p95 national ÷ sample, highest ({page}: {name})",
                f"≤ {COLD_RATIO:.0f}×",
                round(highest, 1),
                "×",
                highest <= COLD_RATIO,
            )
        )
    return targets


def render_cold(results: dict) -> list[str]:
    """Both datasets' cold answers side by side, per callback."""
    datasets = results.get("datasets", {})
    sample = _cold_callbacks(datasets.get("sample", {}))
    large = _cold_callbacks(datasets.get("large", {}))
    if not sample and not large:
        return []
    lines = [
        "## Cold answers: filter settings never asked before",
        "",
        "What a user exploring the data waits for. Each callback answers filter settings that "
        "nobody asked before (`benchmarks/cold.py`: a seeded generator of years, "
        "Bundesländer, actor types and topics drawn from the data, never repeating one, "
        "and never one of the warm table's six), so every cache keyed by filters misses; "
        "what the app derives once per data version (`dashboard/views/per_version.py`) "
        "is computed before. Sent size: the largest answer, gzip.",
        "",
        "| page | callback | sample p50 / p95 ms | national p50 / p95 ms | national ÷ sample (p95) "
        "| national × no-op (p95) | national sent |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for key in [*large, *(key for key in sample if key not in large)]:
        small, big = sample.get(key, {}), large.get(key, {})
        share = (
            f"{big['p95_ms'] / small['p95_ms']:.1f}×"
            if big.get("p95_ms") and small.get("p95_ms")
            else "–"
        )
        lines.append(
            f"| {key[0]} | `{key[1]}` | {_fmt(small.get('p50_ms'))} / {_fmt(small.get('p95_ms'))} "
            f"| {_fmt(big.get('p50_ms'))} / {_fmt(big.get('p95_ms'))} | {share} "
            f"| {_fmt(big.get('ratio_p95'), 1)} | {_kb(big.get('sent_bytes_max'))} |"
        )
    lines.append("")
    return lines


# --- markdown ---------------------------------------------------------------------------------


def _fmt(value, digits: int = 0) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}".replace(",", " ")
    return f"{value:,}".replace(",", " ")


def _kb(size) -> str:
    return "–" if size is None else f"{size / 1024:,.1f} KB".replace(",", " ")


def _mark(ok) -> str:
    return {True: "✅", False: "❌", None: "–"}[ok]


def _baseline_callback(baseline: dict | None, dataset: str, page: str, name: str) -> dict | None:
    if not baseline:
        return None
    info = baseline.get("datasets", {}).get(dataset, {}).get("pages", {}).get(page, {})
    for cb in info.get("callbacks", []):
        if cb["name"] == name:
            return cb["timed"]
    return None


def _baseline_target(baseline: dict | None, target: dict):
    if not baseline:
        return None
    for old in baseline.get("targets", []):
        if old["dataset"] == target["dataset"] and old["what"] == target["what"]:
            return old.get("value")
    return None


def render(results: dict, baseline: dict | None = None) -> str:
    out: list[str] = []
    add = out.append
    machine = results.get("machine", {})
    add("# Performance")
    add("")
    add(
        "Measured by the harness in `benchmarks/` (generated file: edit `benchmarks/findings.md` "
        "for the notes at the end, everything else is rewritten by each run)."
    )
    add("")
    add("## How to run")
    add("")
    add("```bash")
    add(
        ".venv/bin/python -m benchmarks.run            # sample + large dataset, all six measurements (about 5 min)"
    )
    add(
        ".venv/bin/python -m benchmarks.run --quick    # sample only, few repetitions, no load test (< 2 min)"
    )
    add(
        ".venv/bin/python -m benchmarks.run --baseline old-results.json   # show an earlier run as 'before'"
    )
    add("# the multi-user setup of issue 18: load test on PostgreSQL with answers shared in Redis")
    add(
        ".venv/bin/python -m benchmarks.run --load-database-url "
        "postgresql+psycopg://postgres@127.0.0.1:5432/bench --redis-url redis://127.0.0.1:6379/7"
    )
    add("```")
    add("")
    add(
        "The full run writes `benchmarks/results.json` and this file. It builds both databases in a "
        "temporary directory (the large one with `dashboard.sample.national.generate_large()`: every "
        "gazetteer place as a municipality, 5 000 initiatives and organisations, 20 events, about "
        "300 000 attendance rows and 50 000 links), starts the app as real processes on 127.0.0.1 and "
        "measures everything in the same run. The load test installs locust from "
        "`requirements-bench.txt` into `.cache/bench-venv` on first use (locust needs urllib3 2, "
        "which the pinned selenium of the test tools does not allow). Chromium and chromedriver are "
        "Debian's (`apt-get install chromium chromium-driver`)."
    )
    add("")
    add(
        f"- Run: {results.get('date', '–')}, mode `{results.get('mode')}`, {results.get('duration_s', '–')} s, "
        f"commit `{machine.get('git_commit') or '–'}` (plus the working tree of that moment)"
    )
    add(
        f"- Machine: {machine.get('cpu') or '–'}, {machine.get('cores')} cores, {machine.get('memory_gb')} GB, "
        f"{machine.get('platform')}, Python {machine.get('python')}"
    )
    packages = ", ".join(f"{k} {v}" for k, v in machine.get("packages", {}).items() if v)
    add(f"- Packages: {packages}")
    if baseline:
        add(
            f"- Before: the run of {baseline.get('date', '–')} "
            f"(commit `{baseline.get('machine', {}).get('git_commit') or '–'}`)"
        )
    add("")

    add("## Targets")
    add("")
    header = (
        "| dataset | what | target | value | ok |"
        if not baseline
        else "| dataset | what | target | before | after | ok |"
    )
    add(header)
    add("|---|---|---|---:|---|" if not baseline else "|---|---|---|---:|---:|---|")
    for target in results.get("targets", []):
        value = _fmt(target["value"], 1 if isinstance(target["value"], float) else 0)
        value = (
            f"{value} {target['unit']}".strip()
            if target["value"] is not None
            else (target.get("note") or "–")
        )
        if baseline:
            old = _baseline_target(baseline, target)
            old_text = (
                "–"
                if old is None
                else f"{_fmt(old, 1 if isinstance(old, float) else 0)} {target['unit']}".strip()
            )
            add(
                f"| {target['dataset']} | {target['what']} | {target['target']} | {old_text} "
                f"| {value} | {_mark(target['ok'])} |"
            )
        else:
            add(
                f"| {target['dataset']} | {target['what']} | {target['target']} | {value} | {_mark(target['ok'])} |"
            )
    add("")

    out.extend(render_cold(results))

    for name, data in results.get("datasets", {}).items():
        add(f"## Dataset: {name}")
        add("")
        if "error" in data:
            add(f"The harness failed on this dataset: `{data['error']}`")
            add("")
            continue
        background = data.get("background", {})
        if background.get("samples"):
            add(
                f"While this dataset was measured, other processes on the machine kept "
                f"{background['other_processes_cores_mean']} of {machine.get('cores')} cores busy on average "
                f"(max {background['other_processes_cores_max']}); load average {background['loadavg_1m_mean']} "
                f"(max {background['loadavg_1m_max']}). Numbers measured on a busy machine are upper bounds."
            )
            add("")
        rows = ", ".join(f"{table} {_fmt(count)}" for table, count in data.get("rows", {}).items())
        add(
            f"Rows: {rows}. Generated in {data.get('generate_s')} s, loaded into SQLite in one transaction "
            f"(`repository.insert_frames`) in {data.get('load_s')} s."
        )
        add("")
        noop = data.get("noop", {})
        add("### 1–2. Callbacks on a filter change")
        add("")
        add(
            f"No-op floor (a callback that only echoes its input, same process): p50 {_fmt(noop.get('p50_ms'), 1)} ms, "
            f"p95 {_fmt(noop.get('p95_ms'), 1)} ms. Times are p50/p95 over the timed rotations through "
            f"{len(results.get('settings', {}).get('filters', {}))} filter settings; 'first' is the first request "
            "per filter setting (nothing cached for it yet). Sizes: the largest response, as JSON and as sent (gzip)."
        )
        add("")
        before = " before p95 |" if baseline else ""
        add(
            f"| page | callback | p50 ms | p95 ms |{before} first p50 ms | × no-op p50 "
            "| × no-op p95 | response | sent | errors |"
        )
        add(
            "|---|---|---:|---:|" + ("---:|" if baseline else "") + "---:|---:|---:|---:|---:|---:|"
        )
        figures = []
        for page, info in data.get("pages", {}).items():
            if not info.get("present"):
                add(
                    f"| {page} | {info.get('reason', 'not present')} |  |  |"
                    + (" |" if baseline else "")
                    + "  |  |  |  |  |  |"
                )
                continue
            route = info.get("route", {})
            add(
                f"| {page} | page router (layout of {info['path']}) | {_fmt(route.get('p50_ms'), 1)} | "
                f"{_fmt(route.get('p95_ms'), 1)} |"
                + (" |" if baseline else "")
                + "  |  |  |  |  |  |"
            )
            if not info.get("callbacks"):
                add(
                    f"| {page} | {info.get('note') or 'no callbacks'} |  |  |"
                    + (" |" if baseline else "")
                    + "  |  |  |  |  |  |"
                )
            for cb in info.get("callbacks", []):
                timed, first = cb["timed"], cb["first_call"]
                old = _baseline_callback(baseline, name, page, cb["name"])
                old_text = (
                    f" {_fmt(old.get('p95_ms'), 1)} |"
                    if baseline and old
                    else (" – |" if baseline else "")
                )
                add(
                    f"| {page} | `{cb['name']}` | {_fmt(timed.get('p50_ms'), 1)} "
                    f"| {_fmt(timed.get('p95_ms'), 1)} |"
                    f"{old_text} {_fmt(first.get('p50_ms'), 1)} | {_fmt(cb.get('ratio_p50'), 1)} "
                    f"| {_fmt(cb.get('ratio_p95'), 1)} | "
                    f"{_kb(cb.get('response_bytes'))} | {_kb(cb.get('response_sent_bytes'))} "
                    f"| {cb.get('error_count', 0)} |"
                )
                for key, size in cb.get("figures", {}).items():
                    figures.append((page, key, size))
        add("")
        if figures:
            add("Figure JSON sizes (compact JSON of the `figure` property):")
            add("")
            add("| page | figure | unfiltered | largest over the filters |")
            add("|---|---|---:|---:|")
            for page, key, size in figures:
                add(
                    f"| {page} | `{key}` | {_kb(size.get('unfiltered_bytes'))} | {_kb(size.get('max_bytes'))} |"
                )
            add("")
        cold = data.get("cold_start", {})
        add("### 3–4. Cold start and memory")
        add("")
        add(
            f"- `python app.py` to the first HTTP 200: {cold.get('first_http_200_s')} s "
            f"(median {cold.get('median_first_http_200_s')} s); to the first page with data (the router "
            f"returned the overview layout, all tables read): {cold.get('first_page_with_data_s')} s"
        )
        single = data.get("memory_single_process", {})
        app_py = data.get("memory_app_py", {})
        add(
            f"- Resident memory of one app process: {_fmt(app_py.get('rss_mb'), 1)} MB after the browser runs, "
            f"{_fmt(single.get('rss_mb'), 1)} MB after all callback timings (USS {_fmt(single.get('uss_mb'), 1)} MB)"
        )
        load = data.get("load_test", {})
        for label, key in (
            ("after warm-up", "memory_after_warm_up"),
            ("after the load test", "memory_after_load"),
        ):
            workers = load.get(key) or []
            if workers:
                text = ", ".join(f"{_fmt(w.get('rss_mb'), 1)} MB" for w in workers)
                add(f"- gunicorn workers {label}: {text} (RSS)")
        add("")
        browser = data.get("browser", {})
        add("### 5. First chart drawn (headless Chromium)")
        add("")
        if browser.get("skipped"):
            add("Skipped.")
        elif browser.get("error"):
            add(f"Not measured: {browser['error']}")
        else:
            cold_nav = browser.get("_cold_first_navigation", {})
            add(
                f"Median of the navigations per page (full page loads, browser cache warm). The very first "
                f"navigation of the session ({cold_nav.get('page')}, cold cache): first chart "
                f"{_fmt(cold_nav.get('first_chart_ms'))} ms, all charts {_fmt(cold_nav.get('all_charts_ms'))} ms."
            )
            add("")
            add("| page | first chart drawn | all charts drawn | console errors |")
            add("|---|---:|---:|---:|")
            for page, info in browser.items():
                if page.startswith("_"):
                    continue
                note = f" ({info['note']})" if info.get("note") else ""
                add(
                    f"| {page} | {_fmt(info.get('first_chart_ms'))} ms{note} | {_fmt(info.get('all_charts_ms'))} ms | "
                    f"{len(info.get('console_errors', []))} |"
                )
        add("")
        add("### 6. Load test")
        add("")
        if load.get("skipped"):
            add("Skipped (--quick or --skip-load).")
        elif load.get("error") and load.get("requests") is None:
            add(f"Not run: {load['error']}")
        else:
            for line in render_load_setup(load):
                add(line)
            add("")
            add(
                f"**{_fmt(load.get('rps'), 1)} requests/s, p50 {_fmt(load.get('p50_ms'))} ms, "
                f"p95 {_fmt(load.get('p95_ms'))} ms, "
                f"p99 {_fmt(load.get('p99_ms'))} ms, {load.get('errors')} errors** "
                f"of {_fmt(load.get('requests'))} requests; "
                f"worker timeouts: {load.get('worker_timeouts')}."
            )
            add("")
            add("| request | count | errors | p50 ms | p95 ms | max ms |")
            add("|---|---:|---:|---:|---:|---:|")
            for request, entry in sorted(load.get("per_request", {}).items()):
                add(
                    f"| {request} | {entry['requests']} | {entry['failures']} | {_fmt(entry.get('p50_ms'))} | "
                    f"{_fmt(entry.get('p95_ms'))} | {_fmt(entry.get('max_ms'))} |"
                )
            for failure in load.get("failures", []):
                add(f"- {failure}")
        add("")
    out.extend(history.render(history.read()))
    add("## Method")
    add("")
    add(
        "- Callback times are wall times of real `POST /_dash-update-component` requests on 127.0.0.1, "
        "built from `/_dash-dependencies` and the layout the page router returns (the same body "
        "dash-renderer sends when `url.search` changes), against `python -m benchmarks.serve`: app.py "
        "plus one no-op callback (only with NETZWERKATLAS_BENCH_NOOP=1). HTTP on the loopback adds about "
        "the same to both, so the ratio to the no-op is fair."
    )
    add(
        "- A page is 'not present' when the router's layout for its path has no component with the "
        "page's id prefix. Callbacks listening to `url.search` with pattern-matching ids (the navbar's "
        "link updater) are not timed."
    )
    add(
        "- Cold start and the browser runs use the plain `python app.py`; the load test uses "
        "`gunicorn --workers 2 app:server` as in the README. Locust runs on the same 2 cores."
    )
    add("")
    if FINDINGS.exists():
        add(FINDINGS.read_text().rstrip())
        add("")
    return "\n".join(out)


def write_markdown(results: dict, path: Path, baseline: dict | None = None) -> None:
    path.write_text(render(results, baseline) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report")
    parser.add_argument("results", type=Path)
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--markdown", type=Path, default=ROOT / "docs" / "performance.md")
    options = parser.parse_args(argv)
    results = json.loads(options.results.read_text())
    results["targets"] = evaluate_targets(results)
    baseline = json.loads(options.baseline.read_text()) if options.baseline else None
    write_markdown(results, options.markdown, baseline)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
