"""Karte: actors as points and their collaboration links, or participation per region, year
by year; online tiles or a tile-free basemap that needs no network."""
# No `from __future__ import annotations` here: Dash imports page modules without putting
# them in sys.modules, and dataclasses then cannot resolve string annotations.

import base64
import binascii
import logging
from dataclasses import asdict
from urllib.parse import quote

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update
from dash.development.base_component import Component

from dashboard.analysis import geography
from dashboard.analysis.hexbins import detail_for, detail_from
from dashboard.analysis.selection import select_in
from dashboard.cache.callbacks import cached_callback, cached_value
from dashboard.components.actor_search import matching_options, register_actor_search
from dashboard.components.attributes import aria
from dashboard.components.badges import sample_badge
from dashboard.components.frame import page_frame
from dashboard.components.geodata import browser_sources, page_map_style
from dashboard.components.graph_config import BLANK_FIGURE, graph_config
from dashboard.components.map_controls import (
    basemap_options,
    level_options,
    points_options,
    region_options,
    upload_card,
    year_row,
    year_slider,
    year_slider_props,
)
from dashboard.components.map_scripts import (
    BIN_CLICK_SCRIPT,
    FIGURE_SEARCH_SCRIPT,
    LINK_DISPLAY_SCRIPT,
    PLAY_SCRIPT,
    URL_SCRIPT,
    VIEW_OPTIONS_SCRIPT,
    VIEWPORT_SCRIPT,
)
from dashboard.components.page_search import PAGE_SEARCH_ID
from dashboard.components.state_notes import state_notes
from dashboard.components.upload import upload_limit_mb
from dashboard.db.boundaries import boundary_levels, save_boundaries
from dashboard.figures.map import LEGEND_BELOW
from dashboard.geo import boundaries as geo_boundaries
from dashboard.i18n import t, tn
from dashboard.state.embed import Embed
from dashboard.state.filters import Filters
from dashboard.state.map import (
    BASEMAP_PARAM,
    DEFAULTS,
    PARAM_BASEMAP,
    VIEWS,
    MapView,
    viewport_from,
)
from dashboard.views.map import MapCanvas, draw_map, frame_points
from dashboard.web import auth
from dashboard.web.context import app_context, store
from dashboard.web.limits import costly_callback

PATH = "/karte"
dash.register_page(
    __name__, path=PATH, name=t("nav.map"), title=t("page.map.title"), order=1, nav_key="nav.map"
)

log = logging.getLogger(__name__)

GRAPH_CONFIG = graph_config("karte", scrollZoom=True)
MAP_HEIGHT = 620
EMBED_FIT_SIZE = (340, 420)


def _offline() -> bool:
    """Whether this installation keeps its maps off the internet (BASEMAP=plain, the
    default, or OFFLINE)."""
    return not app_context().settings.tiles_allowed


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    view, notes = MapView.parse(query)
    lang = filters.lang
    selection = select_in(store().snapshot(), filters)
    slider = year_slider_props(geography.event_years(selection), view.year, lang)
    offline = _offline()
    levels = boundary_levels(app_context().engine, app_context().cache)
    level = view.level if view.level in ("land", *levels) else "land"
    focus_options = matching_options(
        _focus_candidates(selection), None, [view.focus] if view.focus else []
    )
    points = points_options(lang, view, focus_options)
    regions = region_options(lang, view, level, levels)
    basemap = basemap_options(lang, view, offline)
    content = [
        dcc.Location(id="map-nav", refresh="callback-nav"),
        # Settings at their default stay out of the address; without online tiles allowed,
        # the tile-free basemap is the default (and the only choice).
        dcc.Store(
            id="map-url-defaults",
            data={
                **DEFAULTS,
                PARAM_BASEMAP: BASEMAP_PARAM["plain"] if offline else DEFAULTS[PARAM_BASEMAP],
            },
        ),
        dcc.Store(id="map-boundaries-version"),
        dcc.Store(id="map-figure-search"),
        # The view the user zoomed to, the view the map is drawn for (set only when the
        # drawing must change) and what was drawn: bins, or the places of which area.
        dcc.Store(id="map-viewport"),
        dcc.Store(id="map-detail-view"),
        dcc.Store(id="map-drawn-detail"),
        dcc.Store(id="map-bin-click"),
        html.Div(
            [
                html.H1(t("page.map.heading", lang), className="h3 mb-0 me-3"),
                html.Div(id="map-badge"),
            ],
            className="d-flex align-items-center mb-3",
        ),
        state_notes(notes, lang, "map-state-notes"),
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
                                    className="mb-2 embed-hide",
                                ),
                                year_row(lang, slider, view),
                                dcc.Loading(
                                    dcc.Graph(
                                        id="map-graph",
                                        figure=BLANK_FIGURE,
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
                                    **aria(live="polite"),
                                ),
                                html.P(id="map-scale-note", className="small text-muted mb-1"),
                                html.Div(id="map-unplaced", className="small text-muted"),
                            ]
                        )
                    ),
                    xl=9,
                    className="embed-full",
                ),
                dbc.Col(
                    [
                        dbc.Card(
                            [
                                dbc.CardHeader(
                                    html.H2(t("map.options.heading", lang), className="h6 mb-0")
                                ),
                                dbc.CardBody([points, regions, basemap]),
                            ]
                        ),
                        upload_card(lang, app_context().settings)
                        if auth.shows_writes(auth.EDITOR)
                        else None,
                    ],
                    xl=3,
                    className="embed-hide",
                ),
            ],
            className="g-3",
        ),
    ]
    return page_frame(PATH, filters, content, embed=Embed.from_params(query))


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
    Input(PAGE_SEARCH_ID, "data"),
    State("map-year", "marks"),
    prevent_initial_call=True,
)
def sync_controls(search, marks):
    """The address changed (filters or a page setting): offer the years of the selection.
    The slider is rebuilt only when those years change; rebuilding it on every step would
    make it jump under the user's hand."""
    slider, options = cached_value("map.controls", (search,), lambda: _controls_for(search))
    same = {str(key) for key in (marks or {})} == {str(key) for key in slider["marks"]}
    return (no_update if same else year_slider(slider)), slider["disabled"], options


