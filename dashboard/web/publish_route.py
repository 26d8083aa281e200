"""/daten/veroeffentlichung.zip: the published site of the default views as one zip, for
admins. Made in one of the PDF renderer's slots (the same bound on costly work per process),
told to come back when every slot is taken, rate limited like the PDFs, and recorded in the
audit log as an export."""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, request

from dashboard.db import accounts
from dashboard.i18n import normalise_language, t
from dashboard.presentation.pdf import RendererBusy
from dashboard.publish.choice import default_views
from dashboard.publish.site import short_version, site_files, zip_bytes
from dashboard.web import auth
from dashboard.web.context import app_context, store
from dashboard.web.limits import costly_route, refusal

PUBLISH_ZIP = "/daten/veroeffentlichung.zip"
ADMIN = "admin"
ZIP_MEDIA_TYPE = "application/zip"
BUSY_RETRY_S = 30


@costly_route("pdf")
@auth.route_requires(ADMIN)
def serve_publish_zip() -> Response:
    user = auth.writer(ADMIN)
    if user is None:  # route_requires has checked already; a second check costs nothing
        abort(403)
    lang = normalise_language(request.args.get("lang"))
    made = dt.date.today()
    try:
        with app_context().pdf.slot():
            snapshot = store().snapshot()
            top = f"netzwerkatlas-{made.isoformat()}-{short_version(snapshot.version)}"
            body = zip_bytes(site_files(snapshot, default_views(snapshot), lang, made), top)
    except RendererBusy:
        response = refusal(503, t("publish.busy", lang))
        response.headers["Retry-After"] = str(BUSY_RETRY_S)
        return response
    with app_context().engine.begin() as connection:
        accounts.record(
            connection,
            user.name,
            accounts.EXPORT,
            {"file": f"{top}.zip", "version": snapshot.version},
            auth.client_ip(),
        )
    response = Response(body, mimetype=ZIP_MEDIA_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{top}.zip"'
    response.headers["Cache-Control"] = "no-store"
    return response
