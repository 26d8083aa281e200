"""What a view hands to every place that shows a chart."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go


@dataclass(frozen=True)
class ViewResult:
    """A chart and everything around it.

    `title` is the page's own heading of the chart, `caption` names what it covers (the
    filters line of a slide), `source` says where the numbers come from, `table` is the
    frame behind the chart (the CSV export), `facts` are label/value pairs shown beside it
    (a profile's key figures).
    """

    figure: go.Figure
    title: str
    caption: str = ""
    source: str = ""
    table: pd.DataFrame | None = None
    facts: tuple[tuple[str, str], ...] = field(default=())
