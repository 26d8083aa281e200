"""Netzwerkatlas: a Dash app for a foundation's network of municipalities and initiatives.

The package root stays free of Dash imports, so that schema, ingest, analysis and figures
can be used (and tested) without loading the web framework.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dash import Dash

    from dashboard.config import Settings


def create_app(settings: Settings | None = None) -> Dash:
    from dashboard.web.app_factory import build_app

    return build_app(settings)
