"""The line under a chart's title that names what it covers."""

from __future__ import annotations

from dashboard.analysis.selection import Selection, select_in
from dashboard.geo.states import state_name
from dashboard.i18n import t
from dashboard.state.filters import Filters
from dashboard.store import Snapshot


def filters_line(snapshot: Snapshot, filters: Filters, selection: Selection | None = None) -> str:
    """The filters of a chart in one line ("2017–2024 · Kommune · Nordrhein-Westfalen"), so
    the audience knows what the chart covers. Kept per data version and filters: a page's
    callback captions several views of one selection, and selecting costs more than the line.
    `selection`, when the caller has it, is the selection of `filters` (saves selecting)."""
    return snapshot.cached(
        "views.caption",
        filters,
        lambda: _line(snapshot, filters, selection or select_in(snapshot, filters)),
    )


def _line(snapshot: Snapshot, filters: Filters, selection: Selection) -> str:
    lang = filters.lang
    tables = snapshot.tables
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
