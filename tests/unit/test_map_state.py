"""The settings of /karte from its address: defaults and a note for what does not parse."""

from __future__ import annotations

import pytest

from dashboard.analysis.hexbins import Bounds
from dashboard.state.map import MapView, viewport_from


def test_mst001_german_values_become_the_settings():
    view, notes = MapView.parse(
        {
            "jahr": "2023",
            "modus": "kumuliert",
            "ansicht": "regionen",
            "ebene": "kreis",
            "wert": "je100000",
            "linien": "aus",
            "hintergrund": "ohne",
            "akteur": "bonn",
        }
    )
    assert notes == ()
    assert view == MapView(
        2023, "kumuliert", "regionen", "plain", "bonn", "kreis", "per_100k", "off"
    )
    assert view.cumulative


def test_mst002_unknown_values_give_the_default_and_a_note():
    view, notes = MapView.parse({"jahr": "3000", "ebene": "dorf", "wert": "viel", "modus": ""})
    assert view == MapView()
    assert [(note.param, note.value) for note in notes] == [
        ("jahr", "3000"),
        ("ebene", "dorf"),
        ("wert", "viel"),
    ]
    assert MapView.from_search("?akteur=" + "x" * 100).focus == "x" * 64


VIEW = {
    "zoom": 8.2,
    "west": 6.5,
    "south": 51.0,
    "east": 7.3,
    "north": 51.4,
    "lat": 51.2,
    "lon": 6.9,
}


def test_mst010_viewport_is_read_from_what_the_browser_reported():
    viewport = viewport_from(VIEW)
    assert viewport is not None
    assert viewport.zoom == 8.2 and viewport.center == {"lat": 51.2, "lon": 6.9}
    assert viewport.bounds == Bounds(6.5, 51.0, 7.3, 51.4)


@pytest.mark.parametrize(
    "data",
    [
        None,
        "8.2",
        {**VIEW, "zoom": "weit"},
        {**VIEW, "zoom": 99},
        {**VIEW, "west": 8.0},  # west of its own east
        {key: value for key, value in VIEW.items() if key != "north"},
    ],
)
def test_mst011_an_unusable_viewport_is_the_country_wide_view(data):
    assert viewport_from(data) is None
