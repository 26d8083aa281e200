"""Wiederkehr on /teilnahme: new and returning actors per year, cohorts, and who has not
come back. Each view gives the chart and the table behind it (the chart's CSV download)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import retention as analysis
from dashboard.analysis.selection import Selection, select_in
from dashboard.figures import retention as figures
from dashboard.i18n import t
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from dashboard.views.attendance import column, state_label, type_label
from dashboard.views.caption import filters_line
from dashboard.views.result import ViewResult


def first_years(snapshot: Snapshot) -> pd.Series:
    """Each actor's first year over all data (not the selection): "new" means new to the
    network, not new to the filtered years."""
    first: pd.Series = snapshot.derived("retention.first_years", analysis.first_years)
    return first


def _result(
    snapshot: Snapshot,
    filters: Filters,
    key: str,
    figure: go.Figure,
    table: pd.DataFrame,
    selection: Selection | None = None,
) -> ViewResult:
    return ViewResult(
        figure=figure,
        title=t(f"attendance.{key}.title", filters.lang),
        caption=filters_line(snapshot, filters, selection),
        table=table,
    )


def new_vs_returning(
    snapshot: Snapshot, filters: Filters, selection: Selection | None = None
) -> ViewResult:
    lang = filters.lang
    per_year = analysis.new_vs_returning(
        selection or select_in(snapshot, filters), first_years(snapshot)
    )
    table = pd.DataFrame(
        {
            column("year", lang): per_year["year"].astype("int64"),
            column("new", lang): per_year["new"].astype("int64"),
            column("returning", lang): per_year["returning"].astype("int64"),
            column("actors", lang): per_year["actors"].astype("int64"),
            column("returning_share", lang): (
                per_year["returning_share"].astype("float64") * 100
            ).round(1),
        }
    )
    figure = figures.new_vs_returning(per_year, lang)
    return _result(snapshot, filters, "retention", figure, table, selection)


def cohorts(snapshot: Snapshot, filters: Filters, selection: Selection | None = None) -> ViewResult:
    """The cohort matrix; as a table, first column the cohort, one column per event year,
    empty where a year lies before the cohort began."""
    lang = filters.lang
    matrix = analysis.cohorts(selection or select_in(snapshot, filters), first_years(snapshot))
    table = matrix.copy()
    table.columns = [str(year) for year in table.columns]
    table = table.astype("Int64").reset_index().rename(columns={"cohort": column("cohort", lang)})
    return _result(
        snapshot, filters, "cohort", figures.cohort_heatmap(matrix, lang), table, selection
    )


def lapsed(snapshot: Snapshot, filters: Filters, selection: Selection | None = None) -> ViewResult:
    """Actors whose last participation lies before the last event year of the selection."""
    lang = filters.lang
    gone = analysis.not_returned(selection or select_in(snapshot, filters))
    table = pd.DataFrame(
        {
            column("name", lang): gone["name"].astype(str),
            column("type", lang): gone["type"].map(type_label(lang)),
            column("state", lang): gone["state"].map(state_label(lang)),
            column("last_year", lang): gone["last_year"].astype("int64"),
            column("participations", lang): gone["participations"].astype("int64"),
        }
    )
    figure = figures.not_returned_chart(analysis.not_returned_per_year(gone), lang)
    return _result(snapshot, filters, "lapsed", figure, table, selection)
