"""The note of the one fallback path for every map that may get online tiles
(assets/map_fallback.js): hidden until the online map could not be loaded and the page was
opened again with the tile-free basemap. The note names the address parameter and value
that ask for that basemap; a page with such a map carries it once."""

from __future__ import annotations

from dash import html

from dashboard.components.attributes import data
from dashboard.i18n import t
from dashboard.state.map import BASEMAP_PARAM, PARAM_BASEMAP

FALLBACK_NOTE_ID = "map-basemap-fallback"


def fallback_note(lang: str, class_name: str = "form-text mb-3") -> html.Div:
    return html.Div(
        t("map.basemap.unreachable", lang),
        id=FALLBACK_NOTE_ID,
        # Information, not an error: the map is there, only without tiles.
        className=class_name,
        role="status",
        style={"display": "none"},
        **data(param=PARAM_BASEMAP, value=BASEMAP_PARAM["plain"]),
    )
