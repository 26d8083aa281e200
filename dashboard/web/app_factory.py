"""Builds the Dash app: server, pages, shell callbacks, local assets and headers."""

from __future__ import annotations

import contextvars
from pathlib import Path

import dash
from dash import Dash, html
from dash._get_app import app_context as dash_current_app
from flask import Flask
from sqlalchemy import event

from dashboard.cache.answers import register_answer_cache
from dashboard.cache.versioned import Cache
from dashboard.components.chart_card import register_chart_card_callbacks
from dashboard.components.data_status import data_status, register_data_status
from dashboard.components.deck_control import register_deck_callbacks
from dashboard.components.page_search import routed_store
from dashboard.config import ROOT, Settings
from dashboard.db.engine import make_engine
from dashboard.db.setup import prepare
from dashboard.i18n import t
from dashboard.presentation.pdf import PdfRenderer
from dashboard.sample.small import generate
from dashboard.store import Store
from dashboard.views.per_version import deriver, load_ahead
from dashboard.web.callback_check import register_request_check
from dashboard.web.context import EXTENSION_KEY, AppContext
from dashboard.web.limits import register_limits
from dashboard.web.routes import VENDOR_URL, register_app_routes, register_server_routes
from dashboard.web.security import register_security_headers, trust_proxies
from dashboard.web.shell import register_shell_callbacks

STYLESHEETS = (
    f"{VENDOR_URL}/css/bootstrap.min.css",
    f"{VENDOR_URL}/css/font/bootstrap-icons.min.css",
)


def build_app(settings: Settings | None = None) -> Dash:
    settings = settings or Settings.from_env()
    engine = make_engine(settings.database_url)
    prepare(engine, generate if settings.seed_on_first_start else None)

    server = Flask(__name__)
    server.config["SECRET_KEY"] = settings.secret_key or None
    cache = Cache.from_settings(settings)
    server.extensions[EXTENSION_KEY] = AppContext(
        settings=settings,
        engine=engine,
        store=Store(
            engine, cache, on_new_version=deriver(engine), min_responses=settings.min_responses
        ),
        cache=cache,
        pdf=PdfRenderer(),
    )
    store = server.extensions[EXTENSION_KEY].store
    # Whoever changes the data through this app sees the change at once (Store.note_write).
    event.listen(engine, "commit", lambda _connection: store.note_write())
    load_ahead(store)
    trust_proxies(server, settings)
    register_server_routes(server, settings)

    # Dash's "current app" is a context variable that some of its request handlers set in
    # the caller's context and never reset. Built in a context where it is unset, the pages
    # imported here register their routes on this app (Dash's fallback, the newest app),
    # not on one that served a request earlier in this thread (several apps per process).
    context = contextvars.copy_context()
    context.run(dash_current_app.set, None)
    app = context.run(
        Dash,
        # A module at the package root: Dash names pages by their path from its folder
        # ("pages.map"), apart from the importable dashboard.pages modules.
        "dashboard.config",
        server=server,  # type: ignore[arg-type]  # Dash takes a Flask app here; its hint names only bool and callables
        use_pages=True,
        pages_folder=str(Path(__file__).resolve().parents[1] / "pages"),
        assets_folder=str(ROOT / "assets"),
        external_stylesheets=list(STYLESHEETS),
        serve_locally=True,
        compress=True,
        title=t("app.name"),
        update_title=None,  # type: ignore[arg-type]  # None turns the title update off (Dash docs); the hint says str
        suppress_callback_exceptions=False,
    )
    app.layout = html.Div([dash.page_container, routed_store(), data_status()])
    register_shell_callbacks(app)
    register_data_status(app)
    register_chart_card_callbacks(app)
    register_security_headers(app, settings)  # CSP with the hashes of the inline scripts
    register_request_check(app)  # malformed callback requests: 400, not a stack trace
    register_limits(app, settings, cache.namespace)  # after the login guard, before any work
    register_answer_cache(app)  # after the login guard and the same-origin check
    register_deck_callbacks(app)
    register_app_routes(app)
    return app
