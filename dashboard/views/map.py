"""The map of /karte: actors as points with their links, or participation per region.

One function draws it for the page, its slide and the deck PDF. What differs between them
is passed in as a `MapCanvas`: the basemap style, where the outlines come from (URLs of the
app in the browser, the GeoJSON itself in the PDF), the stored Kreis/Gemeinde boundaries,
the canvas size the zoom is fitted to, and the figure's height.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.analysis import geography, hexbins, overview
from dashboard.analysis.hexbins import Bounds
from dashboard.analysis.selection import Selection, select_in
from dashboard.figures.map import (
    LINK_MODES,
    OFFLINE_STYLE,
    density_shrink,
    fit_view,
    focus_traces,
    network_map,
)
from dashboard.figures.map_bins import binned_map
from dashboard.figures.regions import region_map
from dashboard.geo import boundaries as geo_boundaries
from dashboard.geo.data import districts, state_population
from dashboard.i18n import fmt_number, t, tn
from dashboard.state.filters import Filters
from dashboard.state.map import MapView, Viewport
from dashboard.store import Snapshot
from dashboard.views.result import ViewResult

# Thousands of Gemeinden are more than a map can draw quickly: past this many regions only
# those with participation somewhere in the selection are drawn.
MAX_REGIONS_DRAWN = 1000
# Flows between hexagons drawn at most: the heaviest first; the map says how many there are.
MAX_FLOWS_DRAWN = 150
FIT_MAX_ZOOM = 6.5
NO_BOUNDARIES = pd.DataFrame(columns=["ags", "level", "name", "geometry"])


@dataclass(frozen=True)
class MapSources:
    """Where the outlines come from: the app's own URLs in the browser, the GeoJSON itself
    for the PDF (its renderer has no app to ask). `boundaries` are the stored Kreis and
    Gemeinde polygons (db.boundaries.load_boundaries); `boundary_outlines(level)` gives the
    outlines of one level as URL or GeoJSON."""

    states: dict[str, Any] | str
    neighbours: dict[str, Any] | str | None = None
    boundaries: pd.DataFrame | None = None
    boundary_outlines: Callable[[str], dict[str, Any] | str] | None = None

    def levels(self) -> tuple[str, ...]:
        """The region levels that can be drawn: always the Länder, the others if stored."""
        present = set(self.boundaries["level"]) if self.boundaries is not None else set()
        usable = self.boundary_outlines is not None
        return ("land", *(level for level in ("kreis", "gemeinde") if usable and level in present))


@dataclass(frozen=True)
class MapCanvas:
    """How the map is shown. `fit_size` (width, height in CSS pixels) fits the zoom to the
    points; without it the points map shows all of Germany."""

    sources: MapSources
    style: str = OFFLINE_STYLE
    fit_size: tuple[int, int] | None = None
    height: int = 640


@dataclass(frozen=True)
class MapDrawing:
    """The map and what the page writes beside it: the frame's label, a summary sentence,
    the note on the scale, and the actors the map could not place."""

    view: ViewResult
    year: int | None
    label: str
    summary: str
    scale_note: str
    unplaced: pd.DataFrame
    unplaced_key: str
    detail: hexbins.Detail = hexbins.ALL_POINTS


def map_view(snapshot: Snapshot, filters: Filters, state: MapView, canvas: MapCanvas) -> ViewResult:
    return draw_map(snapshot, filters, state, canvas).view


def _frame(
    snapshot: Snapshot, filters: Filters, state: MapView
) -> tuple[Selection, int | None, Selection]:
    """(selection, year shown or None for all years, the frame of that year or mode)."""
    selection = select_in(snapshot, filters)
    years = geography.event_years(selection)
    year = state.year if state.year in years else None
    return selection, year, geography.year_frame(selection, year, state.cumulative)


def frame_points(snapshot: Snapshot, filters: Filters, state: MapView) -> pd.DataFrame:
    """The places of the frame the address names (selection, year, mode)."""
    return overview.map_points(_frame(snapshot, filters, state)[2])


def draw_map(
    snapshot: Snapshot,
    filters: Filters,
    state: MapView,
    canvas: MapCanvas,
    viewport: Viewport | None = None,
    new_ids: frozenset[str] | None = None,
) -> MapDrawing:
    """The map for the address's settings; `viewport` is the view the user zoomed to: it
    decides between bins and single places (none: all of Germany) and is kept in the
    figure, so a new drawing never jumps back to the country. `new_ids`: actors drawn with
    the ring of those new to the network (one by one only: bins have no ring)."""
    selection, year, frame = _frame(snapshot, filters, state)
    label = frame_label(selection, frame, year, state.cumulative, filters.lang)
    if state.view == "regionen":
        return _regions(snapshot, selection, frame, year, label, filters, state, canvas)
    return _points(
        snapshot, selection, frame, year, label, filters, state, canvas, viewport, new_ids
    )


def fitted_view(points: pd.DataFrame, canvas: MapCanvas) -> dict[str, Any]:
    """Center and zoom that show every point on the canvas; nothing (the figure's own
    country-wide view) when the canvas has no size to fit to."""
    if canvas.fit_size is None:
        return {}
    width, height = canvas.fit_size
    center, zoom = fit_view(
        points["lat"].to_numpy(dtype=float),
        points["lon"].to_numpy(dtype=float),
        width,
        height,
        max_zoom=FIT_MAX_ZOOM,
    )
    return {"center": center, "zoom": zoom}


def frame_label(
    selection: Selection, frame: Selection, year: int | None, cumulative: bool, lang: str
) -> str:
    """What the map shows: all years, one year, or the years up to one."""
    if year is None:
        if selection.year_range is None:
            return t("map.year.none", lang)
        first, last = selection.year_range
        return t("map.frame.all", lang, first=first, last=last)
    if cumulative and frame.year_range and frame.year_range[0] < year:
        return t("map.frame.cumulative", lang, first=frame.year_range[0], last=year)
    return t("map.frame.year", lang, year=year)


def fixed_scales(snapshot: Snapshot) -> tuple[float, float, float]:
    """(marker top per year, marker top over all years, largest link weight) over all data,
    computed once per data version: frames of different years and filters stay comparable."""

    def compute(tables: Any) -> tuple[float, float, float]:
        everyone = select_in(snapshot, Filters()).participation
        return (
            geography.size_scale(everyone, cumulative=False),
            geography.size_scale(everyone, cumulative=True),
            geography.weight_scale(tables["links"]),
        )

    return snapshot.derived("map.fixed_scales", compute)


def _points(
    snapshot: Snapshot,
    selection: Selection,
    frame: Selection,
    year: int | None,
    label: str,
    filters: Filters,
    state: MapView,
    canvas: MapCanvas,
    viewport: Viewport | None,
    new_ids: frozenset[str] | None = None,
) -> MapDrawing:
    lang = filters.lang
    points = overview.map_points(frame)
    detail = hexbins.detail_for(
        points, viewport.bounds if viewport else None, viewport.zoom if viewport else None
    )
    view = (
        {"center": viewport.center, "zoom": viewport.zoom}
        if viewport
        else fitted_view(points, canvas)
        if not points.empty
        else {}
    )
    if detail.mode == "bins":
        return _bins(snapshot, frame, year, label, filters, state, canvas, points, detail, view)
    sources = canvas.sources
    links = geography.map_links(frame.links, points)
    shown, in_view = points, links
    if detail.bounds is not None:
        shown, in_view = _in_area(points, links, detail.bounds, state.focus)
    drawn = geography.strongest_links(in_view, keep_actor=state.focus)
    size_per_year, size_total, weight_max = fixed_scales(snapshot)
    size_max = size_total if state.cumulative or year is None else size_per_year
    # Never more than AGGREGATE_ABOVE places are drawn one by one (beyond, bins are): a
    # zoomed-in view of the national map keeps the markers of a map of that many.
    located = min(overview.located_count(selection), hexbins.AGGREGATE_ABOVE)
    shrink = density_shrink(located)
    figure = network_map(
        shown,
        drawn,
        sources.states,
        lang,
        size_max,
        weight_max,
        style=canvas.style,
        link_mode=state.links if state.links in LINK_MODES else "width",
        focus=state.focus,
        neighbours_geojson=sources.neighbours if canvas.style == OFFLINE_STYLE else None,
        height=canvas.height,
        empty_message=(
            t("map.empty_year", lang, frame=label)
            if year is not None and frame.participation.empty
            else None
        ),
        hidden_links=len(in_view) - len(drawn),
        shrink=shrink,
        new_ids=new_ids,
        **view,
    )
    summary = _points_summary(frame, points, links, lang)
    scale_note = t("map.scale.points", lang, people=fmt_number(int(size_max), lang))
    if shrink < 1:
        scale_note += " " + t("map.scale.shrunk", lang, places=tn("count.places", located, lang))
    if detail.bounds is not None:
        scale_note += " " + t(
            "map.scale.in_view", lang, places=tn("count.places", len(shown), lang)
        )
    return MapDrawing(
        view=ViewResult(figure, t("page.map.heading", lang), caption=label, table=points),
        year=year,
        label=label,
        summary=summary,
        scale_note=scale_note,
        unplaced=overview.unplaced_actors(frame),
        unplaced_key="map.unplaced",
        detail=detail,
    )


def _points_summary(frame: Selection, points: pd.DataFrame, links: pd.DataFrame, lang: str) -> str:
    """The sentence beside the map: actors with a place, people, links (and the
    participations of unknown headcount), whether drawn one by one or in hexagons."""
    headcount = frame.participation["headcount"]
    summary = t(
        "map.summary.points",
        lang,
        actors=tn("count.actors", len(points), lang),
        people=tn("count.people", int(headcount.sum(skipna=True)), lang),
        links=tn("count.collaborations", len(links), lang),
    )
    unknown = int(headcount.isna().sum())
    if unknown:
        summary += " " + tn("map.summary.unknown", unknown, lang)
    return summary


def _in_area(
    points: pd.DataFrame, links: pd.DataFrame, area: Bounds, focus: str | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The places inside `area` (and the focused actor wherever it is) and the links with
    at least one end inside: a link to a place outside runs off the edge, as on any map."""
    inside = area.mask(points["lat"].to_numpy(dtype=float), points["lon"].to_numpy(dtype=float))
    if focus:
        inside |= (points["id"] == focus).to_numpy()
    ends = area.mask(
        links["lat0"].to_numpy(dtype=float), links["lon0"].to_numpy(dtype=float)
    ) | area.mask(links["lat1"].to_numpy(dtype=float), links["lon1"].to_numpy(dtype=float))
    return points[inside].reset_index(drop=True), links[ends]


