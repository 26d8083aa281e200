"""/praesentation: the editor of the deck collected on the pages — rename, reorder, remove,
pick a chart, start, copy the link, PDF, save. The page module registers its callbacks."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.attributes import aria, data
from dashboard.db.decks import list_decks
from dashboard.i18n import DEFAULT_LANGUAGE, t
from dashboard.presentation.deck import (
    MAX_NOTES,
    PARAM_EDIT,
    PARAM_SAVED,
    PRESENTATION_PATH,
    SLIDE_CHARTS,
    Deck,
    deck_to_data,
    presentation_href,
)
from dashboard.presentation.deck_pdf import PDF_PATH
from dashboard.presentation.ready_decks import ready_decks
from dashboard.presentation.slides import chart_title
from dashboard.web import auth
from dashboard.web.context import app_context, store

PATH = PRESENTATION_PATH
LOAD_ID = "presentation-load"
NAME_ID = "presentation-name"
LIST_ID = "presentation-slides"
START_ID = "presentation-start"
LINK_ID = "presentation-link"
PDF_ID = "presentation-pdf"
PDF_STATUS_ID = "presentation-pdf-status"
CLEAR_ID = "presentation-clear"
SAVE_ID = "presentation-save"
SAVE_STATUS_ID = "presentation-save-status"
SAVED_ID = "presentation-saved"
LANG_ID = "presentation-lang"


def _deck_item(name: str, show: str, edit: str, item_id: str, lang: str, ready: bool) -> html.Li:
    badge = (
        html.Span(t("presentation.ready.badge", lang), className="badge text-bg-light border me-2")
        if ready
        else None
    )
    return html.Li(
        [
            html.Div([html.Span(name, className="fw-semibold me-2"), badge]),
            html.Div(
                [
                    dcc.Link(
                        [
                            html.I(className="bi bi-play-fill me-1", **aria(hidden="true")),
                            t("presentation.saved.show", lang),
                        ],
                        href=show,
                        className="me-3",
                        id=f"{item_id}-show",
                    ),
                    dcc.Link(t("presentation.saved.edit", lang), href=edit, id=f"{item_id}-edit"),
                ]
            ),
        ],
        className="list-group-item",
        id=item_id,
    )


def deck_list(lang: str) -> html.Ul | html.P:
    """The decks one click starts: the ready ones made from the data, then the saved ones."""
    ready = [
        _deck_item(
            deck.name,
            presentation_href(deck, lang),
            presentation_href(deck, lang, edit=True),
            f"presentation-ready-{i}",
            lang,
            ready=True,
        )
        for i, deck in enumerate(ready_decks(store().snapshot(), lang))
    ]
    suffix = "" if lang == DEFAULT_LANGUAGE else f"&lang={lang}"
    saved = [
        _deck_item(
            name,
            f"{PATH}?{PARAM_SAVED}={deck_id}{suffix}",
            f"{PATH}?{PARAM_SAVED}={deck_id}&{PARAM_EDIT}=1{suffix}",
            f"presentation-saved-{deck_id}",
            lang,
            ready=False,
        )
        for deck_id, name in list_decks(app_context().engine)
    ]
    if not ready and not saved:
        return html.P(
            t("presentation.saved.none", lang),
            className="text-muted mb-0",
            id="presentation-saved-none",
        )
    return html.Ul(ready + saved, className="list-group", id="presentation-decks")


def content(lang: str, loaded: Deck | None) -> list:
    """The editor's part of the page; `loaded` is a deck the address opened for editing."""
    actions = html.Div(
        [
            dcc.Link(
                [
                    html.I(className="bi bi-play-fill me-1", **aria(hidden="true")),
                    t("presentation.start", lang),
                ],
                href=PATH,
                id=START_ID,
                className="btn btn-primary",
            ),
            # assets/pdf_download.js fetches the PDF itself, to say that it is being made (it
            # takes a few seconds per slide) and when that failed; without script it is a link.
            html.A(
                [
                    html.I(className="bi bi-file-earmark-pdf me-1", **aria(hidden="true")),
                    t("presentation.pdf", lang),
                ],
                href=PDF_PATH,
                id=PDF_ID,
                className="btn btn-outline-primary",
                download="",
                **aria(describedby=PDF_STATUS_ID),
                **data(
                    busy=t("presentation.pdf.busy", lang), failed=t("presentation.pdf.failed", lang)
                ),
            ),
            html.Button(
                [
                    html.I(className="bi bi-trash me-1", **aria(hidden="true")),
                    t("presentation.clear", lang),
                ],
                id=CLEAR_ID,
                n_clicks=0,
                type="button",
                className="btn btn-outline-danger",
            ),
        ],
        className="d-flex flex-wrap gap-2 mb-2",
    )
    pdf_status = html.Div(
        id=PDF_STATUS_ID,
        role="status",
        className="small text-muted mb-3",
        **aria(live="polite"),
    )
    link = html.Div(
        [
            dbc.Label(t("presentation.link", lang), html_for=LINK_ID, className="fw-semibold"),
            html.Div(
                [
                    dbc.Input(id=LINK_ID, type="text", readonly=True, value=""),
                    html.Span(
                        dcc.Clipboard(target_id=LINK_ID, title=t("presentation.copy_link", lang)),
                        className="input-group-text",
                    ),
                ],
                className="input-group",
            ),
            dbc.FormText(t("presentation.link_help", lang)),
        ],
        className="mb-3",
    )
    deck_card = dbc.Card(
        [
            dbc.CardHeader(html.H2(t("presentation.deck.heading", lang), className="h5 mb-0")),
            dbc.CardBody(
                [
                    dbc.Label(
                        t("presentation.deck.name", lang), html_for=NAME_ID, className="fw-semibold"
                    ),
                    dbc.Input(
                        id=NAME_ID,
                        type="text",
                        debounce=True,
                        maxLength=120,
                        className="mb-3",
                        placeholder=t("presentation.deck.name_placeholder", lang),
                    ),
                    html.Div(id=LIST_ID, className="mb-3"),
                    actions,
                    pdf_status,
                    link,
                ]
            ),
        ],
        className="mb-3",
    )
    # Saving writes to the database: the button is there for editors only.
    save_button: html.Button | html.P
    if auth.shows_writes(auth.EDITOR):
        save_button = html.Button(
            [
                html.I(className="bi bi-save me-1", **aria(hidden="true")),
                t("presentation.save", lang),
            ],
            id=SAVE_ID,
            n_clicks=0,
            type="button",
            className="btn btn-outline-primary mb-2",
        )
    else:
        save_button = html.P(
            t("presentation.save.forbidden", lang),
            className="small text-muted",
            id="presentation-save-hint",
        )
    saved_card = dbc.Card(
        [
            dbc.CardHeader(html.H2(t("presentation.decks.heading", lang), className="h5 mb-0")),
            dbc.CardBody(
                [
                    save_button,
                    html.Div(id=SAVE_STATUS_ID, role="status", className="mb-2"),
                    html.Div(
                        html.P(t("presentation.decks.loading", lang), className="text-muted"),
                        id=SAVED_ID,
                    ),
                ]
            ),
        ]
    )
    return [
        dcc.Store(id=LANG_ID, data=lang),
        dcc.Store(id=LOAD_ID, data=deck_to_data(loaded) if loaded is not None else None),
        html.H1(t("page.presentation.heading", lang), className="h3 mb-1"),
        html.P(t("presentation.intro", lang), className="text-muted mb-3"),
        dbc.Row([dbc.Col(deck_card, xl=8), dbc.Col(saved_card, xl=4)], className="g-3"),
    ]


