"""The charts of one published page, drawn by the pages' own views."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from dashboard.analysis.selection import select_in
from dashboard.geo.basemap import neighbours_geojson
from dashboard.geo.data import states_geojson
from dashboard.i18n import t
from dashboard.presentation.slides import chart_title, chart_view
from dashboard.publish.choice import OVERVIEW, PAGE_NAMES, PublishedView
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from dashboard.views import overview
from dashboard.views.caption import filters_line
from dashboard.views.map import MapSources
from dashboard.views.result import ViewResult


@dataclass(frozen=True)
class PublishedChart:
    key: str
    title: str
    view: ViewResult


@dataclass(frozen=True)
class PublishedPage:
    """What one page of the site shows: its heading, the line naming its filters, whether it
    draws on sample data (then it carries the "Beispieldaten" badge), and its charts."""

    heading: str
    caption: str
    sample: bool
    charts: tuple[PublishedChart, ...]


def offline_sources() -> MapSources:
    """The outlines carried in each map figure: a static site has no app to serve them."""
    return MapSources(states=states_geojson(), neighbours=neighbours_geojson())


def published_page(
    snapshot: Snapshot, view: PublishedView, lang: str, sources: MapSources
) -> PublishedPage:
    params = dict(parse_qsl(view.search, keep_blank_values=True))
    filters = Filters.from_params(params).with_changes(lang=lang)
    selection = select_in(snapshot, filters)
    charts = tuple(_chart(snapshot, view, key, filters, sources) for key in view.charts)
    return PublishedPage(
        heading=view.title or t(PAGE_NAMES[view.page], lang),
        caption=filters_line(snapshot, filters, selection),
        sample=selection.has_sample_rows,
        charts=charts,
    )


def _chart(
    snapshot: Snapshot, view: PublishedView, key: str, filters: Filters, sources: MapSources
) -> PublishedChart:
    if view.page == OVERVIEW:
        result = (
            overview.attendance(snapshot, filters)
            if key == "attendance"
            else overview.participant_map(snapshot, filters, sources.states)
        )
        return PublishedChart(key, result.title, result)
    result = chart_view(snapshot, view.page, key, view.search, filters.lang, sources)
    return PublishedChart(key, chart_title(view.page, key, filters.lang), result)