def _bins(
    snapshot: Snapshot,
    frame: Selection,
    year: int | None,
    label: str,
    filters: Filters,
    state: MapView,
    canvas: MapCanvas,
    points: pd.DataFrame,
    detail: hexbins.Detail,
    view: dict[str, Any],
) -> MapDrawing:
    """More places in view than a map can tell apart: hexagons and the flows between them."""
    lang = filters.lang
    sources = canvas.sources
    resolution = detail.resolution or hexbins.resolution_for_zoom(None)
    cells, actors_max = place_cells(snapshot, resolution)
    links = geography.map_links(frame.links, points)
    flows = hexbins.region_flows(links, cells)
    binned = points
    if detail.bounds is not None:
        binned, _links = _in_area(points, links, detail.bounds, None)
        near = detail.bounds.mask(
            flows["lat0"].to_numpy(dtype=float), flows["lon0"].to_numpy(dtype=float)
        ) | detail.bounds.mask(
            flows["lat1"].to_numpy(dtype=float), flows["lon1"].to_numpy(dtype=float)
        )
        flows = flows[near].reset_index(drop=True)
    bins = hexbins.hex_bins(binned, cells)
    drawn = flows.head(MAX_FLOWS_DRAWN)
    link_mode = state.links if state.links in LINK_MODES else "width"
    size_per_year, size_total, _weight_max = fixed_scales(snapshot)
    focus = (
        focus_traces(
            points,
            links,
            state.focus,
            lang,
            size_total if state.cumulative or year is None else size_per_year,
            density_shrink(len(points)),
        )
        if state.focus
        else []
    )
    figure = binned_map(
        bins,
        hexbins.hex_outlines(bins["cell"]),
        drawn,
        len(flows) - len(drawn),
        sources.states,
        lang,
        actors_max,
        style=canvas.style,
        link_mode=link_mode,
        neighbours_geojson=sources.neighbours if canvas.style == OFFLINE_STYLE else None,
        height=canvas.height,
        extra_traces=focus,
        **view,
    )
    summary = _points_summary(frame, points, links, lang)
    scale_note = t(
        "map.scale.bins",
        lang,
        places=tn("count.places", len(points), lang),
        cells=tn("count.hexagons", len(bins), lang),
        km=fmt_number(round(hexbins.edge_km(resolution)), lang),
        top=fmt_number(int(actors_max), lang),
        threshold=fmt_number(hexbins.AGGREGATE_ABOVE, lang),
    )
    return MapDrawing(
        view=ViewResult(
            figure,
            t("page.map.heading", lang),
            caption=label,
            table=bins.drop(columns=["names"]),
        ),
        year=year,
        label=label,
        summary=summary,
        scale_note=scale_note,
        unplaced=overview.unplaced_actors(frame),
        unplaced_key="map.unplaced",
        detail=detail,
    )


