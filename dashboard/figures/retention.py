"""Retention charts: new versus returning actors, cohorts, who did not come back."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import schema
from dashboard.figures.cell_text import LABEL_STANDOFF, heatmap_cell_text
from dashboard.figures.counts import count_ticks
from dashboard.figures.theme import ACTOR_TYPE_COLOURS, OKABE_ITO, base_layout, empty_figure
from dashboard.i18n import fmt_number, t

NEW_COLOUR = OKABE_ITO[1]  # orange
RETURNING_COLOUR = OKABE_ITO[0]  # blue
# Sequential, single hue (light to dark blue): readable with every colour-vision deficiency.
SEQUENTIAL_BLUES = [[0.0, "#deebf7"], [0.35, "#9ecae1"], [0.7, "#3182bd"], [1.0, "#08306b"]]
# The cohort chart's width on the narrowest page that sets it beside another (/teilnahme,
# half a 1200 px window): cell numbers that fit there fit on every wider screen.
COHORT_WIDTH = 540
COHORT_MARGIN_TOP = 56
COHORT_MARGIN_BOTTOM = 48


def new_vs_returning(per_year: pd.DataFrame, lang: str, height: int = 380) -> go.Figure:
    """Stacked bars per year: returning actors (bottom) and new actors (top).

    `per_year` is analysis.retention.new_vs_returning.
    """
    if per_year.empty or int(per_year["actors"].sum()) == 0:
        return empty_figure(t("empty.no_data", lang), lang, height)
    x = per_year["year"].astype(str).to_numpy()
    share = (per_year["returning_share"].to_numpy(dtype=float) * 100).round(0)
    customdata = np.column_stack([per_year["actors"].to_numpy(dtype=float), share])
    hover_tail = (
        f"<br>{t('attendance.retention.total', lang)}: %{{customdata[0]:,}}"
        f"<br>{t('attendance.retention.share', lang)}: %{{customdata[1]:,}} %<extra></extra>"
    )
    traces = [
        go.Bar(
            x=x,
            y=per_year["returning"].to_numpy(dtype=float),
            name=t("attendance.retention.returning", lang),
            marker_color=RETURNING_COLOUR,
            customdata=customdata,
            hovertemplate=f"<b>%{{x}}</b><br>{t('attendance.retention.returning', lang)}: %{{y:,}}"
            + hover_tail,
        ),
        go.Bar(
            x=x,
            y=per_year["new"].to_numpy(dtype=float),
            name=t("attendance.retention.new", lang),
            marker_color=NEW_COLOUR,
            marker_pattern_shape="/",
            customdata=customdata,
            hovertemplate=f"<b>%{{x}}</b><br>{t('attendance.retention.new', lang)}: %{{y:,}}"
            + hover_tail,
        ),
    ]
    layout = base_layout(lang, height=height)
    layout.update(
        barmode="stack",
        xaxis={"title": {"text": t("chart.year", lang)}, "type": "category"},
        yaxis={"title": {"text": t("attendance.hover.actors", lang)}, "rangemode": "tozero"},
        meta={"description": t("attendance.retention.description", lang)},
    )
    return go.Figure(data=traces, layout=layout)


def cohort_heatmap(matrix: pd.DataFrame, lang: str, width: int = COHORT_WIDTH) -> go.Figure:
    """Heatmap: rows = cohort (year of first participation), columns = event year, cell =
    actors of the cohort present. `matrix` is analysis.retention.cohorts.

    The numbers are written into the cells only at a size at which they fit a chart `width`
    px wide (see cell_text); otherwise the hover and the table give them."""
    if matrix.empty or matrix.shape[1] == 0:
        return empty_figure(t("empty.no_data", lang), lang, 360)
    z = matrix.to_numpy(dtype=float)
    x = [str(year) for year in matrix.columns]
    y = [str(cohort) for cohort in matrix.index]
    height = max(300, 110 + 34 * len(y))
    top = max(float(np.nanmax(z)) if np.isfinite(z).any() else 1.0, 1.0)
    text = np.vectorize(lambda v: fmt_number(v, lang) if np.isfinite(v) else "", otypes=[str])(z)
    colorbar_title = t("attendance.hover.actors", lang)
    cells = heatmap_cell_text(
        "%{text}",
        text,
        x,
        y,
        width=width,
        height=height,
        margin_top=COHORT_MARGIN_TOP,
        margin_bottom=COHORT_MARGIN_BOTTOM,
        row_title=True,
        colorbar_title=colorbar_title,
        colorbar_tick=fmt_number(top, lang),
    )
    heatmap = go.Heatmap(
        z=z,
        x=x,
        y=y,
        text=text,
        colorscale=SEQUENTIAL_BLUES,
        zauto=False,
        zmin=0,
        zmax=top,
        **cells.trace_options(),
        xgap=2,
        ygap=2,
        colorbar={"title": {"text": colorbar_title}, "thickness": 14, **count_ticks(top)},
        hovertemplate=(
            f"{t('attendance.cohort.cohort', lang)} %{{y}}<br>{t('chart.year', lang)} %{{x}}"
            f"<br>{t('attendance.hover.actors', lang)}: %{{z:,}}<extra></extra>"
        ),
        hoverongaps=False,
    )
    layout = base_layout(lang, height=height)
    layout.update(
        xaxis={
            "title": {"text": t("chart.year", lang)},
            "type": "category",
            "side": "top",
            "showgrid": False,
            "automargin": True,
        },
        yaxis={
            "title": {"text": t("attendance.cohort.cohort_axis", lang)},
            "type": "category",
            "autorange": "reversed",
            "showgrid": False,
            # Room for the labels, and a gap so "2006" does not touch the first cell.
            "automargin": True,
            "ticklabelstandoff": LABEL_STANDOFF,
        },
        margin={"t": COHORT_MARGIN_TOP, "b": COHORT_MARGIN_BOTTOM},
        meta={"description": t("attendance.cohort.description", lang)},
    )
    return go.Figure(data=[heatmap], layout=layout)


def not_returned_chart(per_year: pd.DataFrame, lang: str, height: int = 340) -> go.Figure:
    """Stacked bars: actors that have not come back, by the year they last came, per type.

    `per_year` is analysis.retention.not_returned_per_year.
    """
    if per_year.empty:
        return empty_figure(t("attendance.lapsed.none", lang), lang, height)
    years = sorted(per_year["last_year"].astype(int).unique())
    traces = []
    for actor_type in schema.ACTOR_TYPES:
        group = per_year[per_year["type"] == actor_type]
        if group.empty:
            continue
        traces.append(
            go.Bar(
                x=group["last_year"].astype(str).to_numpy(),
                y=group["actors"].to_numpy(dtype=float),
                name=t(f"type.{actor_type}", lang),
                marker_color=ACTOR_TYPE_COLOURS[actor_type],
                hovertemplate=(
                    f"{t('attendance.lapsed.last_year', lang)}: %{{x}}"
                    f"<br>{t(f'type.{actor_type}', lang)}: %{{y:,}}<extra></extra>"
                ),
            )
        )
    layout = base_layout(lang, height=height)
    layout.update(
        barmode="stack",
        xaxis={
            "title": {"text": t("attendance.lapsed.last_year", lang)},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [str(y) for y in years],
        },
        yaxis={
            "title": {"text": t("attendance.hover.actors", lang)},
            "rangemode": "tozero",
            **count_ticks(float(per_year.groupby("last_year")["actors"].sum().max())),
        },
        meta={"description": t("attendance.lapsed.description", lang)},
    )
    return go.Figure(data=traces, layout=layout)
