"""/praesentation: the slide show of a deck — full screen, one slide at a time, its controls.

The page module registers the callbacks that move through the slides and draw each one.
"""

from __future__ import annotations

import re

from dash import dcc, html

from dashboard.components.attributes import aria, data
from dashboard.components.graph_config import graph_config
from dashboard.i18n import t
from dashboard.presentation.deck import Deck, deck_to_data, encode_deck, presentation_href
from dashboard.presentation.slides import SlideView

SHOW = "show"
ROOT_ID = "presentation-root"
EXIT_ID = "presentation-exit"
PRESENTER_OPEN_ID = "presentation-presenter-open"


def show_id(part: str, deck=SHOW) -> dict:
    """The ids of the slide show's parts. Pattern-matching ids, because the show is only
    in the layout when the address names a deck: Dash checks plain ids of callbacks
    against the layout the page has without parameters (the editor)."""
    return {"type": f"presentation-{part}", "deck": deck}


SLIDE_ID, COUNTER_ID = (show_id(part) for part in ("slide", "counter"))
PREV_ID, NEXT_ID, FULLSCREEN_ID = (show_id(part) for part in ("prev", "next", "fullscreen"))


def show(deck: Deck, lang: str) -> html.Div:
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
            **data(exit=exit_href),
        )
    count = len(deck.slides)
    bar = html.Div(
        [
            html.Button(
                html.I(className="bi bi-chevron-left", **aria(hidden="true")),
                id=PREV_ID,
                n_clicks=0,
                type="button",
                className="presentation-button presentation-prev",
                title=t("presentation.previous", lang),
                **aria(label=t("presentation.previous", lang)),
            ),
            html.Span(
                f"1 / {count}",
                id=COUNTER_ID,
                className="presentation-counter",
                role="status",
                **aria(label=t("presentation.counter_label", lang)),
            ),
            html.Button(
                html.I(className="bi bi-chevron-right", **aria(hidden="true")),
                id=NEXT_ID,
                n_clicks=0,
                type="button",
                className="presentation-button presentation-next",
                title=t("presentation.next", lang),
                **aria(label=t("presentation.next", lang)),
            ),
            html.Span(deck.name, className="presentation-deck-name"),
            html.Span(t("presentation.keys", lang), className="presentation-keys"),
            # A second window (the laptop's screen) that follows this one: see presentation.js.
            html.A(
                [
                    html.I(className="bi bi-person-video3", **aria(hidden="true")),
                    html.Span(t("presenter.open", lang), className="visually-hidden"),
                ],
                href=presentation_href(deck, lang, presenter=True),
                target="_blank",
                id=PRESENTER_OPEN_ID,
                className="presentation-button",
                title=t("presenter.open", lang),
            ),
            html.Button(
                html.I(className="bi bi-arrows-fullscreen", **aria(hidden="true")),
                id=FULLSCREEN_ID,
                n_clicks=0,
                type="button",
                className="presentation-button presentation-fullscreen",
                title=t("presentation.fullscreen", lang),
                **aria(label=t("presentation.fullscreen", lang)),
            ),
            dcc.Link(
                [
                    html.I(className="bi bi-x-lg", **aria(hidden="true")),
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
            *stores(deck, lang, SHOW),
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
        **data(exit=exit_href, deck=encode_deck(deck), part=SHOW),
    )


def stores(deck: Deck, lang: str, part: str) -> list[dcc.Store]:
    """The deck, the index of the slide shown, and the last index told to the other window."""
    return [
        dcc.Store(id=show_id("deck", part), data={"deck": deck_to_data(deck), "lang": lang}),
        dcc.Store(id=show_id("index", part), data=0),
        dcc.Store(id=show_id("sync", part)),
    ]


def slide_content(
    view: SlideView, index: int, filename: str, graph_type: str = "presentation-graph"
) -> list:
    """The slide's HTML: title, filter line, the actor's key figures, the chart. The
    presenter view draws the next slide beside the current one, with another `graph_type`."""
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
                html.H1(
                    view.title,
                    className="presentation-title",
                    id=f"{graph_type.removesuffix('-graph')}-slide-title",
                ),
                html.P(view.subtitle, className="presentation-subtitle") if view.subtitle else None,
            ],
            className="presentation-header",
        ),
        html.Div(facts, className="presentation-facts") if facts else None,
        dcc.Graph(
            id={"type": graph_type, "index": index},
            figure=view.figure,
            config=graph_config(filename),
            className="presentation-graph",
            responsive=True,
            style={"height": "100%"},
        ),
    ]


def slide_filename(deck: Deck, index: int) -> str:
    stem = (
        re.sub(r"[^A-Za-z0-9äöüÄÖÜß_-]+", "-", deck.name or "praesentation").strip("-")
        or "praesentation"
    )
    return f"{stem}-{index + 1}"
