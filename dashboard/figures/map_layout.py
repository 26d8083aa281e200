"""The frame of every map: styles (tiles or tile-free), the basemap layers and the view.

The tile-free style draws the shipped Bundesländer (and neighbouring countries) as layers, so
a map works with no network at all; a tile style is the online variant of the same map.
"""

from __future__ import annotations

from typing import Any

import numpy as np

GERMANY_CENTER = {"lat": 51.2, "lon": 10.4}
OFFLINE_STYLE = "white-bg"
ONLINE_STYLE = "carto-positron"
BASEMAPS = ("tiles", "plain")  # tile style when online, or the tile-free outlines
MAP_UIREVISION = "netzwerkatlas-map"


def outline_layers(states_geojson: dict[str, Any] | str) -> list[dict[str, Any]]:
    """Bundesländer as a filled layer plus a border layer (both drawn below the points).

    `states_geojson` is the GeoJSON itself or, better, the app's own URL serving it."""
    return [
        {"source": states_geojson, "type": "fill", "color": "#f1f3f5", "below": "traces"},
        {
            "source": states_geojson,
            "type": "line",
            "color": "#adb5bd",
            "line": {"width": 1},
            "below": "traces",
        },
    ]


def map_style(offline: bool, presentation: bool = False, basemap: str | None = None) -> str:
    """The tile-free style when OFFLINE is set, in presentation mode or when the user picks
    it; the online tile style otherwise."""
    if offline or presentation or basemap == "plain":
        return OFFLINE_STYLE
    return ONLINE_STYLE


def basemap_layers(
    states_geojson: dict[str, Any] | str, neighbours_geojson: dict[str, Any] | str | None = None
) -> list[dict[str, Any]]:
    """The tile-free basemap: neighbouring countries and the Bundesländer, each one filled
    layer with its outline. A source may be a GeoJSON dict or the URL of a GeoJSON file on
    the app's own host (the browser then caches it and the figure stays small). No text
    layers: MapLibre would fetch font glyphs from an outside server."""
    layers = []
    if isinstance(neighbours_geojson, str) or (
        neighbours_geojson and neighbours_geojson.get("features")
    ):
        layers.append(
            {
                "sourcetype": "geojson",
                "source": neighbours_geojson,
                "type": "fill",
                "color": "#e9ecef",
                "fill": {"outlinecolor": "#ced4da"},
                "below": "traces",
            }
        )
    layers.append(
        {
            "sourcetype": "geojson",
            "source": states_geojson,
            "type": "fill",
            "color": "#fbfbfc",
            "fill": {"outlinecolor": "#868e96"},
            "below": "traces",
        }
    )
    return layers


def fit_view(
    lat: np.ndarray,
    lon: np.ndarray,
    width_px: int,
    height_px: int,
    min_zoom: float = 3.0,
    max_zoom: float = 7.5,
    padding: float = 0.2,
) -> tuple[dict[str, float], float]:
    """Center and zoom that show every point (web Mercator, 512 px tiles), with a margin;
    Germany's center and a country-wide zoom when there are no points."""
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    keep = ~(np.isnan(lat) | np.isnan(lon))
    lat, lon = lat[keep], lon[keep]
    if lat.size == 0:
        return dict(GERMANY_CENTER), 4.9

    def mercator(value: float) -> float:
        return float(np.log(np.tan(np.pi / 4 + np.radians(np.clip(value, -85, 85)) / 2)))

    y0, y1 = mercator(lat.min()), mercator(lat.max())
    lon_span = max(float(lon.max() - lon.min()), 1e-6) * (1 + 2 * padding)
    y_span = max(float(y1 - y0), 1e-6) * (1 + 2 * padding)
    zoom_x = np.log2(width_px * 360 / (512 * lon_span))
    zoom_y = np.log2(height_px * 2 * np.pi / (512 * y_span))
    zoom = float(np.clip(min(zoom_x, zoom_y), min_zoom, max_zoom))
    center_y = (y0 + y1) / 2
    center = {
        "lat": float(np.degrees(2 * np.arctan(np.exp(center_y)) - np.pi / 2)),
        "lon": float((lon.min() + lon.max()) / 2),
    }
    return center, zoom
