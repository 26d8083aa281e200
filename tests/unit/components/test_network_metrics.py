"""The metrics grid of /netzwerk pages and sorts on the server and writes German numbers."""

from __future__ import annotations

import pandas as pd

from dashboard.components.network_metrics import PAGE_SIZE, metrics_rows


def _frame(count: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(count)],
            "name": [f"Akteur {i:02d}" for i in range(count)],
            "type": ["Kommune"] * count,
            "role": [""] * count,
            "events": list(range(count)),
            "headcount": pd.array([1234 * i if i % 5 else None for i in range(count)], "Int64"),
            "degree": list(range(count)),
            "weighted_degree": [float(i) for i in range(count)],
            "betweenness": [i / 1000 for i in range(count)],
            "eigenvector": [0.5] * count,
            "community": pd.array([None] + [1] * (count - 1), "Int64"),
        }
    )


def test_nmt001_a_page_of_rows_sorted_as_asked_with_german_numbers():
    frame = _frame(40)
    answer = metrics_rows(
        frame,
        {
            "startRow": 0,
            "endRow": PAGE_SIZE,
            "sortModel": [{"colId": "betweenness", "sort": "desc"}],
        },
        "de",
    )
    assert answer["rowCount"] == 40
    rows = answer["rowData"]
    assert len(rows) == PAGE_SIZE
    assert [row["name"] for row in rows[:2]] == ["Akteur 39", "Akteur 38"]
    assert rows[0]["betweenness"] == "0,039"
    assert rows[0]["headcount"] == "48.126"  # 39 × 1234, with the German thousands point
    assert rows[1]["headcount"] == "46.892"


def test_nmt002_unknown_values_and_the_last_page():
    frame = _frame(20)
    rows = metrics_rows(frame, {"startRow": 15, "endRow": 30, "sortModel": []}, "en")["rowData"]
    assert [row["id"] for row in rows] == ["a15", "a16", "a17", "a18", "a19"]
    assert rows[0]["headcount"] == "unknown"
    first = metrics_rows(frame, {"startRow": 0, "endRow": 1}, "de")["rowData"][0]
    assert first["community"] == "–"


def test_nmt003_what_the_browser_should_not_send_gives_the_first_page():
    frame = _frame(20)
    for request in (None, "x", {"startRow": -3, "sortModel": [{"colId": "geheim"}]}):
        rows = metrics_rows(frame, request, "de")["rowData"]
        assert [row["id"] for row in rows] == [f"a{i}" for i in range(PAGE_SIZE)]
