"""Netzwerk: the collaboration graph, metrics per actor, growth and partner suggestions."""

from __future__ import annotations

import re
from dataclasses import replace

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard.analysis import network as nw
from dashboard.analysis import suggestions as sg
from dashboard.analysis.selection import select_in
from dashboard.cache.callbacks import cached_callback
from dashboard.components.actor_search import matching_options, register_actor_search
from dashboard.components.attributes import aria
from dashboard.components.badges import sample_badge
from dashboard.components.chart_card import chart_card, chart_card_outputs
from dashboard.components.frame import page_frame
from dashboard.components.graph_config import BLANK_FIGURE, graph_config
from dashboard.components.network_controls import (
    control_label,
    network_controls,
    suggestion_item,
)
from dashboard.components.network_metrics import metrics_grid, metrics_rows
from dashboard.components.page_search import PAGE_SEARCH_ID
from dashboard.components.state_notes import state_notes
from dashboard.components.view_card import view_card_values
from dashboard.exchange.export import CSV_MEDIA_TYPE, frame_to_csv_bytes
from dashboard.figures.network_communities import COMMUNITY_CLICK_PREFIX
from dashboard.i18n import t, tn
from dashboard.i18n.folding import fold
from dashboard.state.embed import Embed
from dashboard.state.filters import Filters
from dashboard.state.network import ALL, COLOUR_BY, SIZE_BY, NetworkView, search_with_view
from dashboard.views.network import growth_view, metrics_table, network_view, scope_year
from dashboard.web.context import store

PATH = "/netzwerk"
dash.register_page(
    __name__,
    path=PATH,
    name=t("nav.network"),
    title=t("page.network.title"),
    order=4,
    nav_key="nav.network",
)

GRAPH_CONFIG = graph_config("netzwerk", scrollZoom=True)


def _actor_candidates(selection) -> pd.DataFrame:
    actors = selection.actors.sort_values("name", key=lambda names: names.map(fold))
    return pd.DataFrame({"value": actors["id"].astype(str), "label": actors["name"].astype(str)})


def _candidates_of(url_search: str | None) -> pd.DataFrame:
    return _actor_candidates(select_in(store().snapshot(), Filters.from_search(url_search)))


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    selection = select_in(store().snapshot(), filters)
    years = nw.scope_years(selection)
    view, notes = NetworkView.parse(query)
    actor_options = matching_options(
        _actor_candidates(selection), None, [view.ego] if view.ego else []
    )
    graph_card = dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.H2(t("network.graph.title", lang), className="h5 mb-0"),
                    html.P(
                        t("network.chart_description", lang),
                        className="chart-card-description small text-muted mb-0",
                        id="network-graph-description",
                    ),
                ]
            ),
            dbc.CardBody(
                html.Div(
                    [
                        html.Div(
                            id="network-status",
                            className="fw-semibold mb-1",
                            **aria(live="polite"),
                        ),
                        dcc.Loading(
                            dcc.Graph(
                                id="network-graph",
                                figure=BLANK_FIGURE,
                                config=GRAPH_CONFIG,
                                className="network-graph",
                            ),
                            type="dot",
                        ),
                    ],
                    **aria(describedby="network-graph-description"),
                )
            ),
        ],
        className="h-100",
    )
    suggestions_card = dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.H2(t("network.suggest.title", lang), className="h5 mb-0"),
                    html.P(t("network.suggest.intro", lang), className="small text-muted mb-0"),
                ]
            ),
            dbc.CardBody(
                [
                    control_label(t("network.suggest.actor", lang), "network-suggest-actor"),
                    dcc.Dropdown(
                        id="network-suggest-actor",
                        options=actor_options,
                        value=None,
                        clearable=True,
                        placeholder=t("network.suggest.placeholder", lang),
                    ),
                    dcc.Loading(html.Div(id="network-suggestions", className="mt-3"), type="dot"),
                    html.Hr(),
                    dbc.Button(
                        [
                            html.I(className="bi bi-download me-1", **aria(hidden="true")),
                            t("network.suggest.download", lang),
                        ],
                        id="network-suggest-download-button",
                        color="primary",
                        outline=True,
                        size="sm",
                        n_clicks=0,
                    ),
                    html.P(
                        tn("network.suggest.download_note", sg.TOP_DEFAULT, lang),
                        className="small text-muted mt-1 mb-0",
                    ),
                    dcc.Download(id="network-suggest-download"),
                ]
            ),
        ],
        className="network-suggestions-card",
    )
    metrics_card = dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.H2(t("network.metrics.title", lang), className="h5 mb-0"),
                    html.P(
                        tn("network.metrics.note", nw.BROKER_COUNT, lang),
                        className="small text-muted mb-0",
                    ),
                ]
            ),
            dbc.CardBody(html.Div(metrics_grid(lang), id="network-metrics-box")),
            dcc.Store(id="network-metrics-scope"),
        ],
        className="h-100",
    )
    content = [
        html.Div(
            [
                html.H1(t("network.heading", lang), className="h3 mb-0 me-3"),
                html.Div(id="network-badge"),
            ],
            className="d-flex align-items-center mb-1",
        ),
        html.P(t("network.intro", lang), className="text-muted mb-3"),
        state_notes(notes, lang, "network-state-notes"),
        dbc.Row(
            [
                dbc.Col(graph_card, xl=8),
                dbc.Col(network_controls(years, actor_options, view, lang), xl=4),
            ],
            className="g-3 mb-3",
        ),
        dbc.Row(
            [
                # The whole width: ten columns whose headers must not break mid-word.
                dbc.Col(metrics_card, xs=12),
                dbc.Col(suggestions_card, xl=4),
                dbc.Col(
                    chart_card(
                        "network-growth",
                        t("network.growth.title", lang),
                        lang,
                        description=t("network.growth.description", lang),
                    ),
                    xl=8,
                ),
            ],
            className="g-3 mb-3",
        ),
    ]
    return page_frame(PATH, filters, content, embed=Embed.from_params(query))


