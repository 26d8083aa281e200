"""One flat sheet as an office keeps it: a registration list in CSV, XLSX, XLS or ODS.

Unlike the dataset import (`readers`), the file's name says nothing about what it holds and
its headers are whatever the registration tool or the person typing wrote. This module only
finds the header row and the cells below it; `list_mapping` decides what the columns mean.
CSV text goes through the same encoding and separator detection as the dataset import;
workbooks are read by pandas' calamine engine, after the same zip-bomb and DTD checks.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import pandas as pd

from dashboard.exchange import readers, values
from dashboard.exchange.problems import ERROR, Problem, make

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
ZIPPED_WORKBOOKS = (".xlsx", ".xlsm", ".ods")
# A title or a date above the header is common ("Teilnahmeliste 2024"): the header is the
# first of these rows with at least two filled cells.
HEADER_SEARCH_ROWS = 10
MAX_ROWS = 100_000
LIST = "list"  # the table name problems of a list carry


@dataclass
class Sheet:
    file_name: str
    sheet_names: list[str] = field(default_factory=list)
    sheet: str | None = None
    headers: list[str] = field(default_factory=list)
    rows: list[list[object]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)  # as a spreadsheet numbers them
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(problem.is_error for problem in self.problems)

    def column(self, index: int) -> list[object]:
        return [row[index] for row in self.rows]


def read_sheet(data: bytes, file_name: str, sheet: str | None = None) -> Sheet:
    """The header and rows of a list; `sheet` picks a workbook's sheet (default: the first)."""
    result = Sheet(file_name)
    suffix = PurePosixPath(file_name.lower()).suffix
    if suffix in readers.CSV_SUFFIXES:
        lines = _csv_lines(data, result)
    elif suffix in WORKBOOK_SUFFIXES:
        lines = _workbook_lines(data, suffix, sheet, result)
    else:
        result.problems.append(make(LIST, None, None, file_name, "list_unsupported_format", ERROR))
        return result
    if lines is not None:
        _take_lines(lines, result)
    return result


def _csv_lines(data: bytes, result: Sheet) -> list[list[object]] | None:
    try:
        text, _encoding = readers.decode(data)
    except UnicodeDecodeError as error:
        result.problems.append(
            make(LIST, None, None, result.file_name, "bad_encoding", ERROR, encoding=error.encoding)
        )
        return None
    if "\x00" in text:
        result.problems.append(make(LIST, None, None, result.file_name, "not_text", ERROR))
        return None
    try:
        return [
            list(row)
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
        ]
    except csv.Error as error:
        result.problems.append(
            make(LIST, None, None, result.file_name, "bad_csv", ERROR, detail=str(error))
        )
        return None


def _separator(text: str) -> str:
    """The separator of the table, which may begin below a title line without any
    ("Anmeldeliste Netzwerktreffen"): the one the first lines use most."""
    lines = [line for line in text.splitlines()[: HEADER_SEARCH_ROWS + 1] if line.strip()]
    return (
        max(reversed(readers.SEPARATORS), key=lambda sep: sum(line.count(sep) for line in lines))
        if lines
        else ","
    )


def _workbook_lines(
    data: bytes, suffix: str, sheet: str | None, result: Sheet
) -> list[list[object]] | None:
    if suffix in ZIPPED_WORKBOOKS and not _safe_archive(data, result):
        return None
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="calamine")
    except Exception:  # calamine raises its own error types for every kind of damage
        result.problems.append(make(LIST, None, None, result.file_name, "bad_xlsx", ERROR))
        return None
    with book:
        result.sheet_names = [str(name) for name in book.sheet_names]
        if not result.sheet_names:
            result.problems.append(make(LIST, None, None, result.file_name, "empty_table", ERROR))
            return None
        if sheet is not None and sheet not in result.sheet_names:
            result.problems.append(
                make(
                    LIST,
                    None,
                    None,
                    sheet,
                    "list_unknown_sheet",
                    ERROR,
                    sheets=", ".join(result.sheet_names),
                )
            )
            return None
        result.sheet = sheet or result.sheet_names[0]
        try:
            frame = book.parse(
                result.sheet, header=None, dtype=object, nrows=MAX_ROWS + HEADER_SEARCH_ROWS + 1
            )
        except Exception:
            result.problems.append(make(LIST, None, None, result.sheet, "bad_xlsx", ERROR))
            return None
    return [
        [None if _missing(cell) else cell for cell in row]
        for row in frame.itertuples(index=False, name=None)
    ]


def _safe_archive(data: bytes, result: Sheet) -> bool:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        result.problems.append(make(LIST, None, None, result.file_name, "bad_xlsx", ERROR))
        return False
    with archive:
        problem = readers.check_archive(archive, result.file_name)
        if problem is None and readers.declares_dtd(archive):
            problem = make(None, None, None, result.file_name, "xlsx_unsafe", ERROR)
    if problem is not None:
        result.problems.append(problem)
        return False
    return True


def _missing(cell: Any) -> bool:
    # A cell of any type; pd.isna answers for scalars and raises for containers.
    try:
        return bool(pd.isna(cell))
    except (TypeError, ValueError):
        return False


def _take_lines(lines: list[list[object]], result: Sheet) -> None:
    start = _header_index(lines)
    if start is None:
        result.problems.append(
            make(LIST, None, None, result.sheet or result.file_name, "list_no_header", ERROR)
        )
        return
    header = list(lines[start])
    while header and values.is_empty(header[-1]):
        header.pop()
    result.headers = [values.text(cell) if not values.is_empty(cell) else "" for cell in header]
    width = len(result.headers)
    for number, cells in enumerate(lines[start + 1 :], start=start + 2):
        if all(values.is_empty(cell) for cell in cells):
            continue
        if len(result.rows) >= MAX_ROWS:
            result.problems.append(
                make(LIST, number, None, None, "too_many_rows", ERROR, limit=MAX_ROWS)
            )
            return
        row = list(cells[:width]) + [None] * max(0, width - len(cells))
        result.rows.append(row)
        result.row_numbers.append(number)


def _header_index(lines: list[list[object]]) -> int | None:
    """The row whose cells read most like known headers; else the first with two filled
    cells (a title above the table has one); else the first filled row of a one-column list."""
    from dashboard.exchange.lists.mapping import known_header_count

    candidates = [
        (index, cells)
        for index, cells in enumerate(lines[:HEADER_SEARCH_ROWS])
        if any(not values.is_empty(cell) for cell in cells)
    ]
    if not candidates:
        return None
    known = [(known_header_count(cells), -index, index) for index, cells in candidates]
    best = max(known)
    if best[0] > 0:
        return best[2]
    wide = [
        index
        for index, cells in candidates
        if sum(not values.is_empty(cell) for cell in cells) >= 2
    ]
    return wide[0] if wide else candidates[0][0]
