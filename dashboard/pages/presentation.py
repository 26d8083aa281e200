"""Präsentation: a deck of views as full-screen slides, its editor, saving and the PDF.

- ``/praesentation?folien=…`` (a deck in the link) or ``?satz=<id or name>`` (a saved
  deck) shows the slides: large type, high contrast, no navbar; ← → / PageUp PageDown
  (presenter clickers) move, F toggles full screen, Esc leaves to the editor
  (assets/presentation.js). Each slide is drawn from its own address (slides.py).
- ``/praesentation`` (or with ``bearbeiten=1``) is the editor of the deck collected with
  "Zur Präsentation hinzufügen" on the pages: rename, reorder, remove, pick a chart,
  start, copy the link, PDF, save in the database (editor or admin, checked here).
- ``/praesentation/pdf?folien=…`` (or ``?satz=…``) returns the deck as one PDF.
"""
# No `from __future__ import annotations`: Dash imports page modules without putting them
# in sys.modules (see pages/map.py).

import logging
import re

import dash
import dash_bootstrap_components as dbc
from dash import (
    ALL,
    MATCH,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    dcc,
    html,
    no_update,
)
from flask import Response, abort, request

from dashboard.components.deck_control import STORE_ID
from dashboard.components.frame import page_frame
from dashboard.components.geodata import browser_sources, embedded_sources, register_geodata_route
from dashboard.components.graph_config import graph_config
from dashboard.db.decks import list_decks, load_deck, save_deck
from dashboard.figures.presentation import for_page
from dashboard.i18n import DEFAULT_LANGUAGE, normalise_language, t
from dashboard.presentation.deck import (
    MAX_SLIDES,
    PARAM_DECK,
    PARAM_EDIT,
    PARAM_SAVED,
    PRESENTATION_PATH,
    SLIDE_CHARTS,
    Deck,
    deck_from_data,
    deck_to_data,
    decode_deck,
    edit_slide,
    move_slide,
    presentation_href,
    remove_slide,
    rename_deck,
    requested_slides,
)
from dashboard.presentation.pdf import PDF_MEDIA_TYPE, RendererBusy
from dashboard.presentation.slides import (
    SlideView,
    build_slide,
    chart_title,
    facts_line,
)
from dashboard.state.filters import Filters
from dashboard.web import auth
from dashboard.web.context import app_context, store
from dashboard.web.limits import costly_route, refusal

PATH = PRESENTATION_PATH
PDF_PATH = f"{PATH}/pdf"
PDF_ENDPOINT = "netzwerkatlas_deck_pdf"
SHOW = "show"
BUSY_RETRY_S = 30
log = logging.getLogger(__name__)
dash.register_page(
    __name__,
    path=PATH,
    name=t("nav.presentation"),
    title=t("page.presentation.title"),
    order=7,
    nav_key="nav.presentation",
)
register_geodata_route()


ROOT_ID = "presentation-root"
EXIT_ID = "presentation-exit"


def show_id(part: str, deck=SHOW) -> dict:
    """The ids of the slide show's parts. Pattern-matching ids, because the show is only
    in the layout when the address names a deck: Dash checks plain ids of callbacks
    against the layout the page has without parameters (the editor)."""
    return {"type": f"presentation-{part}", "deck": deck}


DECK_ID, INDEX_ID, SLIDE_ID, COUNTER_ID = (
    show_id(part) for part in ("deck", "index", "slide", "counter")
)
PREV_ID, NEXT_ID, FULLSCREEN_ID = (show_id(part) for part in ("prev", "next", "fullscreen"))
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


def _param(query: dict, name: str) -> str:
    value = query.get(name)
    value = value[0] if isinstance(value, list) and value else value
    return str(value or "").strip()


def requested_deck(query: dict) -> tuple[Deck, bool]:
    """(the deck named by the address, whether the address names one at all): a saved
    deck (`satz`) or one carried in the link (`folien`)."""
    saved = _param(query, PARAM_SAVED)
    if saved:
        found = load_deck(app_context().engine, saved)
        return (found.deck if found else Deck()), True
    encoded = _param(query, PARAM_DECK)
    return decode_deck(encoded), bool(encoded)


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    deck, named = requested_deck(query)
    if named and not _param(query, PARAM_EDIT):
        return _show(deck, filters.lang)
    return _editor(filters, deck if named else None)


# --- the slide show ---------------------------------------------------------------------------


