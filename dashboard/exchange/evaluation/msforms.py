"""Microsoft Forms' XLSX: `ID`, start and completion time, `E-Mail`, `Name`, then one column
per question; German or English headers."""

from __future__ import annotations

from dashboard.exchange.evaluation.survey import MSFORMS, Survey
from dashboard.exchange.lists.sheet import Sheet
from dashboard.i18n.folding import fold_compact

TOOL = MSFORMS
METADATA = frozenset(
    fold_compact(header)
    for header in (
        "ID",
        "Startzeit",
        "Fertigstellungszeit",
        "Letzte Änderungszeit",
        "Start time",
        "Completion time",
        "Last modified time",
    )
)
_TIMES = (
    {fold_compact("Startzeit"), fold_compact("Fertigstellungszeit")},
    {fold_compact("Start time"), fold_compact("Completion time")},
)


def matches(headers: list[str]) -> bool:
    folded = {fold_compact(header) for header in headers}
    return "id" in folded and any(times <= folded for times in _TIMES)


def read(sheet: Sheet) -> Survey:
    return Survey.as_written(sheet, TOOL, METADATA)
