"""Raw tables → typed rows in the canonical columns, collecting every problem on the way.

Nothing stops at the first problem: each header, row and cell is checked and every finding
becomes a `Problem` with table, row, column and value. Checks that need the database
(references, what is removed) live in `plan`; here is everything a file says by itself: the
headers and duplicate keys of each table here, each row in `rows`, each cell in `columns`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard import schema
from dashboard.exchange import aliases, values
from dashboard.exchange.columns import KEYS, REQUIRED, ROW
from dashboard.exchange.problems import ERROR, WARNING, Problem, has_errors, make
from dashboard.exchange.readers import RawDataset, RawTable
from dashboard.exchange.rows import parse_row


@dataclass
class ParsedTable:
    """Typed rows of one table: the canonical columns the file has, plus ROW."""

    name: str
    origin: str
    frame: pd.DataFrame
    columns: tuple[str, ...]
    headers: dict[str, str]  # canonical column → header as written in the file
    topics: list[list[str]] | None = None  # sessions only: topic names per row, if given
    # Ids of rows left out for their own errors: references to them are not reported again.
    rejected_ids: set[str] = field(default_factory=set)

    def header(self, column: str) -> str:
        return self.headers.get(column, column)


@dataclass
class Parsed:
    file_name: str
    tables: dict[str, ParsedTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Tables present in the file but unreadable as a whole (a required column missing).
    unreadable: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


def validate(raw: RawDataset) -> Parsed:
    parsed = Parsed(raw.file_name, problems=list(raw.problems))
    for name in schema.LOAD_ORDER:
        table = raw.tables.get(name)
        if table is None:
            continue
        result = _validate_table(table, parsed.problems)
        if result is None:
            parsed.unreadable.add(name)
        else:
            parsed.tables[name] = result
    return parsed


def _map_headers(table: RawTable, problems: list[Problem]) -> dict[int, str] | None:
    mapping: dict[int, str] = {}
    seen: dict[str, str] = {}
    for index, header in enumerate(table.headers):
        if not header:
            if any(not values.is_empty(row[index]) for row in table.rows):
                problems.append(
                    make(table.name, None, f"#{index + 1}", None, "column_without_header", WARNING)
                )
            continue
        personal = aliases.personal_data_kind(header)
        column = aliases.column_for(table.name, header)
        if personal is not None and column is None:
            problems.append(
                make(table.name, None, header, None, f"personal_data_{personal}", ERROR)
            )
            continue
        if column is None:
            problems.append(make(table.name, None, header, None, "unknown_column", WARNING))
            continue
        if column in seen:
            problems.append(
                make(table.name, None, header, None, "duplicate_column", ERROR, other=seen[column])
            )
            continue
        seen[column] = header
        mapping[index] = column
    missing = [column for column in REQUIRED[table.name] if column not in seen]
    for column in missing:
        problems.append(
            make(
                table.name,
                None,
                column,
                None,
                "missing_column",
                ERROR,
                german=aliases.german_header(table.name, column),
            )
        )
    return None if missing else mapping


def _is_second_header(row: list[object], mapping: dict[int, str], table: str) -> bool:
    """The template's second header row (German names under the canonical ones)."""
    filled = [(index, cell) for index, cell in enumerate(row) if not values.is_empty(cell)]
    if len(filled) < max(1, len(mapping) // 2):
        return False
    return all(
        index in mapping and aliases.column_for(table, values.text(cell)) == mapping[index]
        for index, cell in filled
    )


def _validate_table(table: RawTable, problems: list[Problem]) -> ParsedTable | None:
    name = table.name
    mapping = _map_headers(table, problems)
    if mapping is None:
        return None
    headers = {column: table.headers[index] for index, column in mapping.items()}
    rows = list(zip(table.row_numbers, table.rows, strict=False))
    if rows and _is_second_header(rows[0][1], mapping, name):
        rows = rows[1:]
    records: list[dict] = []
    rejected: set[str] = set()
    topic_lists: list[list[str]] = []
    for number, cells in rows:
        record, bad = parse_row(
            name,
            number,
            {column: cells[index] for index, column in mapping.items()},
            headers,
            problems,
        )
        if name == "sessions" and aliases.TOPICS_COLUMN in record:
            topic_lists.append(record.pop(aliases.TOPICS_COLUMN) or [])
        if not bad:
            records.append(record)
        elif KEYS[name] == ("id",) and record.get("id") is not None:
            rejected.add(record["id"])
    # Key columns are always there; an absent attendance.session_id means event-wide rows.
    columns = tuple(c for c in schema.TABLE_COLUMNS[name] if c in headers or c in KEYS[name])
    frame = pd.DataFrame(records, columns=[*columns, ROW], dtype=object)
    kept_topic_lists: list[list[str]] | None = None
    if name == "sessions" and aliases.TOPICS_COLUMN in headers:
        # Keep the topic lists aligned with the rows that survived.
        kept = {record[ROW] for record in records}
        numbered = [number for number, _ in rows]
        kept_topic_lists = [
            names for number, names in zip(numbered, topic_lists, strict=False) if number in kept
        ]
    _check_duplicates(name, frame, headers, problems)
    return ParsedTable(name, table.origin, frame, columns, headers, kept_topic_lists, rejected)


def key_tuples(name: str, frame: pd.DataFrame) -> list[tuple]:
    """The identifying key of each row; an empty session counts as "" (event-wide)."""
    columns = KEYS[name]
    return [
        tuple(
            "" if value is None or (isinstance(value, float) and value != value) else value
            for value in row
        )
        for row in frame[list(columns)].itertuples(index=False, name=None)
    ]


def _check_duplicates(
    name: str, frame: pd.DataFrame, headers: dict[str, str], problems: list[Problem]
) -> None:
    if frame.empty:
        return
    first: dict[tuple, int] = {}
    column = KEYS[name][0] if len(KEYS[name]) == 1 else None
    for key, number in zip(key_tuples(name, frame), frame[ROW], strict=False):
        if key in first:
            shown = key[0] if column else " / ".join(str(part) for part in key if part != "")
            problems.append(
                make(
                    name,
                    int(number),
                    headers.get(column, column) if column else None,
                    shown,
                    "duplicate_key",
                    ERROR,
                    first=first[key],
                )
            )
        else:
            first[key] = int(number)
    if name == "topics":
        seen: dict[str, int] = {}
        for topic, number in zip(frame["name"], frame[ROW], strict=False):
            folded = str(topic).casefold()
            if folded in seen:
                problems.append(
                    make(
                        name,
                        int(number),
                        headers.get("name"),
                        topic,
                        "duplicate_topic_name",
                        ERROR,
                        first=seen[folded],
                    )
                )
            else:
                seen[folded] = int(number)
