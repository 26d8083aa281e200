"""One look for every chart: colour-blind-safe colours, system fonts, locale separators."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.i18n import normalise_language

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

ACTOR_TYPE_COLOURS = {
    "kommune": "#0072B2",
    "initiative": "#E69F00",
    "organisation": "#009E73",
    "stiftung": "#CC79A7",
    "netzwerk": "#D55E00",
}

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TEXT_COLOUR = "#212529"
GRID_COLOUR = "#dee2e6"

# Plotly's `separators`: decimal mark first, then the thousands separator.
_SEPARATORS = {"de": ",.", "en": ".,"}


def base_layout(lang: str, title: str | None = None, height: int | None = None) -> go.Layout:
    return go.Layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}} if title else None,
        font={"family": FONT_FAMILY, "size": 14, "color": TEXT_COLOUR},
        separators=_SEPARATORS[normalise_language(lang)],
        colorway=list(OKABE_ITO),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 56, "r": 16, "t": 48 if title else 16, "b": 48},
        height=height,
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 14}},
        xaxis={"gridcolor": GRID_COLOUR, "zeroline": False},
        yaxis={"gridcolor": GRID_COLOUR, "zeroline": False},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )


def empty_figure(message: str, lang: str, height: int | None = None) -> go.Figure:
    """A figure that says why there is nothing to show, instead of an empty axis."""
    layout = base_layout(lang, height=height)
    layout.update(
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": message,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "showarrow": False,
                "font": {"size": 16, "color": "#6c757d"},
            }
        ],
    )
    return go.Figure(layout=layout)
