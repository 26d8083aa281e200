"""The history of the measured figures: one line per harness run, kept in history.json.

A results file holds one run; the question "did this change make it faster?" needs the
runs before it. Each run of benchmarks.run adds its line (date, commit, the headline
figures of each dataset) and the report shows them all, oldest first. Lines of runs made
before this file existed were read from the committed versions of results.json
(`python -m benchmarks.history --from-git`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

HISTORY = Path(__file__).resolve().parent / "history.json"
RESULTS = "benchmarks/results.json"


def _slowest(values: list[float]) -> float | None:
    return max(values) if values else None


def _callbacks(dataset: dict) -> list[dict]:
    return [cb for info in dataset.get("pages", {}).values() for cb in info.get("callbacks", [])]


def figures_of(dataset: dict) -> dict:
    """The headline figures of one dataset of a run (None where the run did not measure it)."""
    callbacks = _callbacks(dataset)
    warm = [cb["timed"]["p95_ms"] for cb in callbacks if cb.get("timed", {}).get("p95_ms")]
    cold = [cb["cold"]["p95_ms"] for cb in callbacks if cb.get("cold", {}).get("p95_ms")]
    load = dataset.get("load_test", {})
    return {
        "warm_p95_slowest_ms": _slowest(warm),
        "cold_p95_slowest_ms": _slowest(cold),
        "cold_p95_median_ms": sorted(cold)[len(cold) // 2] if cold else None,
        "load_p95_ms": load.get("p95_ms"),
        "load_errors": load.get("errors"),
        # Runs before cold load tests existed answered repeated settings.
        "load_mode": load.get("mode", "warm") if load.get("p95_ms") is not None else None,
    }


def entry_of(results: dict) -> dict:
    """One history line for a run's results."""
    return {
        "date": str(results.get("date", ""))[:10],
        "commit": (results.get("machine", {}).get("git_commit") or "")[:8],
        "mode": results.get("mode"),
        "datasets": {
            name: figures_of(dataset) for name, dataset in results.get("datasets", {}).items()
        },
    }


def read(path: Path = HISTORY) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def append(results: dict, path: Path = HISTORY) -> list[dict]:
    """Add the run's line (a run already there, by date and commit, is replaced)."""
    entry = entry_of(results)
    lines = [
        line
        for line in read(path)
        if (line["date"], line["commit"]) != (entry["date"], entry["commit"])
    ]
    lines.append(entry)
    path.write_text(json.dumps(lines, indent=2) + "\n", encoding="utf-8")
    return lines


def _cell(value, suffix: str = "") -> str:
    return "–" if value is None else f"{value:,.0f}{suffix}"


def render(lines: list[dict]) -> list[str]:
    """The history as a Markdown section (national scale; the sample beside it where the
    run measured both)."""
    if not lines:
        return []
    out = [
        "## History",
        "",
        "Every harness run, oldest first (`benchmarks/history.json`). p95 in ms at national "
        "scale; warm = repeated settings, cold = settings never asked before (measured since "
        "2026-12-07); load = the locust test's p95 over all requests, with repeated (warm) or never-asked (cold) "
        "filter settings.",
        "",
        "| Date | Commit | Mode | Warm p95, slowest | Cold p95, slowest | Cold p95, median "
        "callback | Load test p95, mode (errors) |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for line in lines:
        large = line["datasets"].get("large", {})
        errors = large.get("load_errors")
        mode = large.get("load_mode")
        load = _cell(large.get("load_p95_ms")) + (f", {mode}" if mode else "")
        out.append(
            f"| {line['date']} | `{line['commit']}` | {line.get('mode') or '–'} "
            f"| {_cell(large.get('warm_p95_slowest_ms'))} "
            f"| {_cell(large.get('cold_p95_slowest_ms'))} "
            f"| {_cell(large.get('cold_p95_median_ms'))} "
            f"| {load}{'' if errors is None else f' ({errors})'} |"
        )
    return [*out, ""]


def from_git(path: Path = HISTORY) -> list[dict]:
    """Rebuild the history from every committed version of results.json, oldest first."""
    commits = subprocess.run(
        ["git", "log", "--reverse", "--format=%H", "--", RESULTS],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    lines = [
        entry_of(
            json.loads(
                subprocess.run(
                    ["git", "show", f"{commit}:{RESULTS}"],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
        )
        for commit in commits
    ]
    path.write_text(json.dumps(lines, indent=2) + "\n", encoding="utf-8")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-git", action="store_true", help="rebuild from git's results.json")
    options = parser.parse_args(argv)
    lines = from_git() if options.from_git else read()
    print("\n".join(render(lines)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
