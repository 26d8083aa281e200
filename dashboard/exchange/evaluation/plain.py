"""A sheet typed by hand: a header row, one row per response, nothing else known."""

from __future__ import annotations

from dashboard.exchange.evaluation.survey import PLAIN, Survey
from dashboard.exchange.lists.sheet import Sheet
from dashboard.i18n.folding import fold_compact

TOOL = PLAIN
METADATA = frozenset(fold_compact(h) for h in ("Nr", "Nummer", "lfd Nr", "ID", "Datum", "Date"))


def matches(headers: list[str]) -> bool:
    return True


def read(sheet: Sheet) -> Survey:
    return Survey.as_written(sheet, TOOL, METADATA)
