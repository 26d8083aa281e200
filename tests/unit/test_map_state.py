"""The settings of /karte from its address: defaults and a note for what does not parse."""

from __future__ import annotations

from dashboard.state.map import MapView


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
