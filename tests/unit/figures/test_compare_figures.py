from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis import compare
from dashboard.figures import compare as figures
from dashboard.figures.theme import OKABE_ITO
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import tiny_tables

LABELS = {"bonn": "Bonn", "kiel": "Kiel", "verein": "Bürgerverein", "portal": "Portal"}


def _selection():
    tables = tiny_tables()
    return tables, compare.compare_selection(tables, Filters())


def test_cfig001_per_year_one_trace_per_actor_in_okabe_ito_order():
    _, selection = _selection()
    figure = figures.participation_per_year(compare.per_year(selection, list(LABELS)), LABELS, "de")
    assert [trace.name for trace in figure.data] == ["Bonn", "Kiel", "Bürgerverein", "Portal"]
    assert [trace.marker.color for trace in figure.data] == list(OKABE_ITO[:4])
    assert figure.layout.barmode == "group"
    assert figure.layout.separators == ",."
    assert figure.layout.xaxis.title.text == "Jahr" and figure.layout.yaxis.title.text == "Personen"
    bonn = figure.data[0]
    assert isinstance(bonn.y, np.ndarray)
    assert list(bonn.x) == [2016, 2017, 2018]
    assert list(bonn.y) == [3, 3, 0]
    # 2018: bonn came, headcount unknown → a "?" and a hover that says so, not a silent 0
    assert list(bonn.text) == ["", "", "?"]
    assert bonn.customdata[2][2] == "Personenzahl unbekannt"


def test_cfig002_per_year_without_participation_shows_a_message():
    tables = tiny_tables()
    selection = compare.compare_selection(tables, Filters(year_from=2018))
    figure = figures.participation_per_year(
        compare.per_year(selection, ["kiel"]), {"kiel": "Kiel"}, "de"
    )
    assert figure.data == ()
    assert (
        figure.layout.annotations[0].text
        == "Keine Teilnahmen der gewählten Akteure in dieser Auswahl"
    )


def test_cfig003_topic_heatmap_actor_by_topic():
    tables, selection = _selection()
    labels = {key: LABELS[key] for key in ("bonn", "kiel", "verein")}
    figure = figures.topic_heatmap(
        compare.topic_counts(tables, selection, list(labels)), labels, "en"
    )
    (heatmap,) = figure.data
    assert heatmap.type == "heatmap"
    assert list(heatmap.y) == ["Bonn", "Kiel", "Bürgerverein"]
    assert list(heatmap.x) == ["Wirkung", "Steuerung"]
    assert np.array_equal(np.asarray(heatmap.z), np.array([[1, 0], [1, 0], [0, 1]]))
    assert heatmap.zmin == 0
    assert figure.layout.separators == ".,"


def test_cfig004_topic_heatmap_empty_when_no_topic_attended():
    tables, selection = _selection()
    figure = figures.topic_heatmap(
        compare.topic_counts(tables, selection, ["portal"]), {"portal": "Portal"}, "de"
    )
    assert figure.data == ()
    assert "Keine besuchten Themen" in figure.layout.annotations[0].text


def test_cfig005_roles_stacked_one_trace_per_occurring_role():
    _, selection = _selection()
    figure = figures.roles_stacked(compare.role_counts(selection, list(LABELS)), LABELS, "de")
    assert figure.layout.barmode == "stack"
    assert [trace.name for trace in figure.data] == [
        "Teilnehmende",
        "Vortragende",
        "Aussteller",
    ]  # no organiser
    participant, speaker, exhibitor = figure.data
    assert list(participant.x) == ["Bonn", "Kiel", "Bürgerverein", "Portal"]
    assert list(participant.y) == [2, 1, 2, 0]
    assert list(speaker.y) == [1, 0, 0, 0]
    assert list(exhibitor.y) == [0, 0, 0, 1]
    # stacked: the bars add up to the participations
    assert list(np.sum([trace.y for trace in figure.data], axis=0)) == [3, 1, 2, 1]


def test_cfig006_names_from_data_are_shown_as_text():
    _, selection = _selection()
    labels = {"bonn": "<b>Bonn</b> & Co"}
    per_year = figures.participation_per_year(compare.per_year(selection, ["bonn"]), labels, "de")
    roles = figures.roles_stacked(compare.role_counts(selection, ["bonn"]), labels, "de")
    assert per_year.data[0].name == "&lt;b&gt;Bonn&lt;/b&gt; &amp; Co"
    assert "<b>Bonn" not in per_year.data[0].hovertemplate
    assert roles.data[0].x[0] == "&lt;b&gt;Bonn&lt;/b&gt; &amp; Co"


def test_cfig007_at_most_six_actor_colours_all_distinct():
    labels = {f"a{i}": f"A{i}" for i in range(6)}
    colours = figures.actor_colours(labels)
    assert len(set(colours.values())) == 6
    empty = figures.roles_stacked(
        pd.DataFrame(columns=["actor_id", "role", "participations"]), {}, "de"
    )
    assert empty.data == ()
