"""Teilnahme: who came (per event and actor type, Bundesland, role, top actors) and who
comes back (new versus returning, cohorts, who has not come back)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, html

from dashboard.analysis import attendance as analysis
from dashboard.analysis import retention
from dashboard.analysis.selection import participations_of, select
from dashboard.cache.callbacks import cached_callback
from dashboard.components.badges import sample_badge
from dashboard.components.chart_card import chart_card, chart_card_outputs, chart_card_values
from dashboard.components.frame import page_frame
from dashboard.components.url_param import param_value, register_url_param
from dashboard.figures import attendance as figures
from dashboard.figures import retention as retention_figures
from dashboard.geo.states import state_name
from dashboard.i18n import t
from dashboard.state.filters import Filters
from dashboard.web.context import store

PATH = "/teilnahme"
dash.register_page(
    __name__,
    path=PATH,
    name=t("nav.attendance"),
    title=t("page.attendance.title"),
    order=2,
    nav_key="nav.attendance",
)

METRIC_ID = "attendance-metric"
METRIC_PARAM = "kennzahl"
EVENTS = "attendance-events"
ROLES = "attendance-roles"
STATES = "attendance-states"
TOP = "attendance-top"
RETENTION = "attendance-retention"
COHORTS = "attendance-cohorts"
LAPSED = "attendance-lapsed"
TOP_LIMIT = 15
LAPSED_TABLE_ROWS = 200


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    metric = dbc.RadioItems(
        id=METRIC_ID,
        options=[
            {"label": t(f"attendance.metric.{m}", lang), "value": m}
            for m in figures.ATTENDANCE_METRICS
        ],
        value=param_value(query, METRIC_PARAM, figures.ATTENDANCE_METRICS, "headcount"),
        inline=True,
        className="attendance-metric",
    )

    def card(card_id: str, key: str, **options):
        return chart_card(
            card_id,
            t(f"attendance.{key}.title", lang),
            lang,
            description=t(f"attendance.{key}.intro", lang),
            **options,
        )

    content = [
        html.Div(
            [
                html.H1(t("page.attendance.heading", lang), className="h3 mb-0 me-3"),
                html.Div(id="attendance-badge"),
            ],
            className="d-flex align-items-center mb-2",
        ),
        html.Div(
            [
                dbc.Label(
                    t("attendance.metric.label", lang),
                    html_for=METRIC_ID,
                    className="me-3 mb-0 fw-semibold",
                ),
                metric,
            ],
            className="d-flex align-items-center flex-wrap mb-3",
        ),
        dbc.Row(
            [dbc.Col(card(EVENTS, "events"), xl=8), dbc.Col(card(ROLES, "roles"), xl=4)],
            className="g-3 mb-3",
        ),
        dbc.Row(
            [dbc.Col(card(STATES, "states"), xl=6), dbc.Col(card(TOP, "top"), xl=6)],
            className="g-3 mb-4",
        ),
        html.H2(
            t("attendance.retention.heading", lang),
            className="h4 mb-1",
            id="attendance-retention-heading",
        ),
        html.P(t("attendance.retention.lead", lang), className="text-muted mb-3 attendance-lead"),
        dbc.Row(
            [dbc.Col(card(RETENTION, "retention"), xl=6), dbc.Col(card(COHORTS, "cohort"), xl=6)],
            className="g-3 mb-3",
        ),
        dbc.Row([dbc.Col(card(LAPSED, "lapsed", table_open=True))], className="g-3 mb-3"),
    ]
    return page_frame(PATH, filters, content)


def _type_label(lang: str):
    return lambda value: (
        t(f"type.{value}", lang) if isinstance(value, str) and value else t("common.unknown", lang)
    )


def _state_label(lang: str):
    return lambda code: (
        state_name(code, lang)
        if isinstance(code, str) and code and state_name(code, lang)
        else t("common.abroad_or_unknown", lang)
    )


def _col(key: str, lang: str) -> str:
    return t(f"attendance.col.{key}", lang)


def events_table(per_event: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _col("year", lang): per_event["year"].astype("int64"),
            _col("event", lang): per_event["title"].astype(str),
            _col("type", lang): per_event["type"].map(_type_label(lang)),
            _col("actors", lang): per_event["actors"].astype("int64"),
            _col("headcount", lang): per_event["headcount"].astype("int64"),
            _col("unknown", lang): per_event["unknown"].astype("int64"),
        }
    )


def roles_table(per_role: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _col("year", lang): per_role["year"].astype("int64"),
            _col("role", lang): per_role["role"].map(lambda r: t(f"attendance.role.{r}", lang)),
            _col("actors", lang): per_role["participations"].astype("int64"),
            _col("headcount", lang): per_role["headcount"].astype("int64"),
            _col("unknown", lang): per_role["unknown"].astype("int64"),
        }
    )


def states_table(per_state: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _col("state", lang): per_state["state"].map(_state_label(lang)),
            _col("actors", lang): per_state["actors"].astype("int64"),
            _col("participations", lang): per_state["participations"].astype("int64"),
            _col("headcount", lang): per_state["headcount"].astype("int64"),
            _col("unknown", lang): per_state["unknown"].astype("int64"),
        }
    )


def top_table(top: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _col("rank", lang): top["rank"].astype("int64"),
            _col("name", lang): top["name"].astype(str),
            _col("type", lang): top["type"].map(_type_label(lang)),
            _col("state", lang): top["state"].map(_state_label(lang)),
            _col("events", lang): top["events"].astype("int64"),
            _col("headcount", lang): top["headcount"].astype("Int64"),
            _col("unknown", lang): top["unknown"].astype("int64"),
        }
    )


def retention_table(per_year: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _col("year", lang): per_year["year"].astype("int64"),
            _col("new", lang): per_year["new"].astype("int64"),
            _col("returning", lang): per_year["returning"].astype("int64"),
            _col("actors", lang): per_year["actors"].astype("int64"),
            _col("returning_share", lang): (
                per_year["returning_share"].astype("float64") * 100
            ).round(1),
        }
    )


def cohort_table(matrix: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Cohort matrix as a table: first column the cohort, one column per event year;
    years before a cohort began stay empty (shown as "–", an empty cell in downloads)."""
    table = matrix.copy()
    table.columns = [str(year) for year in table.columns]
    table = table.astype("Int64").reset_index()
    return table.rename(columns={"cohort": _col("cohort", lang)})


