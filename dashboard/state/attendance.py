"""The setting of /teilnahme beside the global filters: which number the charts count."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dashboard.state.choice import parse_choice
from dashboard.state.notes import Note
from dashboard.state.query import params_of

PARAM_METRIC = "kennzahl"
# People sent (headcount) or actors that came; the values are the words in the address.
METRICS = ("headcount", "actors")
DEFAULT_METRIC = "headcount"


@dataclass(frozen=True)
class AttendanceState:
    metric: str = DEFAULT_METRIC

    @classmethod
    def parse(cls, params: Mapping[str, object]) -> tuple[AttendanceState, tuple[Note, ...]]:
        metric, notes = parse_choice(params, PARAM_METRIC, METRICS, DEFAULT_METRIC)
        return cls(metric=metric), notes

    @classmethod
    def from_search(cls, search: object) -> AttendanceState:
        return cls.parse(params_of(search))[0]

    @property
    def state_metric(self) -> str:
        """The Bundesland chart counts actors or people; it has no other measure."""
        return "actors" if self.metric == "actors" else "headcount"
