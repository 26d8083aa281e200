"""The figures of an event's documentation: its programme and what grew as tables (for a
slide and the PDF; the page writes them as HTML), who came by kind of actor against the
event before."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import GRID_COLOUR, OKABE_ITO, TEXT_COLOUR, base_layout
from dashboard.i18n import t

HEADER_FILL = "#e9ecef"
CURRENT_COLOUR = OKABE_ITO[0]
PREVIOUS_COLOUR = "#8c959f"


def _cells(values: pd.Series) -> list[str]:
    """Plotly writes a table's text as a small HTML subset: data text must stay text."""
    return [html.escape(str(value), quote=False) for value in values]


def text_table(
    frame: pd.DataFrame, headers: list[str], lang: str, widths: list[float]
) -> go.Figure:
    """`frame`'s columns as a plain table under `headers`, left-aligned, as text."""
    figure = go.Figure(
        go.Table(
            columnwidth=widths,
            header={
                "values": [f"<b>{html.escape(header, quote=False)}</b>" for header in headers],
                "align": "left",
                "fill": {"color": HEADER_FILL},
                "line": {"color": GRID_COLOUR},
                "font": {"color": TEXT_COLOUR},
            },
            cells={
                "values": [_cells(frame[column]) for column in frame.columns],
                "align": "left",
                "fill": {"color": "white"},
                "line": {"color": GRID_COLOUR},
                "font": {"color": TEXT_COLOUR},
                "height": 28,
            },
        ),
        layout=base_layout(lang),
    )
    figure.update_layout(margin={"l": 8, "r": 8, "t": 8, "b": 8})
    return figure


def compared_bars(
    labels: list[str],
    current: list[int],
    previous: list[int] | None,
    names: tuple[str, str],
    lang: str,
) -> go.Figure:
    """Actors per kind at this event (and the one before, when there is one), as
    horizontal bars, largest at the top."""
    this_name, previous_name = names
    traces = []
    if previous is not None:
        traces.append(
            go.Bar(
                y=labels,
                x=previous,
                name=previous_name,
                orientation="h",
                marker_color=PREVIOUS_COLOUR,
                text=previous,
                textposition="auto",
            )
        )
    traces.append(
        go.Bar(
            y=labels,
            x=current,
            name=this_name,
            orientation="h",
            marker_color=CURRENT_COLOUR,
            text=current,
            textposition="auto",
        )
    )
    figure = go.Figure(traces, layout=base_layout(lang, height=360))
    figure.update_layout(
        barmode="group",
        meta={"description": t("event.counts.description", lang)},
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"rangemode": "tozero"},
        margin={"l": 16, "t": 40},
    )
    return figure
