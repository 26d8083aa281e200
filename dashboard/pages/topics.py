"""Themen: topics per year (sessions and people), trends, the sessions of one event, and
topics by actor type. Clicking a topic sets the global topic filter (?thema=…)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard.analysis import topics as analysis
from dashboard.analysis.selection import participations_of, select
from dashboard.cache.callbacks import cached_callback
from dashboard.components.badges import sample_badge
from dashboard.components.chart_card import (
    chart_card,
    chart_card_outputs,
    chart_card_values,
    graph_id,
)
from dashboard.components.filter_bar import TOPIC_ID
from dashboard.components.frame import page_frame
from dashboard.components.url_param import param_value, register_url_param
from dashboard.figures import topics as figures
from dashboard.i18n import t
from dashboard.state.filters import Filters, search_keeping_page_params
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
METRIC_PARAM = "kennzahl"
EVENT_PARAM = "sitzungen"
HEATMAP = "topics-heatmap"
TRENDS = "topics-trends"
SESSIONS = "topics-sessions"
TYPES = "topics-types"
CLICKABLE = (HEATMAP, TRENDS, TYPES)


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    tables, selection = _selection(filters)
    events = selection.events.sort_values(["year", "id"], ascending=[False, True])
    metric = dbc.RadioItems(
        id=METRIC_ID,
        options=[
            {"label": t(f"topics.metric.{m}", lang), "value": m} for m in figures.TOPIC_METRICS
        ],
        value=param_value(query, METRIC_PARAM, figures.TOPIC_METRICS, "sessions"),
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
                value=param_value(
                    query,
                    EVENT_PARAM,
                    set(events["id"]),
                    analysis.default_event(tables, selection, filters.event),
                ),
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
        html.Div(
            [
                html.H1(t("page.topics.heading", lang), className="h3 mb-0 me-3"),
                html.Div(id="topics-badge"),
            ],
            className="d-flex align-items-center mb-2",
        ),
        html.P(
            [
                html.I(className="bi bi-hand-index me-2", **{"aria-hidden": "true"}),
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
    return page_frame(PATH, filters, content)


def _selection(filters: Filters):
    """The tables and the filtered view (participations cached per data version)."""
    snapshot = store().snapshot()
    participation = snapshot.derived("participations", participations_of)
    return snapshot.tables, select(snapshot.tables, filters, participation)


def _col(key: str, lang: str) -> str:
    return t(f"topics.col.{key}", lang)


def heatmap_table(per_year: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _col("topic", lang): per_year["topic"].astype(str),
            _col("year", lang): per_year["year"].astype("int64"),
            _col("sessions", lang): per_year["sessions"].astype("int64"),
            _col("actors", lang): per_year["actors"].astype("int64"),
            _col("headcount", lang): per_year["headcount"].astype("int64"),
            _col("unknown", lang): per_year["unknown"].astype("int64"),
        }
    )


def trends_table(per_year: pd.DataFrame, years: list[int], metric: str, lang: str) -> pd.DataFrame:
    """Topic × year of the shown metric, 0 where a topic had no session that year."""
    metric = metric if metric in figures.TOPIC_METRICS else "sessions"
    if per_year.empty or not years:
        return pd.DataFrame(columns=[_col("topic", lang)] + [str(year) for year in years])
    wide = (
        per_year.pivot_table(index="topic", columns="year", values=metric, aggfunc="sum")
        .reindex(columns=years)
        .fillna(0)
    )
    wide = wide.astype("int64")
    wide.columns = [str(year) for year in wide.columns]
    wide = wide.reset_index().rename(columns={"topic": _col("topic", lang)})
    return wide.sort_values(_col("topic", lang), key=lambda s: s.str.lower(), ignore_index=True)


def sessions_table(sessions: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _col("session", lang): sessions["title"].astype(str),
            _col("kind", lang): sessions["kind"].map(
                lambda k: t(f"topics.kind.{k}", lang) if k in figures.KIND_COLOURS else str(k)
            ),
            _col("topics", lang): sessions["topics"].astype(str),
            _col("actors", lang): sessions["actors"].astype("int64"),
            _col("headcount", lang): sessions["headcount"].astype("int64"),
            _col("unknown", lang): sessions["unknown"].astype("int64"),
        }
    )


def by_type_table(by_type: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _col("topic", lang): by_type["topic"].astype(str),
            _col("type", lang): by_type["type"].map(lambda v: t(f"type.{v}", lang)),
            _col("actors", lang): by_type["actors"].astype("int64"),
            _col("headcount", lang): by_type["headcount"].astype("int64"),
            _col("unknown", lang): by_type["unknown"].astype("int64"),
        }
    )


@callback(
    *chart_card_outputs(HEATMAP),
    *chart_card_outputs(TRENDS),
    *chart_card_outputs(TYPES),
    Output("topics-badge", "children"),
    Input("url", "search"),
    Input(METRIC_ID, "value"),
)
@cached_callback
def update_topics(search, metric):
    filters = Filters.from_search(search)
    lang = filters.lang
    tables, selection = _selection(filters)
    years = sorted(int(year) for year in selection.events["year"].unique())
    per_year = analysis.topic_year(tables, selection)
    metric = metric if metric in figures.TOPIC_METRICS else "sessions"
    matrix = analysis.heatmap_matrix(per_year, metric, years)
    unknown = analysis.heatmap_matrix(per_year, "unknown", years).drop(columns="topic")
    by_type = analysis.topics_by_type(tables, selection)
    selected = _topic_id(tables, filters.topic)
    return (
        *chart_card_values(
            figures.topic_heatmap(matrix, lang, metric, selected, unknown),
            heatmap_table(per_year, lang),
            lang,
            t("topics.heatmap.title", lang),
            "themen-je-jahr",
        ),
        *chart_card_values(
            figures.topic_trends(per_year, years, lang, metric),
            trends_table(per_year, years, metric, lang),
            lang,
            t("topics.trends.title", lang),
            "themen-trends",
        ),
        *chart_card_values(
            figures.topics_by_type_chart(by_type, lang),
            by_type_table(by_type, lang),
            lang,
            t("topics.by_type.title", lang),
            "themen-nach-art",
        ),
        sample_badge(lang, "topics-sample-badge") if selection.has_sample_rows else None,
    )


@callback(
    *chart_card_outputs(SESSIONS),
    Input("url", "search"),
    Input(EVENT_ID, "value"),
)
@cached_callback
def update_sessions(search, event_id):
    filters = Filters.from_search(search)
    lang = filters.lang
    tables, selection = _selection(filters)
    event_id = analysis.default_event(tables, selection, event_id)
    sessions = analysis.event_sessions(tables, selection, event_id)
    return chart_card_values(
        figures.event_sessions_chart(sessions, lang),
        sessions_table(sessions, lang),
        lang,
        t("topics.sessions.title", lang),
        f"sitzungen-{event_id or 'keine'}",
    )


def _topic_id(tables, topic: str | None) -> str | None:
    """The id of a topic given by id or by name (links may carry either)."""
    if not topic:
        return None
    frame = tables["topics"]
    match = frame.loc[(frame["id"] == topic) | (frame["name"] == topic), "id"]
    return str(match.iloc[0]) if not match.empty else None


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
    topic_id = figures.clicked_topic(click)
    tables = store().snapshot().tables
    topic_id = _topic_id(tables, topic_id)
    if topic_id is None:
        return no_update, no_update
    new_search = search_with_topic(search, topic_id)
    return (no_update if new_search == (search or "") else new_search), topic_id


register_url_param(METRIC_ID, METRIC_PARAM, "sessions")
register_url_param(EVENT_ID, EVENT_PARAM, None)
