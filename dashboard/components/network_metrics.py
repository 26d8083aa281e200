"""The metrics table of /netzwerk: one row per actor, sorted and paged on the server.

A national network has tens of thousands of actors, which the browser should not receive
at once: the grid uses AG Grid's infinite row model and asks for one page at a time; the
rows come sorted from the frame of the network view with their numbers already written
in the page's language.
"""

from __future__ import annotations

import json

import dash_ag_grid as dag
import pandas as pd

from dashboard.components.grid_locale import grid_locale
from dashboard.i18n import fmt_number, t

GRID_ID = "network-metrics"
# The header's bold 14 px text is about 7.2 px per character in Chromium's sans-serif;
# padding and the sort arrow take the rest.
HEADER_PX_PER_CHAR = 7.3
HEADER_PADDING_PX = 36
PAGE_SIZE = 15
TEXT_COLUMNS = ("name", "type", "role")
# Numeric columns and their decimal places.
NUMBER_COLUMNS = {
    "events": 0,
    "headcount": 0,
    "degree": 0,
    "weighted_degree": 0,
    "betweenness": 3,
    "eigenvector": 3,
    "community": 0,
}


def _header_width(header: str) -> int:
    """A column wide enough for the longest word of its header: headers wrap between words,
    and a word that did not fit was broken in the middle ("Teilnahm|en")."""
    longest = max((len(word) for word in header.replace("-", "- ").split()), default=0)
    return round(HEADER_PX_PER_CHAR * longest) + HEADER_PADDING_PX


def metrics_grid(lang: str) -> dag.AgGrid:
    """The empty grid; it asks for its first page as soon as it is shown."""
    columns = [
        {
            "field": "name",
            "headerName": t("network.metric.name", lang),
            "minWidth": 140,
            "flex": 2,
            "tooltipField": "name",
        },
        {"field": "type", "headerName": t("network.metric.type", lang), "width": 120},
        {"field": "role", "headerName": t("network.metric.role", lang), "width": 110},
    ] + [
        {
            "field": column,
            "headerName": t(f"network.metric.{column}", lang),
            "headerTooltip": t(f"network.metric.{column}", lang),
            "type": "rightAligned",
            "minWidth": _header_width(t(f"network.metric.{column}", lang)),
            "flex": 1,
        }
        for column in NUMBER_COLUMNS
    ]
    broker, isolated = t("network.role.broker", lang), t("network.role.isolated", lang)
    return dag.AgGrid(
        id=GRID_ID,
        rowModelType="infinite",
        columnDefs=columns,
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        dashGridOptions={
            "pagination": True,
            "paginationPageSize": PAGE_SIZE,
            "paginationPageSizeSelector": False,
            "cacheBlockSize": PAGE_SIZE,
            "localeText": grid_locale(lang),
            "domLayout": "autoHeight",
        },
        # Brokers stand out, isolated actors recede (as the note above the table says).
        getRowStyle={
            "styleConditions": [
                {
                    "condition": f"params.data && params.data.role === {json.dumps(broker)}",
                    "style": {"backgroundColor": "#fff3cd", "fontWeight": "600"},
                },
                {
                    "condition": f"params.data && params.data.role === {json.dumps(isolated)}",
                    "style": {"color": "#6c757d", "fontStyle": "italic"},
                },
            ]
        },
        className="ag-theme-alpine",
        style={"width": "100%"},
    )


def metrics_rows(frame: pd.DataFrame, request: object, lang: str) -> dict:
    """The rows AG Grid asked for (`startRow` to `endRow`, sorted by its `sortModel`),
    numbers written in `lang`, and the total count. Whatever the browser sent that is not
    such a request gives the first page, unsorted."""
    request = request if isinstance(request, dict) else {}
    order = request.get("sortModel")
    first = order[0] if isinstance(order, list) and order and isinstance(order[0], dict) else {}
    column = first.get("colId")
    if column in TEXT_COLUMNS or column in NUMBER_COLUMNS:
        frame = frame.sort_values(
            column,
            ascending=first.get("sort") != "desc",
            kind="stable",
            na_position="last",
            key=(lambda values: values.str.casefold()) if column in TEXT_COLUMNS else None,
        )
    start = _row_number(request.get("startRow"), 0)
    end = min(_row_number(request.get("endRow"), start + PAGE_SIZE), start + 10 * PAGE_SIZE)
    shown = frame.iloc[start:end]
    unknown = t("common.unknown", lang)
    rows = []
    for record in shown.to_dict("records"):
        row = {column: str(record[column]) for column in ("id", *TEXT_COLUMNS)}
        for column, digits in NUMBER_COLUMNS.items():
            value = record[column]
            missing = "–" if column == "community" else unknown
            row[column] = missing if pd.isna(value) else fmt_number(value, lang, digits)
        rows.append(row)
    return {"rowData": rows, "rowCount": len(frame)}


def _row_number(value: object, default: int) -> int:
    return value if isinstance(value, int) and value >= 0 else default
