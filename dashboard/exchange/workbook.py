"""The whole dataset as files, in the import format, and the template workbook.

`dataset_xlsx` writes one sheet per table with the canonical headers; `dataset_zip` one CSV
per table (German Excel dialect of `dashboard.exchange.export`: semicolon, decimal comma, UTF-8 with
byte order mark). Both neutralise text that a spreadsheet would run as a formula, and the
readers undo exactly that, so exporting and importing again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile

import pandas as pd

from dashboard import schema
from dashboard.exchange import aliases
from dashboard.exchange.export import frame_to_csv_bytes, neutralise
from dashboard.i18n import t

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MEDIA_TYPE = "application/zip"
_DATE_FORMAT = "DD.MM.YYYY"


def _cell(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, str):
        # Control characters (other than tab and line ends) cannot be stored in a worksheet.
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def write_sheet(workbook, name: str, header_rows: list[list[str]], rows) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(name)
    bold = Font(bold=True)
    for header in header_rows:
        cells = []
        for text in header:
            cell = WriteOnlyCell(sheet, value=neutralise(text))
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    for row in rows:
        cells = []
        for raw in row:
            value = _cell(raw)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and cell.data_type == "f":
                cell.data_type = "s"  # never a formula, whatever the text says
            if isinstance(value, dt.date):
                cell.number_format = _DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def dataset_xlsx(frames: dict[str, pd.DataFrame]) -> bytes:
    """Every data table as a sheet named after it, canonical headers in row 1."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name in schema.LOAD_ORDER:
        frame = frames[name]
        columns = list(schema.TABLE_COLUMNS[name])
        write_sheet(workbook, name, [columns], frame[columns].itertuples(index=False, name=None))
    return workbook_bytes(workbook)


def dataset_zip(frames: dict[str, pd.DataFrame]) -> bytes:
    """Every data table as `<table>.csv` in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in schema.LOAD_ORDER:
            frame = frames[name][list(schema.TABLE_COLUMNS[name])]
            archive.writestr(f"{name}.csv", frame_to_csv_bytes(frame))
    return buffer.getvalue()


# --- template ------------------------------------------------------------------------------

_EXAMPLE_EVENT_DATE = dt.date(2030, 6, 13)
EXAMPLES: dict[str, list[dict]] = {
    "actors": [
        {
            "id": "beispiel-bonn",
            "name": "Bonn",
            "type": "kommune",
            "ags": "05314000",
            "state": "NRW",
            "city": "Bonn",
            "lat": None,
            "lon": None,
            "website": "https://www.bonn.de",
            "source": None,
        },
        {
            "id": "beispiel-initiative",
            "name": "Beispiel-Initiative e. V.",
            "type": "initiative",
            "ags": None,
            "state": "05",
            "city": "Bonn",
            "lat": 50.73438,
            "lon": 7.09549,
            "website": None,
            "source": None,
        },
    ],
    "actor_aliases": [
        {"alias": "Bundesstadt Bonn", "actor_id": "beispiel-bonn", "source": None},
    ],
    "events": [
        {
            "id": "beispiel-2030",
            "year": 2030,
            "title": "Beispielveranstaltung",
            "start_date": _EXAMPLE_EVENT_DATE,
            "end_date": _EXAMPLE_EVENT_DATE + dt.timedelta(days=1),
            "city": "Bonn",
            "venue": "Beispielsaal",
            "source": None,
        },
    ],
    "sessions": [
        {
            "id": "beispiel-2030-ws-wirkung",
            "event_id": "beispiel-2030",
            "kind": "workshop",
            "title": "Workshop Wirkung",
            "source": None,
            "topics": "Wirkung | Beispielthema",
        },
    ],
    "topics": [{"id": "beispielthema", "name": "Beispielthema"}],
    "session_topics": [{"session_id": "beispiel-2030-ws-wirkung", "topic_id": "beispielthema"}],
    "attendance": [
        {
            "event_id": "beispiel-2030",
            "actor_id": "beispiel-bonn",
            "session_id": None,
            "role": "participant",
            "headcount": 3,
            "source": None,
        },
        {
            "event_id": "beispiel-2030",
            "actor_id": "beispiel-initiative",
            "session_id": "beispiel-2030-ws-wirkung",
            "role": "speaker",
            "headcount": 1,
            "source": None,
        },
    ],
    "links": [
        {
            "source_id": "beispiel-bonn",
            "target_id": "beispiel-initiative",
            "kind": "kooperation",
            "since_year": 2029,
            "until_year": None,
            "weight": 1.0,
            "source": None,
        },
    ],
}

_NOTE_KEYS = (
    "ingest.template.intro",
    "ingest.template.headers",
    "ingest.template.formats",
    "ingest.template.modes",
    "ingest.template.places",
    "ingest.template.privacy",
)


def template_columns(name: str) -> list[str]:
    columns = [c for c in schema.TABLE_COLUMNS[name] if c != "source"]
    if name == "sessions":
        columns.append(aliases.TOPICS_COLUMN)
    return columns


def template_xlsx() -> bytes:
    """Notes in German and English, then per table: canonical headers (row 1), German
    headers (row 2, skipped on import) and example rows. Importing it as it is works."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    notes = [[t("ingest.template.title", "de")], []]
    for key in _NOTE_KEYS:
        notes.append([t(key, "de")])
    notes += [[], [t("ingest.template.title", "en")], []]
    for key in _NOTE_KEYS:
        notes.append([t(key, "en")])
    notes += [[], [t("ingest.template.values", "de")]]
    for (table, column), allowed in aliases.VALUE_ALIASES.items():
        listed = "; ".join(f"{value} ({', '.join(names)})" for value, names in allowed.items())
        notes.append([f"{table}.{column}: {listed}"])
    write_sheet(workbook, "Hinweise", [], notes)
    for name in schema.LOAD_ORDER:
        columns = template_columns(name)
        german = [aliases.german_header(name, c) for c in columns]
        rows = [[example.get(c) for c in columns] for example in EXAMPLES[name]]
        write_sheet(workbook, name, [columns, german], rows)
    return workbook_bytes(workbook)
