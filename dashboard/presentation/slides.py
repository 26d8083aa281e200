"""What one slide shows: its title, a line naming its filters, and its chart.

Each slide's chart comes from the same view as its page (dashboard/views), from the
slide's own query string (global filters plus the page's own settings), then given the
large-type look of figures.presentation. No Dash here: the slide show page and the PDF
route both call :func:`build_slide`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import parse_qsl

import plotly.graph_objects as go

from dashboard.analysis.selection import Selection, select_in
from dashboard.figures.map import OFFLINE_STYLE
from dashboard.figures.presentation import for_slide
from dashboard.figures.theme import empty_figure
from dashboard.i18n import t
from dashboard.presentation.deck import Slide
from dashboard.schema import SOURCE_DOCUMENTED
from dashboard.state.attendance import AttendanceState
from dashboard.state.compare import CompareState
from dashboard.state.filters import Filters
from dashboard.state.map import MapView
from dashboard.state.network import NetworkView
from dashboard.state.notes import Note
from dashboard.state.topics import TopicsState
from dashboard.store import Snapshot
from dashboard.views import attendance as attendance_views
from dashboard.views import compare as compare_views
from dashboard.views import event as event_views
from dashboard.views import retention as retention_views
from dashboard.views import topics as topic_views
from dashboard.views.caption import filters_line
from dashboard.views.headline import headline
from dashboard.views.map import MapCanvas, MapSources, map_view
from dashboard.views.network import growth_view, network_view, new_links_view
from dashboard.views.profile import profile_view
from dashboard.views.result import ViewResult

# The map area of a slide in CSS pixels (1920×1080 less title and bar), to fit the zoom.
SLIDE_MAP_SIZE = (1800, 700)


@dataclass(frozen=True)
class SlideView:
    title: str
    subtitle: str
    figure: go.Figure
    facts: tuple[tuple[str, str], ...] = ()
    # Drawn (in part) from sample data: the slide says "Beispieldaten", as the page does.
    sample: bool = False


@dataclass(frozen=True)
class _Context:
    snapshot: Snapshot
    filters: Filters
    params: dict[str, str]
    sources: MapSources
    map_size: tuple[int, int] | None = SLIDE_MAP_SIZE

    @property
    def lang(self) -> str:
        return self.filters.lang

    @property
    def tables(self):
        return self.snapshot.tables

    def selection(self) -> Selection:
        return select_in(self.snapshot, self.filters)


class _PageState(Protocol):
    """The settings a page keeps in its address beside the filters (AttendanceState, …)."""

    @classmethod
    def parse(cls, params: Mapping[str, object]) -> tuple[Any, tuple[Note, ...]]: ...


def _page_chart(
    view: Callable[[Snapshot, Filters, Any], ViewResult], state_type: type[_PageState]
) -> Callable[[_Context], ViewResult]:
    """The page's chart drawn by the page's own view, from the slide's filters and the
    page's settings in the slide's address (as the page reads them from its URL)."""

    def build(c: _Context) -> ViewResult:
        state, _notes = state_type.parse(c.params)
        return view(c.snapshot, c.filters, state)

    return build


def _retention(view: Callable[[Snapshot, Filters], ViewResult]) -> Callable[[_Context], ViewResult]:
    return lambda c: view(c.snapshot, c.filters)


def _network(c: _Context) -> ViewResult:
    return network_view(c.snapshot, c.filters, NetworkView.from_params(c.params))


def _growth(c: _Context) -> ViewResult:
    return growth_view(c.snapshot, c.filters, NetworkView.from_params(c.params))


def _new_links(c: _Context) -> ViewResult:
    return new_links_view(c.snapshot, c.filters)


def _map_canvas(c: _Context) -> MapCanvas:
    """A slide always uses the tile-free basemap (a hall's network is not to be trusted),
    fitted to the slide's map area."""
    return MapCanvas(sources=c.sources, style=OFFLINE_STYLE, fit_size=c.map_size)


def _map(c: _Context) -> ViewResult:
    return map_view(c.snapshot, c.filters, MapView.from_params(c.params), _map_canvas(c))


BUILDERS: dict[tuple[str, str], Callable[[_Context], ViewResult]] = {
    ("/karte", "map"): _map,
    ("/teilnahme", "events"): _page_chart(attendance_views.events, AttendanceState),
    ("/teilnahme", "roles"): _page_chart(attendance_views.roles, AttendanceState),
    ("/teilnahme", "states"): _page_chart(attendance_views.states, AttendanceState),
    ("/teilnahme", "top"): _page_chart(attendance_views.top, AttendanceState),
    ("/teilnahme", "retention"): _retention(retention_views.new_vs_returning),
    ("/teilnahme", "cohorts"): _retention(retention_views.cohorts),
    ("/themen", "heatmap"): _page_chart(topic_views.heatmap, TopicsState),
    ("/themen", "trends"): _page_chart(topic_views.trends, TopicsState),
    ("/themen", "by_type"): _page_chart(topic_views.by_type, TopicsState),
    ("/netzwerk", "graph"): _network,
    ("/netzwerk", "growth"): _growth,
    ("/netzwerk", "new_links"): _new_links,
    ("/vergleich", "per_year"): _page_chart(compare_views.per_year, CompareState),
    ("/vergleich", "topics"): _page_chart(compare_views.topics, CompareState),
    ("/vergleich", "roles"): _page_chart(compare_views.roles, CompareState),
}

# The chart titles the pages already use.
CHART_TITLES = {
    ("/", "headline"): "headline.chart",
    ("/karte", "map"): "page.map.heading",
    ("/teilnahme", "events"): "attendance.events.title",
    ("/teilnahme", "roles"): "attendance.roles.title",
    ("/teilnahme", "states"): "attendance.states.title",
    ("/teilnahme", "top"): "attendance.top.title",
    ("/teilnahme", "retention"): "attendance.retention.title",
    ("/teilnahme", "cohorts"): "attendance.cohort.title",
    ("/themen", "heatmap"): "topics.heatmap.title",
    ("/themen", "trends"): "topics.trends.title",
    ("/themen", "by_type"): "topics.by_type.title",
    ("/netzwerk", "graph"): "network.graph.title",
    ("/netzwerk", "growth"): "network.growth.title",
    ("/netzwerk", "new_links"): "new_links.title",
    ("/vergleich", "per_year"): "compare.chart.per_year.title",
    ("/vergleich", "topics"): "compare.chart.topics.title",
    ("/vergleich", "roles"): "compare.chart.roles.title",
    ("/veranstaltung", "programme"): "event.programme.title",
    ("/veranstaltung", "who_came"): "event.who.title",
    ("/veranstaltung", "counts"): "event.counts.title",
    ("/veranstaltung", "grew"): "event.grew.title",
    ("/veranstaltung", "evaluation"): "event.evaluation.title",
}


def chart_title(kind: str, chart: str, lang: str) -> str:
    """The page's own title of a chart (for the editor's chart choice and as default)."""
    key = CHART_TITLES.get((kind, chart))
    return t(key, lang) if key else t("presentation.chart.profile", lang)


def _profile_slide(c: _Context, slide: Slide) -> SlideView:
    view = profile_view(c.snapshot, slide.actor_id, c.lang, _map_canvas(c))
    if view is None:
        message = t("profile.not_found.text", c.lang, id=slide.actor_id or "")
        return SlideView(
            slide.title or t("profile.not_found.heading", c.lang),
            "",
            for_slide(empty_figure(message, c.lang)),
        )
    return SlideView(
        slide.title or view.title,
        view.caption,
        for_slide(view.figure),
        view.facts,
        sample=_actor_is_sample(c.snapshot, slide.actor_id),
    )


def _actor_is_sample(snapshot: Snapshot, actor_id: str | None) -> bool:
    """Whether the actor's own row or any of its participations is sample data."""
    actors = snapshot.tables["actors"]
    rows = actors[actors["id"].astype(str) == str(actor_id)]
    everything = select_in(snapshot, Filters()).participation
    taken_part = everything[everything["actor_id"].astype(str) == str(actor_id)]
    return bool(
        (rows["source"] != SOURCE_DOCUMENTED).any()
        or (taken_part["source"] != SOURCE_DOCUMENTED).any()
    )


def _event_slide(c: _Context, slide: Slide) -> SlideView:
    """One section of an event's page, drawn by the page's own view."""
    doc = event_views.event_doc(c.snapshot, slide.event_id)
    if doc is None:
        message = t("event.not_found.text", c.lang, id=slide.event_id or "")
        return SlideView(
            slide.title or t("event.not_found.heading", c.lang),
            "",
            for_slide(empty_figure(message, c.lang)),
        )
    part = event_views.section(c.snapshot, doc, slide.chart_key, c.lang, _map_canvas(c))
    origin = "" if part.sample else event_views.source_line(doc, c.lang)
    return SlideView(
        slide.title or f"{doc.heading()} · {part.view.title}",
        " · ".join(text for text in (origin, part.view.caption) if text),
        for_slide(part.view.figure),
        part.view.facts,
        sample=part.sample,
    )


def _headline_slide(c: _Context, slide: Slide) -> SlideView:
    view = headline(c.snapshot, c.filters)
    return SlideView(
        slide.title or view.title,
        view.caption,
        for_slide(view.figure),
        view.facts,
        sample=select_in(c.snapshot, c.filters).has_sample_rows,
    )


def build_slide(snapshot, slide: Slide, lang: str, sources: MapSources) -> SlideView:
    """The title, filter line and large-type figure of `slide`, in the language `lang` of
    the show (not the one stored in the slide's address)."""
    # Blank values count, as on the page: "akteure=" means no actors, not the defaults.
    params = dict(parse_qsl(slide.search.lstrip("?"), keep_blank_values=True))
    filters = Filters.from_params(params).with_changes(lang=lang)
    context = _Context(snapshot=snapshot, filters=filters, params=params, sources=sources)
    if slide.kind == "/akteur":
        return _profile_slide(context, slide)
    if slide.kind == "/":
        return _headline_slide(context, slide)
    if slide.kind == "/veranstaltung":
        return _event_slide(context, slide)
    key = (slide.kind, slide.chart_key)
    title = slide.title or chart_title(*key, lang)
    return SlideView(
        title,
        filters_line(snapshot, filters),
        for_slide(BUILDERS[key](context).figure),
        sample=select_in(snapshot, filters).has_sample_rows,
    )


def chart_view(
    snapshot: Snapshot,
    kind: str,
    chart: str,
    search: str,
    lang: str,
    sources: MapSources,
    map_size: tuple[int, int] | None = None,
) -> ViewResult:
    """The view of chart `chart` of page `kind` for the address's query string `search`,
    in `lang`, as the page draws it (a published site shows the same chart as the page);
    maps on the tile-free basemap, fitted to `map_size` when given."""
    params = dict(parse_qsl(search.lstrip("?"), keep_blank_values=True))
    context = _Context(
        snapshot=snapshot,
        filters=Filters.from_params(params).with_changes(lang=lang),
        params=params,
        sources=sources,
        map_size=map_size,
    )
    return BUILDERS[(kind, chart)](context)


def facts_line(view: SlideView) -> str:
    return " · ".join(f"{label}: {value}" for label, value in view.facts)


def sample_label(view: SlideView, lang: str) -> str | None:
    """The slide's "Beispieldaten" mark, or None for documented data only."""
    return t("badge.sample", lang) if view.sample else None
