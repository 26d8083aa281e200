"""Analysis for the map page: frames per year, links with coordinates, participation per
region (Bundesland, or uploaded Kreis/Gemeinde polygons) and the fixed scales that keep
frames of different years comparable. Pure: frames in, frames out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis.selection import Selection, active_links
from dashboard.geo.states import STATES, state_name

METRICS = ("headcount", "per_100k", "actors")
REGION_COLUMNS = [
    "region",
    "name",
    "actors",
    "participations",
    "headcount",
    "unknown",
    "population",
    "per_100k",
]
LINK_COLUMNS = ["source_id", "target_id", "kind", "weight", "lat0", "lon0", "lat1", "lon1"]


def event_years(selection: Selection) -> list[int]:
    """The years of the selected events, ascending: the stops of the year slider."""
    return sorted(int(year) for year in selection.events["year"].unique())


def year_frame(selection: Selection, year: int | None, cumulative: bool = False) -> Selection:
    """The part of `selection` shown at `year`: that year only, or every year up to it.

    `year=None` is the whole selection. Links are those between the frame's actors that
    existed in the year (or, cumulative, at some time up to it).
    """
    if year is None:
        return selection

    def in_frame(years: pd.Series) -> pd.Series:
        return years <= year if cumulative else years == year

    events = selection.events[in_frame(selection.events["year"])]
    part = selection.participation[in_frame(selection.participation["year"])]
    actors = selection.actors[selection.actors["id"].isin(part["actor_id"])]
    years = (
        None if events.empty else (int(events["year"].min()), year) if cumulative else (year, year)
    )
    return Selection(
        events=events.reset_index(drop=True),
        actors=actors.reset_index(drop=True),
        participation=part.reset_index(drop=True),
        links=active_links(selection.links, actors["id"], years),
        year_range=years,
    )


def size_scale(participation: pd.DataFrame, cumulative: bool) -> float:
    """The fixed top of the marker scale: the largest headcount of one actor in one year
    (per-year frames) or over all years (cumulative frames and the whole selection).
    Pass the participation of all data, so that the scale does not move with any filter."""
    if participation.empty:
        return 1.0
    keys = ["actor_id"] if cumulative else ["actor_id", "year"]
    totals = participation.groupby(keys)["headcount"].sum(min_count=1)
    return float(totals.max()) if totals.notna().any() and totals.max() > 0 else 1.0


def weight_scale(links: pd.DataFrame) -> float:
    """The largest link weight in all data: the fixed top of the line width/opacity scale."""
    weights = (
        pd.to_numeric(links["weight"], errors="coerce")
        if not links.empty
        else pd.Series(dtype=float)
    )
    return float(weights.max()) if weights.notna().any() else 1.0


def map_links(links: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """Links whose two ends are both shown on the map, with their coordinates."""
    if links.empty or points.empty:
        return pd.DataFrame(columns=LINK_COLUMNS)
    where = points.set_index("id")[["lat", "lon"]]
    result = links[links["source_id"].isin(where.index) & links["target_id"].isin(where.index)]
    start = where.reindex(result["source_id"]).to_numpy(dtype=float)
    end = where.reindex(result["target_id"]).to_numpy(dtype=float)
    return pd.DataFrame(
        {
            "source_id": result["source_id"].to_numpy(),
            "target_id": result["target_id"].to_numpy(),
            "kind": result["kind"].to_numpy(),
            "weight": pd.to_numeric(result["weight"], errors="coerce")
            .fillna(1.0)
            .to_numpy(dtype=float),
            "lat0": start[:, 0],
            "lon0": start[:, 1],
            "lat1": end[:, 0],
            "lon1": end[:, 1],
        },
        columns=LINK_COLUMNS,
    )


MAX_MAP_LINKS = 4000


def strongest_links(
    links: pd.DataFrame, limit: int = MAX_MAP_LINKS, keep_actor: str | None = None
) -> pd.DataFrame:
    """The `limit` heaviest links (ties by ids), plus every link of `keep_actor`.

    Tens of thousands of lines on one map are a grey veil, not information, and they
    would make the figure megabytes large; the page says how many were left out.
    """
    if len(links) <= limit:
        return links
    ordered = links.sort_values(
        ["weight", "source_id", "target_id"], ascending=[False, True, True], kind="stable"
    )
    shown = ordered.head(limit)
    if keep_actor:
        own = links[(links["source_id"] == keep_actor) | (links["target_id"] == keep_actor)]
        shown = pd.concat([shown, own[~own.index.isin(shown.index)]])
    return shown


# --- Regions -------------------------------------------------------------------------


def state_regions(population: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The 16 Bundesländer as regions: region (AGS code), name, population."""
    people = population.set_index("state")["population"]
    codes = list(STATES)
    return pd.DataFrame(
        {
            "region": codes,
            "name": [state_name(code, lang) for code in codes],
            "population": people.reindex(codes).to_numpy(dtype=float),
        }
    )