def _show(deck: Deck, lang: str) -> html.Div:
    exit_href = presentation_href(deck, lang, edit=True)
    if not deck.slides:
        return html.Div(
            html.Main(
                [
                    html.H1(t("presentation.empty.heading", lang)),
                    html.P(t("presentation.empty.text", lang)),
                    dcc.Link(
                        t("presentation.to_editor", lang),
                        href=exit_href,
                        id=EXIT_ID,
                        className="presentation-link",
                    ),
                ],
                id="main",
                className="presentation-empty",
            ),
            id=ROOT_ID,
            className="presentation",
            lang=lang,
            **{"data-exit": exit_href},
        )
    count = len(deck.slides)
    bar = html.Div(
        [
            html.Button(
                html.I(className="bi bi-chevron-left", **{"aria-hidden": "true"}),
                id=PREV_ID,
                n_clicks=0,
                type="button",
                className="presentation-button presentation-prev",
                title=t("presentation.previous", lang),
                **{"aria-label": t("presentation.previous", lang)},
            ),
            html.Span(
                f"1 / {count}",
                id=COUNTER_ID,
                className="presentation-counter",
                role="status",
                **{"aria-label": t("presentation.counter_label", lang)},
            ),
            html.Button(
                html.I(className="bi bi-chevron-right", **{"aria-hidden": "true"}),
                id=NEXT_ID,
                n_clicks=0,
                type="button",
                className="presentation-button presentation-next",
                title=t("presentation.next", lang),
                **{"aria-label": t("presentation.next", lang)},
            ),
            html.Span(deck.name, className="presentation-deck-name"),
            html.Span(t("presentation.keys", lang), className="presentation-keys"),
            html.Button(
                html.I(className="bi bi-arrows-fullscreen", **{"aria-hidden": "true"}),
                id=FULLSCREEN_ID,
                n_clicks=0,
                type="button",
                className="presentation-button presentation-fullscreen",
                title=t("presentation.fullscreen", lang),
                **{"aria-label": t("presentation.fullscreen", lang)},
            ),
            dcc.Link(
                [
                    html.I(className="bi bi-x-lg", **{"aria-hidden": "true"}),
                    html.Span(t("presentation.exit", lang), className="visually-hidden"),
                ],
                href=exit_href,
                id=EXIT_ID,
                className="presentation-button",
                title=t("presentation.exit", lang),
            ),
        ],
        className="presentation-bar",
    )
    return html.Div(
        [
            dcc.Store(id=DECK_ID, data={"deck": deck_to_data(deck), "lang": lang}),
            dcc.Store(id=INDEX_ID, data=0),
            html.Main(
                dcc.Loading(
                    html.Div(id=SLIDE_ID, className="presentation-slide"),
                    type="dot",
                    delay_show=500,
                    parent_className="presentation-loading",
                ),
                id="main",
                className="presentation-main",
                lang=lang,
            ),
            bar,
        ],
        id=ROOT_ID,
        className="presentation",
        lang=lang,
        **{"data-exit": exit_href},
    )


def slide_content(view: SlideView, index: int, filename: str) -> list:
    """The slide's HTML: title, filter line, the actor's key figures, the chart."""
    facts = [
        html.Div(
            [
                html.Div(value, className="presentation-fact-value"),
                html.Div(label, className="presentation-fact-label"),
            ],
            className="presentation-fact",
        )
        for label, value in view.facts
    ]
    return [
        html.Header(
            [
                html.H1(view.title, className="presentation-title", id="presentation-slide-title"),
                html.P(view.subtitle, className="presentation-subtitle") if view.subtitle else None,
            ],
            className="presentation-header",
        ),
        html.Div(facts, className="presentation-facts") if facts else None,
        dcc.Graph(
            id={"type": "presentation-graph", "index": index},
            figure=view.figure,
            config=graph_config(filename),
            className="presentation-graph",
            responsive=True,
            style={"height": "100%"},
        ),
    ]


def _filename(deck: Deck, index: int) -> str:
    stem = (
        re.sub(r"[^A-Za-z0-9äöüÄÖÜß_-]+", "-", deck.name or "praesentation").strip("-")
        or "praesentation"
    )
    return f"{stem}-{index + 1}"


@callback(
    Output(show_id("slide", MATCH), "children"),
    Input(show_id("index", MATCH), "data"),
    State(show_id("deck", MATCH), "data"),
)
def show_slide(index, data):
    data = data if isinstance(data, dict) else {}  # the stores' content comes back from the browser
    deck = deck_from_data(data.get("deck"))
    lang = normalise_language(data.get("lang"))
    if not deck.slides:
        return no_update
    index = min(max(index if isinstance(index, int) else 0, 0), len(deck.slides) - 1)
    view = build_slide(store().snapshot(), deck.slides[index], lang, browser_sources())
    return slide_content(view, index, _filename(deck, index))


