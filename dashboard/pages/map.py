"""Karte: actors as points and their collaboration links, or participation per region, year
by year; online tiles or a tile-free basemap that needs no network."""
# No `from __future__ import annotations` here: Dash imports page modules without putting
# them in sys.modules, and dataclasses then cannot resolve string annotations.

import base64
import binascii
import json
import logging
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update

from dashboard.analysis import geography, overview
from dashboard.analysis.selection import Selection, select_in
from dashboard.cache.callbacks import cached_callback, cached_value
from dashboard.components.actor_search import matching_options, register_actor_search
from dashboard.components.badges import sample_badge
from dashboard.components.frame import page_frame
from dashboard.components.geodata import (
    boundaries_url,
    neighbours_url,
    register_geodata_route,
    states_url,
)
from dashboard.components.graph_config import graph_config
from dashboard.components.upload import upload_limit_mb
from dashboard.db.boundaries import boundary_levels, load_boundaries, save_boundaries
from dashboard.figures.map import (
    BASEMAPS,
    HIDDEN_LINKS_NOTE,
    LINK_MODES,
    OFFLINE_STYLE,
    density_shrink,
    map_style,
    network_map,
)
from dashboard.figures.regions import region_map
from dashboard.geo import boundaries as geo_boundaries
from dashboard.geo.data import districts, state_population
from dashboard.i18n import fmt_number, t, tn
from dashboard.state.filters import Filters
from dashboard.web import auth
from dashboard.web.context import app_context, store
from dashboard.web.limits import costly_callback

PATH = "/karte"
dash.register_page(
    __name__, path=PATH, name=t("nav.map"), title=t("page.map.title"), order=1, nav_key="nav.map"
)
register_geodata_route()

log = logging.getLogger(__name__)

GRAPH_CONFIG = graph_config("karte", scrollZoom=True)
FALLBACK_NOTE_ID = "map-basemap-fallback"
MAP_HEIGHT = 620
PLAY_INTERVAL_MS = 1500

# Page-local state in the query string (German names); defaults are left out of the URL.
PARAM_YEAR = "jahr"
PARAM_MODE = "modus"
PARAM_VIEW = "ansicht"
PARAM_BASEMAP = "hintergrund"
PARAM_FOCUS = "akteur"
PARAM_LEVEL = "ebene"
PARAM_METRIC = "wert"
PARAM_LINKS = "linien"

MODES = ("jahr", "kumuliert")
VIEWS = ("punkte", "regionen")
LEVELS = ("land", "kreis", "gemeinde")
BASEMAP_PARAM = {"tiles": "karte", "plain": "ohne"}
METRIC_PARAM = {"headcount": "personen", "per_100k": "je100000", "actors": "akteure"}
LINK_PARAM = {"width": "breite", "opacity": "deckkraft", "off": "aus"}
DEFAULTS = {
    PARAM_MODE: "jahr",
    PARAM_VIEW: "punkte",
    PARAM_BASEMAP: "karte",
    PARAM_LEVEL: "land",
    PARAM_METRIC: "personen",
    PARAM_LINKS: "breite",
}


@dataclass(frozen=True)
class MapView:
    """The page-local settings of /karte, parsed from the query string."""

    year: int | None = None
    mode: str = "jahr"
    view: str = "punkte"
    basemap: str = "tiles"
    focus: str | None = None
    level: str = "land"
    metric: str = "headcount"
    links: str = "width"

    @classmethod
    def from_search(cls, search: str | None) -> "MapView":
        return cls.from_params(dict(parse_qsl((search or "").lstrip("?"))))

    @classmethod
    def from_params(cls, params: dict) -> "MapView":
        def choice(name: str, allowed, default):
            value = str(params.get(name) or "").strip()
            return value if value in allowed else default

        def reverse(name: str, mapping: dict, default: str) -> str:
            value = str(params.get(name) or "").strip()
            return next((key for key, text in mapping.items() if text == value), default)

        year_text = str(params.get(PARAM_YEAR) or "").strip()
        focus = str(params.get(PARAM_FOCUS) or "").strip()[:64] or None
        return cls(
            year=int(year_text) if year_text.isdigit() and 1900 <= int(year_text) <= 2200 else None,
            mode=choice(PARAM_MODE, MODES, "jahr"),
            view=choice(PARAM_VIEW, VIEWS, "punkte"),
            basemap=reverse(PARAM_BASEMAP, BASEMAP_PARAM, "tiles"),
            focus=focus,
            level=choice(PARAM_LEVEL, LEVELS, "land"),
            metric=reverse(PARAM_METRIC, METRIC_PARAM, "headcount"),
            links=reverse(PARAM_LINKS, LINK_PARAM, "width"),
        )


