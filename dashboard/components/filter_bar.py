"""The global filter bar. Its values come from the URL; changing one writes the URL."""

from __future__ import annotations

import math

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import schema
from dashboard.analysis.options import FilterOptions
from dashboard.components.attributes import aria
from dashboard.components.dropdown import dropdown_labels
from dashboard.components.slider_names import named_slider
from dashboard.geo.states import STATES, state_name
from dashboard.i18n import t
from dashboard.state.filters import Filters

YEARS_ID = "filter-years"
EVENT_ID = "filter-event"
TYPES_ID = "filter-types"
STATES_ID = "filter-states"
TOPIC_ID = "filter-topic"
RESET_ID = "filter-reset"
TOGGLE_ID = "filter-toggle"
COUNT_ID = "filter-count"
FIELDS_ID = "filter-fields"
CONTROL_IDS = (YEARS_ID, EVENT_ID, TYPES_ID, STATES_ID, TOPIC_ID)


def _labelled(label: str, control, control_id: str, width: dict) -> dbc.Col:
    return dbc.Col(
        [dbc.Label(label, html_for=control_id, className="filter-label"), control], **width
    )


def year_marks(years: tuple[int, int]) -> dict[int, str]:
    """About five labelled years: more would overlap in the narrow filter column."""
    first, last = years
    step = max(1, math.ceil((last - first) / 4))
    marks = {year: str(year) for year in range(first, last, step)}
    marks[last] = str(last)
    return marks


def filter_bar(filters: Filters, options: FilterOptions) -> html.Section:
    lang = filters.lang
    if options.years:
        first, last = options.years
        # A hand-edited link may name years outside the data: show the nearest possible range.
        value = [
            min(max(filters.year_from or first, first), last),
            max(min(filters.year_to or last, last), first),
        ]
        years = dcc.RangeSlider(
            id=YEARS_ID,
            min=first,
            max=last,
            step=1,
            value=value,
            marks=year_marks(options.years),
            allowCross=False,
            tooltip={"placement": "bottom", "always_visible": False},
        )
    else:
        years = dcc.RangeSlider(id=YEARS_ID, min=0, max=1, value=[0, 1], disabled=True)
    events = dcc.Dropdown(
        id=EVENT_ID,
        labels=dropdown_labels(lang),
        options=[
            {"label": f"{year} · {title}" + (f" ({city})" if city else ""), "value": event_id}
            for event_id, year, title, city in options.events
        ],
        value=filters.event,
        placeholder=t("filter.all_events", lang),
        clearable=True,
    )
    types = dcc.Dropdown(
        id=TYPES_ID,
        labels=dropdown_labels(lang),
        options=[
            {"label": t(f"type.{actor_type}", lang), "value": actor_type}
            for actor_type in schema.ACTOR_TYPES
        ],
        value=list(filters.types),
        multi=True,
        placeholder=t("filter.all_types", lang),
    )
    states = dcc.Dropdown(
        id=STATES_ID,
        labels=dropdown_labels(lang),
        options=sorted(
            ({"label": state_name(code, lang), "value": code} for code in STATES),
            key=lambda option: option["label"],
        ),
        value=list(filters.states),
        multi=True,
        placeholder=t("filter.all_states", lang),
    )
    topics = dcc.Dropdown(
        id=TOPIC_ID,
        labels=dropdown_labels(lang),
        options=[{"label": name, "value": topic_id} for topic_id, name in options.topics],
        value=filters.topic,
        placeholder=t("filter.all_topics", lang),
        clearable=True,
    )
    fields = dbc.Row(
        [
            # From lg on one row: the years a fixed quarter, the reset button as wide as
            # its text in either language, the four lists share the rest.
            _labelled(
                t("filter.years", lang),
                named_slider(years, t("filter.years", lang), lang, is_range=True),
                YEARS_ID,
                {"lg": 3, "md": 12},
            ),
            _labelled(t("filter.event", lang), events, EVENT_ID, {"lg": True, "md": 6}),
            _labelled(t("filter.types", lang), types, TYPES_ID, {"lg": True, "md": 6}),
            _labelled(t("filter.states", lang), states, STATES_ID, {"lg": True, "md": 6}),
            _labelled(t("filter.topic", lang), topics, TOPIC_ID, {"lg": True, "md": 4}),
            dbc.Col(
                dbc.Button(
                    [
                        html.I(
                            className="bi bi-arrow-counterclockwise me-1",
                            **aria(hidden="true"),
                        ),
                        t("filter.reset", lang),
                    ],
                    id=RESET_ID,
                    color="secondary",
                    outline=True,
                    size="sm",
                    className="mt-4 text-nowrap",
                ),
                lg="auto",
                md=2,
            ),
        ],
        className="g-3 align-items-start",
    )
    active = sum(
        bool(value)
        for value in (
            filters.year_from or filters.year_to,
            filters.event,
            filters.types,
            filters.states,
            filters.topic,
        )
    )
    # Below lg (a phone, a narrow window) the fields fold behind one button, so the chart
    # is not pushed a screen down by five stacked controls.
    toggle = html.Button(
        [
            html.I(className="bi bi-funnel me-1", **aria(hidden="true")),
            t("filter.toggle", lang),
            html.Span(
                str(active), id=COUNT_ID, className="badge text-bg-primary ms-1", hidden=not active
            ),
        ],
        id=TOGGLE_ID,
        type="button",
        className="btn btn-outline-secondary btn-sm d-lg-none",
        **aria(controls=FIELDS_ID, expanded="false"),
    )
    return html.Section(
        [toggle, html.Div(fields, id=FIELDS_ID, className="d-none d-lg-block mt-2 mt-lg-0")],
        className="filter-bar container-fluid mb-3",
        **aria(label=t("filter.region", lang)),
    )


def filters_from_controls(
    current: Filters,
    years: list[int] | None,
    event: str | None,
    types: list[str] | None,
    states: list[str] | None,
    topic: str | None,
    year_bounds: tuple[int, int] | None,
) -> Filters:
    """The filter state the controls show; a slider at its full range means "all years"."""
    year_from = year_to = None
    if years and year_bounds:
        year_from = years[0] if years[0] > year_bounds[0] else None
        year_to = years[1] if years[1] < year_bounds[1] else None
    return current.with_changes(
        year_from=year_from,
        year_to=year_to,
        event=event or None,
        types=tuple(a for a in schema.ACTOR_TYPES if a in (types or ())),
        states=tuple(code for code in STATES if code in (states or ())),
        topic=topic or None,
    )
