"""Texts that dcc.Dropdown draws itself ("Search", "Select All"), in the page's language."""

from __future__ import annotations

from dashboard.i18n import t

LABEL_KEYS = (
    "select_all",
    "deselect_all",
    "selected_count",
    "search",
    "clear_search",
    "clear_selection",
    "no_options_found",
)


def dropdown_labels(lang: str) -> dict[str, str]:
    return {key: t(f"dropdown.{key}", lang) for key in LABEL_KEYS}
