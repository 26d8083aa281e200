"""Frames as downloadable files (CSV and XLSX), safe to open in a spreadsheet.

Pure: no Dash, no database. Both writers neutralise text cells that a spreadsheet would
run as a formula (OWASP "CSV injection"): a text cell that starts with = + - @, a tab or a
carriage return gets a leading apostrophe. Numbers stay numbers.

CSV format, chosen for German Excel, which is what most users open these files with:
UTF-8 with a byte order mark (so umlauts survive), semicolon as separator and a decimal
comma (what Excel with German regional settings expects; a comma separator would put whole
rows into one column), no thousands separator, CRLF line ends, missing values as empty
cells. LibreOffice and pandas (`sep=";", decimal=","`) read the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from numbers import Number

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_SEPARATOR = ";"
CSV_DECIMAL = ","
CSV_ENCODING = "utf-8-sig"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(value: object) -> object:
    """`value` unchanged unless it is text a spreadsheet would treat as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _plain(value: object) -> object:
    """numpy scalars → Python scalars; missing → None."""
    if _is_missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return value.item()
        except (AttributeError, ValueError):
            return value
    return value


def _rows(df: pd.DataFrame):
    for row in df.itertuples(index=False, name=None):
        yield [neutralise(_plain(value)) for value in row]


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        text = repr(value) if not value.is_integer() else str(int(value))
        return text.replace(".", CSV_DECIMAL)
    if isinstance(value, Number):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def frame_to_csv_bytes(df: pd.DataFrame) -> bytes:
    """The frame as CSV for German Excel (see the module docstring), header row included."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=CSV_SEPARATOR, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    writer.writerow([_csv_cell(neutralise(str(column))) for column in df.columns])
    for row in _rows(df):
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode(CSV_ENCODING)


def sheet_title(name: str) -> str:
    """A valid worksheet name: at most 31 characters, none of []:*?/\\."""
    cleaned = _SHEET_FORBIDDEN.sub(" ", str(name or "")).strip().strip("'")
    return cleaned[:31] or "Daten"


def frame_to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "Daten") -> bytes:
    """The frame as one worksheet; header row bold and frozen, columns sized to their text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(sheet_name)
    header = [neutralise(str(column)) for column in df.columns]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(name)) for name in header]
    for row in _rows(df):
        sheet.append(row)
        for index, value in enumerate(row):
            widths[index] = max(widths[index], len(str(value)) if value is not None else 0)
    # A text cell written by openpyxl is a string even if it starts with "'"; make sure no
    # cell is stored as a formula (openpyxl turns text beginning with "=" into one).
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            if cell.data_type == "f":
                cell.value = "'" + str(cell.value)
                cell.data_type = "s"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
