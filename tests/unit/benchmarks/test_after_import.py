"""The after-import harness reports medians and maxima of its rounds, and says when a page
drew nothing."""

from __future__ import annotations

from benchmarks.after_import import summarise, table


def _round(import_s: float, network_ms: float | None, map_ms: float) -> dict:
    return {
        "import_s": import_s,
        "first_http_200_s": 4.0,
        "/netzwerk": {"first_chart_ms": network_ms, "all_charts_ms": network_ms, "problem": None},
        "/karte": {"first_chart_ms": map_ms, "all_charts_ms": map_ms, "problem": None},
    }


def test_aim001_medians_and_maxima_over_the_rounds_that_drew():
    rounds = [_round(8.0, 2500.0, 900.0), _round(9.0, None, 1100.0), _round(10.0, 3500.0, 1000.0)]
    summary = summarise(rounds)
    assert summary["rounds"] == 3 and summary["import_s"] == {"median": 9.0, "max": 10.0}
    assert summary["/netzwerk"]["first_chart_ms"] == {"median": 3000.0, "max": 3500.0}
    assert summary["/karte"]["all_charts_ms"] == {"median": 1000.0, "max": 1100.0}
    text = table({"rounds": rounds, "summary": summary})
    assert "| /netzwerk | 3000.0 ms (3500.0 ms) |" in text and "median 9.0 s" in text


def test_aim002_a_page_that_never_drew_says_none():
    summary = summarise([_round(8.0, None, 900.0)])
    assert summary["/netzwerk"]["first_chart_ms"] == {"median": None, "max": None}
