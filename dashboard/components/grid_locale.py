"""The German (or English) texts of every dash-ag-grid in the app: paging, filters, empty state."""

from __future__ import annotations

from dashboard.i18n import t


def grid_locale(lang: str) -> dict[str, str]:
    keys = (
        "noRowsToShow",
        "page",
        "of",
        "to",
        "more",
        "next",
        "previous",
        "first",
        "last",
        # The names of the pager's icon buttons (aria-label): without them the grid names
        # them in English on a German page.
        "firstPage",
        "previousPage",
        "nextPage",
        "lastPage",
        "filterOoo",
        "contains",
        "notContains",
        "equals",
        "notEqual",
        "startsWith",
        "endsWith",
        "blank",
        "notBlank",
        "andCondition",
        "orCondition",
        "lessThan",
        "greaterThan",
        "pageSizeSelectorLabel",
    )
    return {key: t(f"grid.{key}", lang) for key in keys}
