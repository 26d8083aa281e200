"""Netzwerk: the collaboration graph, metrics per actor, growth and partner suggestions."""

from __future__ import annotations

import re

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dash_table, dcc, html, no_update
from dash.dash_table.Format import Format, Group, Scheme

from dashboard.analysis import network as nw
from dashboard.analysis import suggestions as sg
from dashboard.analysis.selection import select_in
from dashboard.cache.callbacks import cached_callback
from dashboard.cache.versioned import Scope
from dashboard.components.actor_search import matching_options, register_actor_search
from dashboard.components.badges import sample_badge
from dashboard.components.chart_card import chart_card, chart_card_outputs, chart_card_values
from dashboard.components.filter_bar import year_marks
from dashboard.components.frame import page_frame
from dashboard.components.graph_config import graph_config
from dashboard.components.paged_table import page_of
from dashboard.exchange.export import CSV_MEDIA_TYPE, frame_to_csv_bytes
from dashboard.figures.network import growth_figure, network_figure
from dashboard.figures.theme import FONT_FAMILY
from dashboard.i18n import DEFAULT_LANGUAGE, t, tn
from dashboard.i18n.folding import fold
from dashboard.state.filters import Filters
from dashboard.state.network import ALL, NetworkView, search_with_view
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
MIN_WEIGHT_CHOICES = (2, 3, 4, 5)
MIN_DEGREE_CHOICES = (1, 2, 3, 5)
TOP_N_CHOICES = (25, 50, 100, 200)
TABLE_PAGE_SIZE = 15


def _label(text: str, control_id: str) -> dbc.Label:
    return dbc.Label(text, html_for=control_id, className="filter-label")


def _actor_candidates(selection) -> pd.DataFrame:
    actors = selection.actors.sort_values("name", key=lambda names: names.map(fold))
    return pd.DataFrame({"value": actors["id"].astype(str), "label": actors["name"].astype(str)})


def _candidates_of(url_search: str | None) -> pd.DataFrame:
    return _actor_candidates(select_in(store().snapshot(), Filters.from_search(url_search)))