def year_slider_props(years: list[int], value: int | None, lang: str) -> dict:
    """Marks at the event years plus a last stop "all years"; the value snaps to a mark."""
    if not years:
        return {
            "min": 0,
            "max": 1,
            "marks": {1: t("map.year.all", lang)},
            "value": 1,
            "disabled": True,
        }
    all_value = years[-1] + 1
    step = 1 if len(years) <= 14 else 2
    marks = {
        year: str(year) if index % step == 0 or year == years[-1] else ""
        for index, year in enumerate(years)
    }
    marks[all_value] = t("map.year.all", lang)
    return {
        "min": years[0],
        "max": all_value,
        "marks": marks,
        "value": value if value in years else all_value,
        "disabled": False,
    }


def _year_slider(props: dict) -> dcc.Slider:
    return dcc.Slider(
        id="map-year",
        step=None,
        included=False,
        updatemode="mouseup",
        allow_direct_input=False,
        **props,
    )


def _selected_year(value, years: list[int]) -> int | None:
    return int(value) if value is not None and int(value) in years else None


def _fixed_scales(snapshot) -> tuple[float, float, float]:
    """(marker top per year, marker top over all years, largest link weight) over all data,
    computed once per data version."""

    def compute(tables) -> tuple[float, float, float]:
        everyone = select_in(snapshot, Filters()).participation
        return (
            geography.size_scale(everyone, cumulative=False),
            geography.size_scale(everyone, cumulative=True),
            geography.weight_scale(tables["links"]),
        )

    return snapshot.derived("map.fixed_scales", compute)


def _offline() -> bool:
    return bool(app_context().settings.offline)


def _level_options(lang: str, levels: list[str]) -> list[dict]:
    return [{"label": t(f"map.level.{level}", lang), "value": level} for level in ("land", *levels)]


def _radio(component_id: str, options: list[dict], value, label: str) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=component_id, className="filter-label d-block"),
            dbc.RadioItems(
                id=component_id, options=options, value=value, inline=True, className="map-radio"
            ),
        ],
        className="mb-3",
    )