# Previous / next: the buttons (and the keys, which click them) move the index in the browser.
clientside_callback(
    """
    function (prev, next, index, data) {
        const count = (data && data.deck && data.deck.slides) ? data.deck.slides.length : 0;
        const triggered = (window.dash_clientside.callback_context.triggered || []).map(t => t.prop_id);
        const step = triggered.some(id => id.includes('presentation-next')) ? 1 : -1;
        const target = Math.min(Math.max((index || 0) + step, 0), Math.max(count - 1, 0));
        if (target === index) { return window.dash_clientside.no_update; }
        return target;
    }
    """,
    Output(show_id("index", MATCH), "data"),
    Input(show_id("prev", MATCH), "n_clicks"),
    Input(show_id("next", MATCH), "n_clicks"),
    State(show_id("index", MATCH), "data"),
    State(show_id("deck", MATCH), "data"),
    prevent_initial_call=True,
)

clientside_callback(
    """
    function (index, data) {
        const count = (data && data.deck && data.deck.slides) ? data.deck.slides.length : 0;
        return String((index || 0) + 1) + ' / ' + String(count);
    }
    """,
    Output(show_id("counter", MATCH), "children"),
    Input(show_id("index", MATCH), "data"),
    State(show_id("deck", MATCH), "data"),
)

clientside_callback(
    """
    function (clicks) {
        if (document.fullscreenElement) { document.exitFullscreen(); }
        else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
        return window.dash_clientside.no_update;
    }
    """,
    Output(show_id("fullscreen", MATCH), "title"),
    Input(show_id("fullscreen", MATCH), "n_clicks"),
    prevent_initial_call=True,
)


# --- the editor -----------------------------------------------------------------------------


def _saved_list(lang: str):
    saved = list_decks(app_context().engine)
    if not saved:
        return html.P(
            t("presentation.saved.none", lang),
            className="text-muted mb-0",
            id="presentation-saved-none",
        )
    suffix = "" if lang == DEFAULT_LANGUAGE else f"&lang={lang}"
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(name, className="fw-semibold me-2"),
                    dcc.Link(
                        t("presentation.saved.show", lang),
                        href=f"{PATH}?{PARAM_SAVED}={deck_id}{suffix}",
                        className="me-2",
                    ),
                    dcc.Link(
                        t("presentation.saved.edit", lang),
                        href=f"{PATH}?{PARAM_SAVED}={deck_id}&{PARAM_EDIT}=1{suffix}",
                    ),
                ],
                className="list-group-item",
                id=f"presentation-saved-{deck_id}",
            )
            for deck_id, name in saved
        ],
        className="list-group",
    )


