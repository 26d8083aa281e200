"""The history of the measured figures: one line per harness run, shown in the report."""

from __future__ import annotations

from benchmarks import history


def _results(date: str, commit: str, cold: list[float], load_p95: float | None) -> dict:
    callbacks = [
        {"name": f"cb{i}", "timed": {"p95_ms": p95 / 10}, "cold": {"n": 20, "p95_ms": p95}}
        for i, p95 in enumerate(cold)
    ]
    large = {"pages": {"netzwerk": {"callbacks": callbacks}}, "load_test": {}}
    if load_p95 is not None:
        large["load_test"] = {"p95_ms": load_p95, "errors": 0}
    return {
        "date": f"{date}T20:00:00+00:00",
        "mode": "full",
        "machine": {"git_commit": commit},
        "datasets": {"large": large},
    }


def test_hist001_a_run_adds_its_line_and_a_repeat_replaces_it(tmp_path):
    path = tmp_path / "history.json"
    history.append(_results("2026-12-01", "aaaaaaa", [100.0, 300.0, 200.0], 500.0), path)
    history.append(_results("2026-12-07", "bbbbbbb", [90.0, 120.0, 80.0], None), path)
    lines = history.append(_results("2026-12-07", "bbbbbbb", [90.0, 110.0, 80.0], None), path)
    assert [line["commit"] for line in lines] == ["aaaaaaa", "bbbbbbb"]
    assert history.read(path) == lines
    first, second = (line["datasets"]["large"] for line in lines)
    assert (first["cold_p95_slowest_ms"], first["cold_p95_median_ms"]) == (300.0, 200.0)
    assert first["warm_p95_slowest_ms"] == 30.0 and first["load_p95_ms"] == 500.0
    assert second["cold_p95_slowest_ms"] == 110.0 and second["load_p95_ms"] is None


def test_hist002_the_report_shows_every_line_oldest_first():
    lines = [
        history.entry_of(_results("2026-12-01", "aaaaaaa", [1500.0], 3000.0)),
        history.entry_of(_results("2026-12-07", "bbbbbbb", [240.0], None)),
    ]
    table = [row for row in history.render(lines) if row.startswith("| 2026")]
    assert table[0].startswith("| 2026-12-01 | `aaaaaaa`") and "| 1,500 |" in table[0]
    assert "3,000, warm (0)" in table[0]
    assert table[1].startswith("| 2026-12-07 | `bbbbbbb`") and table[1].endswith("| – |")
    assert history.render([]) == []
