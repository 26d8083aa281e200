from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis import topics
from dashboard.analysis.selection import select
from dashboard.figures import topics as figures
from dashboard.figures.cell_text import (
    CELL_PADDING,
    LARGEST_SIZE,
    SMALLEST_SIZE,
    colorbar_margin,
    row_label_margin,
    text_width,
)
from dashboard.figures.topics import HEATMAP_WIDTH
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import tiny_tables


def _setup(**filters):
    tables = tiny_tables()
    return tables, select(tables, Filters(**filters))


def test_topfig001_heatmap_cells_carry_topic_ids():
    tables, selection = _setup()
    per_year = topics.topic_year(tables, selection)
    matrix = topics.heatmap_matrix(per_year, "sessions", [2016, 2017, 2018])
    figure = figures.topic_heatmap(matrix, "de", "sessions", selected="wirkung")
    (heatmap,) = figure.data
    assert list(heatmap.y) == ["Steuerung", "▶ Wirkung"]
    assert list(heatmap.x) == ["2016", "2017", "2018"]
    assert [cell[0] for cell in np.asarray(heatmap.customdata, dtype=object)[1]] == ["wirkung"] * 3
    assert np.asarray(heatmap.text).tolist() == [["", "", "1"], ["", "1", ""]]
    z = np.asarray(heatmap.z, dtype=float)
    assert np.isnan(z[0][0]) and z[1][1] == 1  # no session: a gap, not 0
    assert heatmap.colorbar.title.text == "Sitzungen"
    people = figures.topic_heatmap(
        topics.heatmap_matrix(per_year, "headcount", [2016, 2017, 2018]), "en", "headcount"
    )
    assert people.data[0].colorbar.title.text == "People"
    assert np.asarray(people.data[0].z, dtype=float)[1][1] == 6


def test_topfig002_trends_one_line_per_topic_with_zero_years():
    tables, selection = _setup()
    per_year = topics.topic_year(tables, selection)
    figure = figures.topic_trends(per_year, [2016, 2017, 2018], "de")
    assert sorted(trace.name for trace in figure.data) == ["Steuerung", "Wirkung"]
    steuerung = next(trace for trace in figure.data if trace.name == "Steuerung")
    assert steuerung.y.tolist() == [0, 0, 1]
    assert list(steuerung.customdata) == ["steuerung"] * 3
    assert len({trace.line.dash for trace in figure.data}) == 2  # told apart without colour


def test_topfig003_sessions_and_types():
    tables, selection = _setup()
    sessions = topics.event_sessions(tables, selection, "e2017")
    figure = figures.event_sessions_chart(sessions, "de")
    (workshops,) = figure.data
    assert workshops.name == "Workshop" and workshops.x.tolist() == [6]
    assert workshops.customdata[0][0] == "wirkung"
    by_type = figures.topics_by_type_chart(topics.topics_by_type(tables, selection), "de")
    assert [trace.name for trace in by_type.data] == ["Kommune", "Initiative"]
    assert by_type.data[0].customdata[0][0] == "wirkung"


def test_topfig004_unknown_session_headcount_is_not_a_zero_bar():
    sessions = pd.DataFrame(
        {
            "session_id": ["s1"],
            "kind": ["panel"],
            "title": ["Podium"],
            "topics": ["Wirkung"],
            "topic_ids": [["wirkung"]],
            "actors": [1],
            "headcount": [0],
            "unknown": [1],
        }
    )
    (bars,) = figures.event_sessions_chart(sessions, "de").data
    assert np.isnan(bars.x[0])
    assert bars.customdata[0][3] == "unbekannt"


def test_topfig005_clicked_topic_and_empty():
    assert figures.clicked_topic({"points": [{"customdata": "wirkung"}]}) == "wirkung"
    assert figures.clicked_topic({"points": [{"customdata": ["steuerung", 3, 0]}]}) == "steuerung"
    assert figures.clicked_topic({"points": [{"x": 1}]}) is None
    assert figures.clicked_topic(None) is None
    tables, empty = _setup(year_from=2030)
    assert (
        figures.topic_heatmap(
            topics.heatmap_matrix(topics.topic_year(tables, empty), "sessions", []), "de"
        ).data
        == ()
    )
    assert figures.topic_trends(topics.topic_year(tables, empty), [], "de").data == ()
    assert figures.event_sessions_chart(topics.event_sessions(tables, empty, None), "de").data == ()
    assert (
        figures.topics_by_type_chart(topics.topics_by_type(tables, empty), "de")
        .layout.annotations[0]
        .text.startswith("Keine Sitzungen")
    )


