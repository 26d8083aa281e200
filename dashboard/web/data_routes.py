"""Flask routes beside the pages: the downloads of the /daten page (the full export for
editors and admins, the template) and /status for admins.

Files are sent by Flask routes rather than through a callback, so large exports do not go
through the browser's JSON and the role check sits on the route itself.
"""

from __future__ import annotations

import datetime as dt

from flask import Flask, Response, abort, jsonify

from dashboard.config import Settings
from dashboard.db import accounts, repository
from dashboard.db.engine import snapshot_connection
from dashboard.exchange.workbook import (
    XLSX_MEDIA_TYPE,
    ZIP_MEDIA_TYPE,
    dataset_xlsx,
    dataset_zip,
    template_xlsx,
)
from dashboard.web import auth
from dashboard.web.context import app_context
from dashboard.web.limits import costly_route

EXPORT_XLSX = "/daten/export.xlsx"
EXPORT_ZIP = "/daten/export.zip"
TEMPLATE = "/daten/vorlage.xlsx"
STATUS = "/status"
EDITOR = auth.EDITOR
ADMIN = "admin"


def _attachment(data: bytes, media_type: str, file_name: str) -> Response:
    response = Response(data, mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _export(kind: str) -> Response:
    user = auth.writer(EDITOR)
    if user is None:  # route_requires has checked already; a second check costs nothing
        abort(403)
    with snapshot_connection(app_context().engine) as connection, connection.begin():
        frames = repository.read_all(connection)
        version = repository.data_version(connection)
        file_name = f"netzwerkatlas-{dt.date.today().isoformat()}.{kind}"
        accounts.record(
            connection,
            user.name,
            accounts.EXPORT,
            {"file": file_name, "version": version},
            auth.client_ip(),
        )
    if kind == "xlsx":
        return _attachment(dataset_xlsx(frames), XLSX_MEDIA_TYPE, file_name)
    return _attachment(dataset_zip(frames), ZIP_MEDIA_TYPE, file_name)


def _status() -> Response:
    """The cache's backend, entries and counters, and the data version, as JSON."""
    context = app_context()
    response = jsonify({"data_version": context.store.version(), "cache": context.cache.status()})
    response.headers["Cache-Control"] = "no-store"
    return response


def register_data_routes(server: Flask, settings: Settings) -> None:
    server.config["MAX_CONTENT_LENGTH"] = max(
        server.config.get("MAX_CONTENT_LENGTH") or 0, settings.request_max_bytes
    )

    @server.get(EXPORT_XLSX)
    @costly_route("export")  # one budget for both formats
    @auth.route_requires(EDITOR)
    def export_xlsx():
        return _export("xlsx")

    @server.get(EXPORT_ZIP)
    @costly_route("export")  # one budget for both formats
    @auth.route_requires(EDITOR)
    def export_zip():
        return _export("zip")

    @server.get(TEMPLATE)
    def template():
        # The template holds example rows only, no data; whoever may read may have it.
        if not auth.can_read():
            abort(403)
        return _attachment(template_xlsx(), XLSX_MEDIA_TYPE, "netzwerkatlas-vorlage.xlsx")

    @server.get(STATUS)
    @auth.route_requires(ADMIN)
    def status() -> Response:
        return _status()
