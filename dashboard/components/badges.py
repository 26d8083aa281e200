"""Badges that say where data comes from."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.attributes import aria
from dashboard.i18n import t


def sample_badge(lang: str, badge_id: str | None = None) -> html.Span:
    """The visible "Beispieldaten" mark with its explanation as a tooltip."""
    badge_id = badge_id or "sample-badge"
    return html.Span(
        [
            dbc.Badge(
                [
                    html.I(className="bi bi-info-circle me-1", **aria(hidden="true")),
                    t("badge.sample", lang),
                ],
                color="warning",
                text_color="dark",
                id=badge_id,
                className="sample-badge",
                title=t("badge.sample_explained", lang),
            ),
        ]
    )


def documented_badge(lang: str) -> dbc.Badge:
    return dbc.Badge(
        t("badge.documented", lang),
        color="success",
        className="ms-1",
        title=t("badge.documented_explained", lang),
    )