def lapsed_table(lapsed: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _col("name", lang): lapsed["name"].astype(str),
            _col("type", lang): lapsed["type"].map(_type_label(lang)),
            _col("state", lang): lapsed["state"].map(_state_label(lang)),
            _col("last_year", lang): lapsed["last_year"].astype("int64"),
            _col("participations", lang): lapsed["participations"].astype("int64"),
        }
    )


def _selection(search: str | None):
    """Filters, the snapshot and the filtered view (participations cached per data version)."""
    filters = Filters.from_search(search)
    snapshot = store().snapshot()
    participation = snapshot.derived("participations", participations_of)
    return filters, snapshot, select(snapshot.tables, filters, participation)


@callback(
    *chart_card_outputs(EVENTS),
    *chart_card_outputs(ROLES),
    *chart_card_outputs(STATES),
    *chart_card_outputs(TOP),
    Output("attendance-badge", "children"),
    Input("url", "search"),
    Input(METRIC_ID, "value"),
)
@cached_callback
def update_attendance(search, metric):
    filters, _snapshot, selection = _selection(search)
    lang = filters.lang
    per_event = analysis.per_event_by_type(selection)
    per_role = analysis.per_role(selection)
    per_state = analysis.by_state(selection)
    state_names = per_state["state"].map(_state_label(lang))
    top = analysis.top_actors(selection, TOP_LIMIT)
    return (
        *chart_card_values(
            figures.attendance_per_event_by_type(per_event, lang, metric),
            events_table(per_event, lang),
            lang,
            t("attendance.events.title", lang),
            "teilnahme-je-veranstaltung",
        ),
        *chart_card_values(
            figures.attendance_per_role(per_role, lang),
            roles_table(per_role, lang),
            lang,
            t("attendance.roles.title", lang),
            "teilnahme-je-rolle",
        ),
        *chart_card_values(
            figures.attendance_by_state(
                per_state, state_names, lang, "actors" if metric == "actors" else "headcount"
            ),
            states_table(per_state, lang),
            lang,
            t("attendance.states.title", lang),
            "teilnahme-je-bundesland",
        ),
        *chart_card_values(
            figures.top_actors_chart(top, lang),
            top_table(top, lang),
            lang,
            t("attendance.top.title", lang),
            "teilnahme-top-akteure",
        ),
        sample_badge(lang, "attendance-sample-badge") if selection.has_sample_rows else None,
    )


@callback(
    *chart_card_outputs(RETENTION),
    *chart_card_outputs(COHORTS),
    *chart_card_outputs(LAPSED),
    Input("url", "search"),
)
@cached_callback
def update_retention(search):
    filters, snapshot, selection = _selection(search)
    lang = filters.lang
    first = snapshot.derived("retention.first_years", retention.first_years)
    per_year = retention.new_vs_returning(selection, first)
    matrix = retention.cohorts(selection, first)
    lapsed = retention.not_returned(selection)
    return (
        *chart_card_values(
            retention_figures.new_vs_returning(per_year, lang),
            retention_table(per_year, lang),
            lang,
            t("attendance.retention.title", lang),
            "wiederkehr-neu-und-wiederkehrend",
            missing="–",
        ),
        *chart_card_values(
            retention_figures.cohort_heatmap(matrix, lang),
            cohort_table(matrix, lang),
            lang,
            t("attendance.cohort.title", lang),
            "wiederkehr-kohorten",
            missing="–",
        ),
        *chart_card_values(
            retention_figures.not_returned_chart(retention.not_returned_per_year(lapsed), lang),
            lapsed_table(lapsed, lang),
            lang,
            t("attendance.lapsed.title", lang),
            "nicht-wiedergekommen",
            max_rows=LAPSED_TABLE_ROWS,
        ),
    )


register_url_param(METRIC_ID, METRIC_PARAM, "headcount")
