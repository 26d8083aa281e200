"""Texts that dcc.Dropdown draws itself ("Search", "Select All"), in the page's language."""

from __future__ import annotations

from dash import dcc

from dashboard.i18n import t


def dropdown_labels(lang: str) -> dcc.Dropdown.Labels:
    return dcc.Dropdown.Labels(
        select_all=t("dropdown.select_all", lang),
        deselect_all=t("dropdown.deselect_all", lang),
        selected_count=t("dropdown.selected_count", lang),
        search=t("dropdown.search", lang),
        clear_search=t("dropdown.clear_search", lang),
        clear_selection=t("dropdown.clear_selection", lang),
        no_options_found=t("dropdown.no_options_found", lang),
    )
