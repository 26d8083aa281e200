"""Uploaded district (Kreis) or municipality (Gemeinde) boundaries.

Users upload their own polygons (e.g. the BKG VG250 GeoPackage): GeoJSON, GeoPackage or a
zipped Shapefile. `read_boundaries` turns such a file into one simplified WGS84 polygon per
AGS, or raises `BoundaryError` with an i18n key and values for a message in the user's
language. Pure: no Dash, no database; geopandas (pyogrio engine) is imported when needed.
"""

from __future__ import annotations

import json
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

LEVELS = ("kreis", "gemeinde")
AGS_LENGTH = {"kreis": 5, "gemeinde": 8}
# Degrees; about 300 m for Kreise and 100 m for Gemeinden: enough for a map of Germany.
TOLERANCE = {"kreis": 0.003, "gemeinde": 0.001}
GRID = 1e-5  # coordinates kept to about one metre

# Column names, compared case-insensitively, in order of preference.
AGS_COLUMNS = (
    "ags",
    "ags_0",
    "gemeindeschluessel",
    "gemeindeschlüssel",
    "kreisschluessel",
    "kreisschlüssel",
    "gkz",
    "krs_code",
    "rs",
    "rs_0",
    "ars",
    "ars_0",
)
NAME_COLUMNS = ("gen", "name", "gemeinde", "kreis", "gemeindename", "kreisname", "bez")
# Layer names that say which level a layer of a multi-layer file holds (VG250: vg250_krs, vg250_gem).
LAYER_HINTS = {"kreis": ("krs", "kreis", "district"), "gemeinde": ("gem", "municip")}
SUFFIXES = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".zip": "zip"}
# VG250's Geofaktor: 3 and 4 are land, 1 and 2 water (lakes, coastal waters).
LAND_GEOFACTORS = (3, 4)
MAX_UNZIPPED_FACTOR = 20


@dataclass
class BoundaryError(Exception):
    """A file that cannot be used; `key` is an i18n key, `values` fill its placeholders."""

    key: str
    values: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.key} {self.values}"


@dataclass(frozen=True)
class Boundaries:
    level: str
    frame: pd.DataFrame  # ags, name, geometry (GeoJSON text, WGS84), sorted by ags
    layer: str | None = None


def read_boundaries(
    content: bytes, file_name: str, level: str, max_bytes: int | None = None
) -> Boundaries:
    """Read, check, reproject, dissolve by AGS and simplify an uploaded boundaries file."""
    if level not in LEVELS:
        raise BoundaryError("map.upload.error.level")
    kind = SUFFIXES.get(Path(file_name or "").suffix.lower())
    if kind is None:
        raise BoundaryError("map.upload.error.format", {"name": file_name or ""})
    if not content:
        raise BoundaryError("map.upload.error.empty")
    if max_bytes is not None and len(content) > max_bytes:
        # The message names the limit as the setting gives it; the caller who set it fills it in.
        raise BoundaryError("map.upload.error.too_large")
    with tempfile.TemporaryDirectory(prefix="boundaries-") as folder:
        path = _write(Path(folder), kind, content, max_bytes)
        layer = _pick_layer(path, level)
        frame = _read(path, layer)
    return Boundaries(level=level, frame=_prepare(frame, level), layer=layer)


def _write(folder: Path, kind: str, content: bytes, max_bytes: int | None) -> str:
    """The path GDAL should open: the file itself, or the Shapefile inside the zip."""
    target = folder / ("upload.json" if kind == "geojson" else f"upload.{kind}")
    target.write_bytes(content)
    if kind != "zip":
        return str(target)
    try:
        with zipfile.ZipFile(target) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            limit = (max_bytes or len(content)) * MAX_UNZIPPED_FACTOR
            if sum(info.file_size for info in members) > limit:
                raise BoundaryError("map.upload.error.zip_too_large")
            shapefiles = sorted(
                info.filename for info in members if info.filename.lower().endswith(".shp")
            )
    except zipfile.BadZipFile as error:
        raise BoundaryError("map.upload.error.unreadable") from error
    if not shapefiles:
        raise BoundaryError("map.upload.error.no_shapefile")
    # GDAL reads the zip in place; each .shp in it is one layer of the "/vsizip/" data source.
    return f"/vsizip/{target}" if len(shapefiles) > 1 else f"/vsizip/{target}/{shapefiles[0]}"


def _layers(path: str) -> list[str]:
    import pyogrio

    try:
        return [str(name) for name, _geometry in pyogrio.list_layers(path)]
    except Exception as error:  # GDAL says "not recognized as a supported file format" and the like
        raise BoundaryError("map.upload.error.unreadable") from error


def _pick_layer(path: str, level: str) -> str | None:
    layers = _layers(path)
    if len(layers) <= 1:
        return layers[0] if layers else None
    hints = LAYER_HINTS[level]
    matching = [name for name in layers if any(hint in name.casefold() for hint in hints)]
    if len(matching) == 1:
        return matching[0]
    raise BoundaryError("map.upload.error.layers", {"layers": ", ".join(layers)})


def _read(path: str, layer: str | None):
    import geopandas

    try:
        return geopandas.read_file(path, layer=layer, engine="pyogrio")
    except Exception as error:
        raise BoundaryError("map.upload.error.unreadable") from error


def _column(columns, candidates: tuple[str, ...]) -> str | None:
    folded = {str(column).casefold(): column for column in columns if column != "geometry"}
    for candidate in candidates:
        if candidate in folded:
            return folded[candidate]
    return None


