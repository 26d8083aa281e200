"""Map analysis on the tiny hand-made dataset: year frames, links, regions, fixed scales."""

from __future__ import annotations

import geopandas
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from dashboard.analysis import geography, overview
from dashboard.analysis.selection import select
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import tiny_tables

POPULATION = pd.DataFrame({"state": ["01", "05"], "population": [400_000, 1_000_000]})


def _selection(**filters):
    return select(tiny_tables(), Filters(**filters))


def test_geo001_event_years_are_the_slider_stops():
    assert geography.event_years(_selection()) == [2016, 2017, 2018]
    assert geography.event_years(_selection(year_from=2017)) == [2017, 2018]


def test_geo002_a_year_frame_holds_that_year_only():
    frame = geography.year_frame(_selection(), 2017)
    assert set(frame.participation["actor_id"]) == {"bonn", "kiel", "portal"}
    assert set(frame.actors["id"]) == {"bonn", "kiel", "portal"}
    assert frame.year_range == (2017, 2017)
    # bonn–verein: verein did not come in 2017; bonn–kiel existed only in 2016.
    assert frame.links.empty


def test_geo003_a_cumulative_frame_holds_every_year_up_to_it():
    frame = geography.year_frame(_selection(), 2017, cumulative=True)
    assert set(frame.participation["actor_id"]) == {"bonn", "kiel", "portal", "verein"}
    assert frame.year_range == (2016, 2017)
    pairs = set(zip(frame.links["source_id"], frame.links["target_id"], strict=False))
    assert pairs == {("bonn", "verein"), ("bonn", "kiel")}


def test_geo004_no_year_is_the_whole_selection():
    selection = _selection()
    assert geography.year_frame(selection, None) is selection


def test_geo005_a_year_without_events_is_an_empty_frame():
    frame = geography.year_frame(_selection(), 2020)
    assert frame.participation.empty and frame.actors.empty and frame.links.empty
    assert frame.year_range is None


def test_geo006_size_scale_is_fixed_per_mode_over_all_data():
    everyone = _selection().participation
    # Largest single year of one actor: verein 2016 with 5. Largest total: verein 5 + 2 = 7.
    assert geography.size_scale(everyone, cumulative=False) == 5
    assert geography.size_scale(everyone, cumulative=True) == 7
    assert geography.size_scale(everyone.iloc[0:0], cumulative=True) == 1.0


def test_geo007_weight_scale_is_the_largest_weight():
    assert geography.weight_scale(tiny_tables()["links"]) == 2
    assert geography.weight_scale(tiny_tables()["links"].iloc[0:0]) == 1.0


def test_geo008_map_links_carry_both_ends_and_skip_actors_without_a_place():
    frame = geography.year_frame(_selection(), 2017, cumulative=True)
    points = overview.map_points(frame)
    links = geography.map_links(frame.links, points)
    assert len(links) == 2
    row = links[links["target_id"] == "kiel"].iloc[0]
    assert (row.lat0, row.lon0, row.lat1, row.lon1) == (50.73, 7.1, 54.32, 10.13)
    assert geography.map_links(frame.links, points[points["id"] != "kiel"])[
        "target_id"
    ].tolist() == ["verein"]


def test_geo009_state_regions_count_people_actors_and_per_100k():
    selection = _selection()
    regions = geography.state_regions(POPULATION, "de")
    assert len(regions) == 16
    table = geography.region_table(
        selection.participation, geography.state_assignment(selection.actors), regions
    )
    assert len(table) == 16
    nrw = table.set_index("region").loc["05"]
    # bonn 3 + 3 + unknown, verein 5 + 2.
    assert (
        nrw["name"],
        nrw["actors"],
        nrw["participations"],
        nrw["headcount"],
        nrw["unknown"],
    ) == ("Nordrhein-Westfalen", 2, 5, 13, 1)
    assert nrw["per_100k"] == pytest.approx(1.3)
    sh = table.set_index("region").loc["01"]
    assert (sh["headcount"], sh["per_100k"]) == (4, pytest.approx(1.0))
    bavaria = table.set_index("region").loc["09"]
    assert bavaria["headcount"] == 0 and np.isnan(bavaria["per_100k"])


def test_geo010_region_scale_is_the_largest_frame_value():
    selection = _selection()
    assignment = geography.state_assignment(selection.actors)
    regions = geography.state_regions(POPULATION, "de")
    # Per year NRW: 2016 3 + 5 = 8, 2017 3, 2018 2 (bonn unknown); SH 2017 4.
    assert (
        geography.region_scale(
            selection.participation, assignment, regions, "headcount", cumulative=False
        )
        == 8
    )
    assert (
        geography.region_scale(
            selection.participation, assignment, regions, "headcount", cumulative=True
        )
        == 13
    )
    assert (
        geography.region_scale(
            selection.participation, assignment, regions, "actors", cumulative=False
        )
        == 2
    )


def test_geo011_boundary_assignment_prefers_the_ags_then_the_coordinates():
    tables = tiny_tables()
    actors = tables["actors"].astype({"ags": object})
    actors.loc[actors["id"] == "kiel", "ags"] = "01002000"
    boundaries = geopandas.GeoDataFrame(
        {"ags": ["05314", "05111", "01002"]},
        # Kiel's polygon is drawn far from its coordinates: the AGS decides, not the point.
        geometry=[box(7.0, 50.6, 7.2, 50.8), box(6.7, 51.1, 6.9, 51.3), box(0.0, 0.0, 1.0, 1.0)],
        crs=4326,
    )
    assignment = geography.boundary_assignment(actors, boundaries, "kreis")
    assert assignment.to_dict() == {"bonn": "05314", "kiel": "01002", "verein": "05111"}
    assert geography.unassigned_actors(actors, assignment)["id"].tolist() == ["portal"]


def test_geo012_boundary_regions_take_district_population_for_kreise_only():
    stored = pd.DataFrame(
        {
            "ags": ["05314", "05111000"],
            "level": ["kreis", "gemeinde"],
            "name": ["Bonn", "Düsseldorf"],
            "geometry": ["{}", "{}"],
        }
    )
    districts = pd.DataFrame(
        {"ags": ["05314"], "name": ["Bonn, Stadt"], "state": ["05"], "population": [327_258]}
    )
    kreise = geography.boundary_regions(stored, "kreis", districts)
    assert kreise.to_dict("records") == [
        {"region": "05314", "name": "Bonn", "population": 327_258.0}
    ]
    gemeinden = geography.boundary_regions(stored, "gemeinde", districts)
    assert gemeinden["region"].tolist() == ["05111000"] and np.isnan(
        gemeinden["population"].iloc[0]
    )


def test_geo013_focus_options_are_located_actors_by_name():
    assert geography.focus_options(_selection()) == [
        ("bonn", "Bonn"),
        ("verein", "Bürgerverein"),
        ("kiel", "Kiel"),
    ]
