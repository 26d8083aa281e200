"""Reading import files into raw tables of cells.

Accepted: one CSV named after its table (`actors.csv`, `Akteure.csv`), a zip or a folder of
such CSVs, or one XLSX workbook with a sheet per table. CSV text may be UTF-8 (with or
without byte order mark), UTF-16 (with or without) or Windows-1252; the separator is a comma,
semicolon or tab, whichever the header row uses. Cells stay as they are (text from CSV,
typed values from XLSX); `validate` turns them into canonical values.

Safety: zip archives (and XLSX files, which are zips) are checked for their number of
members and total unpacked size before anything is unpacked; XLSX XML is parsed by openpyxl
through defusedxml (no entity expansion, no external entities), and reading is refused if
that protection is not active.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from dashboard.exchange import aliases
from dashboard.exchange.problems import ERROR, WARNING, Problem, make
from dashboard.i18n.folding import fold_compact

MAX_MEMBERS = 64
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # unpacked / packed size of one member; beyond it is a zip bomb
MAX_ROWS = 500_000
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
# Sheets of the template (and of hand-made workbooks) that explain rather than hold data.
_NOTE_SHEETS = {"hinweise", "anleitung", "readme", "notes", "info", "liesmich"}
SEPARATORS = (";", ",", "\t")


@dataclass
class RawTable:
    """The cells of one table as found in one file or sheet."""

    name: str
    origin: str  # file or sheet name, for messages
    headers: list[str]
    rows: list[list[object]]
    row_numbers: list[int]  # the spreadsheet row number of each row (header row = 1)
    encoding: str | None = None
    separator: str | None = None


@dataclass
class RawDataset:
    file_name: str
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_path(path: str | Path) -> RawDataset:
    """Read a file or a folder from disk."""
    path = Path(path)
    if path.is_dir():
        dataset = RawDataset(path.name)
        members = sorted(p for p in path.iterdir() if p.is_file())
        for member in members:
            _add_member(dataset, member.name, member.read_bytes())
        _check_found_any(dataset)
        return dataset
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, file_name: str) -> RawDataset:
    """Read an uploaded file; its name's extension decides the format."""
    dataset = RawDataset(file_name)
    suffix = PurePosixPath(file_name.lower()).suffix
    if suffix == ".zip":
        _read_zip(dataset, data)
    elif suffix in XLSX_SUFFIXES:
        _read_xlsx(dataset, data, file_name)
    elif suffix in CSV_SUFFIXES:
        table = aliases.table_for(PurePosixPath(file_name).stem)
        if table is None:
            dataset.problems.append(
                make(None, None, None, file_name, "unknown_file", ERROR, tables=_table_list())
            )
        else:
            read_csv_table(dataset, table, file_name, data)
    else:
        dataset.problems.append(make(None, None, None, file_name, "unsupported_format", ERROR))
        return dataset
    _check_found_any(dataset)
    return dataset


def _table_list() -> str:
    from dashboard import schema

    return ", ".join(f"{name}.csv" for name in schema.LOAD_ORDER)


def _check_found_any(dataset: RawDataset) -> None:
    if not dataset.tables and not any(p.is_error for p in dataset.problems):
        dataset.problems.append(
            make(None, None, None, dataset.file_name, "no_tables", ERROR, tables=_table_list())
        )


def _add_member(dataset: RawDataset, name: str, data: bytes) -> None:
    """One file of a zip or folder: a CSV named after a table, or else ignored."""
    pure = PurePosixPath(name)
    if pure.name.startswith(".") or "__MACOSX" in pure.parts:
        return
    table = aliases.table_for(pure.stem)
    if pure.suffix.lower() not in CSV_SUFFIXES or table is None:
        dataset.problems.append(make(None, None, None, name, "file_ignored", WARNING))
        return
    read_csv_table(dataset, table, name, data)


def _claim(dataset: RawDataset, table: str, origin: str) -> bool:
    existing = dataset.tables.get(table)
    if existing is None:
        return True
    dataset.problems.append(
        make(table, None, None, origin, "duplicate_table", ERROR, other=existing.origin)
    )
    return False