def _controls(
    years: list[int], actor_options: list[dict], view: NetworkView, lang: str
) -> dbc.Card:
    if years:
        value = (
            view.year if view.year is not None and years[0] <= view.year <= years[-1] else years[-1]
        )
        year = dcc.Slider(
            id="network-year",
            min=years[0],
            max=years[-1],
            step=1,
            value=value,
            marks=year_marks((years[0], years[-1])),
            included=False,
        )
    else:
        year = html.Div(
            [
                html.Div(t("network.no_years", lang), className="text-muted"),
                html.Div(
                    dcc.Slider(id="network-year", min=0, max=1, step=1, value=None, disabled=True),
                    hidden=True,
                ),
            ]
        )
    select_options = {
        "weight": [{"label": t("network.prune.any", lang), "value": "0"}]
        + [
            {"label": t("network.prune.at_least", lang, n=n), "value": str(n)}
            for n in MIN_WEIGHT_CHOICES
        ],
        "degree": [{"label": t("network.prune.any", lang), "value": "0"}]
        + [
            {"label": t("network.prune.at_least", lang, n=n), "value": str(n)}
            for n in MIN_DEGREE_CHOICES
        ],
        "top": [{"label": t("network.prune.all", lang), "value": ALL}]
        + [
            {"label": t("network.prune.top_option", lang, n=n), "value": str(n)}
            for n in TOP_N_CHOICES
        ],
    }
    first = dbc.Row(
        [
            dbc.Col(
                [
                    _label(t("network.year", lang), "network-year"),
                    year,
                    dbc.Switch(
                        id="network-cumulative",
                        label=t("network.cumulative", lang),
                        value=view.cumulative,
                        className="mt-1",
                    ),
                ],
                lg=5,
            ),
            dbc.Col(
                [
                    _label(t("network.size_by", lang), "network-size-by"),
                    dbc.RadioItems(
                        id="network-size-by",
                        value=view.size_by,
                        options=[
                            {"label": t("network.size_by.degree", lang), "value": "degree"},
                            {"label": t("network.size_by.headcount", lang), "value": "headcount"},
                        ],
                    ),
                ],
                lg=2,
                md=4,
            ),
            dbc.Col(
                [
                    _label(t("network.colour_by", lang), "network-colour-by"),
                    dbc.RadioItems(
                        id="network-colour-by",
                        value=view.colour_by,
                        options=[
                            {"label": t("network.colour_by.community", lang), "value": "community"},
                            {"label": t("network.colour_by.type", lang), "value": "type"},
                        ],
                    ),
                ],
                lg=2,
                md=4,
            ),
            dbc.Col(
                [
                    _label(t("network.ego", lang), "network-ego"),
                    dcc.Dropdown(
                        id="network-ego",
                        options=actor_options,
                        value=view.ego,
                        clearable=True,
                        placeholder=t("network.ego.placeholder", lang),
                    ),
                    dbc.RadioItems(
                        id="network-ego-steps",
                        value=view.steps,
                        inline=True,
                        className="mt-1",
                        options=[
                            {"label": t("network.ego.step1", lang), "value": 1},
                            {"label": t("network.ego.step2", lang), "value": 2},
                        ],
                    ),
                ],
                lg=3,
                md=4,
            ),
        ],
        className="g-3",
    )
    second = dbc.Row(
        [
            dbc.Col(
                html.Div(t("network.prune", lang), className="fw-semibold mt-md-4"), lg=3, md=12
            ),
            dbc.Col(
                [
                    _label(t("network.prune.min_weight", lang), "network-min-weight"),
                    dbc.Select(
                        id="network-min-weight",
                        options=select_options["weight"],
                        value=str(view.min_weight),
                    ),
                ],
                lg=3,
                md=4,
            ),
            dbc.Col(
                [
                    _label(t("network.prune.min_degree", lang), "network-min-degree"),
                    dbc.Select(
                        id="network-min-degree",
                        options=select_options["degree"],
                        value=str(view.min_degree),
                    ),
                ],
                lg=3,
                md=4,
            ),
            dbc.Col(
                [
                    _label(t("network.prune.top_n", lang), "network-top-n"),
                    dbc.Select(id="network-top-n", options=select_options["top"], value=view.top_n),
                ],
                lg=3,
                md=4,
            ),
        ],
        className="g-3 mt-1",
    )
    return html.Section(
        dbc.Card(dbc.CardBody([first, second])),
        className="mb-3 network-controls",
        **{"aria-label": t("network.controls", lang)},
    )