def test_topfig006_heatmap_people_unknown_is_a_question_mark_not_zero():
    per_year = pd.DataFrame(
        {
            "topic_id": ["a", "a", "b"],
            "topic": ["Alpha", "Alpha", "Beta"],
            "year": [2020, 2021, 2020],
            "sessions": [1, 1, 1],
            "actors": [2, 1, 1],
            "headcount": [1234, 0, 5],
            "unknown": [1, 2, 0],
        }
    )
    matrix = topics.heatmap_matrix(per_year, "headcount", [2020, 2021])
    unknown = topics.heatmap_matrix(per_year, "unknown", [2020, 2021]).drop(columns="topic")
    (heatmap,) = figures.topic_heatmap(matrix, "de", "headcount", unknown=unknown).data
    assert np.asarray(heatmap.text).tolist() == [["1.234", "?"], ["5", ""]]
    custom = np.asarray(heatmap.customdata, dtype=object)
    assert custom[0][1][1] == "unbekannt" and custom[0][1][2] == 2 and custom[0][0][2] == 1
    assert figures.clicked_topic({"points": [{"customdata": list(custom[1][0])}]}) == "b"


def test_topfig007_a_topic_name_is_hover_text_not_markup_or_placeholders():
    tables, selection = _setup()
    tables["topics"].loc[tables["topics"]["id"] == "wirkung", "name"] = "<b>Wirkung</b> %{y}"
    per_year = topics.topic_year(tables, selection)
    figure = figures.topic_trends(per_year, [2016, 2017, 2018], "de")
    trace = next(trace for trace in figure.data if trace.customdata[0] == "wirkung")
    assert trace.meta == "&lt;b&gt;Wirkung&lt;/b&gt; %{y}"
    assert "Wirkung" not in trace.hovertemplate and "%{meta}" in trace.hovertemplate


def _national_topic_year(metric_top: int) -> pd.DataFrame:
    """13 topics × 20 years, like the national-scale sample (/tmp/large.db)."""
    names = ["Engagementförderung", "Quartiersmanagement", "Digitalisierung"] + [
        f"Thema {index}" for index in range(10)
    ]
    rng = np.random.default_rng(3)
    rows = [
        {
            "topic_id": name.lower(),
            "topic": name,
            "year": year,
            "sessions": int(rng.integers(1, 8)),
            "actors": 1,
            "headcount": int(rng.integers(20, metric_top)),
            "unknown": 0,
        }
        for name in names
        for year in range(2006, 2026)
    ]
    return pd.DataFrame(rows)


def test_topfig008_heatmap_numbers_never_collide():
    per_year = _national_topic_year(11753)
    years = list(range(2006, 2026))
    people = figures.topic_heatmap(
        topics.heatmap_matrix(per_year, "headcount", years), "de", "headcount"
    )
    (heatmap,) = people.data
    # Five-digit head counts in 20 narrow columns: the cells stay empty, the hover tells.
    assert heatmap.texttemplate == ""
    assert "%{customdata[1]}" in heatmap.hovertemplate
    assert people.layout.yaxis.automargin is True and people.layout.yaxis.ticklabelstandoff > 0
    sessions = figures.topic_heatmap(topics.heatmap_matrix(per_year, "sessions", years), "de")
    (cells,) = sessions.data
    # Single-digit session counts do fit, at a size whose estimated width fits the cell.
    assert cells.texttemplate == "%{text}" and cells.textfont.size >= SMALLEST_SIZE
    room = (
        HEATMAP_WIDTH
        - row_label_margin(len("Engagementförderung"), False)
        - colorbar_margin(len("Sitzungen"), 1)
    )
    assert text_width(1, cells.textfont.size) + CELL_PADDING <= room / len(years) - 2


def test_topfig009_few_years_keep_their_numbers_at_full_size():
    per_year = _national_topic_year(11753)
    per_year = per_year[per_year["year"] >= 2021]
    matrix = topics.heatmap_matrix(per_year, "headcount", [2021, 2022, 2023, 2024, 2025])
    (heatmap,) = figures.topic_heatmap(matrix, "de", "headcount").data
    assert heatmap.texttemplate == "%{text}" and heatmap.textfont.size == LARGEST_SIZE
