"""/praesentation?…&referent=1: the presenter view, a second window beside the show.

It shows the current slide, the next one, the current slide's speaker notes and a timer,
and follows the show's window (and leads it: a key pressed here moves both). The two
windows tell each other the slide index through the browser (assets/presentation.js),
without the server, and each draws its slides from the ones it keeps (slide_show.py).
The page module registers the callbacks.
"""

from __future__ import annotations

from dash import html

from dashboard.components.attributes import aria, data
from dashboard.components.slide_show import (
    ROOT_ID,
    connection_parts,
    exit_button,
    show_id,
    stores,
)
from dashboard.i18n import t
from dashboard.presentation.deck import Deck, encode_deck, presentation_href

PRESENTER = "presenter"
TIMER_ID = "presenter-timer"
TIMER_RESET_ID = "presenter-timer-reset"
BLANK_ID = "presenter-blank"


def _button(part: str, icon: str, label: str) -> html.Button:
    return html.Button(
        html.I(className=f"bi {icon}", **aria(hidden="true")),
        id=show_id(part, PRESENTER),
        n_clicks=0,
        type="button",
        className=f"presentation-button presentation-{part}",
        title=label,
        **aria(label=label),
    )


def view(deck: Deck, lang: str) -> html.Div:
    exit_href = presentation_href(deck, lang, edit=True)
    bar = html.Div(
        [
            _button("prev", "bi-chevron-left", t("presentation.previous", lang)),
            html.Span(
                f"1 / {len(deck.slides)}",
                id=show_id("counter", PRESENTER),
                className="presentation-counter",
                role="status",
                **aria(label=t("presentation.counter_label", lang)),
            ),
            _button("next", "bi-chevron-right", t("presentation.next", lang)),
            html.Span(deck.name, className="presentation-deck-name"),
            *connection_parts(lang, PRESENTER),
            html.Span(
                t("presenter.blank", lang), id=BLANK_ID, className="presenter-blank", hidden=True
            ),
            html.Span("00:00", id=TIMER_ID, className="presenter-timer", role="timer"),
            html.Button(
                html.I(className="bi bi-arrow-counterclockwise", **aria(hidden="true")),
                id=TIMER_RESET_ID,
                type="button",
                className="presentation-button",
                title=t("presenter.timer_reset", lang),
                **aria(label=t("presenter.timer_reset", lang)),
            ),
            exit_button(exit_href, lang),
        ],
        className="presentation-bar",
    )
    current = html.Section(
        [
            html.H2(t("presenter.current", lang), className="presenter-label"),
            html.Div(id=show_id("slide", PRESENTER), className="presentation-slide"),
        ],
        className="presenter-current",
    )
    upcoming = html.Section(
        [
            html.H2(t("presenter.next", lang), className="presenter-label"),
            html.Div(id=show_id("upcoming", PRESENTER), className="presentation-slide"),
        ],
        className="presenter-upcoming",
    )
    notes = html.Section(
        [
            html.H2(t("presenter.notes", lang), className="presenter-label"),
            html.P(id=show_id("notes", PRESENTER), className="presenter-notes"),
        ],
        className="presenter-notes-box",
    )
    return html.Div(
        [
            *stores(deck, lang, PRESENTER),
            html.Main(
                [current, html.Div([upcoming, notes], className="presenter-side")],
                id="main",
                className="presenter-main",
                lang=lang,
            ),
            bar,
        ],
        id=ROOT_ID,
        className="presentation presentation-presenter",
        lang=lang,
        **data(exit=exit_href, deck=encode_deck(deck), part=PRESENTER),
    )