def slide_row(index: int, slide, count: int, lang: str, actor_names) -> html.Li:
    kind = slide.kind
    charts = SLIDE_CHARTS[kind]
    default = (
        actor_names.get(slide.actor_id, slide.actor_id)
        if kind == "/akteur"
        else chart_title(kind, slide.chart_key, lang)
    )
    page = t(f"presentation.kind.{kind.strip('/') or 'uebersicht'}", lang)

    def button(kind_id: str, icon: str, label: str, disabled: bool = False):
        return html.Button(
            html.I(className=f"bi {icon}", **aria(hidden="true")),
            id={"type": kind_id, "index": index},
            n_clicks=0,
            type="button",
            disabled=disabled,
            className="btn btn-outline-secondary btn-sm",
            title=label,
            **aria(label=f"{label}: {slide.title or default}"),
        )

    chart = dbc.Select(
        id={"type": "presentation-chart", "index": index},
        options=[{"label": chart_title(kind, key, lang), "value": key} for key in charts],
        value=slide.chart_key,
        size="sm",
        disabled=len(charts) == 1,
    )
    # A <label> around the select names it for screen readers (Select takes no aria-label).
    chart = html.Label(
        [html.Span(t("presentation.slide.chart", lang), className="visually-hidden"), chart],
        className="presentation-chart-label",
    )
    return html.Li(
        [
            html.Span(f"{index + 1}.", className="presentation-row-number"),
            html.Div(
                [
                    html.Label(
                        [
                            html.Span(
                                t("presentation.slide.title", lang, number=index + 1),
                                className="visually-hidden",
                            ),
                            dbc.Input(
                                id={"type": "presentation-title", "index": index},
                                type="text",
                                value=slide.title,
                                placeholder=default,
                                debounce=True,
                                maxLength=120,
                                size="sm",
                            ),
                        ],
                        className="d-block",
                    ),
                    html.Div(
                        [
                            html.Span(page, className="badge text-bg-light border me-2"),
                            chart,
                            dcc.Link(
                                t("presentation.slide.open", lang),
                                href=slide.href,
                                className="small ms-2 text-nowrap",
                            ),
                        ],
                        className="d-flex align-items-center mt-1",
                    ),
                    html.Label(
                        [
                            html.Span(
                                t("presentation.slide.notes", lang),
                                className="small text-muted d-block",
                            ),
                            dbc.Textarea(
                                id={"type": "presentation-notes", "index": index},
                                value=slide.notes,
                                placeholder=t("presentation.slide.notes_placeholder", lang),
                                debounce=True,
                                maxLength=MAX_NOTES,
                                rows=2,
                                size="sm",
                            ),
                        ],
                        className="d-block mt-1",
                    ),
                ],
                className="flex-grow-1",
            ),
            html.Div(
                [
                    button(
                        "presentation-up",
                        "bi-arrow-up",
                        t("presentation.slide.up", lang),
                        index == 0,
                    ),
                    button(
                        "presentation-down",
                        "bi-arrow-down",
                        t("presentation.slide.down", lang),
                        index == count - 1,
                    ),
                    button("presentation-remove", "bi-x-lg", t("presentation.slide.remove", lang)),
                ],
                className="btn-group ms-2",
                role="group",
            ),
        ],
        className="list-group-item d-flex align-items-start gap-2 presentation-row",
        id=f"presentation-row-{index}",
    )


BUTTONS = ("presentation-up", "presentation-down", "presentation-remove", CLEAR_ID)
