"""The frame around every page: navigation, filter bar, content, footer."""

from __future__ import annotations

from dash import dcc, html

from dashboard.analysis.options import filter_options
from dashboard.components.deck_control import deck_control, deck_store
from dashboard.components.embed_dialog import embed_dialog
from dashboard.components.embed_frame import embed_frame
from dashboard.components.filter_bar import filter_bar
from dashboard.components.footer import footer
from dashboard.components.navbar import navbar
from dashboard.components.page_search import page_search_store
from dashboard.i18n import t
from dashboard.presentation.deck import page_kind
from dashboard.state.embed import Embed
from dashboard.state.filters import Filters
from dashboard.web.context import app_context, store


def page_frame(
    path: str,
    filters: Filters,
    content,
    with_filters: bool = True,
    embed: Embed | None = None,
) -> html.Div:
    """The page with navigation, filter bar and footer; `embed` (from the address): the
    page as an embedded view instead (components/embed_frame.py)."""
    lang = filters.lang
    settings = app_context().settings
    if embed is not None and embed.on:
        return embed_frame(path, filters, content, embed)
    embeddable = settings.public_read and page_kind(path) is not None
    bar = filter_bar(filters, filter_options(store().snapshot().tables)) if with_filters else None
    return html.Div(
        [
            # The page's own Location: a callback whose input lives in the inserted page is
            # run when the page appears; the page's callbacks read it through the store.
            dcc.Location(id="url", refresh=False),
            page_search_store(),
            html.A(
                t("nav.skip_to_content", lang),
                href="#main",
                className="visually-hidden-focusable skip-link",
            ),
            navbar(filters, path, embeddable),
            bar,
            deck_store(),
            html.Div(deck_control(path, lang), className="container-fluid deck-control-bar"),
            # tabIndex -1: the skip link moves the keyboard focus here, not only the scroll.
            html.Main(
                content,
                id="main",
                className="container-fluid",
                lang=lang,
                tabIndex="-1",
            ),
            footer(lang),
            embed_dialog(settings, lang),
        ],
        lang=lang,
    )
