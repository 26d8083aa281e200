"""Survey results: the answer distribution per group of one question, and a measure per
year or topic. Suppressed groups get a row with a note instead of a bar."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.theme import OKABE_ITO, base_layout, empty_figure
from dashboard.i18n import t

# Diverging from the worst option to the best reads as a scale.
_SCALE_COLOURS = ("#D55E00", "#E69F00", "#BBBBBB", "#56B4E9", "#0072B2", "#000000")


def distribution(
    labels: list[str],
    options: list[str],
    shares: list[list[float | None]],
    suppressed: list[bool],
    note: str,
    lang: str,
) -> go.Figure:
    """`shares[g][o]`: percent of group g's answers that chose option o (None: suppressed)."""
    figure = go.Figure(layout=base_layout(lang, height=120 + 44 * len(labels)))
    colours = _SCALE_COLOURS if len(options) > 2 else (OKABE_ITO[0], OKABE_ITO[1])
    for index, option in enumerate(options):
        figure.add_trace(
            go.Bar(
                name=option,
                orientation="h",
                y=labels,
                x=[row[index] for row in shares],
                marker_color=colours[index % len(colours)],
                hovertemplate="%{y}<br>" + option + ": %{x:.0f} %<extra></extra>",
            )
        )
    figure.update_layout(
        meta={"description": t("evaluation.distribution.description", lang)},
        barmode="stack",
        xaxis={"range": [0, 100], "ticksuffix": " %"},
        yaxis={"autorange": "reversed", "automargin": True},
        annotations=[
            {"text": note, "x": 50, "y": label, "showarrow": False, "font": {"color": "#6c757d"}}
            for label, hidden in zip(labels, suppressed, strict=True)
            if hidden
        ],
    )
    return figure


def measure(
    labels: list[str], values: list[float], texts: list[str], axis: str, lang: str, empty: str
) -> go.Figure:
    """One bar per year or topic with its n as the bar's text."""
    if not labels:
        return empty_figure(empty, lang, height=320)
    figure = go.Figure(
        go.Bar(
            x=labels,
            y=values,
            text=texts,
            textposition="outside",
            marker_color=OKABE_ITO[0],
            hovertemplate="%{x}: %{y:.2f}<br>%{text}<extra></extra>",
        ),
        layout=base_layout(lang, height=360),
    )
    # The scale goes on a second line: in one the title is longer than the chart is high.
    title = axis.replace(" (", "<br>(", 1)
    figure.update_layout(
        yaxis={"title": {"text": title}},
        xaxis={"type": "category"},
        meta={"description": t("evaluation.measure.description", lang)},
    )
    return figure