def normalise_ags(values: pd.Series, level: str) -> pd.Series:
    """Keys as text of the level's length: numbers regain their leading zero, a 12-digit
    Regionalschlüssel becomes the AGS (digits 1–5 and 10–12). Anything else becomes NA."""
    length = AGS_LENGTH[level]

    def one(value: object) -> str | None:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = re.sub(r"\s", "", str(value))
        if not text.isdigit():
            return None
        if len(text) == 12:  # Regionalschlüssel of a Gemeinde
            text = text[:5] + text[9:]
        elif len(text) == length - 1:  # a number lost the leading zero of the state code
            text = text.zfill(length)
        return text if len(text) == length else None

    return pd.Series([one(value) for value in values], index=values.index, dtype=object)


def _prepare(frame, level: str) -> pd.DataFrame:
    import shapely

    if frame is None or frame.empty or frame.geometry.isna().all():
        raise BoundaryError("map.upload.error.no_polygons")
    geometry_types = set(frame.geometry.dropna().geom_type)
    if not geometry_types <= {"Polygon", "MultiPolygon"}:
        raise BoundaryError(
            "map.upload.error.not_polygons", {"types": ", ".join(sorted(geometry_types))}
        )
    ags_column = _column(frame.columns, AGS_COLUMNS)
    if ags_column is None:
        columns = ", ".join(str(c) for c in frame.columns if c != "geometry")
        raise BoundaryError("map.upload.error.no_ags", {"columns": columns})
    geofactor = _column(frame.columns, ("gf",))
    if geofactor is not None:
        land = pd.to_numeric(frame[geofactor], errors="coerce").isin(LAND_GEOFACTORS)
        if land.any():
            frame = frame[land]
    frame = _to_wgs84(frame)
    keys = normalise_ags(frame[ags_column], level)
    if keys.isna().any():
        bad = frame.loc[keys.isna(), ags_column].astype(str).head(3).tolist()
        other = "gemeinde" if level == "kreis" else "kreis"
        if normalise_ags(frame[ags_column], other).notna().all():
            raise BoundaryError(f"map.upload.error.level_is_{other}", {"column": str(ags_column)})
        raise BoundaryError(
            "map.upload.error.bad_ags", {"column": str(ags_column), "values": ", ".join(bad)}
        )
    name_column = _column(frame.columns, NAME_COLUMNS)
    names = frame[name_column].astype(str) if name_column is not None else keys
    work = frame.assign(_ags=keys.to_numpy(), _name=names.to_numpy())
    dissolved = work[["_ags", "_name", "geometry"]].dissolve(by="_ags", aggfunc={"_name": "first"})
    geometries = shapely.make_valid(dissolved.geometry.to_numpy())
    geometries = _simplify(geometries, TOLERANCE[level])
    geometries = shapely.set_precision(geometries, GRID)
    keep = ~shapely.is_empty(geometries)
    if not keep.any():
        raise BoundaryError("map.upload.error.no_polygons")
    result = pd.DataFrame(
        {
            "ags": dissolved.index.to_numpy()[keep],
            "name": dissolved["_name"].to_numpy()[keep],
            "geometry": [shapely.to_geojson(_polygonal(g)) for g in geometries[keep]],
        }
    )
    return result.sort_values("ags", ignore_index=True)


def _to_wgs84(frame):
    if frame.crs is None:
        minx, miny, maxx, maxy = frame.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise BoundaryError("map.upload.error.no_crs")
        return frame.set_crs(4326)
    try:
        return frame.to_crs(4326)
    except Exception as error:
        raise BoundaryError("map.upload.error.no_crs") from error


def _simplify(geometries, tolerance: float):
    """Simplify the polygons together, so neighbours keep a shared border; each polygon on
    its own when they do not form a clean coverage."""
    import shapely

    try:
        simplified = shapely.coverage_simplify(geometries, tolerance)
        if shapely.is_valid(simplified).all() and not shapely.is_empty(simplified).any():
            return simplified
    except Exception:  # not a coverage (overlaps, gaps): fall back to per-polygon simplification
        pass
    return shapely.simplify(geometries, tolerance, preserve_topology=True)


def _polygonal(geometry):
    """Only the polygon parts (make_valid may add lines or points along a border)."""
    import shapely

    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [g for g in shapely.get_parts(geometry) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def feature_collection(frame: pd.DataFrame) -> dict[str, Any]:
    """Stored boundaries (ags, name, geometry text) as a GeoJSON FeatureCollection keyed by AGS."""
    features = [
        {
            "type": "Feature",
            "id": ags,
            "properties": {"ags": ags, "name": name},
            "geometry": json.loads(geometry),
        }
        for ags, name, geometry in zip(
            frame["ags"].tolist(), frame["name"].tolist(), frame["geometry"].tolist(), strict=True
        )
    ]
    return {"type": "FeatureCollection", "features": features}


def to_geodataframe(frame: pd.DataFrame):
    """Stored boundaries as a GeoDataFrame (ags, name, geometry) in EPSG:4326."""
    import geopandas
    import shapely

    geometries = shapely.from_geojson(frame["geometry"].to_numpy()) if not frame.empty else []
    return geopandas.GeoDataFrame(
        {"ags": frame["ags"].to_numpy(), "name": frame["name"].to_numpy()},
        geometry=geometries,
        crs=4326,
    )
