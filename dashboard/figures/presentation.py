"""The slide look of any figure: large type and strong contrast for the back of a hall,
the size left to the screen (or to the PDF page)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType

from dashboard.figures.cell_text import CellText, cell_text, longest

SLIDE_FONT_SIZE = 22
TICK_FONT_SIZE = 20
LABEL_FONT_SIZE = 18
MAP_TRACES = ("scattermap", "choroplethmap", "densitymap")
SLIDE_TEXT = "#000000"
SLIDE_GRID = "#9a9a9a"
PAGE_WIDTH = 1600
PAGE_HEIGHT = 900
TITLE_MARGIN = 150
# What the slide's axes take of a heatmap, in px of the PDF page (row labels and colour bar
# across, column labels and margins down), estimated on the high side.
SLIDE_LABELS_WIDTH = 420
SLIDE_AXES_HEIGHT = 220


def for_slide(figure: go.Figure) -> go.Figure:
    """A copy of `figure` with slide-sized type, black text and darker grid lines, and no
    fixed height: the slide (or the PDF page) gives it its size."""
    slide = go.Figure(figure)
    slide.layout.height = None
    slide.layout.width = None
    slide.update_layout(
        autosize=True,
        font={"size": SLIDE_FONT_SIZE, "color": SLIDE_TEXT},
        legend={"font": {"size": TICK_FONT_SIZE}},
        hoverlabel={"font": {"size": TICK_FONT_SIZE}},
        margin={"l": 90, "r": 40, "t": 70, "b": 80},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    axis = {
        "tickfont": {"size": TICK_FONT_SIZE, "color": SLIDE_TEXT},
        "title": {"font": {"size": SLIDE_FONT_SIZE, "color": SLIDE_TEXT}},
        "gridcolor": SLIDE_GRID,
        "linecolor": SLIDE_TEXT,
    }
    slide.update_xaxes(**axis)
    slide.update_yaxes(**axis)
    # Labels drawn on the chart (names in the network, numbers in heatmap cells).
    slide.update_traces(textfont={"size": LABEL_FONT_SIZE}, selector=_has_text)
    # Heatmap numbers at the slide's size where they fit it (a page may have left them to
    # the hover, fitted to a laptop's half-width card), else still to the hover.
    for trace in slide.data:
        if trace.type == "heatmap" and trace.text is not None:
            trace.update(**_slide_cell_text(trace).trace_options())
    # Words written in bars: plotly shrinks them to fit a thin bar (12 px on a 720-line
    # projector). On a slide they go beside a bar too short for them, in black, and are
    # left out where even that does not fit, rather than shrunk (the axis tells the value).
    slide.update_traces(
        textposition="auto",
        textfont={"size": LABEL_FONT_SIZE},
        outsidetextfont={"color": SLIDE_TEXT},
        cliponaxis=False,
        selector=_has_text_in_bars,
    )
    slide.update_layout(uniformtext={"minsize": LABEL_FONT_SIZE, "mode": "hide"})
    slide.update_annotations(font={"size": SLIDE_FONT_SIZE})
    # Tables (an event's programme) in the slide's type, rows tall enough for it.
    slide.update_traces(
        header={"font": {"size": TICK_FONT_SIZE}, "height": 40},
        cells={"font": {"size": LABEL_FONT_SIZE}, "height": 34},
        selector={"type": "table"},
    )
    if is_map(slide):
        slide.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return slide


def is_map(figure: go.Figure) -> bool:
    return any(trace.type in MAP_TRACES for trace in figure.data)


def _has_text(trace: BaseTraceType) -> bool:
    if trace.type == "heatmap":
        return trace.texttemplate is not None or trace.text is not None
    return trace.type == "scatter" and "text" in str(trace.mode or "")


def _has_text_in_bars(trace: BaseTraceType) -> bool:
    return trace.type == "bar" and trace.text is not None and trace.textposition == "inside"


def _slide_cell_text(trace: BaseTraceType) -> CellText:
    texts = np.asarray(trace.text, dtype=object)
    rows, columns = texts.shape if texts.ndim == 2 else (1, texts.size)
    return cell_text(
        "%{text}",
        columns,
        rows,
        longest(texts.ravel()),
        PAGE_WIDTH - SLIDE_LABELS_WIDTH,
        PAGE_HEIGHT - TITLE_MARGIN - SLIDE_AXES_HEIGHT,
        largest=LABEL_FONT_SIZE,
    )


def for_page(figure: go.Figure, title: str, subtitle: str) -> go.Figure:
    """A slide figure as one PDF page: the slide's title and filter line written into the
    figure (a PDF page has no HTML around it), at the page size."""
    page = go.Figure(figure)
    heading = f"<b>{_escape(title)}</b>"
    if subtitle:
        heading += f"<br><span style='font-size:{TICK_FONT_SIZE}px'>{_escape(subtitle)}</span>"
    margin = page.layout.margin
    page.update_layout(
        title={
            "text": heading,
            "x": 0.02,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 36},
            "font": {"size": 34, "color": SLIDE_TEXT},
        },
        margin={"t": TITLE_MARGIN + (margin.t or 0), "l": margin.l, "r": margin.r, "b": margin.b},
        width=PAGE_WIDTH,
        height=PAGE_HEIGHT,
    )
    return page


def _escape(text: str) -> str:
    """Plotly titles take a small HTML subset: data text must not become markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
