"""The line under a chart's title that names what it covers."""

from __future__ import annotations

from dashboard.analysis.selection import select_in
from dashboard.geo.states import state_name
from dashboard.i18n import t
from dashboard.state.filters import Filters
from dashboard.store import Snapshot


def filters_line(snapshot: Snapshot, filters: Filters) -> str:
    """The filters of a slide in one line ("2017–2024 · Kommune · Nordrhein-Westfalen"),
    so the audience knows what the chart covers."""
    lang = filters.lang
    tables = snapshot.tables
    selection = select_in(snapshot, filters)
    parts = []
    if selection.year_range:
        first, last = selection.year_range
        parts.append(str(first) if first == last else f"{first}–{last}")
    if filters.event:
        match = tables["events"].loc[tables["events"]["id"] == filters.event, "title"]
        parts.append(str(match.iloc[0]) if not match.empty else filters.event)
    parts += [t(f"type.{kind}", lang) for kind in filters.types]
    parts += [state_name(code, lang) or code for code in filters.states]
    if filters.topic:
        topics_frame = tables["topics"]
        match = topics_frame.loc[
            (topics_frame["id"] == filters.topic) | (topics_frame["name"] == filters.topic), "name"
        ]
        parts.append(str(match.iloc[0]) if not match.empty else filters.topic)
    return " · ".join(parts)