def _controls_for(search: str | None) -> tuple[dict, list[dict]]:
    """Year-slider settings and focus options of the selection the address names."""
    filters = Filters.from_search(search)
    view = MapView.from_search(search)
    selection = select_in(store().snapshot(), filters)
    slider = year_slider_props(geography.event_years(selection), view.year, filters.lang)
    return slider, matching_options(
        _focus_candidates(selection), None, [view.focus] if view.focus else []
    )


def _actor_links(actors, search: str, lang: str, label_key: str):
    if actors.empty:
        return None
    items: list[str | Component] = []
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


def _canvas(basemap: str, embedded: bool) -> MapCanvas:
    """The page's map: the basemap the address asks for (if tiles are allowed), outlines by URL,
    the country-wide view at the page's height. Embedded, the map fills the frame, whatever
    its size: the view is fitted to the places on a phone-sized canvas, so that a phone
    shows them all and a larger frame some land around them."""
    if embedded:
        return MapCanvas(
            sources=browser_sources(),
            style=page_map_style(basemap),
            fit_size=EMBED_FIT_SIZE,
            height=MAP_HEIGHT,
        )
    return MapCanvas(sources=browser_sources(), style=page_map_style(basemap), height=MAP_HEIGHT)


@callback(
    Output("map-graph", "figure"),
    Output("map-summary", "children"),
    Output("map-scale-note", "children"),
    Output("map-unplaced", "children"),
    Output("map-badge", "children"),
    Output("map-drawn-year", "data"),
    Output("map-drawn-detail", "data"),
    Input("map-figure-search", "data"),
    Input("map-boundaries-version", "data"),
    Input("map-detail-view", "data"),
    State("url", "search"),
    State("map-viewport", "data"),
)
@cached_callback
def update_map(_figure_search, _boundaries_version, _detail_view, search, viewport):
    """Everything the map shows comes from the address: the global filters and the page's
    own settings (year, mode, view, ...), which the controls write there; the view the user
    zoomed to decides between bins and single places. A change of the link display alone
    does not come here: the browser switches it (clientside, below)."""
    filters = Filters.from_search(search)
    state = MapView.from_search(search)
    lang = filters.lang
    snapshot = store().snapshot()
    embedded = Embed.from_search(search).on
    drawing = draw_map(
        snapshot, filters, state, _canvas(state.basemap, embedded), viewport_from(viewport)
    )
    has_sample = select_in(snapshot, filters).has_sample_rows
    if embedded:
        # The frame's height is the embedding site's choice: the map takes what is left
        # (assets/embed.css); its legend goes under it, where no narrow frame lets it cover
        # the places.
        drawing.view.figure.update_layout(height=None, autosize=True, legend=LEGEND_BELOW)
    return (
        drawing.view.figure,
        [html.Strong(drawing.label + ": "), drawing.summary],
        drawing.scale_note,
        _actor_links(drawing.unplaced, search or "", lang, drawing.unplaced_key),
        sample_badge(lang, "map-sample-badge") if has_sample else None,
        drawing.year,
        asdict(drawing.detail),
    )