def _upload_card(lang: str) -> dbc.Card:
    """Boundaries upload: replaces the stored polygons of a level, so editors only."""
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(t("map.upload.heading", lang), className="h6 mb-0")),
            dbc.CardBody(
                [
                    html.P(t("map.upload.intro", lang), className="small mb-2"),
                    _radio(
                        "map-upload-level",
                        [
                            {"label": t(f"map.level.{lvl}", lang), "value": lvl}
                            for lvl in geo_boundaries.LEVELS
                        ],
                        "kreis",
                        t("map.upload.level", lang),
                    ),
                    dcc.Upload(
                        id="map-upload",
                        children=html.Div(
                            [
                                html.I(className="bi bi-upload me-2", **{"aria-hidden": "true"}),
                                t("map.upload.drop", lang),
                            ]
                        ),
                        accept=".geojson,.json,.gpkg,.zip",
                        max_size=app_context().settings.upload_max_bytes,
                        multiple=False,
                        className="map-upload",
                        className_active="map-upload map-upload-active",
                    ),
                    html.Div(
                        t(
                            "map.upload.limits",
                            lang,
                            mb=upload_limit_mb(app_context().settings, lang),
                        ),
                        className="form-text",
                    ),
                    dcc.Loading(html.Div(id="map-upload-message", className="mt-2"), type="dot"),
                ]
            ),
        ],
        className="mt-3",
    )


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    view = MapView.from_params(query)
    lang = filters.lang
    selection = select_in(store().snapshot(), filters)
    years = geography.event_years(selection)
    slider = year_slider_props(years, view.year, lang)
    offline = _offline()
    levels = boundary_levels(app_context().engine, app_context().cache)
    level = view.level if view.level in ("land", *levels) else "land"

    year_row = html.Div(
        [
            dbc.Button(
                [
                    html.I(
                        id="map-play-icon",
                        className="bi bi-play-fill me-1",
                        **{"aria-hidden": "true"},
                    ),
                    html.Span(t("map.play", lang), id="map-play-label"),
                ],
                id="map-play",
                color="primary",
                size="sm",
                className="map-play me-3",
                disabled=slider["disabled"],
                title=t("map.play_title", lang),
            ),
            html.Div(
                _year_slider(slider),
                id="map-year-box",
                className="map-year-slider flex-grow-1",
                **{"aria-label": t("map.year.label", lang)},
            ),
            dbc.RadioItems(
                id="map-mode",
                options=[{"label": t(f"map.mode.{mode}", lang), "value": mode} for mode in MODES],
                value=view.mode,
                inline=True,
                className="ms-3 map-radio",
            ),
            dcc.Interval(id="map-interval", interval=PLAY_INTERVAL_MS, disabled=True),
            dcc.Store(id="map-drawn-year"),
            dcc.Store(
                id="map-labels", data={"play": t("map.play", lang), "pause": t("map.pause", lang)}
            ),
        ],
        className="d-flex align-items-center flex-wrap gap-2 mb-2",
    )

    points_options = html.Div(
        [
            _radio(
                "map-links",
                [{"label": t(f"map.links.{mode}", lang), "value": mode} for mode in LINK_MODES],
                view.links,
                t("map.links.label", lang),
            ),
            html.Div(
                [
                    dbc.Label(
                        t("map.focus.label", lang),
                        html_for="map-focus",
                        className="filter-label d-block",
                    ),
                    dcc.Dropdown(
                        id="map-focus",
                        options=matching_options(_focus_candidates(selection), None, [view.focus]),
                        value=view.focus,
                        placeholder=t("map.focus.placeholder", lang),
                        clearable=True,
                    ),
                    html.Div(t("map.focus.help", lang), className="form-text"),
                ],
                className="mb-3",
            ),
        ],
        id="map-points-options",
        style={"display": "none"} if view.view == "regionen" else None,
    )
    region_options = html.Div(
        [
            html.Div(
                [
                    dbc.Label(
                        t("map.level.label", lang),
                        html_for="map-level",
                        className="filter-label d-block",
                    ),
                    dcc.Dropdown(
                        id="map-level",
                        options=_level_options(lang, levels),
                        value=level,
                        clearable=False,
                    ),
                ],
                className="mb-3",
            ),
            _radio(
                "map-metric",
                [
                    {"label": t(f"map.metric.{metric}", lang), "value": metric}
                    for metric in geography.METRICS
                ],
                view.metric,
                t("map.metric.label", lang),
            ),
        ],
        id="map-region-options",
        style=None if view.view == "regionen" else {"display": "none"},
    )
    basemap = html.Div(
        [
            _radio(
                "map-basemap",
                [
                    {"label": t(f"map.basemap.{name}", lang), "value": name, "disabled": offline}
                    for name in BASEMAPS
                ],
                "plain" if offline else view.basemap,
                t("map.basemap.label", lang),
            ),
            html.Div(
                t("map.basemap.offline_set", lang),
                className="form-text mb-3",
                id="map-offline-note",
            )
            if offline
            else None,
            # Shown by assets/map_fallback.js when the online map cannot be loaded.
            html.Div(
                t("map.basemap.unreachable", lang),
                id=FALLBACK_NOTE_ID,
                className="form-text text-danger mb-3",
                role="status",
                style={"display": "none"},
                **{"data-param": PARAM_BASEMAP, "data-value": BASEMAP_PARAM["plain"]},
            ),
        ]
    )
    content = [
        dcc.Location(id="map-nav", refresh="callback-nav"),
        # Settings at their default stay out of the address; with OFFLINE set, the tile-free
        # basemap is the default (and the only choice).
        dcc.Store(
            id="map-url-defaults",
            data={
                **DEFAULTS,
                PARAM_BASEMAP: BASEMAP_PARAM["plain"] if offline else DEFAULTS[PARAM_BASEMAP],
            },
        ),
        dcc.Store(id="map-boundaries-version"),
        dcc.Store(id="map-figure-search"),
        html.Div(
            [
                html.H1(t("page.map.heading", lang), className="h3 mb-0 me-3"),
                html.Div(id="map-badge"),
            ],
            className="d-flex align-items-center mb-3",
        ),
        dbc.Row(
            [
                dbc.Col(
                    dbc.Card(
                        dbc.CardBody(
                            [
                                html.Div(
                                    dbc.RadioItems(
                                        id="map-view",
                                        options=[
                                            {"label": t(f"map.view.{name}", lang), "value": name}
                                            for name in VIEWS
                                        ],
                                        value=view.view,
                                        inline=True,
                                        className="map-view-switch",
                                        inputClassName="btn-check",
                                        labelClassName="btn btn-outline-primary btn-sm",
                                        labelCheckedClassName="active",
                                    ),
                                    className="mb-2",
                                ),
                                year_row,
                                dcc.Loading(
                                    dcc.Graph(
                                        id="map-graph",
                                        config=GRAPH_CONFIG,
                                        style={"height": f"{MAP_HEIGHT}px"},
                                        className="map-graph",
                                    ),
                                    type="dot",
                                    delay_show=400,
                                ),
                                html.P(
                                    id="map-summary",
                                    className="map-summary mt-2 mb-1",
                                    **{"aria-live": "polite"},
                                ),
                                html.P(id="map-scale-note", className="small text-muted mb-1"),
                                html.Div(id="map-unplaced", className="small text-muted"),
                            ]
                        )
                    ),
                    xl=9,
                ),
                dbc.Col(
                    [
                        dbc.Card(
                            [
                                dbc.CardHeader(
                                    html.H2(t("map.options.heading", lang), className="h6 mb-0")
                                ),
                                dbc.CardBody([points_options, region_options, basemap]),
                            ]
                        ),
                        _upload_card(lang) if auth.shows_writes(auth.EDITOR) else None,
                    ],
                    xl=3,
                ),
            ],
            className="g-3",
        ),
    ]
    return page_frame(PATH, filters, content)


