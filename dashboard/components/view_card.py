"""A chart card filled from a view: the graph, its table and its downloads all come from
one ViewResult, so the CSV/XLSX and the PNG/SVG of a chart are what the chart shows."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.components.chart_card import chart_card_values
from dashboard.views.result import ViewResult


def view_card_values(
    result: ViewResult,
    lang: str,
    filename: str,
    plain: Iterable[str] = (),
    max_rows: int | None = None,
    missing: str | None = None,
) -> tuple[object, ...]:
    """The values for `chart_card_outputs(card_id)`: the view's figure and its table (shown
    under the chart and written by the downloads) captioned with the view's title."""
    table = result.table if result.table is not None else pd.DataFrame()
    return chart_card_values(
        result.figure,
        table,
        lang,
        caption=result.title,
        filename=filename,
        plain=plain,
        max_rows=max_rows,
        missing=missing,
    )