# --- zip ---------------------------------------------------------------------------------


def check_archive(archive: zipfile.ZipFile, origin: str) -> Problem | None:
    """A problem if the archive is too large or too compressed to unpack safely."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS * 8:
        return make(None, None, None, origin, "archive_too_large", ERROR)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            return make(None, None, None, origin, "archive_too_large", ERROR)
    if total > MAX_UNPACKED_BYTES:
        return make(None, None, None, origin, "archive_too_large", ERROR)
    return None


def _read_zip(dataset: RawDataset, data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        dataset.problems.append(make(None, None, None, dataset.file_name, "bad_zip", ERROR))
        return
    with archive:
        problem = check_archive(archive, dataset.file_name)
        if problem:
            dataset.problems.append(problem)
            return
        files = [info for info in archive.infolist() if not info.is_dir()]
        if len(files) > MAX_MEMBERS:
            dataset.problems.append(
                make(None, None, None, dataset.file_name, "archive_too_large", ERROR)
            )
            return
        for info in sorted(files, key=lambda i: i.filename):
            try:
                content = archive.read(info)
            except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError):
                dataset.problems.append(make(None, None, None, info.filename, "bad_zip", ERROR))
                continue
            _add_member(dataset, info.filename, content)


# --- CSV ---------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with. Raises UnicodeDecodeError
    only for UTF-16 that is damaged: the 8-bit fallbacks read every byte."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    sample = data[:4096]
    if len(sample) >= 4:
        # UTF-16 without byte order mark: ASCII text has a zero in every other byte.
        if sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) == 0:
            return data.decode("utf-16-le"), "utf-16-le"
        if sample[0::2].count(0) > len(sample) // 4 and sample[1::2].count(0) == 0:
            return data.decode("utf-16-be"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # Five byte values are undefined in Windows-1252; Latin-1 reads them all.
        return data.decode("latin-1"), "latin-1"


def sniff_separator(text: str) -> str:
    """The separator the header row uses most: semicolon, comma or tab."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(SEPARATORS, key=lambda sep: (counts[sep], sep == ","))
    return best if counts[best] else ","


def read_csv_table(dataset: RawDataset, table: str, origin: str, data: bytes) -> None:
    if not _claim(dataset, table, origin):
        return
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as error:
        # Marked or detected as UTF-16 but cut off or damaged (odd length, lone surrogate).
        dataset.problems.append(
            make(table, None, None, origin, "bad_encoding", ERROR, encoding=error.encoding)
        )
        return
    if "\x00" in text:
        dataset.problems.append(make(table, None, None, origin, "not_text", ERROR))
        return
    separator = sniff_separator(text)
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error as error:
        dataset.problems.append(
            make(table, None, None, origin, "bad_csv", ERROR, detail=str(error))
        )
        return
    raw = table_from_lines(table, origin, lines, dataset.problems)
    if raw is not None:
        raw.encoding, raw.separator = encoding, separator
        dataset.tables[table] = raw


def table_from_lines(table: str, origin: str, lines, problems: list[Problem]) -> RawTable | None:
    """Header = first non-empty row; rows that are entirely empty are skipped."""
    headers: list[str] | None = None
    rows: list[list[object]] = []
    numbers: list[int] = []
    for number, line in enumerate(lines, start=1):
        cells = list(line)
        if all(_blank(cell) for cell in cells):
            continue
        if headers is None:
            while cells and _blank(cells[-1]):
                cells.pop()
            headers = ["" if cell is None else str(cell).strip().lstrip("\ufeff") for cell in cells]
            continue
        if len(rows) >= MAX_ROWS:
            problems.append(
                make(table, number, None, origin, "too_many_rows", ERROR, limit=MAX_ROWS)
            )
            return None
        if len(cells) > len(headers):
            if any(not _blank(cell) for cell in cells[len(headers) :]):
                problems.append(
                    make(
                        table,
                        number,
                        None,
                        None,
                        "too_many_cells",
                        ERROR,
                        count=len(cells),
                        expected=len(headers),
                    )
                )
            cells = cells[: len(headers)]
        cells += [None] * (len(headers) - len(cells))
        rows.append(cells)
        numbers.append(number)
    if headers is None:
        problems.append(make(table, None, None, origin, "empty_table", WARNING))
        return RawTable(table, origin, [], [], [])
    return RawTable(table, origin, headers, rows, numbers)


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and cell.strip() == "")


