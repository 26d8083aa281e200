from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dashboard.analysis import retention
from dashboard.analysis.selection import select
from dashboard.figures import retention as figures
from dashboard.figures.cell_text import CELL_PADDING, colorbar_margin, row_label_margin, text_width
from dashboard.figures.counts import count_step, count_ticks
from dashboard.figures.presentation import PAGE_WIDTH, SLIDE_LABELS_WIDTH, for_slide
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import tiny_tables


def _setup(**filters):
    tables = tiny_tables()
    return retention.first_years(tables), select(tables, Filters(**filters))


def test_retfig001_new_and_returning_bars():
    first, selection = _setup()
    figure = figures.new_vs_returning(retention.new_vs_returning(selection, first), "de")
    returning, new = figure.data
    assert (returning.name, new.name) == ("Wiederkehrend", "Neu")
    assert returning.y.tolist() == [0, 1, 2] and new.y.tolist() == [2, 2, 0]
    assert new.marker.pattern.shape == "/"  # not told apart by colour alone
    assert figure.layout.barmode == "stack"
    assert "über alle Daten" in figure.layout.meta["description"]


def test_retfig002_cohort_heatmap():
    first, selection = _setup()
    figure = figures.cohort_heatmap(retention.cohorts(selection, first), "de")
    (heatmap,) = figure.data
    assert list(heatmap.y) == ["2016", "2017"] and list(heatmap.x) == ["2016", "2017", "2018"]
    z = np.asarray(heatmap.z, dtype=float)
    assert z[0].tolist() == [2, 1, 2] and math.isnan(z[1][0])
    assert heatmap.zmin == 0 and heatmap.colorbar.dtick == 1
    assert figure.layout.yaxis.autorange == "reversed"


def test_retfig003_not_returned_chart_and_empty():
    _, selection = _setup()
    per_year = retention.not_returned_per_year(retention.not_returned(selection))
    figure = figures.not_returned_chart(per_year, "en")
    assert [trace.name for trace in figure.data] == ["Municipality", "Organisation"]
    assert figure.layout.xaxis.title.text == "Last participation"
    first, empty = _setup(year_from=2030)
    assert (
        figures.not_returned_chart(
            retention.not_returned_per_year(retention.not_returned(empty)), "de"
        ).data
        == ()
    )
    assert (
        figures.cohort_heatmap(retention.cohorts(empty, first), "de").layout.annotations[0].text
        == "Keine Daten für diese Auswahl"
    )
    assert figures.new_vs_returning(retention.new_vs_returning(empty, first), "de").data == ()


def test_retfig004_count_ticks_are_whole_numbers():
    assert (
        count_step(3) == 1
        and count_step(12) == 5
        and count_step(40) == 10
        and count_step(230) == 50
    )
    assert count_ticks(2.0) == {"tick0": 0, "dtick": 1, "tickformat": ",d"}


def _national_cohorts() -> pd.DataFrame:
    """20 cohorts × 20 years with counts in the hundreds and thousands, like /tmp/large.db."""
    years = list(range(2006, 2026))
    rng = np.random.default_rng(7)
    values = rng.integers(30, 900, size=(20, 20)).astype(float)
    values[0][0] = 1553
    values[np.tril_indices(20, -1)] = np.nan  # a cohort is not present before it began
    return pd.DataFrame(values, index=pd.Index(years, name="cohort"), columns=years)


def test_retfig005_cohort_numbers_never_collide():
    figure = figures.cohort_heatmap(_national_cohorts(), "de")
    (heatmap,) = figure.data
    # 20 years of four-digit numbers in half a page: no size fits, the hover keeps them.
    assert heatmap.texttemplate == ""
    assert "%{z:,}" in heatmap.hovertemplate
    assert np.asarray(heatmap.text)[0][0] == "1.553"
    assert figure.layout.yaxis.automargin is True and figure.layout.yaxis.ticklabelstandoff > 0
    wide = figures.cohort_heatmap(_national_cohorts(), "de", width=1900).data[0]
    assert wide.texttemplate == "%{text}"
    cells = 1900 - row_label_margin(4, True) - colorbar_margin(len("Akteure"), len("1.553"))
    assert text_width(len("1.553"), wide.textfont.size) + CELL_PADDING <= cells / 20 - 2


def test_retfig006_a_small_cohort_table_keeps_its_numbers():
    first, selection = _setup()
    (heatmap,) = figures.cohort_heatmap(retention.cohorts(selection, first), "de").data
    assert heatmap.texttemplate == "%{text}" and heatmap.textfont.size == 13
    assert np.asarray(heatmap.text).tolist() == [["2", "1", "2"], ["", "2", "0"]]


def test_retfig007_the_slide_of_a_national_cohort_chart_writes_its_numbers_again():
    page = figures.cohort_heatmap(_national_cohorts(), "de")
    (cells,) = for_slide(page).data
    # 1,600 px of slide give each of the 20 columns room that half a laptop page does not.
    assert page.data[0].texttemplate == "" and cells.texttemplate == "%{text}"
    width = PAGE_WIDTH - SLIDE_LABELS_WIDTH
    assert 10 <= cells.textfont.size <= 18
    assert text_width(len("1.553"), cells.textfont.size) + CELL_PADDING <= width / 20 - 2
