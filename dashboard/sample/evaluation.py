"""Sample survey results ("Beispieldaten") for the sample events: per workshop and for the
whole event, a "Gesamteindruck" (agreement 1–5) and a "Würde wieder teilnehmen" (yes/no).

Nothing for the documented 2017 event: the source mentions an evaluation but states no
result. Drawn from a random stream of their own, so the other sample tables stay as they were.
Some workshops get fewer than five answers, as real ones do, which the pages then suppress.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.sample.seed import conform

DOCUMENTED_YEAR = 2017
_STREAM = 20  # added to the seed: this generator's own random stream
_QUESTIONS = (
    ("gesamteindruck", "Gesamteindruck: Die Veranstaltung hat mir insgesamt gefallen.", "agree5"),
    ("wieder-teilnehmen", "Würden Sie wieder teilnehmen?", "yesno"),
)
_OPTIONS = {"agree5": ("1", "2", "3", "4", "5"), "yesno": ("yes", "no")}
_LIKELY = {"agree5": (0.03, 0.07, 0.2, 0.4, 0.3), "yesno": (0.82, 0.18)}
# Responses per workshop: most workshops a dozen, some only a few.
_WORKSHOP_RESPONSES = (2, 18)


def sample_results(events: pd.DataFrame, sessions: pd.DataFrame, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed + _STREAM)
    chosen = events[
        (events["source"] == schema.SOURCE_SAMPLE) & (events["year"] != DOCUMENTED_YEAR)
    ]
    workshops = sessions[sessions["kind"] == "workshop"]
    by_event = {key: list(frame["id"]) for key, frame in workshops.groupby("event_id")}
    rows: list[dict] = []
    for event_id in chosen["id"]:
        groups = by_event.get(event_id, [])
        sizes = rng.integers(*_WORKSHOP_RESPONSES, size=len(groups))
        unassigned = int(rng.integers(0, 6))
        _responses(rows, event_id, None, int(sizes.sum()) + unassigned)
        for session_id, size in zip(groups, sizes, strict=True):
            _responses(rows, event_id, session_id, int(size))
        for key, text, scale in _QUESTIONS:
            per_group = [rng.multinomial(int(size), _LIKELY[scale]) for size in sizes]
            total = np.sum(per_group, axis=0) + rng.multinomial(unassigned, _LIKELY[scale])
            for session_id, counts in [(None, total), *zip(groups, per_group, strict=True)]:
                rows += [
                    _row(event_id, session_id, key, text, scale, option, int(count))
                    for option, count in zip(_OPTIONS[scale], counts, strict=True)
                ]
    frame = pd.DataFrame(rows, columns=list(schema.TABLE_COLUMNS["evaluation_results"]))
    return conform("evaluation_results", frame)


def _responses(rows: list[dict], event_id: str, session_id: str | None, count: int) -> None:
    rows.append(
        _row(
            event_id,
            session_id,
            schema.RESPONSES_QUESTION,
            schema.RESPONSES_QUESTION,
            "responses",
            schema.RESPONSES_OPTION,
            count,
        )
    )


def _row(event_id, session_id, key, text, scale, option, count) -> dict:
    return {
        "event_id": event_id,
        "session_id": session_id,
        "question_key": key,
        "question": text,
        "scale": scale,
        "option": option,
        "count": count,
        "source": schema.SOURCE_SAMPLE,
    }