# --- XLSX --------------------------------------------------------------------------------


def open_xlsx(data: bytes, origin: str, problems: list[Problem]):
    """The workbook opened read-only, after the zip-bomb and DTD checks; None (and a
    problem) when it is unsafe or unreadable. The caller closes it."""
    import openpyxl
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        # openpyxl parses with defusedxml only when it is installed and not switched off
        # (OPENPYXL_DEFUSEDXML=False); without it a crafted workbook could expand entities.
        problems.append(make(None, None, None, origin, "xlsx_unprotected", ERROR))
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        problems.append(make(None, None, None, origin, "bad_xlsx", ERROR))
        return None
    with archive:
        problem = check_archive(archive, origin)
        if problem is None and declares_dtd(archive):
            problem = make(None, None, None, origin, "xlsx_unsafe", ERROR)
    if problem:
        problems.append(problem)
        return None
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds; defusedxml's are among them
        key = "xlsx_unsafe" if is_defused_error(error) else "bad_xlsx"
        problems.append(make(None, None, None, origin, key, ERROR))
        return None


def sheet_table(table: str, sheet, problems: list[Problem]) -> RawTable | None:
    """The cells of one worksheet as `table`; None (and a problem) when it cannot be read."""
    try:
        return table_from_lines(table, sheet.title, sheet.iter_rows(values_only=True), problems)
    except Exception as error:
        key = "xlsx_unsafe" if is_defused_error(error) else "bad_xlsx"
        problems.append(make(table, None, None, sheet.title, key, ERROR))
        return None


def _read_xlsx(dataset: RawDataset, data: bytes, origin: str) -> None:
    workbook = open_xlsx(data, origin, dataset.problems)
    if workbook is None:
        return
    try:
        for sheet in workbook.worksheets:
            table = aliases.table_for(sheet.title)
            if table is None:
                if fold_compact(sheet.title) not in _NOTE_SHEETS:
                    dataset.problems.append(
                        make(None, None, None, sheet.title, "sheet_ignored", WARNING)
                    )
                continue
            if not _claim(dataset, table, sheet.title):
                continue
            raw = sheet_table(table, sheet, dataset.problems)
            if raw is not None:
                dataset.tables[table] = raw
    finally:
        workbook.close()


# In the encodings an XML part may declare: UTF-8 (and ASCII) or UTF-16 either way round.
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_CHUNK = 1024 * 1024


def declares_dtd(archive: zipfile.ZipFile) -> bool:
    """Whether any XML part declares a DTD or entities. Excel never writes one; openpyxl
    reads some parts (workbook.xml) with lxml, which does not expand entities but accepts
    their declarations, so the whole file is refused here, streamed chunk by chunk."""
    overlap = max(len(marker) for marker in _DTD_MARKERS) - 1
    for info in archive.infolist():
        if info.is_dir() or not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(info) as member:
                tail = b""
                while chunk := member.read(_CHUNK):
                    window = (tail + chunk).upper()
                    if any(marker in window for marker in _DTD_MARKERS):
                        return True
                    tail = window[-overlap:]
        except (
            zipfile.BadZipFile,
            zlib.error,
            RuntimeError,
            NotImplementedError,
            OSError,
            EOFError,
        ):
            continue  # a damaged part: openpyxl reports the file as damaged if it needs it
    return False


def is_defused_error(error: BaseException) -> bool:
    from defusedxml import DefusedXmlException

    current: BaseException | None = error
    while current is not None:
        if isinstance(current, DefusedXmlException):
            return True
        if "entit" in str(current).lower() or "dtd" in str(current).lower():
            return True
        current = current.__cause__ or current.__context__
    return False
