"""What may be shown of stored survey results: the one place small groups are suppressed.

A group (a session, or the event as a whole) with fewer than `min_responses` answers to a
question is shown as suppressed, never with its numbers. A total next to the groups it
contains could give a suppressed group away by subtraction (event total minus the shown
workshops); so the answers left over once the shown sessions are taken from the total (the
suppressed sessions and those who named no session) must be none or at least
`min_responses`, else the smallest shown sessions are suppressed as well until they are.
Everything shown (pages, exports, slides, PDFs) comes from `shown`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import schema

NUMERIC_SCALES = ("agree5", "grade6")
YES = "yes"


@dataclass(frozen=True)
class Group:
    """One session's (None: the whole event's) answers to one question, as shown."""

    session_id: str | None
    suppressed: bool
    n: int | None = None
    counts: tuple[tuple[str, int], ...] = ()
    # The mean option (agreement, grade) or the share of "yes" (0–1); None where the
    # scale has none or the group is suppressed.
    mean: float | None = None


@dataclass(frozen=True)
class Question:
    event_id: str
    key: str
    text: str
    scale: str
    groups: tuple[Group, ...]  # the whole event first, then sessions in stored order

    @property
    def total(self) -> Group:
        return self.groups[0]


def shown(results: pd.DataFrame, min_responses: int) -> list[Question]:
    """The questions of `results` (evaluation_results rows) as they may be shown."""
    questions = results[results["question_key"] != schema.RESPONSES_QUESTION]
    found = []
    for (event_id, key), rows in questions.groupby(["event_id", "question_key"], sort=False):
        found.append(_question(str(event_id), str(key), rows, min_responses))
    return found


def responses(results: pd.DataFrame, min_responses: int) -> dict[str, int | None]:
    """Responses per event (event id → n), None where fewer than `min_responses`."""
    totals = results[
        (results["question_key"] == schema.RESPONSES_QUESTION) & results["session_id"].isna()
    ]
    return {
        str(event_id): (int(count) if count >= min_responses else None)
        for event_id, count in zip(totals["event_id"], totals["count"], strict=True)
    }


def _question(event_id: str, key: str, rows: pd.DataFrame, min_responses: int) -> Question:
    scale = str(rows["scale"].iloc[0])
    per_group: dict[str | None, list[tuple[str, int]]] = {}
    for session, option, count in zip(
        rows["session_id"], rows["option"], rows["count"], strict=True
    ):
        group = None if pd.isna(session) else str(session)
        per_group.setdefault(group, []).append((str(option), int(count)))
    sessions = [group for group in per_group if group is not None]
    n = {group: sum(count for _, count in counts) for group, counts in per_group.items()}
    total_n = n.get(None, sum(n[s] for s in sessions))
    hidden = {s for s in sessions if n[s] < min_responses}
    visible = sorted((s for s in sessions if s not in hidden), key=lambda s: (n[s], s))
    # Complementary suppression: the total minus the visible sessions must not be a small group.
    while visible and 0 < total_n - sum(n[s] for s in visible) < min_responses:
        hidden.add(visible.pop(0))
    groups = [_group(None, per_group.get(None, []), total_n, scale, total_n < min_responses)]
    groups += [_group(s, per_group[s], n[s], scale, s in hidden) for s in sessions]
    return Question(event_id, key, str(rows["question"].iloc[0]), scale, tuple(groups))


def _group(
    session: str | None, counts: list[tuple[str, int]], n: int, scale: str, suppressed: bool
) -> Group:
    if suppressed:
        return Group(session, True)
    return Group(session, False, n, tuple(counts), _mean(counts, n, scale))


def _mean(counts: list[tuple[str, int]], n: int, scale: str) -> float | None:
    if n == 0:
        return None
    if scale in NUMERIC_SCALES:
        return sum(int(option) * count for option, count in counts) / n
    if scale == "yesno":
        return sum(count for option, count in counts if option == YES) / n
    return None


def summed(groups: list[Group], scale: str) -> Group | None:
    """Shown groups added up (a topic over several sessions): only numbers already shown
    go in, so the sum gives nothing away. None when there is nothing to add."""
    parts = [group for group in groups if not group.suppressed and group.n]
    if not parts:
        return None
    counts: dict[str, int] = {}
    for group in parts:
        for option, count in group.counts:
            counts[option] = counts.get(option, 0) + count
    n = sum(group.n or 0 for group in parts)
    pairs = list(counts.items())
    return Group(None, False, n, tuple(pairs), _mean(pairs, n, scale))