def _metrics_table(lang: str) -> dash_table.DataTable:
    def number(digits: int) -> Format:
        return Format(
            precision=digits,
            scheme=Scheme.fixed,
            group=Group.yes,
            decimal_delimiter="," if lang == "de" else ".",
            group_delimiter="." if lang == "de" else ",",
            nully=t("common.unknown", lang),
        )

    columns = [
        {"id": "name", "name": t("network.metric.name", lang), "type": "text"},
        {"id": "type", "name": t("network.metric.type", lang), "type": "text"},
        {"id": "role", "name": t("network.metric.role", lang), "type": "text"},
        {
            "id": "events",
            "name": t("network.metric.events", lang),
            "type": "numeric",
            "format": number(0),
        },
        {
            "id": "headcount",
            "name": t("network.metric.headcount", lang),
            "type": "numeric",
            "format": number(0),
        },
        {
            "id": "degree",
            "name": t("network.metric.degree", lang),
            "type": "numeric",
            "format": number(0),
        },
        {
            "id": "weighted_degree",
            "name": t("network.metric.weighted_degree", lang),
            "type": "numeric",
            "format": number(0),
        },
        {
            "id": "betweenness",
            "name": t("network.metric.betweenness", lang),
            "type": "numeric",
            "format": number(3),
        },
        {
            "id": "eigenvector",
            "name": t("network.metric.eigenvector", lang),
            "type": "numeric",
            "format": number(3),
        },
        {
            "id": "community",
            "name": t("network.metric.community", lang),
            "type": "numeric",
            "format": Format(nully="–"),
        },
    ]
    broker, isolated = t("network.role.broker", lang), t("network.role.isolated", lang)
    return dash_table.DataTable(
        id="network-metrics",
        columns=columns,
        data=[],
        # Paged and sorted on the server: a national network has tens of thousands of rows,
        # which the browser should not receive at once.
        sort_action="custom",
        sort_mode="single",
        sort_by=[],
        page_action="custom",
        page_current=0,
        page_count=1,
        page_size=TABLE_PAGE_SIZE,
        style_as_list_view=True,
        style_table={"overflowX": "auto"},
        style_header={
            "fontWeight": "600",
            "whiteSpace": "normal",
            "height": "auto",
            "backgroundColor": "#f1f3f5",
            "fontSize": "0.85rem",
        },
        style_cell={
            "fontFamily": FONT_FAMILY,
            "fontSize": "0.9rem",
            "padding": "0.3rem 0.4rem",
            "textAlign": "right",
        },
        style_cell_conditional=[
            {"if": {"column_id": c}, "textAlign": "left"} for c in ("name", "type", "role")
        ]
        + [
            {
                "if": {"column_id": "name"},
                "whiteSpace": "normal",
                "minWidth": "10rem",
                "maxWidth": "14rem",
            }
        ]
        + [
            {"if": {"column_id": c}, "minWidth": "4.5rem", "whiteSpace": "normal"}
            for c in (
                "events",
                "headcount",
                "degree",
                "weighted_degree",
                "betweenness",
                "eigenvector",
                "community",
            )
        ],
        style_data_conditional=[
            {
                "if": {"filter_query": f'{{role}} = "{broker}"'},
                "backgroundColor": "#fff3cd",
                "fontWeight": "600",
            },
            {
                "if": {"filter_query": f'{{role}} = "{isolated}"'},
                "color": "#6c757d",
                "fontStyle": "italic",
            },
        ],
    )


def _cache_scope(snapshot, filters: Filters) -> Scope:
    """The cache of the network results of one selection: this data, these filters."""
    return snapshot.scope(filters.with_changes(lang=DEFAULT_LANGUAGE))


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    selection = select_in(store().snapshot(), filters)
    years = nw.scope_years(selection)
    view = NetworkView.from_params(query)
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
                            **{"aria-live": "polite"},
                        ),
                        dcc.Loading(
                            dcc.Graph(
                                id="network-graph", config=GRAPH_CONFIG, className="network-graph"
                            ),
                            type="dot",
                        ),
                    ],
                    **{"aria-describedby": "network-graph-description"},
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
                    _label(t("network.suggest.actor", lang), "network-suggest-actor"),
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
                            html.I(className="bi bi-download me-1", **{"aria-hidden": "true"}),
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
        className="h-100",
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
            dbc.CardBody(dcc.Loading(_metrics_table(lang), type="dot")),
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
        _controls(years, actor_options, view, lang),
        dbc.Row([dbc.Col(graph_card, xl=8), dbc.Col(suggestions_card, xl=4)], className="g-3 mb-3"),
        dbc.Row(
            [
                dbc.Col(metrics_card, xl=8),
                dbc.Col(
                    chart_card(
                        "network-growth",
                        t("network.growth.title", lang),
                        lang,
                        description=t("network.growth.description", lang),
                    ),
                    xl=4,
                ),
            ],
            className="g-3 mb-3",
        ),
    ]
    return page_frame(PATH, filters, content)


# --- helpers used by the callbacks -------------------------------------------------------


def _scope_year(selection, year) -> int | None:
    years = nw.scope_years(selection)
    if not years:
        return None
    year = year if isinstance(year, int) else None  # a slider value from the browser
    return year if year is not None and years[0] <= year <= years[-1] else years[-1]


def _pruning(min_weight, min_degree, top_n) -> nw.Pruning:
    def number(value) -> int:
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return 0

    top = number(top_n) if top_n not in (None, "", ALL) else 0
    return nw.Pruning(
        min_weight=float(number(min_weight)), min_degree=number(min_degree), top_n=top or None
    )


