"""How often one client address may ask for costly work: a PDF, an upload or import, an export.

Each kind has its own budget of COSTLY_RATE_LIMIT (default "10/minute", moving window) per
client address. Over it, the request is answered with 429, a Retry-After header and a short
text in the visitor's language, before any work starts. Flask-Limiter keeps the counts: in
Redis when REDIS_URL is set (shared by all workers and hosts), else in this process's memory
(then each gunicorn worker counts on its own).

Routes are marked with `costly_route(scope)`. Dash callbacks all arrive at one route,
/_dash-update-component; the callbacks that read uploads or write are marked with
`costly_callback`, and the hook finds the marked one by the `output` named in the request
body, the same way dashboard.cache.answers finds cached ones (and Dash itself finds the
callback to run, so a request cannot name one callback here and another to Dash).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

from dash import Dash
from flask import Flask, Response, request
from flask_limiter import Limiter
from limits import parse

from dashboard.config import Settings
from dashboard.i18n import normalise_language, tn
from dashboard.web.callback_check import requested_callback

EXTENSION_KEY = "netzwerkatlas_limiter"
COSTLY = "netzwerkatlas_costly"  # the attribute costly_callback and costly_route set
KEY_PREFIX = "netzwerkatlas-limits"
CALLBACK_SCOPE = "upload"

log = logging.getLogger(__name__)


def costly_callback(function: Callable) -> Callable:
    """Mark a Dash callback (an upload, an import, a write) as drawing on the upload budget."""
    setattr(function, COSTLY, CALLBACK_SCOPE)
    return function


def costly_route(scope: str) -> Callable[[Callable], Callable]:
    """Mark a Flask view as drawing on the budget `scope` (routes of one scope share it)."""

    def mark(view: Callable) -> Callable:
        setattr(view, COSTLY, scope)
        return view

    return mark


def refusal(status: int, text: str) -> Response:
    """A short plain-text refusal, never cached; the PDF button shows it as it is."""
    response = Response(text, status=status, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


def _client() -> str:
    # Behind PROXY_COUNT proxies, ProxyFix has put the real client address here.
    return request.remote_addr or ""


def _scope(app: Dash) -> str | None:
    """The budget this request draws on, or None for a request that costs little."""
    scope = getattr(app.server.view_functions.get(request.endpoint or ""), COSTLY, None)
    if scope is not None:
        return scope
    if (
        request.method != "POST"
        or request.path != app.config.routes_pathname_prefix + "_dash-update-component"
    ):
        return None
    requested = requested_callback(app)
    return getattr(requested[1]["callback"], COSTLY, None) if requested is not None else None


def _too_many(retry_after: int) -> Response:
    lang = normalise_language(request.args.get("lang"))
    response = refusal(429, tn("limits.too_many", retry_after, lang))
    response.headers["Retry-After"] = str(retry_after)
    return response


def register_limits(app: Dash, settings: Settings, namespace: str) -> None:
    """Limit costly requests. Register after the login guard: a visitor who is sent to the
    login page has cost nothing. `namespace` keeps apps on different databases apart in a
    shared Redis."""
    server: Flask = app.server
    rate = parse(settings.costly_rate_limit)  # a malformed setting stops the start, loudly
    limiter = Limiter(
        key_func=_client,
        app=server,
        storage_uri=settings.redis_url or "memory://",
        strategy="moving-window",
        key_prefix=f"{KEY_PREFIX}:{namespace}",
    )
    server.extensions[EXTENSION_KEY] = limiter

    @server.before_request
    def limit_costly_work():
        scope = _scope(app)
        if scope is None:
            return None
        try:
            if limiter.limiter.hit(rate, scope, _client()):
                return None
            reset_at = limiter.limiter.get_window_stats(rate, scope, _client()).reset_time
        except Exception:  # Redis away: the PDF slots still bound the work, so let it through
            log.warning("rate limit storage unavailable", exc_info=True)
            return None
        return _too_many(max(1, math.ceil(reset_at - time.time())))
