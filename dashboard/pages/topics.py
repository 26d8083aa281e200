"""Themen: topics per year (sessions and people), trends, the sessions of one event, and
topics by actor type. Clicking a topic sets the global topic filter (?thema=…)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard.analysis.selection import select_in
from dashboard.cache.callbacks import cached_callback
from dashboard.components.attributes import aria
from dashboard.components.badges import sample_badge
from dashboard.components.chart_card import chart_card, chart_card_outputs, graph_id
from dashboard.components.filter_bar import TOPIC_ID
from dashboard.components.frame import page_frame
from dashboard.components.state_notes import state_notes
from dashboard.components.url_param import (
    register_search_store,
    register_url_param,
    search_store,
)
from dashboard.components.view_card import view_card_values
from dashboard.figures.topics import clicked_topic
from dashboard.i18n import t
from dashboard.state.embed import Embed
from dashboard.state.filters import Filters, search_keeping_page_params
from dashboard.state.topics import DEFAULT_METRIC, METRICS, PARAM_EVENT, PARAM_METRIC, TopicsState
from dashboard.views import topics as views
from dashboard.web.context import store

PATH = "/themen"
dash.register_page(
    __name__,
    path=PATH,
    name=t("nav.topics"),
    title=t("page.topics.title"),
    order=3,
    nav_key="nav.topics",
)

METRIC_ID = "topics-metric"
EVENT_ID = "topics-event"
NOTES_ID = "topics-state-notes"
HEATMAP = "topics-heatmap"
TRENDS = "topics-trends"
SESSIONS = "topics-sessions"
TYPES = "topics-types"
CLICKABLE = (HEATMAP, TRENDS, TYPES)


# The address without the page's own settings: each chart reads the filters from here and
# its own setting from its control, so changing one setting redraws only its charts.
FILTERS_ID = "topics-filters"
OWN_PARAMS = (PARAM_METRIC, PARAM_EVENT)


def layout(**query) -> html.Div:
    filters, notes = Filters.parse(query)
    state, own_notes = TopicsState.parse(query)
    lang = filters.lang
    snapshot = store().snapshot()
    selection = select_in(snapshot, filters)
    events = selection.events.sort_values(["year", "id"], ascending=[False, True])
    metric = dbc.RadioItems(
        id=METRIC_ID,
        options=[{"label": t(f"topics.metric.{m}", lang), "value": m} for m in METRICS],
        value=state.metric,
        inline=True,
    )
    event_picker = html.Div(
        [
            dbc.Label(
                t("topics.sessions.event", lang), html_for=EVENT_ID, className="mb-1 fw-semibold"
            ),
            dcc.Dropdown(
                id=EVENT_ID,
                options=[
                    {"label": f"{row.year} · {row.title}", "value": row.id}
                    for row in events.itertuples(index=False)
                ],
                value=views.sessions_event(snapshot, filters, state, selection),
                clearable=False,
                placeholder=t("topics.sessions.no_event", lang),
            ),
        ]
    )

    def card(card_id: str, key: str, **options):
        return chart_card(
            card_id,
            t(f"topics.{key}.title", lang),
            lang,
            description=t(f"topics.{key}.intro", lang),
            **options,
        )

    content = [
        search_store(FILTERS_ID),
        html.Div(
            [
                html.H1(t("page.topics.heading", lang), className="h3 mb-0 me-3"),
                html.Div(id="topics-badge"),
            ],
            className="d-flex align-items-center mb-2",
        ),
        state_notes(notes + own_notes, lang, NOTES_ID),
        html.P(
            [
                html.I(className="bi bi-hand-index me-2", **aria(hidden="true")),
                t("topics.click_lead", lang),
            ],
            className="text-muted mb-2 topics-lead",
        ),
        html.Div(
            [
                dbc.Label(
                    t("topics.metric.label", lang),
                    html_for=METRIC_ID,
                    className="me-3 mb-0 fw-semibold",
                ),
                metric,
            ],
            className="d-flex align-items-center flex-wrap mb-3",
        ),
        dbc.Row(
            [dbc.Col(card(HEATMAP, "heatmap"), xl=7), dbc.Col(card(TRENDS, "trends"), xl=5)],
            className="g-3 mb-3",
        ),
        dbc.Row(
            [
                dbc.Col(card(SESSIONS, "sessions", controls=event_picker), xl=6),
                dbc.Col(card(TYPES, "by_type"), xl=6),
            ],
            className="g-3 mb-3",
        ),
    ]
    return page_frame(PATH, filters, content, embed=Embed.from_params(query))


def _selected(search: str | None, own: dict[str, object]):
    """Filters, snapshot, selection and page state (from the page's `own` settings) one
    chart of the page is drawn for."""
    filters = Filters.from_search(search)
    snapshot = store().snapshot()
    return filters, snapshot, select_in(snapshot, filters), TopicsState.parse(own)[0]


def _register_card(card_id: str, view, filename: str) -> None:
    """One callback per chart: the browser draws each answer in its own task, so three
    charts in one answer held it for half a second at national scale."""

    @callback(
        *chart_card_outputs(card_id),
        Input(FILTERS_ID, "data"),
        Input(METRIC_ID, "value"),
    )
    @cached_callback
    def update_card(search, metric):
        filters, snapshot, selection, state = _selected(search, {PARAM_METRIC: metric})
        return view_card_values(view(snapshot, filters, state, selection), filters.lang, filename)


_register_card(HEATMAP, views.heatmap, "themen-je-jahr")
_register_card(TRENDS, views.trends, "themen-trends")
_register_card(TYPES, views.by_type, "themen-nach-art")


@callback(
    Output("topics-badge", "children"),
    Input(FILTERS_ID, "data"),
)
@cached_callback
def update_badge(search):
    filters, _snapshot, selection, _state = _selected(search, {})
    return sample_badge(filters.lang, "topics-sample-badge") if selection.has_sample_rows else None


@callback(
    *chart_card_outputs(SESSIONS),
    Input(FILTERS_ID, "data"),
    Input(EVENT_ID, "value"),
)
@cached_callback
def update_sessions(search, event_id):
    filters, snapshot, selection, state = _selected(search, {PARAM_EVENT: event_id})
    shown = views.sessions_event(snapshot, filters, state, selection)
    return view_card_values(
        views.sessions(snapshot, filters, state, selection),
        filters.lang,
        f"sitzungen-{shown or 'keine'}",
    )


def search_with_topic(search: str | None, topic_id: str) -> str:
    """The query string with the topic filter ("thema") set, every other parameter kept."""
    filters = Filters.from_search(search).with_changes(topic=topic_id)
    return search_keeping_page_params(filters, search)


@callback(
    Output("url", "search", allow_duplicate=True),
    Output(TOPIC_ID, "value", allow_duplicate=True),
    *[Input(graph_id(card), "clickData") for card in CLICKABLE],
    State("url", "search"),
    prevent_initial_call=True,
)
def click_topic(*args):
    search = args[-1]
    click = (
        dict(zip(CLICKABLE, args[:-1], strict=False)).get(ctx.triggered_id.removesuffix("-graph"))
        if ctx.triggered_id
        else None
    )
    topic_id = views.topic_id(store().snapshot().tables, clicked_topic(click))
    if topic_id is None:
        return no_update, no_update
    new_search = search_with_topic(search, topic_id)
    return (no_update if new_search == (search or "") else new_search), topic_id


register_url_param(METRIC_ID, PARAM_METRIC, DEFAULT_METRIC)
register_url_param(EVENT_ID, PARAM_EVENT, None)
register_search_store(FILTERS_ID, OWN_PARAMS)
