"""Every URL the app serves besides Dash's own: the one place they are registered.

Server routes go on the Flask app before Dash is built (the login guard and the data
downloads must run before Dash's handlers); app routes need the built Dash app for its
path prefix. Pages register themselves through Dash's pages folder (dashboard/pages).
"""

from __future__ import annotations

from pathlib import Path

import flask_bootstrap
from dash import Dash
from dash.exceptions import DependencyException
from flask import Flask, send_from_directory

from dashboard.components.geodata import GEO_URL
from dashboard.config import Settings
from dashboard.geo.data import GEO_DIR, GEOJSON_URL_PREFIX
from dashboard.presentation.deck_pdf import PDF_PATH
from dashboard.presentation.event_pdf import EVENT_PDF_PATH
from dashboard.presentation.steckbrief_pdf import STECKBRIEF_PATH
from dashboard.web.auth import register_auth
from dashboard.web.data_routes import register_data_routes
from dashboard.web.embed import register_embed_guard
from dashboard.web.geodata_route import serve_geodata
from dashboard.web.pdf_route import serve_event_pdf, serve_pdf, serve_steckbrief
from dashboard.web.publish_route import PUBLISH_ZIP, serve_publish_zip

# Bootstrap's CSS and icon font come from the installed Bootstrap-Flask package, served
# by this app: nothing is fetched from a CDN, so the app works at a podium with no network.
BOOTSTRAP_STATIC = Path(flask_bootstrap.__file__).resolve().parent / "static" / "bootstrap5"
VENDOR_URL = "/vendor/bootstrap"


def register_server_routes(server: Flask, settings: Settings) -> None:
    """Bootstrap's files, the shipped GeoJSON, login and logout (with the PUBLIC_READ
    guard), the /daten downloads and /status."""
    _serve_vendor_files(server)
    _unknown_component_files_are_not_found(server)
    _serve_geojson(server)
    register_embed_guard(server, settings)  # before the login guard: no login page in a frame
    register_auth(server, settings)  # SECRET_KEY, login routes, PUBLIC_READ guard
    register_data_routes(server, settings)  # /daten downloads, /status (admin)


def register_app_routes(app: Dash) -> None:
    """The stored boundaries for the maps, the deck PDF, the Steckbrief, the event's
    documentation and the published site's zip, under Dash's path prefix."""
    prefix = app.config.routes_pathname_prefix.rstrip("/")
    app.server.add_url_rule(
        f"{prefix}{GEO_URL}/<name>.geojson",
        endpoint="netzwerkatlas_geodata",
        view_func=serve_geodata,
    )
    app.server.add_url_rule(
        f"{prefix}{PDF_PATH}", endpoint="netzwerkatlas_deck_pdf", view_func=serve_pdf
    )
    app.server.add_url_rule(
        f"{prefix}{STECKBRIEF_PATH}",
        endpoint="netzwerkatlas_steckbrief_pdf",
        view_func=serve_steckbrief,
    )
    app.server.add_url_rule(
        f"{prefix}{EVENT_PDF_PATH}",
        endpoint="netzwerkatlas_event_pdf",
        view_func=serve_event_pdf,
    )
    app.server.add_url_rule(
        f"{prefix}{PUBLISH_ZIP}",
        endpoint="netzwerkatlas_publish_zip",
        view_func=serve_publish_zip,
    )


def _serve_vendor_files(server: Flask) -> None:
    @server.route(f"{VENDOR_URL}/<path:filename>")
    def vendor_file(filename: str):
        return send_from_directory(BOOTSTRAP_STATIC, filename, max_age=86400)


def _unknown_component_files_are_not_found(server: Flask) -> None:
    # Dash answers a request for a file of a package it does not serve with an exception
    # (a 500 and a stack trace in the log); for the client it is a file that is not there.
    server.register_error_handler(DependencyException, lambda _error: ("", 404))


def _serve_geojson(server: Flask) -> None:
    @server.route(f"{GEOJSON_URL_PREFIX}<name>.geojson")
    def geojson_file(name: str):
        return send_from_directory(
            GEO_DIR, f"{name}.geojson", max_age=86400, mimetype="application/geo+json"
        )
