"""The PDF of a deck: one page per slide, made in the app's renderer and kept per data version.

Made at most pdf.SLOTS at a time per process in one long-lived browser, kept in the
app's cache per deck, language and data version; pages/presentation.py serves it, refused over
MAX_SLIDES, for anonymous visitors when PUBLIC_PDF is off, and (dashboard/web/limits.py) when
asked for too often.
"""

from __future__ import annotations

import logging

from dashboard.figures.presentation import for_page
from dashboard.geo.basemap import neighbours_geojson
from dashboard.geo.data import states_geojson
from dashboard.presentation.deck import PRESENTATION_PATH, Deck, deck_to_data
from dashboard.presentation.slides import MapSources, build_slide, facts_line
from dashboard.web.context import app_context, store

PDF_PATH = f"{PRESENTATION_PATH}/pdf"
log = logging.getLogger(__name__)


def _pdf_sources() -> MapSources:
    return MapSources(states=states_geojson(), neighbours=neighbours_geojson())


def deck_pdf(deck: Deck, lang: str, snapshot) -> bytes:
    """One page per slide, in order, each with its title and filter line."""
    pages = []
    for slide in deck.slides:
        view = build_slide(snapshot, slide, lang, _pdf_sources())
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
