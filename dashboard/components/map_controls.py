"""The controls of /karte: year slider with play button, the options of the points and
the regions view, the basemap choice and the editors' boundaries upload. Layout only: the
page's callbacks act on these ids."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.analysis import geography
from dashboard.components.attributes import aria
from dashboard.components.map_fallback import fallback_note
from dashboard.components.slider_names import slider_names
from dashboard.components.upload import upload_limit_mb
from dashboard.config import Settings
from dashboard.figures.map import BASEMAPS, LINK_MODES
from dashboard.geo import boundaries as geo_boundaries
from dashboard.i18n import t
from dashboard.state.map import MODES, MapView

PLAY_INTERVAL_MS = 1500


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
    # Counted back from "all years", the last stop: with every second year labelled, the
    # last year stays unlabelled rather than printing into "Alle" ("2025Alle").
    marks = {
        year: str(year) if (len(years) - index) % step == 0 else ""
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


def year_slider(props: dict) -> dcc.Slider:
    return dcc.Slider(
        id="map-year",
        # Whole years. Dash 4 no longer reads step=None as "only the marks": it takes a
        # hundredth of the range, so an arrow key moved the year to 2025.9.
        step=1,
        included=False,
        updatemode="mouseup",
        allow_direct_input=False,
        **props,
    )


def level_options(lang: str, levels: list[str]) -> list[dict]:
    return [{"label": t(f"map.level.{level}", lang), "value": level} for level in ("land", *levels)]


def radio(component_id: str, options: list[dict], value, label: str) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=component_id, className="filter-label d-block"),
            dbc.RadioItems(
                id=component_id, options=options, value=value, inline=True, className="map-radio"
            ),
        ],
        className="mb-3",
    )


def upload_card(lang: str, settings: Settings) -> dbc.Card:
    """Boundaries upload: replaces the stored polygons of a level, so editors only."""
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(t("map.upload.heading", lang), className="h6 mb-0")),
            dbc.CardBody(
                [
                    html.P(t("map.upload.intro", lang), className="small mb-2"),
                    radio(
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
                                html.I(className="bi bi-upload me-2", **aria(hidden="true")),
                                t("map.upload.drop", lang),
                            ]
                        ),
                        accept=".geojson,.json,.gpkg,.zip",
                        max_size=settings.upload_max_bytes,
                        multiple=False,
                        className="map-upload",
                        className_active="map-upload map-upload-active",
                    ),
                    html.Div(
                        t("map.upload.limits", lang, mb=upload_limit_mb(settings, lang)),
                        className="form-text",
                    ),
                    dcc.Loading(html.Div(id="map-upload-message", className="mt-2"), type="dot"),
                ]
            ),
        ],
        className="mt-3",
    )


def year_row(lang: str, slider: dict, view: MapView) -> html.Div:
    """Play button, year slider and the choice of one year or the years up to it."""
    return html.Div(
        [
            dbc.Button(
                [
                    html.I(
                        id="map-play-icon",
                        className="bi bi-play-fill me-1",
                        **aria(hidden="true"),
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
                year_slider(slider),
                id="map-year-box",
                className="map-year-slider flex-grow-1",
                # The slider is drawn anew by a callback: the names sit on this box around it.
                **slider_names(t("map.year.label", lang), lang, is_range=False),
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
        className="d-flex align-items-center flex-wrap gap-2 mb-2 map-year-row",
    )


def points_options(lang: str, view: MapView, focus_options: list[dict]) -> html.Div:
    """Link display and focused actor: shown with the points view."""
    return html.Div(
        [
            radio(
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
                        options=focus_options,
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


def region_options(lang: str, view: MapView, level: str, levels: list[str]) -> html.Div:
    """Level and measure of the regions: shown with the regions view."""
    return html.Div(
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
                        options=level_options(lang, levels),
                        value=level,
                        clearable=False,
                    ),
                ],
                className="mb-3",
            ),
            radio(
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


def basemap_options(lang: str, view: MapView, offline: bool) -> html.Div:
    """Tiles or the tile-free basemap (the only choice unless BASEMAP=tiles allows tiles)."""
    return html.Div(
        [
            radio(
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
            fallback_note(lang),
        ]
    )