def boundary_regions(boundaries: pd.DataFrame, level: str, districts: pd.DataFrame) -> pd.DataFrame:
    """Uploaded polygons of one level as regions. Population is known for Kreise (from the
    district population data); for Gemeinden it is not shipped, so it stays NaN."""
    rows = boundaries[boundaries["level"] == level]
    population = pd.Series(np.nan, index=rows.index)
    if level == "kreis":
        population = rows["ags"].map(districts.set_index("ags")["population"]).astype(float)
    return pd.DataFrame(
        {
            "region": rows["ags"].to_numpy(),
            "name": rows["name"].fillna(rows["ags"]).to_numpy(),
            "population": population.to_numpy(dtype=float),
        }
    )


def state_assignment(actors: pd.DataFrame) -> pd.Series:
    """actor id → Bundesland code, for actors with a known state."""
    known = actors[actors["state"].isin(list(STATES))]
    return pd.Series(known["state"].to_numpy(), index=known["id"].to_numpy(), dtype=object)


def boundary_assignment(actors: pd.DataFrame, boundaries: pd.DataFrame, level: str) -> pd.Series:
    """actor id → AGS of the uploaded polygon it belongs to.

    By AGS when the actor has one that names an uploaded polygon (its first 5 digits for
    Kreise), otherwise by where its coordinates lie (geopandas sjoin). `boundaries` is a
    GeoDataFrame (ags, geometry) in EPSG:4326 of the one level.
    """
    if actors.empty or len(boundaries) == 0:
        return pd.Series(dtype=object)
    length = 5 if level == "kreis" else 8
    codes = set(boundaries["ags"])
    ags = actors["ags"].where(actors["ags"].notna(), "").astype(str).str[:length]
    by_code = pd.Series(
        ags.where(ags.isin(codes)).to_numpy(), index=actors["id"].to_numpy(), dtype=object
    )
    located = actors["lat"].notna() & actors["lon"].notna()
    rest = actors[by_code.isna().to_numpy() & located.to_numpy()]
    if not rest.empty:
        import geopandas

        points = geopandas.GeoDataFrame(
            {"id": rest["id"].to_numpy()},
            geometry=geopandas.points_from_xy(rest["lon"].astype(float), rest["lat"].astype(float)),
            crs=4326,
        )
        joined = geopandas.sjoin(
            points, boundaries[["ags", "geometry"]], how="inner", predicate="intersects"
        )
        # A point on a shared border touches two polygons: keep the first (by AGS).
        by_point = joined.sort_values("ags").drop_duplicates("id").set_index("id")["ags"]
        by_code = by_code.fillna(by_point.reindex(by_code.index))
    return by_code.dropna()


def region_table(
    participation: pd.DataFrame, assignment: pd.Series, regions: pd.DataFrame
) -> pd.DataFrame:
    """Per region: actors, participations, people (known headcounts), participations with
    unknown headcount, population and people per 100,000 inhabitants. Every region is
    listed, those without participation with zeros."""
    part = participation.assign(region=participation["actor_id"].map(assignment))
    part = part[part["region"].notna()]
    grouped = part.groupby("region")
    counts = (
        pd.DataFrame(
            {
                "actors": grouped["actor_id"].nunique(),
                "participations": grouped.size(),
                "headcount": grouped["headcount"].sum(min_count=0),
                "unknown": (grouped["headcount"].size() - grouped["headcount"].count()),
            }
        )
        if not part.empty
        else pd.DataFrame(columns=["actors", "participations", "headcount", "unknown"])
    )
    table = regions.set_index("region").join(counts, how="left")
    for column in ("actors", "participations", "headcount", "unknown"):
        table[column] = pd.to_numeric(table[column], errors="coerce").fillna(0).astype("int64")
    population = table["population"].astype(float)
    table["per_100k"] = np.where(
        population > 0, table["headcount"] / population.where(population > 0) * 100_000, np.nan
    )
    return table.reset_index()[REGION_COLUMNS]


def region_scale(
    participation: pd.DataFrame,
    assignment: pd.Series,
    regions: pd.DataFrame,
    metric: str,
    cumulative: bool,
) -> float:
    """The fixed top of the colour scale for `metric` over every frame of the selection:
    the whole selection when frames are cumulative, otherwise the largest single year."""
    if participation.empty:
        return 1.0
    if cumulative:
        values = region_table(participation, assignment, regions)[metric]
    else:
        values = pd.concat(
            [
                region_table(part, assignment, regions)[metric]
                for _year, part in participation.groupby("year")
            ]
        )
    top = pd.to_numeric(values, errors="coerce").max()
    return float(top) if pd.notna(top) and top > 0 else 1.0


def unassigned_actors(actors: pd.DataFrame, assignment: pd.Series) -> pd.DataFrame:
    """Actors of the selection that belong to no region of the view."""
    return actors[~actors["id"].isin(assignment.index)].sort_values("name", ignore_index=True)


def focus_options(selection: Selection) -> list[tuple[str, str]]:
    """(id, name) of the selected actors with coordinates, by name: actors one can highlight."""
    actors = selection.actors[selection.actors["lat"].notna() & selection.actors["lon"].notna()]
    actors = actors.sort_values("name")
    return list(zip(actors["id"], actors["name"], strict=False))
