"""The first view after an import: `python -m dashboard import FILE`, then a fresh start of
the app, then the first /netzwerk and /karte in Chromium.

Usage (on a copy of the national sample, which it never changes):

    python -m benchmarks.after_import /tmp/large.db --rounds 3 \
        --out benchmarks/results-after-import.json

Each round copies the database, starts the app once so that the browser knows it (its
JavaScript is in the browser's cache, as for anyone who used the app before), stops it,
imports a one-row change through the command line, starts the app afresh and opens
/netzwerk, then /karte, as soon as it answers. Times are from the navigation to the first
and to the last chart drawn; the page was never asked for on this data version (cold).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.browser import make_driver, navigate
from benchmarks.run import Server, app_env, free_port

PAGES = ("/netzwerk", "/karte")
CHANGE = (
    "id,name,type,ags,state,city,lat,lon\n"
    "pirmasens,Stadt Pirmasens,kommune,07317000,07,Pirmasens,49.20145,7.60529\n"
)
TIMEOUT_S = 60.0


def one_round(source: Path, work: Path, driver) -> dict:
    database = work / "atlas.db"
    shutil.copyfile(source, database)
    port = free_port()
    env = app_env(database, port)
    app = [sys.executable, "app.py"]
    server = Server("after-import", app, env, port, work)
    server.start()
    try:
        server.wait_ready()
        navigate(driver, server.base + "/akteur/langenfeld?hintergrund=ohne", TIMEOUT_S)
    finally:
        server.stop()

    change = work / "actors.csv"
    change.write_text(CHANGE, encoding="utf-8")
    started = time.perf_counter()
    imported = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", str(change)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if imported.returncode != 0:
        raise RuntimeError(f"import failed: {imported.stderr[-500:]}")
    result: dict = {"import_s": round(time.perf_counter() - started, 2)}

    server = Server("after-import", app, env, port, work)
    server.start()
    try:
        result["first_http_200_s"] = round(server.wait_ready(), 2)
        for path in PAGES:
            page = navigate(driver, server.base + path, TIMEOUT_S)
            result[path] = {
                "first_chart_ms": page["first_chart_ms"],
                "all_charts_ms": page["all_charts_ms"],
                "problem": page["problem"],
            }
    finally:
        server.stop()
    return result


def summarise(rounds: list[dict]) -> dict:
    def values(key: str, path: str | None = None) -> list[float]:
        found = [(r[path] if path else r).get(key) for r in rounds]
        return [v for v in found if v is not None]

    summary: dict = {
        "rounds": len(rounds),
        "import_s": _median_max(values("import_s")),
        "first_http_200_s": _median_max(values("first_http_200_s")),
    }
    for path in PAGES:
        summary[path] = {
            "first_chart_ms": _median_max(values("first_chart_ms", path)),
            "all_charts_ms": _median_max(values("all_charts_ms", path)),
        }
    return summary


def _median_max(samples: list[float]) -> dict:
    if not samples:
        return {"median": None, "max": None}
    return {"median": round(statistics.median(samples), 2), "max": round(max(samples), 2)}


def table(results: dict) -> str:
    summary = results["summary"]
    lines = [
        f"Rounds: {summary['rounds']}. Import through the command line (the layout ahead "
        f"included): median {summary['import_s']['median']} s; fresh start to the first "
        f"HTTP 200: median {summary['first_http_200_s']['median']} s.",
        "",
        "| Page | First chart, median (max) | All charts, median (max) |",
        "|---|---|---|",
    ]
    for path in PAGES:
        first, every = summary[path]["first_chart_ms"], summary[path]["all_charts_ms"]
        lines.append(
            f"| {path} | {first['median']} ms ({first['max']} ms) |"
            f" {every['median']} ms ({every['max']} ms) |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", type=Path, help="the national sample (SQLite)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results-after-import.json"))
    parser.add_argument("--table", type=Path, help="print the table of a results file, run nothing")
    args = parser.parse_args(argv)
    if args.table:
        print(table(json.loads(args.table.read_text(encoding="utf-8"))))
        return 0
    driver = make_driver()
    rounds = []
    try:
        for number in range(args.rounds):
            with tempfile.TemporaryDirectory() as work:
                rounds.append(one_round(args.database, Path(work), driver))
            print(number + 1, json.dumps(rounds[-1]), flush=True)
    finally:
        driver.quit()
    results = {"rounds": rounds, "summary": summarise(rounds)}
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