# --- Callbacks ----------------------------------------------------------------------


def _focus_candidates(selection) -> pd.DataFrame:
    return pd.DataFrame(geography.focus_options(selection), columns=["value", "label"])


def _focus_candidates_of(url_search: str | None) -> pd.DataFrame:
    return _focus_candidates(select_in(store().snapshot(), Filters.from_search(url_search)))


register_actor_search("map-focus", _focus_candidates_of)


@callback(
    Output("map-year-box", "children"),
    Output("map-play", "disabled"),
    Output("map-focus", "options", allow_duplicate=True),
    Input("url", "search"),
    State("map-year", "marks"),
    prevent_initial_call=True,
)
def sync_controls(search, marks):
    """The address changed (filters or a page setting): offer the years of the selection.
    The slider is rebuilt only when those years change; rebuilding it on every step would
    make it jump under the user's hand."""
    slider, options = cached_value("map.controls", (search,), lambda: _controls_for(search))
    same = {str(key) for key in (marks or {})} == {str(key) for key in slider["marks"]}
    return (no_update if same else _year_slider(slider)), slider["disabled"], options


def _controls_for(search: str | None) -> tuple[dict, list[dict]]:
    """Year-slider settings and focus options of the selection the address names."""
    filters = Filters.from_search(search)
    view = MapView.from_search(search)
    selection = select_in(store().snapshot(), filters)
    slider = year_slider_props(geography.event_years(selection), view.year, filters.lang)
    return slider, matching_options(_focus_candidates(selection), None, [view.focus])


