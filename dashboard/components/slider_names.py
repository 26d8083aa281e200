"""Names for the parts of a Dash slider that assistive technology reads.

Dash 4's dcc.Slider and dcc.RangeSlider draw number inputs without a name, and thumbs named
in English ("Minimum", "Maximum") or not at all; neither component takes an aria property.
A slider is therefore put in a wrapper whose data-* attributes carry the names from the
catalogs, and assets/a11y.js sets them as aria-label on the inputs and thumbs inside.
"""

from __future__ import annotations

from typing import Any

from dash import html
from dash.development.base_component import Component

from dashboard.components.attributes import data
from dashboard.i18n import t


def slider_names(label: str, lang: str, *, is_range: bool) -> dict[str, Any]:
    """data-* attributes naming a slider labelled `label`: "Jahre: von" and "Jahre: bis" for
    the two ends of a range, the label itself for a single value."""
    if is_range:
        return data(
            slider_from=t("slider.from", lang, label=label),
            slider_to=t("slider.to", lang, label=label),
        )
    return data(slider_name=label)


def named_slider(slider: Component, label: str, lang: str, *, is_range: bool) -> html.Div:
    """`slider` in a wrapper that names its inputs and thumbs (see the module's docstring)."""
    return html.Div(slider, **slider_names(label, lang, is_range=is_range))