# --- callbacks ----------------------------------------------------------------------------


def _view_of(year, cumulative, size_by, colour_by, ego_id, steps, min_weight, min_degree, top_n):
    """The settings the page's controls show (values as the browser sends them)."""

    def number(value) -> int:
        try:
            return min(max(int(value), 0), 1000)
        except (TypeError, ValueError):
            return 0

    top = number(top_n) if top_n not in (None, "", ALL) else 0
    return NetworkView(
        year=year if isinstance(year, int) else None,
        cumulative=bool(cumulative),
        size_by=size_by if isinstance(size_by, str) and size_by in SIZE_BY else "degree",
        colour_by=colour_by
        if isinstance(colour_by, str) and colour_by in COLOUR_BY
        else "community",
        ego=str(ego_id)[:64] if ego_id else None,
        steps=2 if steps == 2 else 1,
        min_weight=number(min_weight),
        min_degree=number(min_degree),
        top_n=str(top) if top else ALL,
    )


# The page's own controls, in the order the callbacks take them.
VIEW_INPUTS = [
    Input(control, "value")
    for control in (
        "network-year",
        "network-cumulative",
        "network-size-by",
        "network-colour-by",
        "network-ego",
        "network-ego-steps",
        "network-min-weight",
        "network-min-degree",
        "network-top-n",
    )
]


@callback(
    Output("url", "search", allow_duplicate=True),
    *VIEW_INPUTS,
    State("url", "search"),
    prevent_initial_call=True,
)
def write_view_to_url(
    year, cumulative, size_by, colour_by, ego_id, steps, min_weight, min_degree, top_n, search
):
    """Keep the page's settings in its address, so a copied link shows this very view."""
    shown = NetworkView.from_search(search)
    view = _view_of(
        year, cumulative, size_by, colour_by, ego_id, steps, min_weight, min_degree, top_n
    )
    # Communities are numbered per year and mode: another scope, another community 3.
    same_scope = (view.year, view.cumulative) == (shown.year, shown.cumulative)
    view = replace(view, community=shown.community if same_scope else None)
    new_search = search_with_view(search, view)
    return no_update if new_search == (search or "") else new_search


@callback(
    Output("network-graph", "figure"),
    Output("network-status", "children"),
    Output("network-badge", "children"),
    Output("network-graph-description", "children"),
    Input(PAGE_SEARCH_ID, "data"),
    *VIEW_INPUTS,
)
@cached_callback
def update_network(search, *controls):
    filters = Filters.from_search(search)
    snapshot = store().snapshot()
    view = replace(_view_of(*controls), community=NetworkView.from_search(search).community)
    result = network_view(snapshot, filters, view)
    has_sample = select_in(snapshot, filters).has_sample_rows
    badge = sample_badge(filters.lang, "network-sample-badge") if has_sample else None
    status: list = [result.caption]
    if view.community is not None:
        overview = search_with_view(search, replace(view, community=None, ego=None))
        back = dcc.Link(
            t("network.communities.back", filters.lang),
            href=PATH + overview,
            id="network-communities-back",
            className="ms-2 fw-normal",
        )
        status += [" ", back]
    # The description says what is drawn: the communities, or the actors.
    meta = result.figure.layout.meta
    description = (meta.get("description") if isinstance(meta, dict) else None) or t(
        "network.chart_description", filters.lang
    )
    return result.figure, status, badge, description


