"""/karte/geodaten/<name>.geojson: the neighbour countries and the stored Kreis and Gemeinde
boundaries, as the maps in the browser load them (the Bundesländer are a shipped file)."""

from __future__ import annotations

from functools import lru_cache

import orjson
from flask import Response, abort

from dashboard.components.geodata import BOUNDARY_LEVELS, NEIGHBOURS
from dashboard.db.boundaries import load_boundaries
from dashboard.geo.basemap import neighbours_geojson
from dashboard.geo.boundaries import feature_collection
from dashboard.web.context import app_context

MAX_AGE = 86400


@lru_cache(maxsize=1)
def _neighbours_bytes() -> bytes:
    return orjson.dumps(neighbours_geojson())


def _boundary_bytes(level: str) -> bytes:
    context = app_context()
    version, stored = load_boundaries(context.engine, context.cache)
    return context.cache.local(
        version,
        "geodata.boundaries",
        level,
        lambda: orjson.dumps(feature_collection(stored[stored["level"] == level])),
    )


def serve_geodata(name: str) -> Response:
    if name == NEIGHBOURS:
        body = _neighbours_bytes()
    elif name in BOUNDARY_LEVELS:
        body = _boundary_bytes(name)
    else:
        abort(404)
    # application/json (not geo+json) so that Flask-Compress compresses it.
    response = Response(body, mimetype="application/json")
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    return response
