from __future__ import annotations

import math

import pandas as pd

from dashboard.analysis import retention
from dashboard.analysis.selection import select
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import tiny_tables

# tiny_tables: bonn 2016/2017/2018, verein 2016/2018, kiel 2017, portal 2017.


def _setup(**filters):
    tables = tiny_tables()
    return retention.first_years(tables), select(tables, Filters(**filters))


def test_retention001_first_years_over_all_data():
    first, _ = _setup()
    assert first.to_dict() == {"bonn": 2016, "kiel": 2017, "portal": 2017, "verein": 2016}


def test_retention002_new_vs_returning():
    first, selection = _setup()
    result = retention.new_vs_returning(selection, first)
    assert result["year"].tolist() == [2016, 2017, 2018]
    assert result["new"].tolist() == [2, 2, 0]
    assert result["returning"].tolist() == [0, 1, 2]
    assert result["actors"].tolist() == [2, 3, 2]
    assert math.isclose(result["returning_share"].iloc[1], 1 / 3)


def test_retention003_new_is_measured_over_all_data_not_the_filtered_years():
    first, selection = _setup(year_from=2017)
    result = retention.new_vs_returning(selection, first)
    # bonn came in 2016, outside the filter: in 2017 it is returning, not new.
    assert result.set_index("year").loc[2017, ["new", "returning"]].tolist() == [2, 1]
    assert result.set_index("year").loc[2018, ["new", "returning"]].tolist() == [0, 2]


def test_retention004_cohort_matrix():
    first, selection = _setup()
    matrix = retention.cohorts(selection, first)
    assert matrix.index.tolist() == [2016, 2017]
    assert matrix.columns.tolist() == [2016, 2017, 2018]
    assert matrix.loc[2016].tolist() == [2, 1, 2]  # bonn+verein, bonn, bonn+verein
    row_2017 = matrix.loc[2017].tolist()
    assert math.isnan(row_2017[0]) and row_2017[1:] == [2, 0]  # kiel+portal, nobody back
    long = retention.cohorts_long(matrix)
    assert len(long) == 5 and long["actors"].sum() == 7


def test_retention005_cohorts_keep_early_cohorts_outside_the_year_filter():
    first, selection = _setup(year_from=2018)
    matrix = retention.cohorts(selection, first)
    assert matrix.index.tolist() == [2016]
    assert matrix.loc[2016, 2018] == 2


def test_retention006_not_returned_list():
    _, selection = _setup()
    lapsed = retention.not_returned(selection)
    assert lapsed["actor_id"].tolist() == ["kiel", "portal"]
    assert lapsed["last_year"].tolist() == [2017, 2017]
    assert lapsed["participations"].tolist() == [1, 1]
    assert lapsed.iloc[0][["name", "type", "state"]].tolist() == ["Kiel", "kommune", "01"]
    per_year = retention.not_returned_per_year(lapsed)
    assert per_year.to_dict("records") == [
        {"last_year": 2017, "type": "kommune", "actors": 1},
        {"last_year": 2017, "type": "organisation", "actors": 1},
    ]


def test_retention007_not_returned_is_relative_to_the_selection_and_sorted():
    _, selection = _setup(year_to=2017)
    lapsed = retention.not_returned(selection)
    # Up to 2017: verein (last 2016) did not come back; bonn did.
    assert lapsed["actor_id"].tolist() == ["verein"]
    assert lapsed["last_year"].tolist() == [2016]
    tables = tiny_tables()
    tables["attendance"] = tables["attendance"][
        ~(
            (tables["attendance"]["actor_id"] == "bonn")
            & (tables["attendance"]["event_id"] == "e2018")
        )
    ]
    lapsed = retention.not_returned(select(tables, Filters()))
    # bonn (last 2017, two events) before kiel and portal (last 2017, one event each).
    assert lapsed["actor_id"].tolist() == ["bonn", "kiel", "portal"]
    assert lapsed["participations"].tolist() == [2, 1, 1]


def test_retention008_empty_selection():
    first, selection = _setup(year_from=2030)
    assert retention.new_vs_returning(selection, first).empty
    assert retention.cohorts(selection, first).empty
    assert retention.not_returned(selection).empty
    assert retention.cohorts_long(retention.cohorts(selection, first)).empty
    empty_first = retention.first_years(
        {"attendance": tiny_tables()["attendance"].iloc[0:0], "events": tiny_tables()["events"]}
    )
    assert empty_first.empty
    assert isinstance(empty_first, pd.Series)
