"""A whole deck as one PDF, made on the server: each slide drawn by kaleido with Debian's
chromium (kaleido never downloads a browser of its own here), the one-page PDFs joined
with pypdf. Nothing is fetched from outside: plotly.js comes from the installed plotly
package, MathJax is switched off, and the maps use the tile-free basemap with the
outlines passed in the figure."""
from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import kaleido
import plotly.graph_objects as go
from pypdf import PdfReader, PdfWriter

from dashboard.figures.presentation import PAGE_HEIGHT, PAGE_WIDTH

DEFAULT_CHROMIUM = "/usr/bin/chromium"
PDF_MEDIA_TYPE = "application/pdf"


def browser_path() -> str:
    """BROWSER_PATH (kaleido's and choreographer's own setting) or Debian's chromium."""
    return os.environ.get("BROWSER_PATH") or DEFAULT_CHROMIUM


async def _render(figures: Sequence[go.Figure]) -> list[bytes]:
    options = {"format": "pdf", "width": PAGE_WIDTH, "height": PAGE_HEIGHT}
    # One browser for the whole deck: starting chromium costs more than drawing a slide.
    async with kaleido.Kaleido(n=1, path=browser_path(), mathjax=False) as renderer:
        return [await renderer.calc_fig(figure, opts=options) for figure in figures]


def figures_to_pdf(figures: Sequence[go.Figure]) -> bytes:
    """One PDF with one page per figure, in order."""
    # asyncio.run needs a thread without a running event loop; a request thread may have one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pages = pool.submit(asyncio.run, _render(figures)).result()
    writer = PdfWriter()
    for page in pages:
        writer.append(PdfReader(BytesIO(page)))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
