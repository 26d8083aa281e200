"""Footer with the attributions the geodata licences require."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import t


def footer(lang: str) -> html.Footer:
    return html.Footer(
        dbc.Container(
            [
                html.P(t("footer.about", lang), className="mb-1"),
                html.P(t("footer.attribution", lang), className="mb-0 small"),
            ],
            fluid=True,
        ),
        className="app-footer mt-4 py-3",
    )
