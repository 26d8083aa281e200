from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis import attendance
from dashboard.analysis.selection import select
from dashboard.figures import attendance as figures
from dashboard.figures.theme import ACTOR_TYPE_COLOURS
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import tiny_tables


def _selection(**filters):
    return select(tiny_tables(), Filters(**filters))


def test_attfig001_events_stacked_one_trace_per_type():
    per_event = attendance.per_event_by_type(_selection())
    figure = figures.attendance_per_event_by_type(per_event, "de")
    assert [trace.name for trace in figure.data] == ["Kommune", "Initiative", "Organisation"]
    assert figure.layout.barmode == "stack"
    kommune = figure.data[0]
    assert list(kommune.x) == ["2016", "2017", "2018"]
    assert kommune.y.tolist() == [3, 7, 0]
    assert isinstance(kommune.y, np.ndarray)
    assert kommune.marker.color == ACTOR_TYPE_COLOURS["kommune"]
    assert figure.layout.yaxis.title.text == "Personen"
    assert figure.layout.separators == ",."
    actors = figures.attendance_per_event_by_type(per_event, "en", metric="actors")
    assert actors.data[0].y.tolist() == [1, 2, 1]
    assert actors.layout.yaxis.title.text == "Actors"


def test_attfig002_several_events_in_one_year_get_their_title():
    frame = pd.DataFrame(
        {
            "event_id": ["a", "b"],
            "year": [2020, 2020],
            "title": ["Frühjahr", "Herbst"],
            "type": ["kommune", "kommune"],
            "actors": [1, 2],
            "participations": [1, 2],
            "headcount": [3, 4],
            "unknown": [0, 0],
        }
    )
    assert figures.event_labels(frame).tolist() == ["2020 · Frühjahr", "2020 · Herbst"]


def test_attfig003_states_top_and_roles():
    selection = _selection()
    per_state = attendance.by_state(selection)
    names = pd.Series(["Nordrhein-Westfalen", "Schleswig-Holstein", "unbekannt"])
    figure = figures.attendance_by_state(per_state, names, "de", "headcount")
    (bars,) = figure.data
    assert list(bars.y) == ["Nordrhein-Westfalen", "Schleswig-Holstein", "unbekannt"]
    assert bars.x.tolist() == [13, 4, 0]
    assert bars.orientation == "h"
    top = figures.top_actors_chart(attendance.top_actors(selection), "de")
    assert [trace.name for trace in top.data] == ["Kommune", "Initiative", "Organisation"]
    assert list(top.layout.yaxis.categoryarray) == [
        "1. Bonn",
        "2. Bürgerverein",
        "3. Kiel",
        "4. Portal",
    ]
    assert list(top.data[2].customdata[0][:2]) == ["unbekannt", 1]  # portal: unknown people, not 0
    roles = figures.attendance_per_role(attendance.per_role(selection), "de")
    assert [trace.name for trace in roles.data] == ["Teilnehmende", "Vortragende", "Aussteller"]
    assert roles.layout.barmode == "stack"


def test_attfig004_empty_figures_say_so():
    empty = _selection(year_from=2030)
    for figure in (
        figures.attendance_per_event_by_type(attendance.per_event_by_type(empty), "de"),
        figures.attendance_by_state(attendance.by_state(empty), pd.Series(dtype=object), "de"),
        figures.top_actors_chart(attendance.top_actors(empty), "de"),
        figures.attendance_per_role(attendance.per_role(empty), "de"),
    ):
        assert figure.data == ()
        assert figure.layout.annotations[0].text == "Keine Daten für diese Auswahl"


def test_attfig005_each_top_bar_says_the_people_that_break_its_tie():
    ranked = attendance.top_actors(_selection())
    figure = figures.top_actors_chart(ranked, "de")
    written = {
        label: text
        for trace in figure.data
        for label, text in zip(trace.y, trace.text, strict=True)
    }
    expected = {
        f"{row.rank}. {row.name}": (
            "Personen unbekannt" if pd.isna(row.headcount) else f"{row.headcount} Personen"
        )
        for row in ranked.itertuples()
    }
    assert written == expected
    assert "Personen unbekannt" in written.values()  # the Portal: no headcount known
