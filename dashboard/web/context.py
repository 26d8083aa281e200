"""Per-app objects (settings, store) reachable from layouts and callbacks.

Kept on the Flask app rather than in module globals, so several apps (one per test) can
live in one process without sharing data.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import Engine

from dashboard.cache.versioned import Cache
from dashboard.config import Settings
from dashboard.presentation.pdf import PdfRenderer
from dashboard.store import Store

EXTENSION_KEY = "netzwerkatlas"


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    engine: Engine
    store: Store
    cache: Cache
    pdf: PdfRenderer


def app_context() -> AppContext:
    return current_app.extensions[EXTENSION_KEY]


def store() -> Store:
    return app_context().store
