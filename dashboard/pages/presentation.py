"""Präsentation: a deck of views as full-screen slides, its editor, saving and the PDF.

- ``/praesentation?folien=…`` (a deck in the link) or ``?satz=<id or name>`` (a saved
  deck) shows the slides: large type, high contrast, no navbar; ← → / PageUp PageDown
  (presenter clickers) move, F toggles full screen, Esc leaves to the editor
  (assets/presentation.js). Each slide is drawn from its own address (slides.py), sent
  once and kept in the browser, which draws it from there (offline mid-talk).
- ``/praesentation`` (or with ``bearbeiten=1``) is the editor of the deck collected with
  "Zur Präsentation hinzufügen" on the pages: rename, reorder, remove, pick a chart,
  start, copy the link, PDF, save in the database (editor or admin, checked here).
- ``/praesentation/pdf?folien=…`` (or ``?satz=…``) returns the deck as one PDF.
"""
# No `from __future__ import annotations`: Dash imports page modules without putting them
# in sys.modules (see pages/map.py).

import dash
import dash_bootstrap_components as dbc
from dash import (
    ALL,
    MATCH,
    ClientsideFunction,
    Input,
    Output,
    Patch,
    State,
    callback,
    clientside_callback,
    ctx,
    html,
    no_update,
)
from flask import request

from dashboard.components import deck_editor, presenter_view, slide_show
from dashboard.components.deck_control import STORE_ID
from dashboard.components.deck_editor import (
    CLEAR_ID,
    LANG_ID,
    LINK_ID,
    LIST_ID,
    LOAD_ID,
    NAME_ID,
    PDF_ID,
    SAVE_ID,
    SAVE_STATUS_ID,
    SAVED_ID,
    START_ID,
)
from dashboard.components.frame import page_frame
from dashboard.components.geodata import browser_sources
from dashboard.components.slide_show import show_id
from dashboard.db.decks import save_deck
from dashboard.i18n import normalise_language, t
from dashboard.presentation.deck import (
    PARAM_EDIT,
    PARAM_PRESENTER,
    PRESENTATION_PATH,
    Deck,
    deck_from_data,
    deck_to_data,
    edit_slide,
    move_slide,
    presentation_href,
    remove_slide,
    rename_deck,
)
from dashboard.presentation.deck_pdf import PDF_PATH
from dashboard.presentation.request import param, requested_deck
from dashboard.presentation.slides import build_slide
from dashboard.state.filters import Filters
from dashboard.web import auth
from dashboard.web.context import app_context, store

PATH = PRESENTATION_PATH
dash.register_page(
    __name__,
    path=PATH,
    name=t("nav.presentation"),
    title=t("page.presentation.title"),
    order=7,
    nav_key="nav.presentation",
)


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    deck, named = requested_deck(app_context().engine, query)
    if named and deck.slides and param(query, PARAM_PRESENTER):
        return presenter_view.view(deck, filters.lang)
    if named and not param(query, PARAM_EDIT):
        return slide_show.show(deck, filters.lang)
    content = deck_editor.content(filters.lang, deck if named else None)
    return page_frame(PATH, filters, content, with_filters=False)


@callback(
    Output(show_id("kept", MATCH), "data"),
    Input(show_id("want", MATCH), "data"),
    State(show_id("deck", MATCH), "data"),
    prevent_initial_call=True,
)
def keep_slide(want, data):
    """One slide the browser asks for, added to the ones it keeps (a Patch: the others
    stay in the browser and do not travel again). The browser asks for one after another
    (assets/kept_slides.js), so a long deck is never one long request."""
    data = data if isinstance(data, dict) else {}  # the stores' content comes back from the browser
    deck = deck_from_data(data.get("deck"))
    lang = normalise_language(data.get("lang"))
    if isinstance(want, bool) or not isinstance(want, int) or not 0 <= want < len(deck.slides):
        return no_update
    view = build_slide(store().snapshot(), deck.slides[want], lang, browser_sources())
    kept = Patch()
    kept[str(want)] = slide_show.slide_data(view, slide_show.slide_filename(deck, want), lang)
    return kept


# Draw the slide shown (and the presenter view's next one) from the kept slides: moving
# needs no server. Asking for the next slide to keep is a side effect (set_props): as an
# Output it would close a loop of callbacks (want → kept → want), which Dash refuses.
clientside_callback(
    ClientsideFunction("keptSlides", "draw"),
    Output(show_id("slide", MATCH), "children"),
    Input(show_id("index", MATCH), "data"),
    Input(show_id("kept", MATCH), "data"),
    State(show_id("labels", MATCH), "data"),
)

clientside_callback(
    ClientsideFunction("keptSlides", "drawUpcoming"),
    Output(show_id("upcoming", MATCH), "children"),
    Input(show_id("index", MATCH), "data"),
    Input(show_id("kept", MATCH), "data"),
    State(show_id("deck", MATCH), "data"),
    State(show_id("labels", MATCH), "data"),
)