@callback(
    Output("network-metrics-box", "children"),
    Output("network-metrics-scope", "data"),
    Input(PAGE_SEARCH_ID, "data"),
    Input("network-year", "value"),
    Input("network-cumulative", "value"),
    State("network-metrics-scope", "data"),
)
def reset_metrics(search, year, cumulative, shown_scope):
    """A new grid (which asks for its first page) when the actors in scope change; a
    change of ego, sizes or colours leaves the table, its page and order as they are."""
    filters = Filters.from_search(search)
    scope = [filters.to_search(), year, bool(cumulative)]
    if scope == shown_scope:
        return no_update, no_update
    return metrics_grid(filters.lang), scope


@callback(
    Output("network-metrics", "getRowsResponse"),
    Input("network-metrics", "getRowsRequest"),
    State("url", "search"),
    State("network-year", "value"),
    State("network-cumulative", "value"),
)
@cached_callback
def metrics_page(request, search, year, cumulative):
    """One page of the metrics of the network view, sorted as the grid asks."""
    filters = Filters.from_search(search)
    state = _view_of(year, cumulative, None, None, None, 1, 0, 0, ALL)
    return metrics_rows(metrics_table(store().snapshot(), filters, state), request, filters.lang)


@callback(
    Output("network-ego", "value"),
    Output("network-ego", "options", allow_duplicate=True),
    Input("network-graph", "clickData"),
    State("url", "search"),
    prevent_initial_call=True,
)
def ego_from_click(click, url_search):
    """Clicking an actor in the graph shows its ego network."""
    points = (click or {}).get("points") or []
    actor_id = points[0].get("customdata") if points else None
    candidates = _candidates_of(url_search)
    if not isinstance(actor_id, str) or not candidates["value"].eq(actor_id).any():
        return no_update, no_update
    return actor_id, matching_options(candidates, None, [actor_id])


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("network-graph", "clickData"),
    State("url", "search"),
    prevent_initial_call=True,
)
def open_community(click, search):
    """Clicking a community on the overview shows that community's own network."""
    points = (click or {}).get("points") or []
    data = points[0].get("customdata") if points else None
    if not isinstance(data, str) or not data.startswith(COMMUNITY_CLICK_PREFIX):
        return no_update
    number = data.removeprefix(COMMUNITY_CLICK_PREFIX)
    if not number.isdigit():
        return no_update
    view = replace(NetworkView.from_search(search), community=int(number))
    return search_with_view(search, view)


register_actor_search("network-ego", _candidates_of)
register_actor_search("network-suggest-actor", _candidates_of)


@callback(
    *chart_card_outputs("network-growth"),
    Input(PAGE_SEARCH_ID, "data"),
    Input("network-cumulative", "value"),
)
@cached_callback
def update_growth(search, cumulative):
    filters = Filters.from_search(search)
    state = NetworkView(cumulative=bool(cumulative))
    result = growth_view(store().snapshot(), filters, state)
    return view_card_values(result, filters.lang, t("network.growth.filename", filters.lang))


@callback(
    Output("network-suggestions", "children"),
    Input(PAGE_SEARCH_ID, "data"),
    Input("network-year", "value"),
    Input("network-cumulative", "value"),
    Input("network-suggest-actor", "value"),
    Input("network-ego", "value"),
)
def update_suggestions(search, year, cumulative, actor_id, ego_id):
    filters = Filters.from_search(search)
    lang = filters.lang
    actor_id = actor_id or ego_id
    if not actor_id:
        return dbc.Alert(t("network.suggest.choose", lang), color="light", className="mb-0")
    snapshot = store().snapshot()
    tables = snapshot.tables
    selection = select_in(snapshot, filters)
    year = scope_year(selection, year)
    found = sg.suggest(sg.profiles(selection, tables, year, bool(cumulative)), actor_id)
    if found.empty:
        return dbc.Alert(
            t("network.suggest.none", lang),
            color="light",
            className="mb-0",
            id="network-suggestions-none",
        )
    return html.Ol(
        [suggestion_item(row, lang) for row in found.itertuples(index=False)],
        className="list-group list-unstyled mb-0",
        id="network-suggestion-list",
    )


@callback(
    Output("network-suggest-download", "data"),
    Input("network-suggest-download-button", "n_clicks"),
    State("url", "search"),
    State("network-year", "value"),
    State("network-cumulative", "value"),
    prevent_initial_call=True,
)
def download_suggestions(clicks, search, year, cumulative):
    if not clicks:
        return no_update
    filters = Filters.from_search(search)
    lang = filters.lang
    snapshot = store().snapshot()
    tables = snapshot.tables
    selection = select_in(snapshot, filters)
    year = scope_year(selection, year)
    found = sg.suggest(sg.profiles(selection, tables, year, bool(cumulative)))
    parts = [t("network.suggest.filename", lang), filters.event or "", str(year or "")]
    stem = "-".join(re.sub(r"[^A-Za-z0-9_-]+", "-", part).strip("-") for part in parts if part)
    return dcc.send_bytes(
        frame_to_csv_bytes(sg.export_frame(found, lang)), f"{stem}.csv", type=CSV_MEDIA_TYPE
    )
