"""`python app.py` plus one no-op callback: the framework's floor for the callback timings.

Run as `python -m benchmarks.serve` with the same environment as app.py (DATABASE_URL,
HOST, PORT). The app is the very object app.py builds; with NETZWERKATLAS_BENCH_NOOP=1 one
callback that does nothing but echo its input is added, so the harness can measure what a
request through Flask, Dash's callback dispatch, JSON and compression costs on its own.
Nothing of this is part of the app: app.py and the app factory stay unchanged.
"""

from __future__ import annotations

import os

from dash import Input, Output

import app as application  # builds the app exactly as `python app.py` does
from benchmarks.dash_protocol import NOOP_INPUT, NOOP_OUTPUT

ENABLED = os.environ.get("NETZWERKATLAS_BENCH_NOOP") == "1"

app = application.app
server = application.server

if ENABLED:

    @app.callback(
        Output(NOOP_OUTPUT, "children"), Input(NOOP_INPUT, "n_clicks"), prevent_initial_call=True
    )
    def bench_noop(n_clicks):
        return n_clicks


if __name__ == "__main__":
    settings = server.extensions["netzwerkatlas"].settings
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
