"""From responses to counts: per session (and for the event as a whole), question and answer
option, how many chose it. Only these counts leave this module; the responses do not."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from dashboard import schema
from dashboard.exchange import values
from dashboard.exchange.evaluation import scales
from dashboard.exchange.evaluation.mapping import SESSION
from dashboard.exchange.evaluation.survey import Survey
from dashboard.exchange.problems import ERROR, Problem, make
from dashboard.i18n.folding import fold, slug

TABLE = "evaluation"
KEY_LIMIT = 120
QUESTION_LIMIT = 300
# Questions asked every year under changing wording: one key, so that years compare.
_KNOWN_QUESTIONS = (
    ("gesamteindruck", "gesamteindruck"),
    ("wieder teilnehmen", "wieder-teilnehmen"),
    ("weiterempfehlen", "weiterempfehlen"),
    ("overall impression", "gesamteindruck"),
)


def question_key(question: str, header: str) -> str:
    folded = fold(question)
    for words, key in _KNOWN_QUESTIONS:
        if words in folded:
            return key
    return (slug(question) or slug(header, "frage"))[:KEY_LIMIT]


def aggregate(
    survey: Survey, kinds: list[str], event_id: str, sessions: pd.DataFrame
) -> tuple[list[dict], list[Problem]]:
    """The result rows (canonical columns of evaluation_results) and every problem found."""
    problems: list[Problem] = []
    session_of = _session_ids(survey, kinds, event_id, sessions, problems)
    groups: list[str | None] = [None, *sorted({s for s in session_of if s is not None})]
    counts: Counter[tuple[str | None, str, str]] = Counter()
    responses: Counter[str | None] = Counter()
    for session in session_of:
        responses[None] += 1
        if session is not None:
            responses[session] += 1
    questions: list[tuple[str, str, str]] = []  # key, text, scale
    taken: set[str] = set()
    for index, kind in enumerate(kinds):
        if kind not in scales.RATING_SCALES:
            continue
        key = _unique(question_key(survey.questions[index], survey.headers[index]), taken)
        questions.append((key, survey.questions[index][:QUESTION_LIMIT], kind))
        for row, number, session in zip(survey.rows, survey.row_numbers, session_of, strict=True):
            try:
                option = scales.answer(kind, row[index])
            except scales.BadAnswer:
                problems.append(
                    make(
                        TABLE,
                        number,
                        survey.headers[index],
                        values.text(row[index]),
                        f"eval_bad_answer_{kind}",
                        ERROR,
                    )
                )
                continue
            if option is None:
                continue
            counts[(None, key, option)] += 1
            if session is not None:
                counts[(session, key, option)] += 1
    rows = []
    for group in groups:
        rows.append(
            _row(
                event_id,
                group,
                schema.RESPONSES_QUESTION,
                schema.RESPONSES_QUESTION,
                "responses",
                schema.RESPONSES_OPTION,
                responses[group],
            )
        )
        for key, text, scale in questions:
            rows += [
                _row(event_id, group, key, text, scale, option, counts[(group, key, option)])
                for option in scales.OPTIONS[scale]
            ]
    return rows, problems


def _row(event_id, session_id, key, question, scale, option, count) -> dict:
    return {
        "event_id": event_id,
        "session_id": session_id,
        "question_key": key,
        "question": question,
        "scale": scale,
        "option": option,
        "count": count,
        "source": None,
    }


def _unique(key: str, taken: set[str]) -> str:
    candidate, number = key, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate, number = key[: KEY_LIMIT - len(suffix)] + suffix, number + 1
    taken.add(candidate)
    return candidate


def _session_ids(
    survey: Survey, kinds: list[str], event_id: str, sessions: pd.DataFrame, problems: list
) -> list[str | None]:
    """Each response's session (None: none named); an unknown name is a problem."""
    if SESSION not in kinds:
        return [None] * len(survey.rows)
    index = kinds.index(SESSION)
    own = sessions[sessions["event_id"] == event_id]
    titles = dict(zip(own["id"], own["title"], strict=True))
    found: list[str | None] = []
    for row, number in zip(survey.rows, survey.row_numbers, strict=True):
        cell = row[index]
        if values.is_empty(cell):
            found.append(None)
            continue
        session = match_session(values.text(cell), titles)
        if session is None:
            problems.append(
                make(
                    TABLE,
                    number,
                    survey.headers[index],
                    values.text(cell),
                    "eval_unknown_session",
                    ERROR,
                    sessions=", ".join(sorted(titles.values())) or "–",
                )
            )
        found.append(session)
    return found


def match_session(value: str, titles: dict[str, str]) -> str | None:
    """The session a survey answer names: its title or id, or the one title it contains or
    is contained in ("Workshop 2: Wirkung messen" names "Wirkung messen")."""
    folded = fold(value)
    for session_id, title in titles.items():
        if folded in (fold(title), fold(session_id)):
            return session_id
    near = [
        session_id
        for session_id, title in titles.items()
        if fold(title) and (fold(title) in folded or folded in fold(title))
    ]
    return near[0] if len(near) == 1 else None
