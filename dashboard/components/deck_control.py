""" "Add this view to the deck": one control in the frame of every page.

The deck being built lives in the browser (a dcc.Store in localStorage, the same on every
page), so collecting views needs neither a login nor a round trip: the click runs in the
browser and appends the page's current address (path and query string, i.e. the view
with its filters) as a slide. /praesentation edits, shows, saves and exports the deck.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, dcc, html

from dashboard.components.attributes import aria
from dashboard.i18n import DEFAULT_LANGUAGE, t
from dashboard.presentation.deck import MAX_SLIDES, PRESENTATION_PATH, page_kind

STORE_ID = "deck-store"
ADD_ID = "deck-add"
OPEN_ID = "deck-open"
COUNT_ID = "deck-count"
STATUS_ID = "deck-status"
LABELS_ID = "deck-labels"


def deck_store() -> dcc.Store:
    return dcc.Store(id=STORE_ID, storage_type="local")


def deck_control(path: str, lang: str) -> html.Div:
    """The add button, a link to the deck with its slide count, and a live status line.
    Hidden on pages that cannot be a slide (data, login, the presentation itself)."""
    href = PRESENTATION_PATH + ("" if lang == DEFAULT_LANGUAGE else f"?lang={lang}")
    return html.Div(
        [
            html.Button(
                [
                    html.I(className="bi bi-easel me-1", **aria(hidden="true")),
                    t("deck.add", lang),
                ],
                id=ADD_ID,
                n_clicks=0,
                type="button",
                className="btn btn-outline-primary btn-sm",
                title=t("deck.add_title", lang),
            ),
            dcc.Link(
                [
                    t("deck.open", lang),
                    " ",
                    html.Span("0", id=COUNT_ID, className="badge text-bg-primary ms-1"),
                ],
                href=href,
                id=OPEN_ID,
                className="btn btn-outline-secondary btn-sm",
            ),
            html.Span(id=STATUS_ID, role="status", className="deck-status small text-muted"),
            dcc.Store(
                id=LABELS_ID, data={"added": t("deck.added", lang), "full": t("deck.full", lang)}
            ),
        ],
        className="deck-control d-flex align-items-center flex-wrap gap-2",
        hidden=page_kind(path) is None,
    )


# JavaScript's braces would all need doubling in an f-string, so the one number goes in by name.
_ADD_JS = """
function (clicks, data, labels) {
    const deck = (data && Array.isArray(data.slides)) ? data : {name: "", slides: []};
    if (deck.slides.length >= MAX_SLIDES) {
        return [window.dash_clientside.no_update, labels.full];
    }
    const href = window.location.pathname + window.location.search;
    const slides = deck.slides.concat([{href: href, chart: "", title: ""}]);
    return [Object.assign({}, deck, {slides: slides}), labels.added.replace("{count}", String(slides.length))];
}
""".replace("MAX_SLIDES", str(MAX_SLIDES))

_COUNT_JS = """
function (data) {
    return String((data && Array.isArray(data.slides)) ? data.slides.length : 0);
}
"""


def register_deck_callbacks(app: Dash) -> None:
    """The control's two browser-side callbacks, once per app (called by app_factory)."""
    app.clientside_callback(
        _ADD_JS,
        Output(STORE_ID, "data"),
        Output(STATUS_ID, "children"),
        Input(ADD_ID, "n_clicks"),
        State(STORE_ID, "data"),
        State(LABELS_ID, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(_COUNT_JS, Output(COUNT_ID, "children"), Input(STORE_ID, "data"))
