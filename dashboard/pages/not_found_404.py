"""Friendly page for addresses that do not exist."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.frame import page_frame
from dashboard.i18n import t
from dashboard.state.filters import Filters

dash.register_page(__name__, path="/404", title=t("page.not_found.title"))


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    content = dbc.Alert(
        [
            html.H1(t("page.not_found.heading", lang), className="h4"),
            html.P(t("page.not_found.text", lang)),
            dcc.Link(
                t("page.not_found.back", lang),
                href="/" + filters.to_search(),
                className="alert-link",
            ),
        ],
        color="light",
        id="not-found",
    )
    return page_frame("/404", filters, content, with_filters=False)
