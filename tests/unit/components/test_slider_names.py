"""Dash 4's sliders get their names from a wrapper's data-* attributes (assets/a11y.js puts
them on the number inputs and thumbs): from the catalogs, in the page's language."""

from __future__ import annotations

from dash import dcc

from dashboard.components.slider_names import named_slider, slider_names


def test_sln001_a_range_names_its_two_ends_in_the_pages_language():
    assert slider_names("Jahre", "de", is_range=True) == {
        "data-slider-from": "Jahre: von",
        "data-slider-to": "Jahre: bis",
    }
    assert slider_names("Years", "en", is_range=True) == {
        "data-slider-from": "Years: from",
        "data-slider-to": "Years: to",
    }


def test_sln002_a_single_value_is_named_by_its_label():
    slider = dcc.Slider(id="s", min=2014, max=2025, step=1, value=2025)
    wrapper = named_slider(slider, "Jahr", "de", is_range=False)
    assert wrapper.children is slider
    assert wrapper.to_plotly_json()["props"]["data-slider-name"] == "Jahr"
