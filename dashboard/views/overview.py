"""Übersicht: people and actors per year, and where the participants come from.

The overview's key figures and event list are not charts; the page takes them from
analysis.overview directly.
"""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import hexbins
from dashboard.analysis import overview as analysis
from dashboard.analysis.selection import Selection, participations_of, select_in
from dashboard.figures.attendance import attendance_per_year
from dashboard.figures.map import density_shrink
from dashboard.figures.map import participant_map as participant_map_figure
from dashboard.figures.map_bins import overview_bins
from dashboard.i18n import t
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from dashboard.views.caption import filters_line
from dashboard.views.map import place_cells
from dashboard.views.result import ViewResult


def attendance(
    snapshot: Snapshot, filters: Filters, selection: Selection | None = None
) -> ViewResult:
    """Known people per event year, with the actors and the unknown headcounts."""
    lang = filters.lang
    per_year = analysis.attendance_per_year(selection or select_in(snapshot, filters))
    table = pd.DataFrame(
        {
            t("chart.year", lang): per_year["year"].astype("int64"),
            t("chart.attendance.people", lang): per_year["headcount"].astype("int64"),
            t("chart.attendance.actors", lang): per_year["actors"].astype("int64"),
            t("chart.attendance.unknown", lang): per_year["unknown"].astype("int64"),
        }
    )
    return ViewResult(
        figure=attendance_per_year(per_year, lang),
        title=t("chart.attendance.title", lang),
        caption=filters_line(snapshot, filters, selection),
        table=table,
    )


def participant_map(
    snapshot: Snapshot,
    filters: Filters,
    states_geojson: dict[str, object] | str,
    selection: Selection | None = None,
) -> ViewResult:
    """One point per located actor, sized on a scale over all data so sizes mean the same
    whatever the filters; `states_geojson` is the outlines (a URL in the browser)."""
    lang = filters.lang
    selection = selection or select_in(snapshot, filters)
    scale = analysis.headcount_scale(snapshot.derived("participations", participations_of))
    points = analysis.map_points(selection)
    if len(points) > hexbins.AGGREGATE_ABOVE:
        # Thousands of points cover Germany edge to edge: hexagons, as on /karte.
        cells, actors_max = place_cells(snapshot, hexbins.resolution_for_zoom(None))
        bins = hexbins.hex_bins(points, cells)
        figure = overview_bins(
            bins, hexbins.hex_outlines(bins["cell"]), states_geojson, lang, actors_max
        )
    else:
        figure = participant_map_figure(
            points,
            states_geojson,
            lang,
            scale,
            shrink=density_shrink(analysis.located_count(selection)),
        )
    return ViewResult(
        figure=figure,
        title=t("chart.map.title", lang),
        caption=filters_line(snapshot, filters, selection),
        table=points,
    )
