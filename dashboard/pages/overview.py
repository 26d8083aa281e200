"""Übersicht: KPIs, attendance per year, a small map and the list of events."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, dcc, html

from dashboard.analysis import overview
from dashboard.analysis.selection import select_in
from dashboard.cache.callbacks import cached_callback
from dashboard.components.badges import documented_badge, sample_badge
from dashboard.components.frame import page_frame
from dashboard.components.graph_config import BLANK_FIGURE, graph_config
from dashboard.components.kpi import kpi_card
from dashboard.components.page_search import PAGE_SEARCH_ID
from dashboard.components.state_notes import state_notes
from dashboard.geo.data import STATES_GEOJSON_URL
from dashboard.i18n import fmt_date_range, fmt_number, t, tn
from dashboard.state.embed import Embed
from dashboard.state.filters import Filters
from dashboard.views import overview as views
from dashboard.web.context import store

PATH = "/"
dash.register_page(
    __name__,
    path=PATH,
    name=t("nav.overview"),
    title=t("page.overview.title"),
    order=0,
    nav_key="nav.overview",
)

GRAPH_CONFIG = graph_config("uebersicht", responsive=False)
# Like a chart card's: no mode bar over the bars (it covered the highest ones).
CHART_CONFIG = graph_config("uebersicht", responsive=False, displayModeBar=False)
NOTES_ID = "overview-state-notes"
NUMERIC_COLUMNS = ("actors", "headcount")


def layout(**query) -> html.Div:
    filters, notes = Filters.parse(query)
    lang = filters.lang
    content = [
        html.Div(
            [
                html.H1(t("page.overview.heading", lang), className="h3 mb-0 me-3"),
                html.Div(id="overview-badge"),
            ],
            className="d-flex align-items-center mb-3",
        ),
        state_notes(notes, lang, NOTES_ID),
        dcc.Loading(html.Div(id="overview-kpis"), type="dot"),
        dbc.Row(
            [
                dbc.Col(
                    dbc.Card(
                        [
                            dbc.CardHeader(
                                html.H2(t("chart.attendance.title", lang), className="h6 mb-0")
                            ),
                            dbc.CardBody(
                                dcc.Loading(
                                    dcc.Graph(
                                        id="overview-attendance",
                                        figure=BLANK_FIGURE,
                                        config=CHART_CONFIG,
                                    ),
                                    type="dot",
                                )
                            ),
                        ]
                    ),
                    lg=7,
                ),
                dbc.Col(
                    dbc.Card(
                        [
                            dbc.CardHeader(
                                html.H2(t("chart.map.title", lang), className="h6 mb-0")
                            ),
                            dbc.CardBody(
                                [
                                    dcc.Loading(
                                        dcc.Graph(
                                            id="overview-map",
                                            figure=BLANK_FIGURE,
                                            config=GRAPH_CONFIG,
                                        ),
                                        type="dot",
                                    ),
                                    html.Div(
                                        id="overview-unplaced", className="small text-muted mt-2"
                                    ),
                                ]
                            ),
                        ]
                    ),
                    lg=5,
                ),
            ],
            className="g-3 mb-3",
        ),
        dbc.Card(
            [
                dbc.CardHeader(html.H2(t("events.heading", lang), className="h6 mb-0")),
                dbc.CardBody(dcc.Loading(html.Div(id="overview-events"), type="dot")),
            ]
        ),
    ]
    return page_frame(PATH, filters, content, embed=Embed.from_params(query))


def _kpi_row(kpis: overview.Kpis, lang: str) -> dbc.Row:
    unknown_note = (
        tn("kpi.headcount_unknown", kpis.headcount_unknown, lang) if kpis.headcount_unknown else ""
    )
    cards = [
        kpi_card(
            "overview-kpi-events",
            t("kpi.events", lang),
            fmt_number(kpis.events, lang),
            icon="bi-calendar-event",
        ),
        kpi_card(
            "overview-kpi-municipalities",
            t("kpi.municipalities", lang),
            fmt_number(kpis.municipalities, lang),
            icon="bi-buildings",
        ),
        kpi_card(
            "overview-kpi-initiatives",
            t("kpi.initiatives", lang),
            fmt_number(kpis.initiatives, lang),
            icon="bi-people",
        ),
        kpi_card(
            "overview-kpi-headcount",
            t("kpi.headcount", lang),
            fmt_number(kpis.headcount, lang),
            unknown_note,
            icon="bi-person-check",
        ),
        kpi_card(
            "overview-kpi-links",
            t("kpi.links", lang),
            fmt_number(kpis.links, lang),
            icon="bi-share",
        ),
    ]
    return dbc.Row([dbc.Col(card, xs=6, md=4, xl=True) for card in cards], className="g-3 mb-3")


def _events_table(events, lang: str):
    if events.empty:
        return dbc.Alert(t("empty.no_events", lang), color="light", className="mb-0")
    header = html.Thead(
        html.Tr(
            [
                html.Th(
                    t(f"events.{column}", lang),
                    scope="col",
                    className="text-end" if column in NUMERIC_COLUMNS else None,
                )
                for column in ("year", "title", "dates", "city", "actors", "headcount", "source")
            ]
        )
    )
    rows = [
        html.Tr(
            [
                html.Td(str(row.year)),
                html.Td(row.title),
                html.Td(fmt_date_range(row.start_date, row.end_date, lang)),
                html.Td(row.city or t("common.unknown", lang)),
                html.Td(fmt_number(row.actors, lang), className="text-end"),
                html.Td(
                    fmt_number(None if pd.isna(row.headcount) else int(row.headcount), lang),
                    className="text-end",
                ),
                html.Td(_source_badges(row, lang)),
            ],
            id=f"overview-event-{row.id}",
        )
        for row in events.itertuples(index=False)
    ]
    return dbc.Table(
        [header, html.Tbody(rows)],
        striped=True,
        hover=True,
        responsive=True,
        size="sm",
        className="mb-0",
        id="overview-events-table",
    )


def _source_badges(row, lang: str) -> list:
    """A documented event can still carry sample attendance: then both marks are shown."""
    badges = [documented_badge(lang)] if row.documented else []
    if row.sample_rows:
        badges.append(sample_badge(lang, f"overview-event-sample-{row.id}"))
    return badges


def _unplaced(actors, lang: str):
    if actors.empty:
        return None
    names = ", ".join(actors["name"].tolist())
    return [html.Strong(t("map.unplaced", lang) + ": "), names]


@callback(
    Output("overview-kpis", "children"),
    Output("overview-attendance", "figure"),
    Output("overview-events", "children"),
    Output("overview-badge", "children"),
    Input(PAGE_SEARCH_ID, "data"),
)
@cached_callback
def update_overview(search):
    filters = Filters.from_search(search)
    lang = filters.lang
    snapshot = store().snapshot()
    selection = select_in(snapshot, filters)
    kpis = overview.kpis(selection)
    content = _kpi_row(kpis, lang)
    if selection.participation.empty:
        content = [
            dbc.Alert(t("empty.no_selection", lang), color="info", id="overview-empty"),
            content,
        ]
    return (
        content,
        views.attendance(snapshot, filters, selection).figure,
        _events_table(overview.event_list(selection), lang),
        sample_badge(lang, "overview-sample-badge") if selection.has_sample_rows else None,
    )


# The map on its own: its WebGL drawing then takes a browser task of its own instead of
# one long task with every other part of the page (the language switch passed 0.5 s).
@callback(
    Output("overview-map", "figure"),
    Output("overview-unplaced", "children"),
    Input(PAGE_SEARCH_ID, "data"),
)
@cached_callback
def update_overview_map(search):
    filters = Filters.from_search(search)
    snapshot = store().snapshot()
    selection = select_in(snapshot, filters)
    return (
        views.participant_map(snapshot, filters, STATES_GEOJSON_URL, selection).figure,
        _unplaced(overview.unplaced_actors(selection), filters.lang),
    )