clientside_callback(
    ClientsideFunction("keptSlides", "askNext"),
    Output(show_id("all-kept", MATCH), "hidden"),
    Input(show_id("kept", MATCH), "data"),
    State(show_id("index", MATCH), "data"),
    State(show_id("deck", MATCH), "data"),
)


# The presenter view's notes of the current slide, from the deck in the browser.
clientside_callback(
    """
    function (index, data, labels) {
        const slides = (data && data.deck && data.deck.slides) ? data.deck.slides : [];
        const slide = slides[index || 0] || {};
        return slide.notes || labels.none;
    }
    """,
    Output(show_id("notes", MATCH), "children"),
    Input(show_id("index", MATCH), "data"),
    State(show_id("deck", MATCH), "data"),
    State(show_id("labels", MATCH), "data"),
)

# Tell the other window (show or presenter view) which slide is shown: presentation.js.
clientside_callback(
    """
    function (index) {
        if (window.presentationSync) { window.presentationSync.moved(index || 0); }
        return index || 0;
    }
    """,
    Output(show_id("sync", MATCH), "data"),
    Input(show_id("index", MATCH), "data"),
)

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
    Output(START_ID, "className"),
    Output(PDF_ID, "className"),
    Output(PDF_ID, "aria-disabled"),
    Output(PDF_ID, "tabIndex"),
    Output(CLEAR_ID, "disabled"),
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
        return empty, deck.name, PATH, PDF_PATH, "", *_start_and_pdf(available=False), True
    actors = store().snapshot().tables["actors"]
    names = dict(zip(actors["id"], actors["name"], strict=False))
    rows = [
        deck_editor.slide_row(i, slide, len(deck.slides), lang, names)
        for i, slide in enumerate(deck.slides)
    ]
    show = presentation_href(deck, lang)
    query = show.split("?", 1)[1]
    return (
        html.Ol(rows, className="list-group presentation-list"),
        deck.name,
        show,
        f"{PDF_PATH}?{query}",
        request.host_url.rstrip("/") + show,
        *_start_and_pdf(available=True),
        False,
    )


def _start_and_pdf(available: bool) -> tuple[str, str, str, str]:
    """Classes of the start link and the PDF link, and the PDF link's aria-disabled and
    tabIndex. An empty deck shows both as unavailable: Bootstrap's .disabled takes no click,
    and the PDF link also leaves the tab order (dcc.Link has no tabIndex to set)."""
    unavailable = "" if available else " disabled"
    return (
        "btn btn-primary" + unavailable,
        "btn btn-outline-primary" + unavailable,
        "false" if available else "true",
        "0" if available else "-1",
    )


@callback(
    Output(STORE_ID, "data", allow_duplicate=True),
    Input({"type": "presentation-up", "index": ALL}, "n_clicks"),
    Input({"type": "presentation-down", "index": ALL}, "n_clicks"),
    Input({"type": "presentation-remove", "index": ALL}, "n_clicks"),
    Input({"type": "presentation-title", "index": ALL}, "value"),
    Input({"type": "presentation-chart", "index": ALL}, "value"),
    Input({"type": "presentation-notes", "index": ALL}, "value"),
    Input(NAME_ID, "value"),
    Input(CLEAR_ID, "n_clicks"),
    State(STORE_ID, "data"),
    prevent_initial_call=True,
)
def edit_deck(_up, _down, _remove, _titles, _charts, _notes, name, _clear, data):
    triggered = ctx.triggered_id
    if triggered is None:
        return no_update
    # The components' ids: a string, or a pattern-matching {"type": …, "index": …}.
    kind = str(triggered["type"]) if isinstance(triggered, dict) else str(triggered)
    value = ctx.triggered[0].get("value")
    if kind in deck_editor.BUTTONS and not value:
        return no_update  # rows drawn anew report their buttons with n_clicks 0: not a click
    deck = deck_from_data(data)
    index = int(triggered["index"]) if isinstance(triggered, dict) else -1
    changes = {
        "presentation-up": lambda: move_slide(deck, index, -1),
        "presentation-down": lambda: move_slide(deck, index, 1),
        "presentation-remove": lambda: remove_slide(deck, index),
        "presentation-title": lambda: edit_slide(deck, index, title=value or ""),
        "presentation-chart": lambda: edit_slide(deck, index, chart=value),
        "presentation-notes": lambda: edit_slide(deck, index, notes=value or ""),
        NAME_ID: lambda: rename_deck(deck, value or ""),
        CLEAR_ID: Deck,
    }
    changed = changes[kind]()
    return no_update if changed == deck else deck_to_data(changed)


@callback(
    Output(SAVED_ID, "children", allow_duplicate=True),
    Input(LANG_ID, "data"),
    prevent_initial_call="initial_duplicate",
)
def fill_deck_list(lang):
    """The ready and saved decks, once the page is there: drawn in its layout, the ready
    decks (made from the data) were made also when Dash checks the layouts at start."""
    return deck_editor.deck_list(normalise_language(lang))


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
    return done, deck_editor.deck_list(lang)
