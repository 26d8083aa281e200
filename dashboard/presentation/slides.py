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

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import attendance, compare, geography, overview, retention, topics
from dashboard.analysis import network as nw
from dashboard.analysis.profile import actor_profile, profile_map
from dashboard.analysis.selection import Selection, participations_of, select_in
from dashboard.cache.versioned import Scope
from dashboard.figures import attendance as attendance_figures
from dashboard.figures import compare as compare_figures
from dashboard.figures import retention as retention_figures
from dashboard.figures import topics as topic_figures
from dashboard.figures.map import OFFLINE_STYLE, density_shrink, fit_view, network_map
from dashboard.figures.network import growth_figure, network_figure
from dashboard.figures.presentation import for_slide
from dashboard.figures.regions import region_map
from dashboard.figures.theme import empty_figure
from dashboard.geo.data import state_population
from dashboard.geo.states import state_name
from dashboard.i18n import DEFAULT_LANGUAGE, fmt_number, t
from dashboard.presentation.deck import Slide
from dashboard.state.filters import Filters
from dashboard.state.network import NetworkView
from dashboard.views.caption import filters_line

TOP_LIMIT = 15
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
