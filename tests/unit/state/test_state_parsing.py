"""Address values a page cannot use give the default and a note saying which one."""

from __future__ import annotations

from dashboard.state.attendance import AttendanceState
from dashboard.state.compare import CompareState
from dashboard.state.filters import Filters
from dashboard.state.notes import Note
from dashboard.state.topics import TopicsState


def test_filters_parse_gives_defaults_and_one_note_per_unusable_value():
    filters, notes = Filters.parse(
        {"von": "abc", "bis": "2019", "typ": "xyz,kommune", "land": "05,99", "lang": "fr"}
    )
    assert filters == Filters(year_to=2019, types=("kommune",), states=("05",))
    assert notes == (
        Note("von", "abc"),
        Note("typ", "xyz"),
        Note("land", "99"),
        Note("lang", "fr"),
    )


def test_filters_parse_of_good_or_absent_values_has_no_notes():
    params = {"von": "2017", "bis": "2018", "veranstaltung": "2017-duesseldorf", "lang": "en"}
    filters, notes = Filters.parse(params)
    assert notes == ()
    assert (filters.year_from, filters.year_to, filters.event, filters.lang) == (
        2017,
        2018,
        "2017-duesseldorf",
        "en",
    )
    assert Filters.parse({}) == (Filters(), ())


def test_an_over_long_text_is_dropped_with_a_note_not_cut():
    long = "x" * 65
    filters, notes = Filters.parse({"thema": long, "veranstaltung": "y" * 64})
    assert filters.topic is None and filters.event == "y" * 64
    assert notes == (Note("thema", long),)


def test_a_year_outside_the_range_is_a_note():
    filters, notes = Filters.parse({"von": "1800", "bis": "20170"})
    assert (filters.year_from, filters.year_to) == (None, None)
    assert [note.param for note in notes] == ["von", "bis"]


def test_from_params_and_from_search_still_return_only_the_filters():
    assert Filters.from_search("?von=abc&typ=kommune") == Filters(types=("kommune",))
    assert Filters.from_params({"von": ["2017", "2018"]}) == Filters(year_from=2017)


def test_a_note_names_the_parameter_and_value_in_the_page_language():
    note = Note("von", "abc")
    assert "von=abc" in note.message("de") and "von=abc" in note.message("en")
    assert note.message("de") != note.message("en")


def test_attendance_metric():
    assert AttendanceState.parse({"kennzahl": "actors"}) == (AttendanceState("actors"), ())
    assert AttendanceState.parse({}) == (AttendanceState("headcount"), ())
    assert AttendanceState.parse({"kennzahl": "xyz"}) == (
        AttendanceState("headcount"),
        (Note("kennzahl", "xyz"),),
    )
    assert AttendanceState.from_search("?kennzahl=actors&von=2017").metric == "actors"


def test_topics_metric_and_event():
    state, notes = TopicsState.parse({"kennzahl": "headcount", "sitzungen": "2017-duesseldorf"})
    assert state == TopicsState("headcount", "2017-duesseldorf") and notes == ()
    state, notes = TopicsState.parse({"kennzahl": "people", "sitzungen": "z" * 80})
    assert state == TopicsState() and [note.param for note in notes] == ["kennzahl", "sitzungen"]


def test_compare_actors_absent_empty_and_listed():
    assert CompareState.parse({}) == (CompareState(None), ())
    assert CompareState.from_search("?akteure=") == CompareState(())
    state, notes = CompareState.parse({"akteure": " bonn,kiel,bonn,," + "q" * 70})
    assert state == CompareState(("bonn", "kiel")) and notes == (Note("akteure", "q" * 70),)


def test_compare_unknown_actor_ids_get_a_note():
    state = CompareState.from_search("?akteure=bonn,atlantis")
    assert state.unknown_notes({"bonn", "kiel"}) == (Note("akteure", "atlantis"),)
    assert CompareState().unknown_notes({"bonn"}) == ()


def test_a_page_choice_reads_the_first_of_repeated_values_and_rejects_markup():
    assert AttendanceState.parse({"kennzahl": ["actors", "headcount"]})[0].metric == "actors"
    state, notes = AttendanceState.parse({"kennzahl": "<script>"})
    assert state.metric == "headcount" and notes == (Note("kennzahl", "<script>"),)
