"""What each column of a survey export means: the session, a rating on one of the scales,
or something that is dropped, with the reason the preview shows.

Proposed from the header and the answers; the user may change it; a confirmed mapping is
remembered per header set, in the registration lists' store (`db.list_mappings`) under a
key of its own kind.
"""

from __future__ import annotations

import datetime as dt
import re

from dashboard.exchange import aliases, values
from dashboard.exchange.evaluation import scales
from dashboard.exchange.evaluation.survey import Survey
from dashboard.exchange.lists import mapping as list_mapping
from dashboard.i18n.folding import fold, fold_compact

SESSION = "session"
METADATA = "metadata"
TIMESTAMP = "timestamp"
PERSONAL = "personal"
FREE_TEXT = "free_text"
IGNORE = "ignore"
KEPT = (SESSION, *scales.RATING_SCALES)
DROPPED = (FREE_TEXT, PERSONAL, TIMESTAMP, METADATA, IGNORE)
KINDS = (*KEPT, *DROPPED)
HEADER_KIND = "evaluation"

_SESSION_WORDS = ("workshop", "session", "arbeitsgruppe", "forum", "themenraum", "werkstatt")
_TIME_HEADERS = frozenset(
    fold_compact(header)
    for header in (
        "Datum",
        "Date",
        "Zeit",
        "Time",
        "Zeitstempel",
        "Timestamp",
        "Startzeit",
        "Endzeit",
        "Start time",
        "End time",
        "Eingang",
    )
)
_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4} \d{1,2}:\d{2}"
)
_ADDRESS = ("ipaddr", "ipadresse", "ipaddress")


def header_key(headers: list[str]) -> str:
    return list_mapping.header_key(headers, HEADER_KIND)


def propose(survey: Survey, session_titles: list[str]) -> list[str]:
    """A kind per column. A column is the session column when its header says so or its
    answers are the event's session titles; only the first such column is."""
    kinds = [
        _kind(survey, header, survey.column(index), session_titles)
        for index, header in enumerate(survey.headers)
    ]
    first = kinds.index(SESSION) if SESSION in kinds else None
    return [
        FREE_TEXT if kind == SESSION and index != first else kind
        for index, kind in enumerate(kinds)
    ]


def _kind(survey: Survey, header: str, cells: list[object], session_titles: list[str]) -> str:
    folded = fold_compact(header)
    if folded in _ADDRESS or aliases.personal_data_kind(header) is not None:
        return PERSONAL
    if folded in {"name", "vorname", "nachname"}:
        return PERSONAL
    if folded in _TIME_HEADERS or _mostly_times(cells):
        return TIMESTAMP
    if folded in survey.metadata:
        return METADATA
    scale = scales.guess(header, cells)
    if scale is not None:
        return scale
    if _names_sessions(cells, session_titles) or (
        any(word in fold(header) for word in _SESSION_WORDS) and _repeats(cells)
    ):
        return SESSION
    return FREE_TEXT


def _mostly_times(cells: list[object]) -> bool:
    given = [cell for cell in cells if not values.is_empty(cell)]
    times = sum(
        isinstance(cell, dt.datetime) or bool(_TIMESTAMP.match(values.text(cell))) for cell in given
    )
    return bool(given) and times * 2 > len(given)


def _names_sessions(cells: list[object], titles: list[str]) -> bool:
    folded = {fold(title) for title in titles}
    given = [fold(values.text(cell)) for cell in cells if not values.is_empty(cell)]
    return bool(given and folded) and sum(cell in folded for cell in given) * 2 > len(given)


def _repeats(cells: list[object]) -> bool:
    """Answers chosen from a few options rather than written: free text rarely repeats."""
    given = [fold(values.text(cell)) for cell in cells if not values.is_empty(cell)]
    return bool(given) and len(set(given)) * 2 <= len(given)


def problems_of(kinds: list[str]) -> list[str]:
    """Message keys for a mapping that cannot be used."""
    found = []
    if kinds.count(SESSION) > 1:
        found.append("eval_session_twice")
    if not any(kind in scales.RATING_SCALES for kind in kinds):
        found.append("eval_no_rating")
    return found


def from_saved(headers: list[str], saved: dict[str, str]) -> list[str] | None:
    return list_mapping.from_saved(headers, saved, KINDS)


def to_saved(headers: list[str], kinds: list[str]) -> dict[str, str]:
    return list_mapping.to_saved(headers, kinds)


def savable(headers: list[str]) -> bool:
    return list_mapping.savable(headers)
