"""Server-side paging and sorting for DataTables too long to send to the browser at once."""

from __future__ import annotations

import pandas as pd


def page_of(
    frame: pd.DataFrame, page: int | None, page_size: int, sort_by: list[dict] | None
) -> tuple[list[dict], int]:
    """Rows of page `page` (0-based, clamped) of `frame` sorted by DataTable's `sort_by`
    (first entry; unknown columns ignored; missing values last), and the number of pages.
    Both come from the browser: anything else than DataTable sends is ignored."""
    order = (
        sort_by[0]
        if isinstance(sort_by, list) and sort_by and isinstance(sort_by[0], dict)
        else None
    )
    if order and order.get("column_id") in frame.columns:
        frame = frame.sort_values(
            order["column_id"],
            ascending=order.get("direction") != "desc",
            kind="stable",
            na_position="last",
        )
    pages = max(1, -(-len(frame) // page_size))
    page = min(max(page if isinstance(page, int) else 0, 0), pages - 1)
    shown = frame.iloc[page * page_size : (page + 1) * page_size].astype(object)
    return shown.where(shown.notna(), None).to_dict("records"), pages
