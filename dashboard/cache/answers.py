"""Whole callback answers, compressed once and served again before Dash runs.

A callback marked with `dashboard.cache.callbacks.cached_callback` is a pure function of the
data and of its request's input and state values. Its answer, the JSON Dash sends, is
gzip-compressed once and kept in the app's cache under the data version, the callback's
outputs as the view, and its inputs and state. The same request later is answered with those bytes: no callback, no
re-encoding of a 900 KB national map and no re-compression, which together cost 30–90 ms a
request at national scale while the framework itself needs under 2 ms. That is what a
presenter clicking back and forth, or many visitors opening the same view, cost the server.

An import moves the data version, so every stored answer becomes unreachable at once.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass

from dash import Dash
from flask import Response, g, request

from dashboard.cache.callbacks import CACHED_ANSWER
from dashboard.web.callback_check import requested_callback
from dashboard.web.context import app_context

COMPRESS_LEVEL = 6


@dataclass(frozen=True)
class _AnswerKey:
    version: str
    view: str  # the callback's outputs, as the request names them
    state: tuple[object, object]  # the request's inputs and state


def register_answer_cache(app: Dash) -> None:
    """Serve and keep the answers of marked callbacks. Register after the login guard and
    the same-origin check, so that a stored answer passes them like a fresh one."""
    server = app.server
    endpoint = app.config.routes_pathname_prefix + "_dash-update-component"

    @server.before_request
    def answer_from_cache():
        if request.method != "POST" or request.path != endpoint:
            return None
        key = _answer_key(app)
        if key is None:
            return None
        stored = app_context().cache.read(key.version, key.view, key.state)
        if stored is None:
            g.answer_key = key
            return None
        return _answer(stored)

    @server.after_request
    def keep_answer(response: Response) -> Response:
        key = g.pop("answer_key", None)
        if (
            key is None
            or response.status_code != 200
            or response.direct_passthrough
            or "Content-Encoding" in response.headers
        ):
            return response
        compressed = gzip.compress(response.get_data(), compresslevel=COMPRESS_LEVEL)
        app_context().cache.write(key.version, key.view, key.state, compressed)
        return _answer(compressed, response)


def _answer_key(app: Dash) -> _AnswerKey | None:
    requested = requested_callback(app)
    if requested is None or not getattr(requested[1]["callback"], CACHED_ANSWER, False):
        return None
    body = requested[0]
    return _AnswerKey(
        app_context().store.version(), body["output"], (body.get("inputs"), body.get("state"))
    )


def _answer(compressed: bytes, response: Response | None = None) -> Response:
    """The stored answer, gzip-encoded when the client accepts it (every browser does)."""
    response = response or Response(mimetype="application/json")
    if request.accept_encodings["gzip"] > 0:
        response.set_data(compressed)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response.set_data(gzip.decompress(compressed))
    response.vary.add("Accept-Encoding")
    return response
