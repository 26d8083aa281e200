"""GeoJSON for the maps, served by the app itself under /karte/geodaten/.

Map figures refer to these files by URL instead of carrying the polygons: the browser
fetches each file once from the app's own host and caches it, the figures stay small
(each year step of the map sends tens of KB, not hundreds), and plotly does not have to
validate and copy large GeoJSON on every callback. In the tile-free mode these are the
only map requests, and none leaves the app's host.

Files: nachbarn (neighbouring countries, from the shipped topojson), kreis and gemeinde
(uploaded boundaries; the URL carries the data version, so a new upload is a new
address). The Bundesländer come from the app's /geo/states.geojson (geo.data).
"""

from __future__ import annotations

from urllib.parse import quote

import dash

from dashboard.db.boundaries import load_boundaries
from dashboard.figures.map import map_style
from dashboard.geo.data import STATES_GEOJSON_URL
from dashboard.views.map import MapSources
from dashboard.web.context import app_context

GEO_URL = "/karte/geodaten"
NEIGHBOURS = "nachbarn"
BOUNDARY_LEVELS = ("kreis", "gemeinde")


def geodata_url(name: str, version: str | None = None) -> str:
    """The address of one file for figures (inside a request or callback)."""
    url = dash.get_relative_path(f"{GEO_URL}/{name}.geojson")
    return f"{url}?v={quote(version, safe='')}" if version else url


def states_url() -> str:
    return dash.get_relative_path(STATES_GEOJSON_URL)


def neighbours_url() -> str:
    return geodata_url(NEIGHBOURS)


def boundaries_url(level: str) -> str:
    version, _frame = load_boundaries(app_context().engine, app_context().cache)
    return geodata_url(level, version)


def browser_sources() -> MapSources:
    """Outlines for a map in the browser: this app's URLs, and the stored boundaries."""
    _version, stored = load_boundaries(app_context().engine, app_context().cache)
    return MapSources(
        states=states_url(),
        neighbours=neighbours_url(),
        boundaries=stored,
        boundary_outlines=boundaries_url,
    )


def page_map_style(basemap: str | None) -> str:
    """The style of a page's map: the basemap the page asks for, but tile-free unless this
    installation allows online tiles (BASEMAP=tiles and not OFFLINE)."""
    return map_style(not app_context().settings.tiles_allowed, basemap=basemap)