def _editor(filters: Filters, loaded: Deck | None) -> html.Div:
    lang = filters.lang
    actions = html.Div(
        [
            dcc.Link(
                [
                    html.I(className="bi bi-play-fill me-1", **{"aria-hidden": "true"}),
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
                    html.I(className="bi bi-file-earmark-pdf me-1", **{"aria-hidden": "true"}),
                    t("presentation.pdf", lang),
                ],
                href=PDF_PATH,
                id=PDF_ID,
                className="btn btn-outline-primary",
                download="",
                **{
                    "aria-describedby": PDF_STATUS_ID,
                    "data-busy": t("presentation.pdf.busy", lang),
                    "data-failed": t("presentation.pdf.failed", lang),
                },
            ),
            html.Button(
                [
                    html.I(className="bi bi-trash me-1", **{"aria-hidden": "true"}),
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
        **{"aria-live": "polite"},
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
    if auth.shows_writes(auth.EDITOR):
        save_button = html.Button(
            [
                html.I(className="bi bi-save me-1", **{"aria-hidden": "true"}),
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
            dbc.CardHeader(html.H2(t("presentation.saved.heading", lang), className="h5 mb-0")),
            dbc.CardBody(
                [
                    save_button,
                    html.Div(id=SAVE_STATUS_ID, role="status", className="mb-2"),
                    html.Div(_saved_list(lang), id=SAVED_ID),
                ]
            ),
        ]
    )
    content = [
        dcc.Store(id=LANG_ID, data=lang),
        dcc.Store(id=LOAD_ID, data=deck_to_data(loaded) if loaded is not None else None),
        html.H1(t("page.presentation.heading", lang), className="h3 mb-1"),
        html.P(t("presentation.intro", lang), className="text-muted mb-3"),
        dbc.Row([dbc.Col(deck_card, xl=8), dbc.Col(saved_card, xl=4)], className="g-3"),
    ]
    return page_frame(PATH, filters, content, with_filters=False)


def _slide_row(index: int, slide, count: int, lang: str, actor_names) -> html.Li:
    kind = slide.kind
    charts = SLIDE_CHARTS[kind]
    default = (
        actor_names.get(slide.actor_id, slide.actor_id)
        if kind == "/akteur"
        else chart_title(kind, slide.chart_key, lang)
    )
    page = t(f"presentation.kind.{kind.strip('/')}", lang)

    def button(kind_id: str, icon: str, label: str, disabled: bool = False):
        return html.Button(
            html.I(className=f"bi {icon}", **{"aria-hidden": "true"}),
            id={"type": kind_id, "index": index},
            n_clicks=0,
            type="button",
            disabled=disabled,
            className="btn btn-outline-secondary btn-sm",
            title=label,
            **{"aria-label": f"{label}: {slide.title or default}"},
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


@callback(
    Output(STORE_ID, "data", allow_duplicate=True),
    Input(LOAD_ID, "data"),
    prevent_initial_call="initial_duplicate",
)
def load_into_editor(data):
    """A deck opened for editing (a link or a saved deck) replaces the one in the browser."""
    return deck_to_data(deck_from_data(data)) if data else no_update


@callback(
    Output(LIST_ID, "children"),
    Output(NAME_ID, "value"),
    Output(START_ID, "href"),
    Output(PDF_ID, "href"),
    Output(LINK_ID, "value"),
    Input(STORE_ID, "data"),
    State(LANG_ID, "data"),
)
def render_editor(data, lang):
    deck = deck_from_data(data)
    lang = normalise_language(lang)
    if not deck.slides:
        empty = dbc.Alert(
            t("presentation.deck.empty", lang),
            color="light",
            className="mb-0",
            id="presentation-no-slides",
        )
        return empty, deck.name, PATH, PDF_PATH, ""
    actors = store().snapshot().tables["actors"]
    names = dict(zip(actors["id"], actors["name"], strict=False))
    rows = [
        _slide_row(i, slide, len(deck.slides), lang, names) for i, slide in enumerate(deck.slides)
    ]
    show = presentation_href(deck, lang)
    query = show.split("?", 1)[1]
    return (
        html.Ol(rows, className="list-group presentation-list"),
        deck.name,
        show,
        f"{PDF_PATH}?{query}",
        request.host_url.rstrip("/") + show,
    )


BUTTONS = ("presentation-up", "presentation-down", "presentation-remove", CLEAR_ID)


@callback(
    Output(STORE_ID, "data", allow_duplicate=True),
    Input({"type": "presentation-up", "index": ALL}, "n_clicks"),
    Input({"type": "presentation-down", "index": ALL}, "n_clicks"),
    Input({"type": "presentation-remove", "index": ALL}, "n_clicks"),
    Input({"type": "presentation-title", "index": ALL}, "value"),
    Input({"type": "presentation-chart", "index": ALL}, "value"),
    Input(NAME_ID, "value"),
    Input(CLEAR_ID, "n_clicks"),
    State(STORE_ID, "data"),
    prevent_initial_call=True,
)
def edit_deck(_up, _down, _remove, _titles, _charts, name, _clear, data):
    triggered = ctx.triggered_id
    if triggered is None:
        return no_update
    kind = triggered.get("type") if isinstance(triggered, dict) else triggered
    value = ctx.triggered[0].get("value")
    if kind in BUTTONS and not value:
        return no_update  # rows drawn anew report their buttons with n_clicks 0: not a click
    deck = deck_from_data(data)
    index = int(triggered["index"]) if isinstance(triggered, dict) else -1
    changes = {
        "presentation-up": lambda: move_slide(deck, index, -1),
        "presentation-down": lambda: move_slide(deck, index, 1),
        "presentation-remove": lambda: remove_slide(deck, index),
        "presentation-title": lambda: edit_slide(deck, index, title=value or ""),
        "presentation-chart": lambda: edit_slide(deck, index, chart=value),
        NAME_ID: lambda: rename_deck(deck, value or ""),
        CLEAR_ID: Deck,
    }
    changed = changes[kind]()
    return no_update if changed == deck else deck_to_data(changed)


@callback(
    Output(SAVE_STATUS_ID, "children"),
    Output(SAVED_ID, "children"),
    Input(SAVE_ID, "n_clicks"),
    State(STORE_ID, "data"),
    State(LANG_ID, "data"),
    prevent_initial_call=True,
)
def save(clicks, data, lang):
    lang = normalise_language(lang)
    if not clicks:
        return no_update, no_update
    user = auth.writer(auth.EDITOR)
    if user is None:  # the server decides, whatever the page showed
        return dbc.Alert(
            t("presentation.save.forbidden", lang),
            color="warning",
            className="mb-0",
            id="presentation-save-forbidden",
        ), no_update
    deck = deck_from_data(data)
    if not deck.name or not deck.slides:
        return dbc.Alert(
            t("presentation.save.incomplete", lang), color="warning", className="mb-0"
        ), no_update
    save_deck(app_context().engine, deck, user.name)
    done = dbc.Alert(
        t("presentation.save.done", lang, name=deck.name),
        color="success",
        className="mb-0",
        id="presentation-save-done",
    )
    return done, _saved_list(lang)


# --- the PDF --------------------------------------------------------------------------------
# Made at most deck_pdf.SLOTS at a time per process in one long-lived browser, kept in the
# app's cache per deck, language and data version, refused over MAX_SLIDES, for anonymous
# visitors when PUBLIC_PDF is off, and (dashboard/web/limits.py) when asked for too often.


def deck_pdf(deck: Deck, lang: str, snapshot) -> bytes:
    """One page per slide, in order, each with its title and filter line."""
    pages = []
    for slide in deck.slides:
        view = build_slide(snapshot, slide, lang, embedded_sources())
        subtitle = " · ".join(part for part in (view.subtitle, facts_line(view)) if part)
        pages.append(for_page(view.figure, view.title, subtitle))
    return app_context().pdf.pdf(pages)


def _pdf_key(version: str, deck: Deck, lang: str) -> str:
    return app_context().responses.key("deck_pdf", version, (deck_to_data(deck), lang))


def _stored_pdf(key: str) -> bytes | None:
    """The kept PDF, or None; a cache that cannot be read counts as empty."""
    try:
        return app_context().responses.backend.get(key)
    except Exception:  # cachelib passes on whatever its backend raises (redis, OSError, ...)
        log.warning("PDF cache unavailable", exc_info=True)
        return None


def _keep_pdf(key: str, body: bytes) -> None:
    try:
        app_context().responses.backend.set(key, body)
    except Exception:  # the PDF is made; only the next request will have to make it again
        log.warning("PDF cache unavailable", exc_info=True)


def cached_deck_pdf(deck: Deck, lang: str) -> bytes:
    """The PDF of `deck` for the current data: kept from before, else made in one of the
    renderer's slots (RendererBusy when none comes free) and kept."""
    body = _stored_pdf(_pdf_key(store().version(), deck, lang))
    if body is not None:
        return body
    with app_context().pdf.slot():
        snapshot = store().snapshot()
        key = _pdf_key(snapshot.version, deck, lang)
        # The same deck may have been made by another request while this one waited.
        body = _stored_pdf(key)
        if body is None:
            body = deck_pdf(deck, lang, snapshot)
            _keep_pdf(key, body)
    return body


@costly_route("pdf")
def serve_pdf() -> Response:
    query = request.args.to_dict()
    lang = normalise_language(query.get("lang"))
    if not (app_context().settings.public_pdf or auth.current_user() is not None):
        return refusal(403, t("presentation.pdf.login", lang))
    asked = requested_slides(query.get(PARAM_DECK))
    if asked > MAX_SLIDES:
        return refusal(413, t("presentation.pdf.too_long", lang, slides=asked, max=MAX_SLIDES))
    deck, _named = requested_deck(query)
    if not deck.slides:
        abort(404)
    try:
        body = cached_deck_pdf(deck, lang)
    except RendererBusy:
        response = refusal(503, t("presentation.pdf.busy_server", lang))
        response.headers["Retry-After"] = str(BUSY_RETRY_S)
        return response
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", deck.name).strip("-") or "praesentation"
    response = Response(body, mimetype=PDF_MEDIA_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


def register_pdf_route() -> None:
    """Add the PDF route to the app being built (page modules run once per app, with that
    app current; see components/geodata.py)."""
    server = dash.get_app().server
    if PDF_ENDPOINT not in server.view_functions:
        prefix = dash.get_app().config.routes_pathname_prefix.rstrip("/")
        server.add_url_rule(f"{prefix}{PDF_PATH}", endpoint=PDF_ENDPOINT, view_func=serve_pdf)


register_pdf_route()