def _frame_label(
    selection: Selection, frame: Selection, year: int | None, cumulative: bool, lang: str
) -> str:
    if year is None:
        if selection.year_range is None:
            return t("map.year.none", lang)
        first, last = selection.year_range
        return t("map.frame.all", lang, first=first, last=last)
    if cumulative and frame.year_range and frame.year_range[0] < year:
        return t("map.frame.cumulative", lang, first=frame.year_range[0], last=year)
    return t("map.frame.year", lang, year=year)


def _actor_links(actors, search: str, lang: str, label_key: str):
    if actors.empty:
        return None
    items = []
    for index, row in enumerate(actors.itertuples(index=False)):
        if index:
            items.append(", ")
        items.append(
            dcc.Link(
                row.name,
                href=f"/akteur/{quote(str(row.id), safe='')}{search}",
                className="link-secondary",
            )
        )
    return [html.Strong(t(label_key, lang) + ": "), *items]


def _boundary_regions(snapshot, level: str):
    """(regions, actor → AGS for all actors) of the uploaded polygons of `level`, once per
    data version: every upload is a batch, so it moves the version."""

    def compute(tables):
        _version, stored = load_boundaries(app_context().engine, app_context().cache)
        rows = stored[stored["level"] == level]
        regions = geography.boundary_regions(rows, level, districts())
        assignment = geography.boundary_assignment(
            tables["actors"], geo_boundaries.to_geodataframe(rows), level
        )
        return regions, assignment

    return snapshot.derived(f"map.boundaries.{level}", compute)


@callback(
    Output("map-graph", "figure"),
    Output("map-summary", "children"),
    Output("map-scale-note", "children"),
    Output("map-unplaced", "children"),
    Output("map-badge", "children"),
    Output("map-drawn-year", "data"),
    Input("map-figure-search", "data"),
    Input("map-boundaries-version", "data"),
    State("url", "search"),
)
@cached_callback
def update_map(_figure_search, _boundaries_version, search):
    """Everything the map shows comes from the address: the global filters and the page's
    own settings (year, mode, view, ...), which the controls write there. A change of the
    link display alone does not come here: the browser switches it (clientside, below)."""
    filters = Filters.from_search(search)
    settings = MapView.from_search(search)
    lang = filters.lang
    snapshot = store().snapshot()
    selection = select_in(snapshot, filters)
    years = geography.event_years(selection)
    year = _selected_year(settings.year, years)
    cumulative = settings.mode == "kumuliert"
    view, link_mode, focus, metric = settings.view, settings.links, settings.focus, settings.metric
    level = (
        settings.level
        if settings.level in boundary_levels(app_context().engine, app_context().cache)
        else "land"
    )
    frame = geography.year_frame(selection, year, cumulative)
    style = map_style(_offline(), basemap=settings.basemap)
    neighbours = neighbours_url() if style == OFFLINE_STYLE else None
    label = _frame_label(selection, frame, year, cumulative, lang)
    badge = sample_badge(lang, "map-sample-badge") if selection.has_sample_rows else None
    size_per_year, size_total, weight_max = _fixed_scales(snapshot)

    if view == "regionen":
        figure, summary, scale_note, unplaced = _regions(
            snapshot,
            selection,
            frame,
            level,
            metric,
            cumulative or year is None,
            style,
            neighbours,
            label,
            search,
            lang,
        )
        return figure, summary, scale_note, unplaced, badge, year

    points = overview.map_points(frame)
    links = geography.map_links(frame.links, points)
    drawn = geography.strongest_links(links, keep_actor=focus)
    size_max = size_total if cumulative or year is None else size_per_year
    located = overview.located_count(selection)
    shrink = density_shrink(located)
    empty_message = (
        t("map.empty_year", lang, frame=label)
        if year is not None and frame.participation.empty
        else None
    )
    figure = network_map(
        points,
        drawn,
        states_url(),
        lang,
        size_max,
        weight_max,
        style=style,
        link_mode=link_mode if link_mode in LINK_MODES else "width",
        focus=focus,
        neighbours_geojson=neighbours,
        height=MAP_HEIGHT,
        empty_message=empty_message,
        hidden_links=len(links) - len(drawn),
        shrink=shrink,
    )
    headcount = frame.participation["headcount"]
    unknown = int(headcount.isna().sum())
    summary = [
        html.Strong(label + ": "),
        t(
            "map.summary.points",
            lang,
            actors=tn("count.actors", len(points), lang),
            people=tn("count.people", int(headcount.sum(skipna=True)), lang),
            links=tn("count.collaborations", len(links), lang),
        ),
        (" " + tn("map.summary.unknown", unknown, lang)) if unknown else "",
    ]
    scale_note = t("map.scale.points", lang, people=fmt_number(int(size_max), lang))
    if shrink < 1:
        scale_note += " " + t("map.scale.shrunk", lang, places=tn("count.places", located, lang))
    unplaced = _actor_links(overview.unplaced_actors(frame), search or "", lang, "map.unplaced")
    return figure, summary, scale_note, unplaced, badge, year