@callback(
    Output("map-detail-view", "data"),
    Input("map-viewport", "data"),
    State("url", "search"),
    State("map-drawn-detail", "data"),
    prevent_initial_call=True,
)
def choose_detail(viewport, search, drawn):
    """The user zoomed or panned: draw anew only when the view needs other detail than is
    drawn (bins of another size, single places instead of bins, or places outside the
    area drawn). Counting the places in view is cheap; drawing is not."""
    state = MapView.from_search(search)
    if state.view != "punkte":
        return no_update
    view = viewport_from(viewport)
    points = cached_value(
        "map.frame_places",
        (search,),
        lambda: frame_points(store().snapshot(), Filters.from_search(search), state)[
            ["lat", "lon"]
        ].to_dict("list"),
    )
    wanted = detail_for(
        pd.DataFrame(points), view.bounds if view else None, view.zoom if view else None
    )
    covered = detail_from(drawn).covers(wanted, view.bounds if view else None)
    return no_update if covered else viewport


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


# A refused or failed upload: nothing stored, no new level, the file input emptied.
REFUSED = (no_update, no_update, None)


def _alert(text: str, alert_id: str, color: str = "danger") -> dbc.Alert:
    return dbc.Alert(text, color=color, id=alert_id, className="mb-0 small")


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
        return _alert(t("map.upload.refused", lang), "map-upload-refused"), *REFUSED
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
        limit = upload_limit_mb(context.settings, lang)
        return _alert(t(error.key, lang, mb=limit, **error.values), "map-upload-error"), *REFUSED
    except (binascii.Error, ValueError):
        return _alert(t("map.upload.error.unreadable", lang), "map-upload-error"), *REFUSED
    except Exception:  # a database problem: the transaction rolled back, nothing changed
        log.exception("storing boundaries from %s failed", file_name)
        return _alert(t("map.upload.error.failed", lang), "map-upload-error"), *REFUSED
    areas = tn(f"count.areas.{level}", count, lang)
    text = t("map.upload.done", lang, areas=areas, level=t(f"map.level.{level}", lang))
    message = _alert(text, "map-upload-done", color="success")
    levels = boundary_levels(context.engine, context.cache)
    return message, f"{level}:{count}:{file_name}", level_options(lang, levels), None


# Play/pause and stepping through the years: a pure UI toggle, so it runs in the browser.
clientside_callback(
    PLAY_SCRIPT,
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

# Zooming and panning report the view; a click on a hexagon zooms in on it.
clientside_callback(
    VIEWPORT_SCRIPT,
    Output("map-viewport", "data"),
    Input("map-graph", "relayoutData"),
    prevent_initial_call=True,
)

clientside_callback(
    BIN_CLICK_SCRIPT,
    Output("map-bin-click", "data"),
    Input("map-graph", "clickData"),
    prevent_initial_call=True,
)

# Show the options of the chosen view only.
clientside_callback(
    VIEW_OPTIONS_SCRIPT,
    Output("map-points-options", "style"),
    Output("map-region-options", "style"),
    Input("map-view", "value"),
    prevent_initial_call=True,
)

# The map is drawn anew when the address changes in anything but the link display; the
# link display is switched in the browser from the styles each link trace carries, so
# that switching it costs no request and no resending of the national map.
clientside_callback(
    FIGURE_SEARCH_SCRIPT,
    Output("map-figure-search", "data"),
    Input(PAGE_SEARCH_ID, "data"),
    State("map-figure-search", "data"),
)

clientside_callback(
    LINK_DISPLAY_SCRIPT,
    Output("map-graph", "figure", allow_duplicate=True),
    Input(PAGE_SEARCH_ID, "data"),
    # Also after every server drawing: one that set out before the last switch of the link
    # display arrives with the display of that moment.
    Input("map-drawn-year", "data"),
    State("map-graph", "figure"),
    prevent_initial_call=True,
)

# The page's controls write their settings into the address, beside the global filters,
# so a reload or a shared link shows the same frame; the map is drawn from the address.
clientside_callback(
    URL_SCRIPT,
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