def _table_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The metrics as the table shows them: translated type and role, rounded centralities."""
    broker, isolated = t("network.role.broker", lang), t("network.role.isolated", lang)
    return pd.DataFrame(
        {
            "id": table["id"].astype(str),
            "name": table["name"].astype(str),
            "type": [
                t(f"type.{kind}", lang) if kind else t("common.unknown", lang)
                for kind in table["type"]
            ],
            "role": [
                broker if b else (isolated if i else "")
                for b, i in zip(table["broker"], table["isolated"], strict=False)
            ],
            "events": table["events"].astype("int64"),
            "headcount": table["headcount"].astype("Int64"),
            "degree": table["degree"].astype("int64"),
            "weighted_degree": table["weighted_degree"].astype("float64"),
            "betweenness": table["betweenness"].astype("float64").round(6),
            "eigenvector": table["eigenvector"].astype("float64").round(6),
            "community": table["community"].astype("Int64"),
        }
    )


def _scope_label(year: int, cumulative: bool, lang: str) -> str:
    return t("network.scope.cumulative" if cumulative else "network.scope.single", lang, year=year)


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
    pruning = _pruning(min_weight, min_degree, top_n)
    view = NetworkView(
        year=year,
        cumulative=bool(cumulative),
        size_by=size_by,
        colour_by=colour_by,
        ego=ego_id or None,
        steps=2 if steps == 2 else 1,
        min_weight=int(pruning.min_weight),
        min_degree=pruning.min_degree,
        top_n=str(pruning.top_n) if pruning.top_n else ALL,
    )
    new_search = search_with_view(search, view)
    return no_update if new_search == (search or "") else new_search


@callback(
    Output("network-graph", "figure"),
    Output("network-status", "children"),
    Output("network-badge", "children"),
    Input("url", "search"),
    *VIEW_INPUTS,
)
@cached_callback
def update_network(
    search, year, cumulative, size_by, colour_by, ego_id, steps, min_weight, min_degree, top_n
):
    filters = Filters.from_search(search)
    lang = filters.lang
    snapshot = store().snapshot()
    selection = select_in(snapshot, filters)
    year = _scope_year(selection, year)
    cumulative = bool(cumulative)
    graph, table = nw.scope_network(
        selection, year, cumulative, cache=_cache_scope(snapshot, filters)
    )
    positions = nw.layout(snapshot.tables["actors"], snapshot.tables["links"], snapshot.scope())
    view = nw.ego(graph, ego_id, steps or 1)
    pruned = nw.prune(
        view, nw.readable(_pruning(min_weight, min_degree, top_n)), keep=[ego_id] if ego_id else ()
    )
    nodes = nw.node_frame(pruned.graph, table, positions)
    size_column = "headcount" if size_by == "headcount" else "degree"
    size_max = pd.to_numeric(table[size_column], errors="coerce").max() if not table.empty else 1.0
    figure = network_figure(
        nodes,
        nw.edge_frame(pruned.graph),
        lang,
        ranges=nw.view_ranges(positions, nodes, pruned.hidden_nodes),
        size_by=size_by or "degree",
        colour_by=colour_by or "community",
        size_max=None if pd.isna(size_max) else float(size_max),
        hidden_nodes=pruned.hidden_nodes,
        total_nodes=view.number_of_nodes(),
        ego_id=ego_id,
        empty_message=t("network.empty_ego", lang) if ego_id and ego_id not in graph else None,
    )
    shown = pruned.graph
    if ego_id and ego_id in graph:
        status = t(
            "network.status_ego",
            lang,
            name=graph.nodes[ego_id].get("name", ego_id),
            actors=tn("count.actors", shown.number_of_nodes(), lang),
            links=tn("count.collaborations", shown.number_of_edges(), lang),
        )
    elif year is None:
        status = t("network.no_years", lang)
    else:
        status = t(
            "network.status",
            lang,
            scope=_scope_label(year, cumulative, lang),
            actors=tn("count.actors", shown.number_of_nodes(), lang),
            links=tn("count.collaborations", shown.number_of_edges(), lang),
        )
    badge = sample_badge(lang, "network-sample-badge") if selection.has_sample_rows else None
    return figure, status, badge


@callback(
    Output("network-metrics", "data"),
    Output("network-metrics", "page_count"),
    Input("url", "search"),
    Input("network-year", "value"),
    Input("network-cumulative", "value"),
    Input("network-metrics", "page_current"),
    Input("network-metrics", "sort_by"),
)
@cached_callback
def update_metrics_table(search, year, cumulative, page, sort_by):
    filters = Filters.from_search(search)
    snapshot = store().snapshot()
    selection = select_in(snapshot, filters)
    year = _scope_year(selection, year)
    _, table = nw.scope_network(
        selection, year, bool(cumulative), cache=_cache_scope(snapshot, filters)
    )
    return page_of(_table_frame(table, filters.lang), page, TABLE_PAGE_SIZE, sort_by)


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


register_actor_search("network-ego", _candidates_of)
register_actor_search("network-suggest-actor", _candidates_of)


@callback(
    *chart_card_outputs("network-growth"),
    Input("url", "search"),
    Input("network-cumulative", "value"),
)
@cached_callback
def update_growth(search, cumulative):
    filters = Filters.from_search(search)
    lang = filters.lang
    snapshot = store().snapshot()
    growth = nw.growth(
        select_in(snapshot, filters), bool(cumulative), cache=_cache_scope(snapshot, filters)
    )
    table = pd.DataFrame(
        {
            t("network.growth.year", lang): growth["year"].astype("int64"),
            t("network.growth.actors", lang): growth["actors"].astype("int64"),
            t("network.growth.links", lang): growth["links"].astype("int64"),
            t("network.growth.components", lang): growth["components"].astype("int64"),
            t("network.growth.largest_component", lang): growth["largest_component"].astype(
                "int64"
            ),
            t("network.growth.density_pct", lang): (
                100 * growth["density"].astype("float64")
            ).round(1),
            t("network.growth.clustering_pct", lang): (
                100 * growth["clustering"].astype("float64")
            ).round(1),
        }
    )
    return chart_card_values(
        growth_figure(growth, lang),
        table,
        lang,
        caption=t("network.growth.title", lang),
        filename=t("network.growth.filename", lang),
    )


def _suggestion_item(row, lang: str) -> html.Li:
    kind = t(f"type.{row.partner_type}", lang) if row.partner_type else t("common.unknown", lang)
    return html.Li(
        [
            html.Div(
                [
                    html.Span(f"{row.rank}. ", className="text-muted"),
                    html.Strong(str(row.partner_name)),
                    html.Span(f" · {kind}", className="text-muted"),
                    dbc.Badge(
                        t("network.suggest.points", lang, points=sg.score_points(row.score)),
                        color="light",
                        text_color="dark",
                        className="ms-2 border",
                    ),
                ]
            ),
            html.Ul(
                [html.Li(sg.reason_text(reason, lang)) for reason in row.reasons],
                className="small mb-0",
            ),
        ],
        className="list-group-item network-suggestion",
        id={"type": "network-suggestion", "partner": str(row.partner_id)},
    )


@callback(
    Output("network-suggestions", "children"),
    Input("url", "search"),
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
    year = _scope_year(selection, year)
    found = sg.suggest(sg.profiles(selection, tables, year, bool(cumulative)), actor_id)
    if found.empty:
        return dbc.Alert(
            t("network.suggest.none", lang),
            color="light",
            className="mb-0",
            id="network-suggestions-none",
        )
    return html.Ol(
        [_suggestion_item(row, lang) for row in found.itertuples(index=False)],
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
    year = _scope_year(selection, year)
    found = sg.suggest(sg.profiles(selection, tables, year, bool(cumulative)))
    parts = [t("network.suggest.filename", lang), filters.event or "", str(year or "")]
    stem = "-".join(re.sub(r"[^A-Za-z0-9_-]+", "-", part).strip("-") for part in parts if part)
    return dcc.send_bytes(
        frame_to_csv_bytes(sg.export_frame(found, lang)), f"{stem}.csv", type=CSV_MEDIA_TYPE
    )
