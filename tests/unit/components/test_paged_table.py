import pandas as pd

from dashboard.components.paged_table import page_of

FRAME = pd.DataFrame(
    {"name": ["a", "b", "c", "d", "e"], "score": pd.array([3, None, 5, 1, 4], dtype="Int64")}
)


def test_paged001_pages_and_clamps():
    rows, pages = page_of(FRAME, 1, 2, [])
    assert pages == 3 and [row["name"] for row in rows] == ["c", "d"]
    rows, _ = page_of(FRAME, 99, 2, None)
    assert [row["name"] for row in rows] == ["e"]
    assert page_of(FRAME.iloc[0:0], 0, 2, None) == ([], 1)


def test_paged002_sorts_both_ways_with_missing_values_last_and_as_none():
    rows, _ = page_of(FRAME, 0, 5, [{"column_id": "score", "direction": "desc"}])
    assert [row["name"] for row in rows] == ["c", "e", "a", "d", "b"]
    assert rows[-1]["score"] is None
    rows, _ = page_of(FRAME, 0, 5, [{"column_id": "score", "direction": "asc"}])
    assert [row["name"] for row in rows] == ["d", "a", "e", "c", "b"]
    rows, _ = page_of(FRAME, 0, 5, [{"column_id": "nonsense", "direction": "asc"}])
    assert [row["name"] for row in rows] == ["a", "b", "c", "d", "e"]
