"""What an import changes: the plan of one file, table by table, and how rows compare.

`plan.build_plan` fills these in; the page, the command line and the commit read them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import SupportsFloat, SupportsIndex

import pandas as pd

from dashboard.exchange import geocode
from dashboard.exchange.columns import KEYS
from dashboard.exchange.problems import WARNING, Problem, has_errors

_FLOAT_TOLERANCE = 1e-9


@dataclass
class TableChange:
    table: str
    mode: str
    new: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict]] = field(default_factory=list)  # (stored, proposed)
    removed: list[dict] = field(default_factory=list)
    unchanged: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
            "removed": len(self.removed),
        }

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.changed or self.removed)


@dataclass(frozen=True)
class Ambiguity:
    row: int | None
    actor_id: str
    actor_name: str
    query: str
    candidates: tuple[geocode.Candidate, ...]


@dataclass
class Plan:
    file_name: str
    mode: str
    base_version: str | None
    changes: dict[str, TableChange] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    ambiguities: list[Ambiguity] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    @property
    def has_changes(self) -> bool:
        return any(change.has_changes for change in self.changes.values())

    def counts(self) -> dict[str, dict[str, int]]:
        return {name: change.counts() for name, change in self.changes.items()}

    def summary(self) -> dict:
        """What goes into import_batches.summary."""
        return {
            "mode": self.mode,
            "tables": self.counts(),
            "warnings": sum(1 for p in self.problems if p.severity == WARNING),
        }

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def _clean(value: object) -> object:
    """Stored and parsed values in one form: missing → None, numpy scalars → Python."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """A frame of stored or parsed rows as plain records (`_clean` values)."""
    return [{k: _clean(v) for k, v in record.items()} for record in frame.to_dict("records")]


def key_of(table: str, record: dict) -> tuple:
    return tuple("" if record.get(column) is None else record.get(column) for column in KEYS[table])


def same_value(a: object, b: object) -> bool:
    """Equal as stored values: None only equals None, floats within a rounding error."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        try:
            return abs(_to_float(a) - _to_float(b)) <= _FLOAT_TOLERANCE
        except (TypeError, ValueError):
            return False
    return a == b


def _to_float(value: object) -> float:
    """float(value) for what float() takes: numbers, numeric text; TypeError otherwise."""
    if isinstance(value, str | bytes | bytearray | SupportsFloat | SupportsIndex):
        return float(value)
    raise TypeError(f"not a number: {value!r}")
