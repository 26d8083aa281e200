"""SoSci Survey's export: `CASE, SERIAL, REF, QUESTNNR, MODE, STARTED`, then items such as
`A003_01`. The Excel and CSV download puts the variables' labels in a second header row;
answers are codes, negative ones (-9 "nicht beantwortet", -1 "weiß nicht") mean no answer."""

from __future__ import annotations

from dashboard.exchange import values
from dashboard.exchange.evaluation.survey import SOSCI, Survey
from dashboard.exchange.lists.sheet import Sheet
from dashboard.i18n.folding import fold_compact

TOOL = SOSCI
METADATA = frozenset(
    fold_compact(header)
    for header in (
        "CASE",
        "SERIAL",
        "REF",
        "QUESTNNR",
        "MODE",
        "STARTED",
        "LASTDATA",
        "FINISHED",
        "Q_VIEWER",
        "LASTPAGE",
        "MAXPAGE",
        "MISSING",
        "MISSREL",
        "TIME_SUM",
        "TIME_RSI",
        "DEG_TIME",
    )
)


def matches(headers: list[str]) -> bool:
    folded = {fold_compact(header) for header in headers}
    return {"case", "questnnr"} <= folded


def read(sheet: Sheet) -> Survey:
    rows, numbers = sheet.rows, sheet.row_numbers
    questions = list(sheet.headers)
    if rows and _is_label_row(sheet.headers, rows[0]):
        questions = [
            header if values.is_empty(label) else values.text(label)
            for header, label in zip(sheet.headers, rows[0], strict=False)
        ]
        rows, numbers = rows[1:], numbers[1:]
    return Survey(
        sheet.file_name,
        TOOL,
        list(sheet.headers),
        [question.strip() for question in questions],
        rows,
        numbers,
        sheet.sheet_names,
        sheet.sheet,
        METADATA | {fold_compact(h) for h in sheet.headers if fold_compact(h).startswith("time")},
        list(sheet.problems),
    )


def _is_label_row(headers: list[str], row: list[object]) -> bool:
    """The label row: its CASE cell is a label ("Interview-Nummer"), not a case number."""
    case = next(i for i, h in enumerate(headers) if fold_compact(h) == "case")
    try:
        values.integer(row[case])
    except values.BadValue:
        return True
    return False
