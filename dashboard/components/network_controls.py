"""The controls of /netzwerk (year, scope, sizes, colours, ego, pruning) and the items of
its partner suggestions. Layout only: the page's callbacks act on these ids."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis import suggestions as sg
from dashboard.analysis.network import MAX_DRAWN_NODES
from dashboard.components.attributes import aria
from dashboard.components.filter_bar import year_marks
from dashboard.components.slider_names import named_slider
from dashboard.i18n import t
from dashboard.state.network import ALL, NetworkView

MIN_WEIGHT_CHOICES = (2, 3, 4, 5)
MIN_DEGREE_CHOICES = (1, 2, 3, 5)
TOP_N_CHOICES = (25, 50, 100, 200)


def control_label(text: str, control_id: str) -> dbc.Label:
    return dbc.Label(text, html_for=control_id, className="filter-label")


def network_controls(
    years: list[int], actor_options: list[dict], view: NetworkView, lang: str
) -> dbc.Card:
    year: Component
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
        # "All" is capped at what a drawing can show (nw.readable): the option says so.
        "top": [{"label": t("network.prune.all", lang, n=MAX_DRAWN_NODES), "value": ALL}]
        + [
            {"label": t("network.prune.top_option", lang, n=n), "value": str(n)}
            for n in TOP_N_CHOICES
        ],
    }
    first = dbc.Row(
        [
            dbc.Col(
                [
                    control_label(t("network.year", lang), "network-year"),
                    named_slider(year, t("network.year", lang), lang, is_range=False),
                    dbc.Switch(
                        id="network-cumulative",
                        label=t("network.cumulative", lang),
                        value=view.cumulative,
                        className="mt-1",
                    ),
                ],
                width=12,
            ),
            dbc.Col(
                [
                    control_label(t("network.size_by", lang), "network-size-by"),
                    dbc.RadioItems(
                        id="network-size-by",
                        value=view.size_by,
                        options=[
                            {"label": t("network.size_by.degree", lang), "value": "degree"},
                            {"label": t("network.size_by.headcount", lang), "value": "headcount"},
                        ],
                    ),
                ],
                width=6,
            ),
            dbc.Col(
                [
                    control_label(t("network.colour_by", lang), "network-colour-by"),
                    dbc.RadioItems(
                        id="network-colour-by",
                        value=view.colour_by,
                        options=[
                            {"label": t("network.colour_by.community", lang), "value": "community"},
                            {"label": t("network.colour_by.type", lang), "value": "type"},
                        ],
                    ),
                ],
                width=6,
            ),
            dbc.Col(
                [
                    control_label(t("network.ego", lang), "network-ego"),
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
                width=12,
            ),
        ],
        className="g-3",
    )
    second = dbc.Row(
        [
            dbc.Col(html.Div(t("network.prune", lang), className="fw-semibold"), width=12),
            dbc.Col(
                [
                    control_label(t("network.prune.min_weight", lang), "network-min-weight"),
                    dbc.Select(
                        id="network-min-weight",
                        options=select_options["weight"],
                        value=str(view.min_weight),
                    ),
                ],
                width=12,
            ),
            dbc.Col(
                [
                    control_label(t("network.prune.min_degree", lang), "network-min-degree"),
                    dbc.Select(
                        id="network-min-degree",
                        options=select_options["degree"],
                        value=str(view.min_degree),
                    ),
                ],
                width=12,
            ),
            dbc.Col(
                [
                    control_label(t("network.prune.top_n", lang), "network-top-n"),
                    dbc.Select(id="network-top-n", options=select_options["top"], value=view.top_n),
                ],
                width=12,
            ),
        ],
        className="g-2 mt-2 border-top pt-2",
    )
    # A column beside the graph (the chart first, issue "Readable at every scale"): every
    # control takes the column's width, the two radio groups share a row.
    return html.Section(
        dbc.Card(dbc.CardBody([first, second])),
        className="h-100 network-controls",
        **aria(label=t("network.controls", lang)),
    )


def suggestion_item(row, lang: str) -> html.Li:
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
