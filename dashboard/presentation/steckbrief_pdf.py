"""The Steckbrief of an actor as a one-page PDF, made like the deck PDF: in one of the app's
renderer slots (pdf.PdfRenderer), kept in the app's cache per actor, language and data
version, served by web/pdf_route.py under the deck PDF's rule and rate limit."""

from __future__ import annotations

from urllib.parse import quote

from dashboard.presentation.deck_pdf import embedded_sources
from dashboard.presentation.pdf import place_pages
from dashboard.presentation.steckbrief import PAGE_HEIGHT, PAGE_WIDTH, Steckbrief, steckbrief
from dashboard.store import Snapshot
from dashboard.web.context import app_context, store

STECKBRIEF_PATH = "/akteur/<actor_id>/steckbrief.pdf"
STECKBRIEF_VIEW = "steckbrief_pdf"  # the name of kept Steckbriefe in the app's cache


def steckbrief_url(actor_id: str, lang: str) -> str:
    path = STECKBRIEF_PATH.replace("<actor_id>", quote(str(actor_id), safe=""))
    return f"{path}?lang={lang}"


def draw(sheet: Steckbrief) -> bytes:
    """The page and its charts, each drawn at its size, as one PDF page."""
    sized = [(sheet.page, PAGE_WIDTH, PAGE_HEIGHT)] + [
        (chart.figure, chart.width, chart.height) for chart in sheet.charts
    ]
    page, *charts = app_context().pdf.pages(sized)
    placed = [
        (drawn, chart.left, chart.top) for drawn, chart in zip(charts, sheet.charts, strict=True)
    ]
    return place_pages(page, placed, PAGE_WIDTH)


def _made(snapshot: Snapshot, actor_id: str, lang: str) -> bytes | None:
    sheet = steckbrief(snapshot, actor_id, lang, embedded_sources())
    return None if sheet is None else draw(sheet)


def cached_steckbrief_pdf(actor_id: str, lang: str) -> bytes | None:
    """The Steckbrief of `actor_id` for the current data, None for an unknown actor: kept
    from before, else made in one of the renderer's slots (RendererBusy when none comes
    free) and kept."""
    cache = app_context().cache
    state = (actor_id, lang)
    body = cache.read(store().version(), STECKBRIEF_VIEW, state)
    if body is not None:
        return body
    if not (store().snapshot().tables["actors"]["id"] == actor_id).any():
        return None  # nothing to draw: no slot taken
    with app_context().pdf.slot():
        snapshot = store().snapshot()
        # The same Steckbrief may have been made by another request while this one waited.
        body = cache.read(snapshot.version, STECKBRIEF_VIEW, state)
        if body is None:
            body = _made(snapshot, actor_id, lang)
            if body is not None:
                cache.write(snapshot.version, STECKBRIEF_VIEW, state, body)
    return body