def _regions(
    snapshot, selection, frame, level, metric, cumulative, style, neighbours, label, search, lang
):
    metric = metric if metric in geography.METRICS else "headcount"
    states = states_url()
    if level in ("kreis", "gemeinde"):
        regions, assignment = _boundary_regions(snapshot, level)
        assignment = assignment[assignment.index.isin(selection.actors["id"])]
        geojson = boundaries_url(level)
    else:
        level = "land"
        geojson, regions = states, geography.state_regions(state_population(), lang)
        assignment = geography.state_assignment(selection.actors)
    zmax = geography.region_scale(selection.participation, assignment, regions, metric, cumulative)
    table = geography.region_table(frame.participation, assignment, regions)
    if len(table) > 1000:
        # Thousands of Gemeinden: draw those with participation somewhere in the selection.
        active = set(assignment.reindex(selection.participation["actor_id"].unique()).dropna())
        table = table[table["region"].isin(active)]
    figure = region_map(
        table,
        geojson,
        lang,
        metric,
        zmax,
        style=style,
        states_geojson=states,
        neighbours_geojson=neighbours,
        height=MAP_HEIGHT,
    )
    with_participation = int((table["participations"] > 0).sum())
    summary = [
        html.Strong(label + ": "),
        t(
            "map.summary.regions",
            lang,
            regions=tn("count.regions", with_participation, lang),
            level=t(f"map.level.{level}", lang),
            people=tn("count.people", int(table["headcount"].sum()), lang),
        ),
    ]
    if level == "gemeinde" and metric == "per_100k":
        summary.append(" " + t("map.region.no_population_gemeinde", lang))
    digits = 1 if metric == "per_100k" else 0
    scale_note = t("map.scale.regions", lang, top=fmt_number(zmax, lang, digits))
    unplaced = _actor_links(
        geography.unassigned_actors(frame.actors, assignment), search or "", lang, "map.unassigned"
    )
    return figure, summary, scale_note, unplaced


@callback(
    Output("map-nav", "href"),
    Input("map-graph", "clickData"),
    State("url", "search"),
    prevent_initial_call=True,
)
def open_profile(click, search):
    """A click on a point opens that actor's profile, keeping the filters."""
    for point in (click or {}).get("points", []):
        data = point.get("customdata")
        if isinstance(data, list) and data:
            actor_id = str(data[0])
            if (store().snapshot().tables["actors"]["id"] == actor_id).any():
                return f"/akteur/{quote(actor_id, safe='')}{search or ''}"
    return no_update


