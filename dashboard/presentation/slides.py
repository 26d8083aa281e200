"""What one slide shows: its title, a line naming its filters, and its chart.

Each slide is drawn with the same analysis and figure functions as its page, from the
slide's own query string (global filters plus the page's own settings), then given the
large-type look of figures.presentation. No Dash here: the slide show page and the PDF
route both call :func:`build_slide`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import parse_qsl

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import geography, overview
from dashboard.analysis import network as nw
from dashboard.analysis.profile import actor_profile, profile_map
from dashboard.analysis.selection import Selection, participations_of, select_in
from dashboard.cache.versioned import Scope
from dashboard.figures.map import OFFLINE_STYLE, density_shrink, fit_view, network_map
from dashboard.figures.network import growth_figure, network_figure
from dashboard.figures.presentation import for_slide
from dashboard.figures.regions import region_map
from dashboard.figures.theme import empty_figure
from dashboard.geo.data import state_population
from dashboard.i18n import DEFAULT_LANGUAGE, fmt_number, t
from dashboard.presentation.deck import Slide
from dashboard.state.attendance import AttendanceState
from dashboard.state.compare import CompareState
from dashboard.state.filters import Filters
from dashboard.state.network import NetworkView
from dashboard.state.notes import Note
from dashboard.state.topics import TopicsState
from dashboard.store import Snapshot
from dashboard.views import attendance as attendance_views
from dashboard.views import compare as compare_views
from dashboard.views import retention as retention_views
from dashboard.views import topics as topic_views
from dashboard.views.caption import filters_line
from dashboard.views.result import ViewResult

# The map area of a slide in CSS pixels (1920×1080 less title and bar), to fit the zoom.
SLIDE_MAP_SIZE = (1800, 700)


@dataclass(frozen=True)
class MapSources:
    """Where the map slides get their outlines: the app's own URLs in the browser, the
    GeoJSON itself for the PDF (its renderer has no app to ask)."""

    states: dict | str
    neighbours: dict | str | None = None


@dataclass(frozen=True)
class SlideView:
    title: str
    subtitle: str
    figure: go.Figure
    facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _Context:
    snapshot: Snapshot
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


class _PageState(Protocol):
    """The settings a page keeps in its address beside the filters (AttendanceState, …)."""

    @classmethod
    def parse(cls, params: Mapping[str, object]) -> tuple[Any, tuple[Note, ...]]: ...


def _page_chart(
    view: Callable[[Snapshot, Filters, Any], ViewResult], state_type: type[_PageState]
) -> Callable[[_Context], go.Figure]:
    """The page's chart drawn by the page's own view, from the slide's filters and the
    page's settings in the slide's address (as the page reads them from its URL)."""

    def build(c: _Context) -> go.Figure:
        state, _notes = state_type.parse(c.params)
        return view(c.snapshot, c.filters, state).figure

    return build


def _retention(view: Callable[[Snapshot, Filters], ViewResult]) -> Callable[[_Context], go.Figure]:
    return lambda c: view(c.snapshot, c.filters).figure


def _network(c: _Context) -> go.Figure:
    """The network as the page's address sets it (year, scope, sizes, colours, ego, pruning),
    drawn with the same cap on nodes as the page."""
    view = NetworkView.from_params(c.params)
    s = c.selection()
    years = nw.scope_years(s)
    if not years:
        return empty_figure(t("network.no_years", c.lang), c.lang)
    year = view.year if view.year in years else years[-1]
    graph, table = nw.scope_network(s, year, view.cumulative, cache=_network_cache(c))
    shown = nw.ego(graph, view.ego, view.steps)
    top = int(view.top_n) if view.top_n.isdigit() else None
    pruned = nw.prune(
        shown,
        nw.readable(nw.Pruning(view.min_weight, view.min_degree, top)),
        keep=[view.ego] if view.ego else (),
    )
    positions = nw.layout(c.tables["actors"], c.tables["links"], c.snapshot.scope())
    nodes = nw.node_frame(pruned.graph, table, positions)
    size_max = pd.to_numeric(table[view.size_by], errors="coerce").max() if not table.empty else 1.0
    return network_figure(
        nodes,
        nw.edge_frame(pruned.graph),
        c.lang,
        ranges=nw.view_ranges(positions, nodes, pruned.hidden_nodes),
        size_by=view.size_by,
        colour_by=view.colour_by,
        size_max=None if pd.isna(size_max) else float(size_max),
        hidden_nodes=pruned.hidden_nodes,
        total_nodes=shown.number_of_nodes(),
        ego_id=view.ego,
    )


def _growth(c: _Context) -> go.Figure:
    view = NetworkView.from_params(c.params)
    return growth_figure(nw.growth(c.selection(), view.cumulative, cache=_network_cache(c)), c.lang)


def _network_cache(c: _Context) -> Scope:
    """The cache of the network results, bound as the network page binds it."""
    return c.snapshot.scope(c.filters.with_changes(lang=DEFAULT_LANGUAGE))


def _map_year(c: _Context, years: list[int]) -> int | None:
    text = c.params.get("jahr", "")
    return int(text) if text.isdigit() and int(text) in years else None


def _map(c: _Context) -> go.Figure:
    """/karte with its own settings from the address: year (`jahr`), year or cumulative
    (`modus`), points or Bundesländer (`ansicht`), a focused actor (`akteur`). The slide
    always uses the tile-free basemap: a hall's network is not to be trusted."""
    s = c.selection()
    years = geography.event_years(s)
    year = _map_year(c, years)
    cumulative = c.params.get("modus") == "kumuliert"
    frame = geography.year_frame(s, year, cumulative)
    everyone = select_in(c.snapshot, Filters()).participation
    if c.params.get("ansicht") == "regionen":
        regions = geography.state_regions(state_population(), c.lang)
        assignment = geography.state_assignment(s.actors)
        zmax = geography.region_scale(
            s.participation, assignment, regions, "headcount", cumulative or year is None
        )
        table = geography.region_table(frame.participation, assignment, regions)
        return region_map(
            table,
            c.sources.states,
            c.lang,
            "headcount",
            zmax,
            style=OFFLINE_STYLE,
            states_geojson=c.sources.states,
            neighbours_geojson=c.sources.neighbours,
        )
    points = overview.map_points(frame)
    size_max = geography.size_scale(everyone, cumulative=cumulative or year is None)
    focus = c.params.get("akteur") or None
    view = {}
    if not points.empty:
        center, zoom = fit_view(
            points["lat"].to_numpy(dtype=float),
            points["lon"].to_numpy(dtype=float),
            *SLIDE_MAP_SIZE,
            max_zoom=6.5,
        )
        view = {"center": center, "zoom": zoom}
    links = geography.map_links(frame.links, points)
    drawn = geography.strongest_links(links, keep_actor=focus)
    return network_map(
        points,
        drawn,
        c.sources.states,
        c.lang,
        size_max,
        geography.weight_scale(c.tables["links"]),
        style=OFFLINE_STYLE,
        focus=focus,
        neighbours_geojson=c.sources.neighbours,
        hidden_links=len(links) - len(drawn),
        shrink=density_shrink(overview.located_count(s)),
        **view,
    )


