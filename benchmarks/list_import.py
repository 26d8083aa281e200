"""How long a registration list takes from upload to preview at national scale.

    .venv/bin/python -m benchmarks.list_import [--rows 1000] [--repeat 5]

Builds the national-scale sample (`sample --scale large`) in a temporary SQLite database,
writes a list of ROWS rows typed the way an office types them (official prefixes, capitals,
legal forms, typos, one row per person, organisations new to the network, ambiguous place
names), and times `preview_from_database` — read the file, read the stored tables, map the
columns, decide every organisation, plan the batch — which is what the page does between
the upload and the preview. The first preview of a fresh process is reported apart (cold:
gazetteer and name caches empty); the repeats are warm. Writes
benchmarks/results-list-import.json and docs/performance-list-import.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results-list-import.json"
MARKDOWN = ROOT / "docs" / "performance-list-import.md"
PREFIXES = ("Stadt ", "Gemeinde ", "Landeshauptstadt ", "Stadtverwaltung ", "", "", "")


def _office_spelling(name: str, actor_type: str, rng: random.Random) -> str:
    """A name as a registration form gets it."""
    if actor_type == "kommune":
        name = rng.choice(PREFIXES) + name
    elif rng.random() < 0.4:
        name += " e.V."
    roll = rng.random()
    if roll < 0.1:
        name = name.upper()
    elif roll < 0.2 and len(name) > 8:
        i = rng.randrange(2, len(name) - 2)
        name = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name


def make_list(actors, rows: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    chosen = actors.sample(n=min(rows, len(actors)), random_state=seed)
    lines = [
        "Anmeldeliste Netzwerktreffen (Export)",
        "Organisation;Vorname;Nachname;E-Mail;Bundesland;Workshop;Teilnahme als",
    ]
    workshops = ("Wirkung messen", "Quartiersmanagement", "Digitale Teilhabe", "")
    count = 0
    for actor in chosen.itertuples():
        people = 1 + (rng.random() < 0.3)
        for _person in range(people):
            if count >= rows:
                break
            name = _office_spelling(str(actor.name), str(actor.type), rng)
            if rng.random() < 0.05:
                name = f"Neue Initiative {count} e.V."
            if rng.random() < 0.01:
                name = "Neustadt"
            state = actor.state if isinstance(actor.state, str) and rng.random() < 0.8 else ""
            lines.append(
                f"{name};Vorname{count};Nachname{count};p{count}@example.org;{state};"
                f"{rng.choice(workshops)};{rng.choice(('Teilnehmer', 'Teilnehmerin', 'Referent'))}"
            )
            count += 1
    return ("\n".join(lines) + "\n").encode("utf-8")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(database: Path, rows: int, repeat: int) -> dict:
    """In a fresh process, so that the first preview is a cold one."""
    code = f"""
import json, time, sys
from dashboard.db.engine import make_engine, snapshot_connection
from dashboard.db import repository
from dashboard.exchange.lists.registration import EventSpec
from dashboard.exchange.lists.importer import preview_from_database
from benchmarks.list_import import make_list
engine = make_engine("sqlite:///{database}")
with snapshot_connection(engine) as connection:
    tables = repository.read_all(connection)
event = tables["events"].sort_values("year")["id"].iloc[-1]
data = make_list(tables["actors"], {rows})
times, counts = [], None
for _ in range({repeat} + 1):
    start = time.perf_counter()
    preview = preview_from_database(engine, data, "anmeldeliste.csv", EventSpec(event))
    times.append(time.perf_counter() - start)
    counts = preview.counts()
print(json.dumps({{"times": times, "counts": counts, "rows": len(preview.rows), "actors": len(tables["actors"]),
                  "attendance": len(tables["attendance"]), "problems": sum(p.is_error for p in preview.all_problems)}}))
"""
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "large.db"
        env_url = f"sqlite:///{database}"
        subprocess.run(
            [sys.executable, "-m", "dashboard", "sample", "--scale", "large"],
            cwd=ROOT,
            check=True,
            env={**os.environ, "DATABASE_URL": env_url},
            capture_output=True,
        )
        found = measure(database, args.rows, args.repeat)
    cold, warm = found["times"][0], found["times"][1:]
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip(),
        "rows": found["rows"],
        "actors": found["actors"],
        "attendance": found["attendance"],
        "decisions": found["counts"],
        "errors": found["problems"],
        "cold_s": round(cold, 2),
        "warm_median_s": round(statistics.median(warm), 2),
        "warm_p95_s": round(_percentile(warm, 0.95), 2),
        "warm_n": len(warm),
        "target_s": 5.0,
    }
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    MARKDOWN.write_text(_markdown(result), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False))
    return 0


def _markdown(r: dict) -> str:
    d = r["decisions"]
    return (
        "# Registration list: upload to preview at national scale\n\n"
        "Written by `.venv/bin/python -m benchmarks.list_import` "
        f"({r['when']}, commit {r['commit']}, {r['machine']}).\n\n"
        f"National-scale sample: {_n(r['actors'])} actors, {_n(r['attendance'])} attendance rows. "
        f"A list of {_n(r['rows'])} rows typed as an office types it (prefixes, capitals, legal forms, "
        "swapped letters, one row per person, new organisations, an ambiguous place name); "
        f"decided: {_n(d['matched'])} matched, {_n(d['new'])} new, {_n(d['review'])} in review.\n\n"
        "| measurement | seconds | target |\n|---|---|---|\n"
        f"| cold (first preview of a fresh process) | {r['cold_s']} | ≤ {r['target_s']} |\n"
        f"| warm median (n = {r['warm_n']}) | {r['warm_median_s']} | ≤ {r['target_s']} |\n"
        f"| warm p95 | {r['warm_p95_s']} | ≤ {r['target_s']} |\n\n"
        "What is timed: `preview_from_database` — read the file, read the stored tables, map the "
        "columns, decide every organisation, plan the batch — i.e. the server's work between the "
        "upload and the preview; drawing the preview table in the browser is not included.\n"
    )


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


if __name__ == "__main__":
    raise SystemExit(main())
