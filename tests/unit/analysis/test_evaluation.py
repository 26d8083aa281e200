"""Suppression of small groups, including totals that would give one away by subtraction."""

from __future__ import annotations

import pandas as pd

from dashboard import schema
from dashboard.analysis.evaluation import responses, shown

EVENT = "e1"


def _rows(groups: dict[str | None, dict[str, int]], scale: str = "agree5") -> pd.DataFrame:
    rows = [
        {
            "event_id": EVENT,
            "session_id": session,
            "question_key": "gesamteindruck",
            "question": "Gesamteindruck",
            "scale": scale,
            "option": option,
            "count": count,
            "source": "sample",
        }
        for session, counts in groups.items()
        for option, count in counts.items()
    ]
    return pd.DataFrame(rows, columns=list(schema.TABLE_COLUMNS["evaluation_results"]))


def _by_session(question) -> dict:
    return {group.session_id: group for group in question.groups}


def test_evs001_small_group_shows_no_numbers():
    # Six answers named no workshop: total − b leaves 9, a group large enough to show b.
    question = shown(
        _rows({None: {"4": 7, "5": 12}, "a": {"4": 1, "5": 2}, "b": {"4": 3, "5": 7}}), 5
    )[0]
    groups = _by_session(question)
    assert groups["a"].suppressed and groups["a"].n is None and groups["a"].counts == ()
    assert groups["a"].mean is None
    assert not groups["b"].suppressed and groups["b"].n == 10
    assert groups["b"].mean == (4 * 3 + 5 * 7) / 10


def test_evs002_total_minus_shown_sessions_never_reveals_a_small_group():
    # Total 13 = a (3) + b (10): total − b would give a's counts, so b is hidden too.
    question = shown(
        _rows({None: {"4": 4, "5": 9}, "a": {"4": 1, "5": 2}, "b": {"4": 3, "5": 7}}), 5
    )[0]
    groups = _by_session(question)
    assert not question.total.suppressed and question.total.n == 13
    assert groups["b"].suppressed


def test_evs003_left_over_answers_of_enough_people_keep_the_others_shown():
    # a (3) hidden, b (10), c (6) shown; 7 answers named no workshop: total − b − c = 10 ≥ 5.
    question = shown(
        _rows(
            {
                None: {"4": 10, "5": 19},
                "a": {"4": 1, "5": 2},
                "b": {"4": 3, "5": 7},
                "c": {"4": 2, "5": 4},
            }
        ),
        5,
    )[0]
    groups = _by_session(question)
    assert groups["a"].suppressed
    assert not groups["b"].suppressed and not groups["c"].suppressed
    left = question.total.n - groups["b"].n - groups["c"].n
    assert left >= 5


def test_evs004_smallest_shown_session_is_hidden_first():
    # a (2) hidden; total 2 + 6 + 9 = 17; hiding c (6) leaves 8 over b: enough.
    question = shown(
        _rows(
            {
                None: {"4": 7, "5": 10},
                "a": {"4": 1, "5": 1},
                "b": {"4": 4, "5": 5},
                "c": {"4": 2, "5": 4},
            }
        ),
        5,
    )[0]
    groups = _by_session(question)
    assert groups["c"].suppressed and not groups["b"].suppressed
    hidden = [g for g in question.groups[1:] if g.suppressed]
    assert question.total.n - sum(g.n for g in question.groups[1:] if not g.suppressed) == sum(
        {"a": 2, "c": 6}[g.session_id] for g in hidden
    )


def test_evs005_small_event_is_suppressed_whole():
    question = shown(_rows({None: {"yes": 3, "no": 1}, "a": {"yes": 3, "no": 1}}, "yesno"), 5)[0]
    assert all(group.suppressed for group in question.groups)


def test_evs006_threshold_is_the_setting():
    rows = _rows({None: {"yes": 5, "no": 2}}, "yesno")
    assert not shown(rows, 5)[0].total.suppressed
    assert shown(rows, 5)[0].total.mean == 5 / 7
    assert shown(rows, 8)[0].total.suppressed


def test_evs007_response_counts_are_suppressed_too():
    frame = pd.DataFrame(
        [
            {"event_id": "big", "session_id": None, "question_key": "_responses", "count": 12},
            {"event_id": "small", "session_id": None, "question_key": "_responses", "count": 4},
            {"event_id": "big", "session_id": "a", "question_key": "_responses", "count": 3},
        ]
    )
    assert responses(frame, 5) == {"big": 12, "small": None}