def place_cells(snapshot: Snapshot, resolution: int) -> tuple[pd.Series, float]:
    """(actor id → H3 cell at `resolution` for every placed actor, the most actors in one
    cell over all data), once per data version: the scale of every frame and filter."""

    def compute(tables: Any) -> tuple[pd.Series, float]:
        actors = tables["actors"]
        placed = actors[actors["lat"].notna() & actors["lon"].notna()]
        cells = pd.Series(
            hexbins.cells_of(
                placed["lat"].to_numpy(dtype=float),
                placed["lon"].to_numpy(dtype=float),
                resolution,
            ),
            index=placed["id"].to_numpy(),
            dtype=object,
        )
        taking_part = select_in(snapshot, Filters()).participation["actor_id"].unique()
        counts = cells[cells.index.isin(taking_part)].value_counts()
        return cells, float(counts.max()) if len(counts) else 1.0

    return snapshot.derived(f"map.cells.{resolution}", compute)


def _regions(
    snapshot: Snapshot,
    selection: Selection,
    frame: Selection,
    year: int | None,
    label: str,
    filters: Filters,
    state: MapView,
    canvas: MapCanvas,
) -> MapDrawing:
    lang = filters.lang
    sources = canvas.sources
    metric = state.metric if state.metric in geography.METRICS else "headcount"
    level = state.level if state.level in sources.levels() else "land"
    if level == "land":
        geojson = sources.states
        regions = geography.state_regions(state_population(), lang)
        assignment = geography.state_assignment(selection.actors)
    else:
        assert sources.boundary_outlines is not None  # levels() offers none without them
        geojson = sources.boundary_outlines(level)
        regions, assignment = boundary_regions(snapshot, level, sources.boundaries)
        assignment = assignment[assignment.index.isin(selection.actors["id"])]
    cumulative = state.cumulative or year is None
    zmax = geography.region_scale(selection.participation, assignment, regions, metric, cumulative)
    table = geography.region_table(frame.participation, assignment, regions)
    if len(table) > MAX_REGIONS_DRAWN:
        active = set(assignment.reindex(selection.participation["actor_id"].unique()).dropna())
        table = table[table["region"].isin(active)]
    figure = region_map(
        table,
        geojson,
        lang,
        metric,
        zmax,
        style=canvas.style,
        states_geojson=sources.states,
        neighbours_geojson=sources.neighbours if canvas.style == OFFLINE_STYLE else None,
        height=canvas.height,
    )
    summary = t(
        "map.summary.regions",
        lang,
        regions=tn("count.regions", int((table["participations"] > 0).sum()), lang),
        level=t(f"map.level.{level}", lang),
        people=tn("count.people", int(table["headcount"].sum()), lang),
    )
    if level == "gemeinde" and metric == "per_100k":
        summary += " " + t("map.region.no_population_gemeinde", lang)
    digits = 1 if metric == "per_100k" else 0
    return MapDrawing(
        view=ViewResult(figure, t("page.map.heading", lang), caption=label, table=table),
        year=year,
        label=label,
        summary=summary,
        scale_note=t("map.scale.regions", lang, top=fmt_number(zmax, lang, digits)),
        unplaced=geography.unassigned_actors(frame.actors, assignment),
        unplaced_key="map.unassigned",
    )


def boundary_regions(
    snapshot: Snapshot, level: str, boundaries: pd.DataFrame | None
) -> tuple[pd.DataFrame, pd.Series]:
    """(regions, actor → AGS for all actors) of the stored polygons of `level`, once per
    data version: every upload is a batch, so it moves the version."""
    stored = NO_BOUNDARIES if boundaries is None else boundaries
    rows = stored[stored["level"] == level]

    def compute(tables: Any) -> tuple[pd.DataFrame, pd.Series]:
        regions = geography.boundary_regions(rows, level, districts())
        assignment = geography.boundary_assignment(
            tables["actors"], geo_boundaries.to_geodataframe(rows), level
        )
        return regions, assignment

    return snapshot.derived(f"map.boundaries.{level}", compute)
