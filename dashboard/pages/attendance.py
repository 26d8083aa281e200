"""Teilnahme: who came (per event and actor type, Bundesland, role, top actors) and who
comes back (new versus returning, cohorts, who has not come back)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html

from dashboard.analysis.selection import select_in
from dashboard.cache.callbacks import cached_callback
from dashboard.components.badges import sample_badge
from dashboard.components.chart_card import chart_card, chart_card_outputs
from dashboard.components.frame import page_frame
from dashboard.components.state_notes import state_notes
from dashboard.components.url_param import (
    register_search_store,
    register_url_param,
    search_store,
)
from dashboard.components.view_card import view_card_values
from dashboard.i18n import t
from dashboard.state.attendance import DEFAULT_METRIC, METRICS, PARAM_METRIC, AttendanceState
from dashboard.state.embed import Embed
from dashboard.state.filters import Filters
from dashboard.views import attendance as views
from dashboard.views import retention as retention_views
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
EVENTS = "attendance-events"
ROLES = "attendance-roles"
STATES = "attendance-states"
TOP = "attendance-top"
RETENTION = "attendance-retention"
COHORTS = "attendance-cohorts"
LAPSED = "attendance-lapsed"
NOTES_ID = "attendance-state-notes"
LAPSED_TABLE_ROWS = 50
# The address without the page's measure: the charts read the filters from here, so a
# switch of the measure (written to the address) redraws only the charts that use it.
FILTERS_ID = "attendance-filters"


def layout(**query) -> html.Div:
    filters, notes = Filters.parse(query)
    state, own_notes = AttendanceState.parse(query)
    lang = filters.lang
    metric = dbc.RadioItems(
        id=METRIC_ID,
        options=[{"label": t(f"attendance.metric.{m}", lang), "value": m} for m in METRICS],
        value=state.metric,
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
        search_store(FILTERS_ID),
        html.Div(
            [
                html.H1(t("page.attendance.heading", lang), className="h3 mb-0 me-3"),
                html.Div(id="attendance-badge"),
            ],
            className="d-flex align-items-center mb-2",
        ),
        state_notes(notes + own_notes, lang, NOTES_ID),
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
    return page_frame(PATH, filters, content, embed=Embed.from_params(query))


def _selection(search: str | None):
    """Filters, the snapshot and the filtered view every chart of one callback shares."""
    filters = Filters.from_search(search)
    snapshot = store().snapshot()
    return filters, snapshot, select_in(snapshot, filters)


def _cards(search, metric, *cards: tuple) -> tuple:
    """The values of chart cards (view, file name) for the address and the measure, and
    the selection they show."""
    filters, snapshot, selection = _selection(search)
    state = AttendanceState.parse({PARAM_METRIC: metric})[0]
    values: tuple = ()
    for view, filename in cards:
        values += view_card_values(
            view(snapshot, filters, state, selection), filters.lang, filename
        )
    return values, filters, selection


# The measure ("Zählen nach") changes two charts; the other two come from their own
# callback, so a switch of the measure redraws two figures, not four, in one browser task.
@callback(
    *chart_card_outputs(EVENTS),
    *chart_card_outputs(STATES),
    Input(FILTERS_ID, "data"),
    Input(METRIC_ID, "value"),
)
@cached_callback
def update_measured(search, metric):
    values, _filters, _selection_shown = _cards(
        search,
        metric,
        (views.events, "teilnahme-je-veranstaltung"),
        (views.states, "teilnahme-je-bundesland"),
    )
    return values


@callback(
    *chart_card_outputs(ROLES),
    *chart_card_outputs(TOP),
    Output("attendance-badge", "children"),
    Input(FILTERS_ID, "data"),
)
@cached_callback
def update_counted(search):
    values, filters, selection = _cards(
        search,
        None,
        (views.roles, "teilnahme-je-rolle"),
        (views.top, "teilnahme-top-akteure"),
    )
    badge = (
        sample_badge(filters.lang, "attendance-sample-badge") if selection.has_sample_rows else None
    )
    return (*values, badge)


@callback(
    *chart_card_outputs(RETENTION),
    *chart_card_outputs(COHORTS),
    *chart_card_outputs(LAPSED),
    Input(FILTERS_ID, "data"),
)
@cached_callback
def update_retention(search):
    filters, snapshot, selection = _selection(search)
    lang = filters.lang
    return (
        *view_card_values(
            retention_views.new_vs_returning(snapshot, filters, selection),
            lang,
            "wiederkehr-neu-und-wiederkehrend",
            missing="–",
        ),
        *view_card_values(
            retention_views.cohorts(snapshot, filters, selection),
            lang,
            "wiederkehr-kohorten",
            missing="–",
        ),
        *view_card_values(
            retention_views.lapsed(snapshot, filters, selection),
            lang,
            "nicht-wiedergekommen",
            max_rows=LAPSED_TABLE_ROWS,
        ),
    )


register_url_param(METRIC_ID, PARAM_METRIC, DEFAULT_METRIC)
register_search_store(FILTERS_ID, (PARAM_METRIC,))
