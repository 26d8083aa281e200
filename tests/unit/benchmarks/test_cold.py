"""The cold measurement: filter settings nobody asked before, and how the report judges them."""

from __future__ import annotations

import itertools
from urllib.parse import parse_qs

from benchmarks.cold import Choices, cold_searches
from benchmarks.report import cold_targets, render_cold

CHOICES = Choices(years=(2006, 2025), topics=("digitalisierung", "klimaschutz"))


def test_cold001_settings_never_repeat_and_skip_those_asked_already():
    asked = frozenset({"?typ=kommune", "?land=05"})
    drawn = list(itertools.islice(cold_searches(CHOICES, asked=asked), 300))
    assert len(set(drawn)) == 300
    assert not set(drawn) & (asked | {""})
    assert drawn == list(itertools.islice(cold_searches(CHOICES, asked=asked), 300))  # seeded
    assert drawn != list(itertools.islice(cold_searches(CHOICES, seed=1, asked=asked), 300))
    for search in drawn:
        params = parse_qs(search.lstrip("?"))
        if "von" in params and "bis" in params:
            assert 2006 <= int(params["von"][0]) <= int(params["bis"][0]) <= 2025
        assert set(params) <= {"von", "bis", "typ", "land", "thema"}


def _results(sample_p95: float, large_p95: float) -> dict:
    def dataset(p95: float) -> dict:
        cold = {
            "n": 20,
            "p50_ms": p95 / 2,
            "p95_ms": p95,
            "ratio_p95": 10.0,
            "sent_bytes_max": 2048,
        }
        callbacks = [{"name": "map-graph.figure", "timed": {"n": 5}, "cold": cold}]
        return {"pages": {"map": {"present": True, "callbacks": callbacks}}}

    return {"datasets": {"sample": dataset(sample_p95), "large": dataset(large_p95)}}


def test_cold002_the_report_judges_the_slowest_callback_and_the_national_to_sample_ratio():
    met = {t["what"].split(",")[0]: t for t in cold_targets(_results(80.0, 200.0))}
    assert met["cold answers p95"]["value"] == 200.0 and met["cold answers p95"]["ok"] is True
    ratio = next(t for t in cold_targets(_results(80.0, 200.0)) if t["dataset"] == "large/sample")
    assert ratio["value"] == 2.5 and ratio["ok"] is True

    missed = cold_targets(_results(50.0, 400.0))
    assert [t["ok"] for t in missed] == [False, False]
    table = "\n".join(render_cold(_results(50.0, 400.0)))
    assert "| map | `map-graph.figure` | 25 / 50 | 200 / 400 | 8.0× |" in table
