"""Places in hexagonal bins and the links between the bins: the map's overview when more
places are in view than can be told apart.

Hexagons come from H3 (equal-area cells that tile the sphere, one index per cell and
resolution), so a cell means the same area wherever it lies and whatever the filters are.
"""

from __future__ import annotations

from dataclasses import dataclass

import h3
import numpy as np
import pandas as pd

# Above this many places in view the map shows bins: 9,000 points at national zoom cover
# Germany edge to edge, a few hundred hexagons still read as a picture.
AGGREGATE_ABOVE = 2000
# H3 resolution by map zoom: 4 (about 26 km edge) for Germany as a whole, finer as the
# user zooms in. Each pair is (zoom up to which it holds, resolution).
ZOOM_RESOLUTIONS = ((5.8, 4), (7.0, 5))
COARSEST_RESOLUTION = ZOOM_RESOLUTIONS[0][1]
FINEST_RESOLUTION = 6
# The points drawn for a zoomed-in view cover this share of the view's width and height
# again on every side: small pans then need no new drawing.
VIEW_PADDING = 0.5

BIN_COLUMNS = ["cell", "lat", "lon", "actors", "headcount", "events", "names"]
FLOW_COLUMNS = ["cell0", "cell1", "lat0", "lon0", "lat1", "lon1", "links", "weight"]
NAMES_SHOWN = 3


