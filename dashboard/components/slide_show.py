"""/praesentation: the slide show of a deck — full screen, one slide at a time, its controls.

The page module registers the callbacks: the server sends each slide once, into a store
of the browser (`kept`); moving and drawing happen in the browser from that store
(assets/kept_slides.js), so a show keeps going when the server is gone mid-talk.
"""

from __future__ import annotations

import re
from typing import Any

from dash import dcc, html

from dashboard.components.attributes import aria, data
from dashboard.components.graph_config import graph_config
from dashboard.i18n import t
from dashboard.presentation.deck import Deck, deck_to_data, encode_deck, presentation_href
from dashboard.presentation.slides import SlideView, sample_label

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
            *connection_parts(lang, SHOW),
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
            exit_button(exit_href, lang),
        ],
        className="presentation-bar",
    )
    return html.Div(
        [
            *stores(deck, lang, SHOW),
            html.Main(
                html.Div(id=SLIDE_ID, className="presentation-slide"),
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
    """The deck, the index of the slide shown, the last index told to the other window,
    the slides kept in the browser (index → slide_data, filled one by one), the index the
    browser asks the server for next, and the words the browser writes itself."""
    labels = {
        "loading": t("presentation.slide_loading", lang),
        "none": t("presenter.no_notes", lang),
        "end": t("presenter.end", lang),
    }
    return [
        dcc.Store(id=show_id("deck", part), data={"deck": deck_to_data(deck), "lang": lang}),
        dcc.Store(id=show_id("index", part), data=0),
        dcc.Store(id=show_id("sync", part)),
        dcc.Store(id=show_id("kept", part), data={}),
        dcc.Store(id=show_id("want", part)),
        dcc.Store(id=show_id("labels", part), data=labels),
    ]


def connection_parts(lang: str, part: str) -> list[html.Span]:
    """Two marks in the bar: every slide is in the browser (shown once all are), and the
    note that the server no longer answers (assets/presentation.js shows it)."""
    return [
        html.Span(
            html.I(className="bi bi-cloud-check", **aria(hidden="true")),
            id=show_id("all-kept", part),
            className="presentation-all-kept",
            title=t("presentation.all_kept", lang),
            role="img",
            hidden=True,
            **aria(label=t("presentation.all_kept", lang)),
        ),
        html.Span(
            t("presentation.connection_lost", lang),
            className="presentation-offline",
            role="status",
            hidden=True,
        ),
    ]


def exit_button(exit_href: str, lang: str) -> dcc.Link:
    """The bar's way out of the show (Esc presses it), to the deck's editor."""
    return dcc.Link(
        [
            html.I(className="bi bi-x-lg", **aria(hidden="true")),
            html.Span(t("presentation.exit", lang), className="visually-hidden"),
        ],
        href=exit_href,
        id=EXIT_ID,
        className="presentation-button",
        title=t("presentation.exit", lang),
    )


def slide_data(view: SlideView, filename: str, lang: str) -> dict[str, Any]:
    """What the browser keeps of a slide to draw it without the server: title, filter
    line, the "Beispieldaten" mark, the actor's key figures, the chart and its config
    (assets/kept_slides.js lays them out)."""
    return {
        "title": view.title,
        "subtitle": view.subtitle,
        "sample": sample_label(view, lang),
        "facts": [[label, value] for label, value in view.facts],
        "figure": view.figure,
        "config": graph_config(filename),
    }


def slide_filename(deck: Deck, index: int) -> str:
    stem = (
        re.sub(r"[^A-Za-z0-9äöüÄÖÜß_-]+", "-", deck.name or "praesentation").strip("-")
        or "praesentation"
    )
    return f"{stem}-{index + 1}"