def _profile_map(c: _Context, profile) -> go.Figure:
    participation = c.snapshot.derived("participations", participations_of)
    points, links = profile_map(c.tables, profile, participation)
    center, zoom = fit_view(
        points["lat"].to_numpy(dtype=float),
        points["lon"].to_numpy(dtype=float),
        *SLIDE_MAP_SIZE,
        max_zoom=6.5,
    )
    figure = network_map(
        points,
        links,
        c.sources.states,
        c.lang,
        overview.headcount_scale(participation),
        geography.weight_scale(c.tables["links"]),
        style=OFFLINE_STYLE,
        focus=profile.actor["id"],
        neighbours_geojson=c.sources.neighbours,
        empty_message=t("profile.map_empty", c.lang),
        center=center,
        zoom=zoom,
    )
    figure.update_layout(showlegend=False)
    return figure


BUILDERS: dict[tuple[str, str], Callable[[_Context], go.Figure]] = {
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
    ("/vergleich", "per_year"): _page_chart(compare_views.per_year, CompareState),
    ("/vergleich", "topics"): _page_chart(compare_views.topics, CompareState),
    ("/vergleich", "roles"): _page_chart(compare_views.roles, CompareState),
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
    profile = actor_profile(c.tables, slide.actor_id)
    if profile is None:
        message = t("profile.not_found.text", c.lang, id=slide.actor_id or "")
        return SlideView(
            slide.title or t("profile.not_found.heading", c.lang),
            "",
            for_slide(empty_figure(message, c.lang)),
        )
    never = t("profile.never", c.lang)
    facts = (
        (t("kpi.events", c.lang), fmt_number(len(profile.events), c.lang)),
        (t("kpi.headcount", c.lang), fmt_number(profile.headcount, c.lang)),
        (t("profile.first", c.lang), str(profile.first_year) if profile.first_year else never),
        (t("profile.last", c.lang), str(profile.last_year) if profile.last_year else never),
        (t("profile.partners", c.lang), fmt_number(profile.partners["id"].nunique(), c.lang)),
    )
    kind = t(f"type.{profile.actor['type']}", c.lang)
    place = profile.actor.get("city") or ""
    subtitle = " · ".join(part for part in (kind, place) if part)
    return SlideView(
        slide.title or str(profile.actor["name"]),
        subtitle,
        for_slide(_profile_map(c, profile)),
        facts,
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
    key = (slide.kind, slide.chart_key)
    title = slide.title or chart_title(*key, lang)
    return SlideView(title, filters_line(snapshot, filters), for_slide(BUILDERS[key](context)))


def facts_line(view: SlideView) -> str:
    return " · ".join(f"{label}: {value}" for label, value in view.facts)
