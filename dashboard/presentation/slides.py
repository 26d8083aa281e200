"""What one slide shows: its title, a line naming its filters, and its chart.

Each slide is drawn with the same analysis and figure functions as its page, from the
slide's own query string (global filters plus the page's own settings), then given the
large-type look of figures.presentation. No Dash here: the slide show page and the PDF
route both call :func:`build_slide`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl

import plotly.graph_objects as go

from dashboard.analysis import attendance, compare, retention, topics
from dashboard.analysis.selection import Selection, select_in
from dashboard.figures import attendance as attendance_figures
from dashboard.figures import compare as compare_figures
from dashboard.figures import retention as retention_figures
from dashboard.figures import topics as topic_figures
from dashboard.figures.map import OFFLINE_STYLE
from dashboard.figures.presentation import for_slide
from dashboard.figures.theme import empty_figure
from dashboard.geo.states import state_name
from dashboard.i18n import t
from dashboard.presentation.deck import Slide
from dashboard.state.filters import Filters
from dashboard.state.map import MapView
from dashboard.state.network import NetworkView
from dashboard.views.caption import filters_line
from dashboard.views.map import MapCanvas, MapSources, map_view
from dashboard.views.network import growth_view, network_view
from dashboard.views.profile import profile_view

TOP_LIMIT = 15
# The map area of a slide in CSS pixels (1920×1080 less title and bar), to fit the zoom.
SLIDE_MAP_SIZE = (1800, 700)


@dataclass(frozen=True)
class SlideView:
    title: str
    subtitle: str
    figure: go.Figure
    facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _Context:
    snapshot: object
    filters: Filters
    params: dict[str, str]
    sources: MapSources

    @property
    def lang(self) -> str:
        return self.filters.lang

    @property
    def tables(self):
        return self.snapshot.tables

    def selection(self) -> Selection:
        return select_in(self.snapshot, self.filters)


def _attendance(key: str) -> Callable[[_Context], go.Figure]:
    def build(c: _Context) -> go.Figure:
        s = c.selection()
        if key == "events":
            return attendance_figures.attendance_per_event_by_type(
                attendance.per_event_by_type(s), c.lang
            )
        if key == "roles":
            return attendance_figures.attendance_per_role(attendance.per_role(s), c.lang)
        if key == "states":
            per_state = attendance.by_state(s)
            names = per_state["state"].map(
                lambda code: state_name(code, c.lang) or t("common.abroad_or_unknown", c.lang)
            )
            return attendance_figures.attendance_by_state(per_state, names, c.lang, "headcount")
        return attendance_figures.top_actors_chart(attendance.top_actors(s, TOP_LIMIT), c.lang)

    return build


def _retention(key: str) -> Callable[[_Context], go.Figure]:
    def build(c: _Context) -> go.Figure:
        first = c.snapshot.derived("retention.first_years", retention.first_years)
        if key == "retention":
            return retention_figures.new_vs_returning(
                retention.new_vs_returning(c.selection(), first), c.lang
            )
        return retention_figures.cohort_heatmap(retention.cohorts(c.selection(), first), c.lang)

    return build


def _topics(key: str) -> Callable[[_Context], go.Figure]:
    def build(c: _Context) -> go.Figure:
        s = c.selection()
        if key == "by_type":
            return topic_figures.topics_by_type_chart(topics.topics_by_type(c.tables, s), c.lang)
        years = sorted(int(year) for year in s.events["year"].unique())
        per_year = topics.topic_year(c.tables, s)
        if key == "trends":
            return topic_figures.topic_trends(per_year, years, c.lang)
        matrix = topics.heatmap_matrix(per_year, "sessions", years)
        unknown = topics.heatmap_matrix(per_year, "unknown", years).drop(columns="topic")
        return topic_figures.topic_heatmap(matrix, c.lang, "sessions", None, unknown)

    return build


def _network(c: _Context) -> go.Figure:
    return network_view(c.snapshot, c.filters, NetworkView.from_params(c.params)).figure


def _growth(c: _Context) -> go.Figure:
    return growth_view(c.snapshot, c.filters, NetworkView.from_params(c.params)).figure


def _compare(key: str) -> Callable[[_Context], go.Figure]:
    def build(c: _Context) -> go.Figure:
        actors = c.tables["actors"]
        ids = compare.actor_ids_from_param(c.params.get(compare.PARAM_ACTORS), actors)
        names = actors.set_index("id")["name"]
        labels = {actor_id: str(names[actor_id]) for actor_id in ids}
        s = compare.compare_selection(c.tables, c.filters)
        if key == "topics":
            return compare_figures.topic_heatmap(
                compare.topic_counts(c.tables, s, ids), labels, c.lang
            )
        if key == "roles":
            return compare_figures.roles_stacked(compare.role_counts(s, ids), labels, c.lang)
        return compare_figures.participation_per_year(compare.per_year(s, ids), labels, c.lang)

    return build


def _map_canvas(c: _Context) -> MapCanvas:
    """A slide always uses the tile-free basemap (a hall's network is not to be trusted),
    fitted to the slide's map area."""
    return MapCanvas(sources=c.sources, style=OFFLINE_STYLE, fit_size=SLIDE_MAP_SIZE)


def _map(c: _Context) -> go.Figure:
    return map_view(c.snapshot, c.filters, MapView.from_params(c.params), _map_canvas(c)).figure


BUILDERS: dict[tuple[str, str], Callable[[_Context], go.Figure]] = {
    ("/karte", "map"): _map,
    **{("/teilnahme", key): _attendance(key) for key in ("events", "roles", "states", "top")},
    **{("/teilnahme", key): _retention(key) for key in ("retention", "cohorts")},
    **{("/themen", key): _topics(key) for key in ("heatmap", "trends", "by_type")},
    ("/netzwerk", "graph"): _network,
    ("/netzwerk", "growth"): _growth,
    **{("/vergleich", key): _compare(key) for key in ("per_year", "topics", "roles")},
}

# The chart titles the pages already use.
CHART_TITLES = {
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
    ("/vergleich", "per_year"): "compare.chart.per_year.title",
    ("/vergleich", "topics"): "compare.chart.topics.title",
    ("/vergleich", "roles"): "compare.chart.roles.title",
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
    return SlideView(slide.title or view.title, view.caption, for_slide(view.figure), view.facts)


def build_slide(snapshot, slide: Slide, lang: str, sources: MapSources) -> SlideView:
    """The title, filter line and large-type figure of `slide`, in the language `lang` of
    the show (not the one stored in the slide's address)."""
    params = dict(parse_qsl(slide.search.lstrip("?")))
    filters = Filters.from_params(params).with_changes(lang=lang)
    context = _Context(snapshot=snapshot, filters=filters, params=params, sources=sources)
    if slide.kind == "/akteur":
        return _profile_slide(context, slide)
    key = (slide.kind, slide.chart_key)
    title = slide.title or chart_title(*key, lang)
    return SlideView(title, filters_line(snapshot, filters), for_slide(BUILDERS[key](context)))


def facts_line(view: SlideView) -> str:
    return " · ".join(f"{label}: {value}" for label, value in view.facts)
