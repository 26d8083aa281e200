"""Headline figures of the last year of a selection: the overview's key figures for that
year (with who came for the first time and the links it began) beside the overview's
chart of people per year, which puts the year among the ones before it."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import overview as analysis
from dashboard.analysis.selection import select_in
from dashboard.i18n import fmt_number, t
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from dashboard.views import overview
from dashboard.views.result import ViewResult
from dashboard.views.retention import first_years


def year_numbers(snapshot: Snapshot, year: int, filters: Filters) -> dict[str, int]:
    """The key figures of `year` under the other filters: actors, of them new to the
    network, municipalities, initiatives and organisations, people, links begun that year."""
    selection = select_in(snapshot, filters.with_changes(year_from=year, year_to=year))
    kpis = analysis.kpis(selection)
    present = pd.Series(selection.participation["actor_id"].unique(), dtype=object)
    since = pd.to_numeric(selection.links["since_year"], errors="coerce")
    return {
        "actors": kpis.municipalities + kpis.initiatives,
        "new": int((present.map(first_years(snapshot)) == year).sum()),
        "municipalities": kpis.municipalities,
        "initiatives": kpis.initiatives,
        "headcount": kpis.headcount,
        "new_links": int((since == year).sum()),
    }


FACT_LABELS = {
    "actors": "headline.actors",
    "new": "headline.new",
    "municipalities": "kpi.municipalities",
    "initiatives": "kpi.initiatives",
    "headcount": "kpi.headcount",
    "new_links": "headline.new_links",
}


def year_facts(snapshot: Snapshot, year: int, filters: Filters) -> tuple[tuple[str, str], ...]:
    lang = filters.lang
    numbers = year_numbers(snapshot, year, filters)
    return tuple(
        (t(FACT_LABELS[name], lang), fmt_number(value, lang)) for name, value in numbers.items()
    )


def headline(snapshot: Snapshot, filters: Filters) -> ViewResult:
    """The key figures of the selection's last year and the people per year up to it."""
    lang = filters.lang
    selection = select_in(snapshot, filters)
    chart = overview.attendance(snapshot, filters, selection)
    if selection.year_range is None:
        return ViewResult(chart.figure, t("headline.title_empty", lang), chart.caption)
    year = selection.year_range[1]
    return ViewResult(
        chart.figure,
        t("headline.title", lang, year=year),
        chart.caption,
        table=chart.table,
        facts=year_facts(snapshot, year, filters),
    )
