"""The settings of /themen beside the global filters: the measure of the topic charts and
the event whose sessions are listed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dashboard.state.choice import parse_choice
from dashboard.state.filters import MAX_TEXT, raw_text
from dashboard.state.notes import Note, ignored
from dashboard.state.query import params_of

PARAM_METRIC = "kennzahl"
PARAM_EVENT = "sitzungen"
# Sessions on a topic or people who attended them.
METRICS = ("sessions", "headcount")
DEFAULT_METRIC = "sessions"


@dataclass(frozen=True)
class TopicsState:
    metric: str = DEFAULT_METRIC
    # None: the page picks the event (the filtered one, else the latest).
    event: str | None = None

    @classmethod
    def parse(cls, params: Mapping[str, object]) -> tuple[TopicsState, tuple[Note, ...]]:
        metric, notes = parse_choice(params, PARAM_METRIC, METRICS, DEFAULT_METRIC)
        event = raw_text(params.get(PARAM_EVENT))
        if event is not None and len(event) > MAX_TEXT:
            notes += ignored(PARAM_EVENT, event)
            event = None
        return cls(metric=metric, event=event), notes

    @classmethod
    def from_search(cls, search: object) -> TopicsState:
        return cls.parse(params_of(search))[0]
