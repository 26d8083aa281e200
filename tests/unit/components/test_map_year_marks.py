"""The year slider of /karte labels its stops so that no two labels run together."""

from __future__ import annotations

from itertools import pairwise

from dashboard.components.map_controls import year_slider_props


def test_mye001_many_years_label_every_second_one_counted_back_from_all_years():
    marks = year_slider_props(list(range(2006, 2026)), None, "de")["marks"]
    labelled = [year for year, text in marks.items() if text]
    assert labelled[-1] == 2026 and marks[2026] == "Alle"
    assert marks[2025] == ""  # next to "Alle": it would print "2025Alle"
    assert all(b - a == 2 for a, b in pairwise(labelled))


def test_mye002_few_years_are_all_labelled():
    marks = year_slider_props([2017, 2019, 2021], 2019, "de")["marks"]
    assert marks == {2017: "2017", 2019: "2019", 2021: "2021", 2022: "Alle"}
