"""/daten: "Teilnahmeliste importieren" — the card and the ids its callbacks use.

The user picks the event (or types a new one), uploads the list, confirms the proposed
column mapping, decides the organisations in review, and commits one batch. What the preview
shows is built in `list_preview`, the callbacks are in `list_import_callbacks`.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import State, dcc, html

from dashboard.components.attributes import aria
from dashboard.components.upload import upload_limit_mb
from dashboard.exchange.lists.sheet import WORKBOOK_SUFFIXES
from dashboard.i18n import t
from dashboard.web import auth
from dashboard.web.context import app_context

EDITOR = auth.EDITOR
ACCEPT = ".csv,.txt,.tsv," + ",".join(WORKBOOK_SUFFIXES)
NEW_EVENT = "__neu__"
FIELD_ID = "liste-field"
REVIEW_ID = "liste-review"
PLACE_ID = "liste-place"
# The event the list belongs to (chosen, or typed in as new) and the address, in this order.
EVENT_STATES = [
    *(
        State(component, "value")
        for component in (
            "liste-event",
            "liste-event-title",
            "liste-event-year",
            "liste-event-date",
            "liste-event-city",
        )
    ),
    State("url", "search"),
]


def card(lang: str, events: list[dict]) -> dbc.Card:
    """The card; `events` are the stored events (id, year, title), newest first."""
    settings = app_context().settings
    spinner = html.Div(
        [dbc.Spinner(size="sm", spinner_class_name="me-2"), t("data.working", lang)],
        className="d-flex align-items-center text-muted",
        role="status",
    )
    options = [{"label": f"{e['year']} – {e['title']}", "value": e["id"]} for e in events]
    options.append({"label": t("list.event.new", lang), "value": NEW_EVENT})
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(t("list.heading", lang), className="h5 mb-0")),
            dbc.CardBody(
                [
                    html.P(t("list.intro", lang, mb=upload_limit_mb(settings, lang))),
                    dbc.Label(
                        t("list.event.label", lang), html_for="liste-event", className="fw-semibold"
                    ),
                    dcc.Dropdown(
                        id="liste-event",
                        options=options,
                        value=events[0]["id"] if events else NEW_EVENT,
                        clearable=False,
                        className="mb-2",
                    ),
                    dbc.Collapse(_new_event_form(lang), id="liste-new-event", is_open=not events),
                    dcc.Upload(
                        id="liste-upload",
                        children=html.Div(
                            [
                                html.I(className="bi bi-upload me-2", **aria(hidden="true")),
                                t("list.upload", lang),
                            ]
                        ),
                        accept=ACCEPT,
                        max_size=settings.upload_max_bytes,
                        multiple=False,
                        className="daten-upload mt-2",
                    ),
                    html.Div(
                        [
                            dbc.Label(
                                t("list.sheet", lang),
                                html_for="liste-sheet",
                                className="fw-semibold mt-2",
                            ),
                            dcc.Dropdown(id="liste-sheet", clearable=False),
                        ],
                        id="liste-sheet-row",
                        hidden=True,
                    ),
                    dcc.Loading(
                        html.Div(id="liste-mapping", className="mt-3"),
                        custom_spinner=spinner,
                        delay_show=300,
                    ),
                    # Part of the card from the start: Dash checks every callback's ids against it.
                    dbc.Button(
                        t("list.mapping.apply", lang),
                        id="liste-apply",
                        color="outline-primary",
                        size="sm",
                        className="liste-apply",
                        style={"display": "none"},
                    ),
                    dcc.Loading(
                        html.Div(id="liste-preview", className="mt-3"),
                        custom_spinner=spinner,
                        delay_show=300,
                    ),
                    dbc.Button(
                        t("list.commit", lang),
                        id="liste-commit",
                        color="primary",
                        disabled=True,
                        className="mt-3",
                    ),
                    dcc.Loading(
                        html.Div(id="liste-result", className="mt-3"),
                        custom_spinner=spinner,
                        delay_show=300,
                    ),
                    dcc.Store(id="liste-state"),
                ]
            ),
        ],
        className="mb-3",
    )


def _new_event_form(lang: str) -> dbc.Row:
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(
                        t("list.event.title", lang),
                        html_for="liste-event-title",
                        className="small mb-0",
                    ),
                    dbc.Input(id="liste-event-title", size="sm", maxLength=200),
                ],
                md=5,
            ),
            dbc.Col(
                [
                    dbc.Label(
                        t("list.event.year", lang),
                        html_for="liste-event-year",
                        className="small mb-0",
                    ),
                    dbc.Input(id="liste-event-year", size="sm", type="number", min=1900, max=2200),
                ],
                md=2,
            ),
            dbc.Col(
                [
                    dbc.Label(
                        t("list.event.date", lang),
                        html_for="liste-event-date",
                        className="small mb-0",
                    ),
                    dbc.Input(id="liste-event-date", size="sm", type="date"),
                ],
                md=3,
            ),
            dbc.Col(
                [
                    dbc.Label(
                        t("list.event.city", lang),
                        html_for="liste-event-city",
                        className="small mb-0",
                    ),
                    dbc.Input(id="liste-event-city", size="sm", maxLength=120),
                ],
                md=2,
            ),
        ],
        className="g-2 mb-2",
    )
