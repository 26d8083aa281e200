"""The PDF of a deck: one page per slide, made in the app's renderer and kept per data version.

Made at most pdf.SLOTS at a time per process in one long-lived browser, kept in the
app's cache per deck, language and data version; pages/presentation.py serves it, refused over
MAX_SLIDES, for anonymous visitors when PUBLIC_PDF is off, and (dashboard/web/limits.py) when
asked for too often.
"""

from __future__ import annotations

from dashboard.db.boundaries import load_boundaries
from dashboard.figures.presentation import for_page
from dashboard.geo.basemap import neighbours_geojson
from dashboard.geo.boundaries import feature_collection
from dashboard.geo.data import states_geojson
from dashboard.presentation.deck import PRESENTATION_PATH, Deck, deck_to_data
from dashboard.presentation.slides import build_slide, facts_line, sample_label
from dashboard.views.map import MapSources
from dashboard.web.context import app_context, store

PDF_PATH = f"{PRESENTATION_PATH}/pdf"
PDF_VIEW = "deck_pdf"  # the name of kept PDFs in the app's cache


def embedded_sources() -> MapSources:
    """Outlines for a map rendered without the app (the deck PDF): the GeoJSON itself."""
    _version, stored = load_boundaries(app_context().engine, app_context().cache)
    return MapSources(
        states=states_geojson(),
        neighbours=neighbours_geojson(),
        boundaries=stored,
        boundary_outlines=lambda level: feature_collection(stored[stored["level"] == level]),
    )


def deck_pdf(deck: Deck, lang: str, snapshot) -> bytes:
    """One page per slide, in order, each with its title, its "Beispieldaten" mark where
    it shows sample data, and its filter line."""
    pages = []
    for slide in deck.slides:
        view = build_slide(snapshot, slide, lang, embedded_sources())
        parts = (sample_label(view, lang), view.subtitle, facts_line(view))
        subtitle = " · ".join(part for part in parts if part)
        pages.append(for_page(view.figure, view.title, subtitle))
    return app_context().pdf.pdf(pages)


def _pdf_state(deck: Deck, lang: str) -> tuple:
    return deck_to_data(deck), lang


def cached_deck_pdf(deck: Deck, lang: str) -> bytes:
    """The PDF of `deck` for the current data: kept from before, else made in one of the
    renderer's slots (RendererBusy when none comes free) and kept. A cache that cannot be
    read counts as empty."""
    cache = app_context().cache
    body = cache.read(store().version(), PDF_VIEW, _pdf_state(deck, lang))
    if body is not None:
        return body
    with app_context().pdf.slot():
        snapshot = store().snapshot()
        # The same deck may have been made by another request while this one waited.
        body = cache.read(snapshot.version, PDF_VIEW, _pdf_state(deck, lang))
        if body is None:
            body = deck_pdf(deck, lang, snapshot)
            cache.write(snapshot.version, PDF_VIEW, _pdf_state(deck, lang), body)
    return body