@dataclass(frozen=True)
class Bounds:
    """A map view: west, south, east and north in degrees."""

    west: float
    south: float
    east: float
    north: float

    def contains(self, other: Bounds) -> bool:
        return (
            self.west <= other.west
            and self.south <= other.south
            and self.east >= other.east
            and self.north >= other.north
        )

    def padded(self, share: float = VIEW_PADDING) -> Bounds:
        width, height = self.east - self.west, self.north - self.south
        return Bounds(
            self.west - share * width,
            self.south - share * height,
            self.east + share * width,
            self.north + share * height,
        )

    def mask(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        inside: np.ndarray = (
            (lat >= self.south) & (lat <= self.north) & (lon >= self.west) & (lon <= self.east)
        )
        return inside


@dataclass(frozen=True)
class Detail:
    """What the map draws for a view: bins at an H3 resolution, or single places (all of
    them when `bounds` is None, else those inside `bounds`)."""

    mode: str  # "bins" or "points"
    resolution: int | None = None
    bounds: Bounds | None = None

    def covers(self, wanted: Detail, view: Bounds | None) -> bool:
        """Whether this drawing already shows what `wanted` asks for `view`: the same kind
        and size of bins, or single places drawn for an area that holds the view."""
        if self.mode != wanted.mode or self.resolution != wanted.resolution:
            return False
        if self.bounds is None:
            return wanted.bounds is None
        return view is not None and wanted.bounds is not None and self.bounds.contains(view)


ALL_POINTS = Detail("points")
NOTHING_DRAWN = Detail("none")


def detail_from(data: object) -> Detail:
    """A Detail back from its dict (dataclasses.asdict), as the page keeps it; anything
    else is a map with nothing drawn yet."""
    if not isinstance(data, dict) or data.get("mode") not in ("bins", "points"):
        return NOTHING_DRAWN
    box = data.get("bounds")
    try:
        bounds = Bounds(**box) if isinstance(box, dict) else None
        resolution = data.get("resolution")
        return Detail(
            str(data["mode"]), int(resolution) if resolution is not None else None, bounds
        )
    except (TypeError, ValueError):
        return NOTHING_DRAWN


def resolution_for_zoom(zoom: float | None) -> int:
    for up_to, resolution in ZOOM_RESOLUTIONS:
        if zoom is None or zoom <= up_to:
            return resolution
    return FINEST_RESOLUTION


def detail_for(
    points: pd.DataFrame, view: Bounds | None, zoom: float | None, limit: int | None = None
) -> Detail:
    """Bins when more than `limit` (AGGREGATE_ABOVE) places lie in the view (all of
    Germany without a view), else single places: all of them, or those in the padded view."""
    limit = AGGREGATE_ABOVE if limit is None else limit
    lat = points["lat"].to_numpy(dtype=float)
    lon = points["lon"].to_numpy(dtype=float)
    in_view = int(view.mask(lat, lon).sum()) if view is not None else len(points)
    if in_view > limit:
        resolution = resolution_for_zoom(zoom)
        # Finer hexagons only around the view: at resolution 6 all of Germany would be
        # thousands of them, most out of sight.
        area = view.padded() if view is not None and resolution > COARSEST_RESOLUTION else None
        return Detail("bins", resolution, area)
    if view is None or len(points) <= limit:
        return ALL_POINTS
    padded = view.padded()
    # The padding quadruples the area: around a dense view it could hold thousands.
    if int(padded.mask(lat, lon).sum()) > limit:
        return Detail("points", bounds=view)
    return Detail("points", bounds=padded)


def cells_of(lat: np.ndarray, lon: np.ndarray, resolution: int) -> np.ndarray:
    """The H3 cell (as text) of each coordinate."""
    return np.array(
        [h3.latlng_to_cell(a, b, resolution) for a, b in zip(lat, lon, strict=True)], dtype=object
    )


def hex_bins(points: pd.DataFrame, cells: pd.Series) -> pd.DataFrame:
    """One row per cell with places: its centre, actors, headcount (unknown counts as 0),
    events (participations summed) and the names of its largest actors. `cells` maps an
    actor id to its cell."""
    if points.empty:
        return pd.DataFrame(columns=BIN_COLUMNS)
    frame = points.assign(
        cell=cells.reindex(points["id"]).to_numpy(),
        headcount=pd.to_numeric(points["headcount"], errors="coerce").fillna(0),
    ).sort_values(["headcount", "name"], ascending=[False, True], kind="stable")
    grouped = frame.groupby("cell", sort=True)
    bins = pd.DataFrame(
        {
            "actors": grouped["id"].size(),
            "headcount": grouped["headcount"].sum(),
            "events": grouped["events"].sum(),
            "names": grouped["name"].agg(lambda names: list(names.head(NAMES_SHOWN))),
        }
    ).reset_index()
    centres = np.array([h3.cell_to_latlng(cell) for cell in bins["cell"]], dtype=float)
    bins["lat"], bins["lon"] = centres[:, 0], centres[:, 1]
    bins["headcount"] = bins["headcount"].astype(int)
    bins["events"] = bins["events"].astype(int)
    return bins[BIN_COLUMNS]


def region_flows(links: pd.DataFrame, cells: pd.Series) -> pd.DataFrame:
    """The links between cells: one row per pair of different cells (in either direction),
    with the number of links and their summed weight, heaviest first. Links inside one
    cell are not flows."""
    if links.empty:
        return pd.DataFrame(columns=FLOW_COLUMNS)
    start = cells.reindex(links["source_id"]).to_numpy()
    end = cells.reindex(links["target_id"]).to_numpy()
    known = pd.notna(start) & pd.notna(end)
    known[known] = start[known] != end[known]
    start, end = start[known], end[known]
    ordered = start < end
    first, second = np.where(ordered, start, end), np.where(ordered, end, start)
    pairs = pd.DataFrame(
        {
            "cell0": first,
            "cell1": second,
            "weight": pd.to_numeric(links["weight"], errors="coerce").fillna(1.0).to_numpy()[known],
        }
    )
    if pairs.empty:
        return pd.DataFrame(columns=FLOW_COLUMNS)
    flows = (
        pairs.groupby(["cell0", "cell1"], sort=True)
        .agg(links=("weight", "size"), weight=("weight", "sum"))
        .reset_index()
        .sort_values(["links", "weight", "cell0", "cell1"], ascending=[False, False, True, True])
        .reset_index(drop=True)
    )
    # Thousands of pairs join a few hundred cells: each centre is computed once.
    cells_used = pd.unique(flows[["cell0", "cell1"]].to_numpy().ravel())
    centres = pd.DataFrame(
        [h3.cell_to_latlng(cell) for cell in cells_used], index=cells_used, columns=["lat", "lon"]
    )
    for end_name, column in (("0", "cell0"), ("1", "cell1")):
        at = centres.reindex(flows[column])
        flows["lat" + end_name] = at["lat"].to_numpy()
        flows["lon" + end_name] = at["lon"].to_numpy()
    return flows[FLOW_COLUMNS]


def hex_outlines(cells: pd.Series) -> dict[str, object]:
    """GeoJSON of the cells' hexagons, each feature's id its cell (for a choropleth)."""
    features = []
    for cell in cells:
        ring = [[round(lon, 4), round(lat, 4)] for lat, lon in h3.cell_to_boundary(cell)]
        features.append(
            {
                "type": "Feature",
                "id": cell,
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def edge_km(resolution: int) -> float:
    """The average edge length of a cell at `resolution`, for the caption."""
    return float(h3.average_hexagon_edge_length(resolution, unit="km"))
