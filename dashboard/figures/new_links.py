"""The strongest links a year added: one horizontal bar per pair, its strength the length."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.counts import count_ticks
from dashboard.figures.theme import OKABE_ITO, base_layout, empty_figure
from dashboard.i18n import t
from dashboard.schema import LINK_KINDS


def new_links_chart(links: pd.DataFrame, year: int | None, lang: str) -> go.Figure:
    """`links` is analysis.network.strongest_new_links: the heaviest pair first, on top."""
    if links.empty or year is None:
        return empty_figure(t("new_links.none", lang), lang)
    # Names are data: escaped, since plotly reads its labels as a little HTML.
    labels = [
        f"{html.escape(str(a))} – {html.escape(str(b))}"
        for a, b in zip(links["source_name"], links["target_name"], strict=True)
    ]
    kinds = [
        t(f"network.kind.{kind}", lang) if kind in LINK_KINDS else "" for kind in links["kind"]
    ]
    bars = go.Bar(
        x=links["weight"].to_numpy(dtype=float),
        y=labels,
        orientation="h",
        marker_color=OKABE_ITO[2],
        text=kinds,
        textposition="inside",
        insidetextanchor="start",
        textfont={"color": "white"},
        hovertemplate=f"<b>%{{y}}</b><br>{t('new_links.weight', lang)}: %{{x:,}}<extra></extra>",
    )
    layout = base_layout(lang)
    layout.update(
        xaxis={
            "title": {"text": t("new_links.weight", lang)},
            "rangemode": "tozero",
            **count_ticks(float(links["weight"].max())),
        },
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        showlegend=False,
        meta={"description": t("new_links.description", lang, year=year)},
    )
    return go.Figure(data=[bars], layout=layout)
