"""The benchmark harness runs and writes well-formed results (smoke mode, no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = {"overview", "map", "attendance", "topics", "network", "compare"}


def test_benchsmoke001_quick_run_writes_results_and_report(tmp_path):
    results_path, report_path = tmp_path / "results.json", tmp_path / "performance.md"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--quick",
            "--results",
            str(results_path),
            "--markdown",
            str(report_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    results = json.loads(results_path.read_text())
    assert results["mode"] == "quick"
    assert set(results["datasets"]) == {"sample"}
    sample = results["datasets"]["sample"]
    assert "error" not in sample, sample.get("error")
    assert sample["rows"]["attendance"] > 0
    assert set(sample["pages"]) == PAGES
    for page in sample["pages"].values():
        assert isinstance(page["present"], bool)
    overview = sample["pages"]["overview"]
    assert overview["present"] and overview["callbacks"]
    for callback in overview["callbacks"]:
        assert callback["error_count"] == 0
        assert (
            callback["timed"]["n"] > 0
            and callback["timed"]["p95_ms"] >= callback["timed"]["p50_ms"] > 0
        )
        assert callback["ratio_p50"] is not None
    figures = {key for cb in overview["callbacks"] for key in cb["figures"]}
    assert "overview-map.figure" in figures
    assert sample["noop"]["p50_ms"] > 0 and sample["noop"]["before"]["errors"] == 0
    assert sample["cold_start"]["first_http_200_s"]
    assert sample["memory_single_process"]["rss_mb"] > 0
    assert sample["load_test"] == {"skipped": True}
    assert isinstance(sample["browser"], dict)
    assert all({"dataset", "what", "target", "value", "ok"} <= set(t) for t in results["targets"])
    report = report_path.read_text()
    assert report.startswith("# Performance")
    assert "## Dataset: sample" in report and "overview-map.figure" in report
