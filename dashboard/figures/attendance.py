"""Attendance charts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import OKABE_ITO, base_layout, empty_figure
from dashboard.i18n import t


def attendance_per_year(per_year: pd.DataFrame, lang: str, height: int = 320) -> go.Figure:
    """Bars of known headcount per event year; hover adds actors and unknown headcounts.

    `per_year` is analysis.overview.attendance_per_year: year, headcount, actors, unknown.
    """
    if per_year.empty:
        return empty_figure(t("empty.no_data", lang), lang, height)
    customdata = np.column_stack([per_year["actors"].to_numpy(), per_year["unknown"].to_numpy()])
    bars = go.Bar(
        x=per_year["year"].to_numpy(),
        y=per_year["headcount"].to_numpy(),
        marker_color=OKABE_ITO[0],
        customdata=customdata,
        name=t("chart.attendance.people", lang),
        hovertemplate=(
            f"<b>%{{x}}</b><br>{t('chart.attendance.people', lang)}: %{{y:,}}"
            f"<br>{t('chart.attendance.actors', lang)}: %{{customdata[0]:,}}"
            f"<br>{t('chart.attendance.unknown', lang)}: %{{customdata[1]:,}}<extra></extra>"
        ),
    )
    layout = base_layout(lang, height=height)
    layout.update(
        xaxis={"title": {"text": t("chart.year", lang)}, "type": "category"},
        yaxis={"title": {"text": t("chart.attendance.people", lang)}, "rangemode": "tozero"},
        showlegend=False,
        meta={"description": t("chart.attendance.description", lang)},
    )
    return go.Figure(data=[bars], layout=layout)
