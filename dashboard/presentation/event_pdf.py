"""The documentation of one event as a PDF: a page per section (programme, who came, by
kind and Bundesland, what grew, the evaluation), each drawn like a slide of the deck from
the same views as the page. Made in one of the app's renderer slots (pdf.PdfRenderer), kept
in the app's cache per event, language and data version, served by web/pdf_route.py under
the deck PDF's rule and rate limit."""

from __future__ import annotations

import html
import textwrap
from urllib.parse import quote

import plotly.graph_objects as go

from dashboard.figures.map import OFFLINE_STYLE
from dashboard.figures.presentation import for_page, for_slide
from dashboard.i18n import t
from dashboard.presentation.deck_pdf import embedded_sources
from dashboard.presentation.slides import SLIDE_MAP_SIZE
from dashboard.store import Snapshot
from dashboard.views import event as views
from dashboard.views.map import MapCanvas, MapSources
from dashboard.views.result import ViewResult
from dashboard.web.context import app_context, store

EVENT_PDF_PATH = "/veranstaltung/<event_id>/dokumentation.pdf"
EVENT_PDF_VIEW = "event_pdf"  # the name of kept event PDFs in the app's cache
# The evaluation comes last, drawn by _evaluation_section.
PAGE_SECTIONS = ("programme", "who_came", "counts", "grew")
CAPTION_LINE = 160  # characters of the foot line at 16 px across the page
CAPTION_SPACE = 70  # px kept under the chart for it (three lines)


def event_pdf_url(event_id: str, lang: str) -> str:
    path = EVENT_PDF_PATH.replace("<event_id>", quote(str(event_id), safe=""))
    return f"{path}?lang={lang}"


def _subtitle(doc: views.EventDoc, view: ViewResult, sample: bool, lang: str) -> str:
    """The page's line under its title: where it comes from and its key figures."""
    origin = t("badge.sample", lang) if sample else views.source_line(doc, lang)
    facts = " · ".join(f"{label}: {value}" for label, value in view.facts)
    return " · ".join(part for part in (origin, facts) if part)


def _page(doc: views.EventDoc, view: ViewResult, sample: bool, lang: str) -> go.Figure:
    """The section as a page; what it covers (a long sentence) at the foot, wrapped."""
    title = f"{doc.heading()} · {view.title}"
    page = for_page(for_slide(view.figure), title, _subtitle(doc, view, sample, lang))
    if view.caption:
        below = page.layout.margin.b or 0  # the chart's own margin (its axis labels)
        page.add_annotation(
            text="<br>".join(
                html.escape(line, quote=False) for line in textwrap.wrap(view.caption, CAPTION_LINE)
            ),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            yshift=-below - 8,
            align="left",
            showarrow=False,
            font={"size": 16},
        )
        page.update_layout(margin_b=below + CAPTION_SPACE)
    return page


def _evaluation_section(snapshot: Snapshot, doc: views.EventDoc, lang: str) -> list[go.Figure]:
    """The evaluation's results from views.event.evaluation, a page each, or one page with
    the notice that there are none."""
    results = views.evaluation(snapshot, doc, lang) or [views.evaluation_view(snapshot, doc, lang)]
    sample = views.evaluation_sample(snapshot, doc)
    return [_page(doc, result, sample, lang) for result in results]


def event_pages(
    snapshot: Snapshot, event_id: str, lang: str, sources: MapSources
) -> list[go.Figure] | None:
    """The pages of the event's PDF; None for an unknown id."""
    doc = views.event_doc(snapshot, event_id)
    if doc is None:
        return None
    canvas = MapCanvas(sources=sources, style=OFFLINE_STYLE, fit_size=SLIDE_MAP_SIZE)
    pages = [
        _page(doc, part.view, part.sample, lang)
        for part in (views.section(snapshot, doc, key, lang, canvas) for key in PAGE_SECTIONS)
    ]
    return pages + _evaluation_section(snapshot, doc, lang)


def cached_event_pdf(event_id: str, lang: str) -> bytes | None:
    """The PDF of `event_id` for the current data, None for an unknown event: kept from
    before, else made in one of the renderer's slots (RendererBusy when none comes free)."""
    cache = app_context().cache
    state = (event_id, lang)
    body = cache.read(store().version(), EVENT_PDF_VIEW, state)
    if body is not None:
        return body
    if views.event_doc(store().snapshot(), event_id) is None:
        return None  # nothing to draw: no slot taken
    with app_context().pdf.slot():
        snapshot = store().snapshot()
        # The same PDF may have been made by another request while this one waited.
        body = cache.read(snapshot.version, EVENT_PDF_VIEW, state)
        if body is None:
            pages = event_pages(snapshot, event_id, lang, embedded_sources())
            if pages is None:
                return None
            body = app_context().pdf.pdf(pages)
            cache.write(snapshot.version, EVENT_PDF_VIEW, state, body)
    return body