@callback(
    Output("map-upload-message", "children"),
    Output("map-boundaries-version", "data"),
    Output("map-level", "options"),
    Output("map-upload", "contents"),
    Input("map-upload", "contents"),
    State("map-upload", "filename"),
    State("map-upload-level", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
@costly_callback
def upload_boundaries(contents, file_name, level, search):
    """Read an uploaded boundaries file and store it in one transaction; a bad file gets a
    message and changes nothing."""
    lang = Filters.from_search(search).lang
    user = auth.writer(auth.EDITOR)
    if user is None:
        message = dbc.Alert(
            t("map.upload.refused", lang),
            color="danger",
            id="map-upload-refused",
            className="mb-0 small",
        )
        return message, no_update, no_update, None
    if not contents:
        return no_update, no_update, no_update, no_update
    context = app_context()
    try:
        _header, _, encoded = contents.partition(",")
        content = base64.b64decode(encoded, validate=True)
        result = geo_boundaries.read_boundaries(
            content, file_name or "", level, context.settings.upload_max_bytes
        )
        count = save_boundaries(
            context.engine, result, user=user.name, file_name=file_name, ip=auth.client_ip()
        )
    except geo_boundaries.BoundaryError as error:
        message = dbc.Alert(
            t(error.key, lang, mb=upload_limit_mb(app_context().settings, lang), **error.values),
            color="danger",
            id="map-upload-error",
            className="mb-0 small",
        )
        return message, no_update, no_update, None
    except (binascii.Error, ValueError):
        message = dbc.Alert(
            t("map.upload.error.unreadable", lang),
            color="danger",
            id="map-upload-error",
            className="mb-0 small",
        )
        return message, no_update, no_update, None
    except Exception:  # a database problem: the transaction rolled back, nothing changed
        log.exception("storing boundaries from %s failed", file_name)
        message = dbc.Alert(
            t("map.upload.error.failed", lang),
            color="danger",
            id="map-upload-error",
            className="mb-0 small",
        )
        return message, no_update, no_update, None
    message = dbc.Alert(
        tn("map.upload.done", count, lang, level=t(f"map.level.{level}", lang)),
        color="success",
        id="map-upload-done",
        className="mb-0 small",
    )
    levels = boundary_levels(context.engine, context.cache)
    return message, f"{level}:{count}:{file_name}", _level_options(lang, levels), None


# Play/pause and stepping through the years: a pure UI toggle, so it runs in the browser.
clientside_callback(
    """
    function(clicks, ticks, value, marks, max, disabled, labels, drawn) {
        const nu = window.dash_clientside.no_update;
        const triggered = (window.dash_clientside.callback_context.triggered || []).map(t => t.prop_id);
        const years = Object.keys(marks || {}).map(Number).filter(y => y < max).sort((a, b) => a - b);
        const stop = [nu, true, 'bi bi-play-fill me-1', labels.play];
        if (!years.length) { return stop; }
        const playing = !disabled;
        if (triggered.includes('map-play.n_clicks')) {
            if (playing) { return stop; }
            const last = years[years.length - 1];
            const start = (value === null || value === undefined || value >= last) ? years[0] : value;
            window.netzwerkatlasMapShown = null;
            return [start, false, 'bi bi-pause-fill me-1', labels.pause];
        }
        if (!playing) { return [nu, nu, nu, nu]; }
        // Wait until the current year is on the map, then leave it there for one full
        // interval: a slow server shows every frame later instead of skipping frames.
        if (drawn !== value) { return [nu, nu, nu, nu]; }
        if (window.netzwerkatlasMapShown !== value) {
            window.netzwerkatlasMapShown = value;
            return [nu, nu, nu, nu];
        }
        const next = years.find(y => y > value);
        if (next === undefined) { return stop; }
        if (next === years[years.length - 1]) {
            return [next, true, 'bi bi-play-fill me-1', labels.play];
        }
        return [next, false, 'bi bi-pause-fill me-1', labels.pause];
    }
    """,
    Output("map-year", "value", allow_duplicate=True),
    Output("map-interval", "disabled"),
    Output("map-play-icon", "className"),
    Output("map-play-label", "children"),
    Input("map-play", "n_clicks"),
    Input("map-interval", "n_intervals"),
    State("map-year", "value"),
    State("map-year", "marks"),
    State("map-year", "max"),
    State("map-interval", "disabled"),
    State("map-labels", "data"),
    State("map-drawn-year", "data"),
    prevent_initial_call=True,
)

# Show the options of the chosen view only.
clientside_callback(
    """
    function(view) {
        const hidden = {display: 'none'};
        return view === 'regionen' ? [hidden, null] : [null, hidden];
    }
    """,
    Output("map-points-options", "style"),
    Output("map-region-options", "style"),
    Input("map-view", "value"),
    prevent_initial_call=True,
)

# The map is drawn anew when the address changes in anything but the link display; the
# link display is switched in the browser from the styles each link trace carries, so
# that switching it costs no request and no resending of the national map.
clientside_callback(
    f"""
    function(search, current) {{
        const params = new URLSearchParams(search || '');
        params.delete('{PARAM_LINKS}');
        const key = params.toString();
        return key === current ? window.dash_clientside.no_update : key;
    }}
    """,
    Output("map-figure-search", "data"),
    Input("url", "search"),
    State("map-figure-search", "data"),
)

clientside_callback(
    f"""
    function(search, _drawn, figure) {{
        const nu = window.dash_clientside.no_update;
        if (!figure || !figure.data) {{ return nu; }}
        const names = {json.dumps(LINK_PARAM)};
        const value = new URLSearchParams(search || '').get('{PARAM_LINKS}');
        const mode = Object.keys(names).find(key => names[key] === value) || 'width';
        let changed = false;
        const data = figure.data.map(trace => {{
            const styles = trace.meta && trace.meta.link_styles;
            if (!styles) {{ return trace; }}
            const style = styles[mode];
            const line = style ? {{...trace.line, width: style.width}} : trace.line;
            const next = {{...trace, visible: Boolean(style), line, opacity: style ? style.opacity : trace.opacity}};
            changed = changed || next.visible !== trace.visible || next.opacity !== trace.opacity
                || line.width !== (trace.line || {{}}).width;
            return next;
        }});
        if (!changed) {{ return nu; }}
        const annotations = ((figure.layout || {{}}).annotations || []).map(
            note => note.name === '{HIDDEN_LINKS_NOTE}' ? {{...note, visible: mode !== 'off'}} : note);
        return {{...figure, data, layout: {{...figure.layout, annotations}}}};
    }}
    """,
    Output("map-graph", "figure", allow_duplicate=True),
    Input("url", "search"),
    # Also after every server drawing: one that set out before the last switch of the link
    # display arrives with the display of that moment.
    Input("map-drawn-year", "data"),
    State("map-graph", "figure"),
    prevent_initial_call=True,
)

# The page's controls write their settings into the address, beside the global filters,
# so a reload or a shared link shows the same frame; the map is drawn from the address.
clientside_callback(
    """
    function(year, mode, view, basemap, focus, level, metric, links, search, max, defaults) {{
        const nu = window.dash_clientside.no_update;
        const params = new URLSearchParams(search || '');
        const before = params.toString();
        const names = {names};
        const set = (name, value) => {{
            if (value === null || value === undefined || value === '' || value === defaults[name]) {{ params.delete(name); }}
            else {{ params.set(name, String(value)); }}
        }};
        set('{year}', (year === null || year === undefined || year >= max) ? null : year);
        set('{mode}', mode);
        set('{view}', view);
        set('{basemap}', names.basemap[basemap]);
        set('{focus}', focus);
        set('{level}', level);
        set('{metric}', names.metric[metric]);
        set('{links}', names.links[links]);
        const after = params.toString();
        if (after === before) {{ return nu; }}
        return after ? '?' + after.replace(/%2C/g, ',') : '';
    }}
    """.format(
        names=json.dumps({"basemap": BASEMAP_PARAM, "metric": METRIC_PARAM, "links": LINK_PARAM}),
        year=PARAM_YEAR,
        mode=PARAM_MODE,
        view=PARAM_VIEW,
        basemap=PARAM_BASEMAP,
        focus=PARAM_FOCUS,
        level=PARAM_LEVEL,
        metric=PARAM_METRIC,
        links=PARAM_LINKS,
    ),
    Output("url", "search", allow_duplicate=True),
    Input("map-year", "value"),
    Input("map-mode", "value"),
    Input("map-view", "value"),
    Input("map-basemap", "value"),
    Input("map-focus", "value"),
    Input("map-level", "value"),
    Input("map-metric", "value"),
    Input("map-links", "value"),
    State("url", "search"),
    State("map-year", "max"),
    State("map-url-defaults", "data"),
    prevent_initial_call=True,
)
