"""Raw tables → typed rows in the canonical columns, collecting every problem on the way.

Nothing stops at the first problem: each header, row and cell is checked and every finding
becomes a `Problem` with table, row, column and value. Checks that need the database
(references, what is removed) live in `plan`; here is everything a file says by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from dashboard import schema
from dashboard.exchange import aliases, values
from dashboard.exchange.problems import ERROR, WARNING, Problem, has_errors, make
from dashboard.exchange.readers import RawDataset, RawTable

ROW = "__row__"

# Germany's bounding box with a little margin; outside it is a warning, not an error.
GERMANY_LAT = (47.2, 55.1)
GERMANY_LON = (5.8, 15.1)

REQUIRED: dict[str, tuple[str, ...]] = {
    "actors": ("id", "name", "type"),
    "actor_aliases": ("alias", "actor_id"),
    "events": ("id", "year", "title"),
    "sessions": ("id", "event_id", "kind", "title"),
    "topics": ("id", "name"),
    "session_topics": ("session_id", "topic_id"),
    "attendance": ("event_id", "actor_id", "role"),
    "links": ("source_id", "target_id", "kind"),
}

# The columns that identify a row; the others are its values.
KEYS: dict[str, tuple[str, ...]] = {
    "actors": ("id",),
    "actor_aliases": ("alias",),
    "events": ("id",),
    "sessions": ("id",),
    "topics": ("id",),
    "session_topics": ("session_id", "topic_id"),
    "attendance": ("event_id", "actor_id", "session_id", "role"),
    "links": ("source_id", "target_id", "kind"),
}


def _text(limit: int) -> Callable[[object], str]:
    def parse(value: object) -> str:
        result = values.text(value)
        if len(result) > limit:
            raise values.BadValue("too_long", limit=limit)
        return result

    return parse


def _enum(table: str, column: str) -> Callable[[object], str]:
    allowed = {
        ("actors", "type"): schema.ACTOR_TYPES,
        ("sessions", "kind"): schema.SESSION_KINDS,
        ("attendance", "role"): schema.ROLES,
        ("links", "kind"): schema.LINK_KINDS,
    }[(table, column)]

    def parse(value: object) -> str:
        canonical = aliases.canonical_value(table, column, values.text(value))
        if canonical is None:
            raise values.BadValue("unknown_value", allowed=", ".join(allowed))
        return canonical

    return parse


def _year(value: object) -> int:
    year = values.integer(value)
    if not 1900 <= year <= 2200:
        raise values.BadValue("bad_year")
    return year


# No event of the network comes near it; a larger number is a typing slip (and would not
# fit the database's integer column).
MAX_HEADCOUNT = 100_000


def _headcount(value: object) -> int:
    count = values.integer(value)
    if count < 0:
        raise values.BadValue("negative_headcount")
    if count > MAX_HEADCOUNT:
        raise values.BadValue("headcount_too_large", limit=MAX_HEADCOUNT)
    return count


def _weight(value: object) -> float:
    weight = values.decimal(value)
    if weight <= 0:
        raise values.BadValue("bad_weight")
    return weight


def _latitude(value: object) -> float:
    number = values.decimal(value)
    if not schema.LAT_RANGE[0] <= number <= schema.LAT_RANGE[1]:
        raise values.BadValue("lat_out_of_range")
    return number


def _longitude(value: object) -> float:
    number = values.decimal(value)
    if not schema.LON_RANGE[0] <= number <= schema.LON_RANGE[1]:
        raise values.BadValue("lon_out_of_range")
    return number


def _website(value: object) -> str:
    result = values.website(value)
    if len(result) > 300:
        raise values.BadValue("too_long", limit=300)
    return result


def _source(value: object) -> str | None:
    # Only "sample" is carried over: it adds the Beispieldaten badge, which is never wrong
    # to show. Any other provenance is what this import batch says it is.
    return schema.SOURCE_SAMPLE if values.text(value) == schema.SOURCE_SAMPLE else None


def _topics(value: object) -> list[str]:
    names = [name.strip() for name in values.text(value).split(aliases.TOPIC_SEPARATOR)]
    names = [name for name in names if name]
    for name in names:
        if len(name) > 120:
            raise values.BadValue("too_long", limit=120)
    return names


_ID = _text(64)
PARSERS: dict[str, dict[str, Callable[[object], object]]] = {
    "actors": {
        "id": _ID,
        "name": _text(200),
        "type": _enum("actors", "type"),
        "ags": values.ags,
        "state": values.state,
        "city": _text(120),
        "lat": _latitude,
        "lon": _longitude,
        "website": _website,
        "source": _source,
    },
    "actor_aliases": {"alias": _text(200), "actor_id": _ID, "source": _source},
    "events": {
        "id": _ID,
        "year": _year,
        "title": _text(200),
        "start_date": values.date,
        "end_date": values.date,
        "city": _text(120),
        "venue": _text(200),
        "source": _source,
    },
    "sessions": {
        "id": _ID,
        "event_id": _ID,
        "kind": _enum("sessions", "kind"),
        "title": _text(300),
        "source": _source,
        aliases.TOPICS_COLUMN: _topics,
    },
    "topics": {"id": _ID, "name": _text(120)},
    "session_topics": {"session_id": _ID, "topic_id": _ID},
    "attendance": {
        "event_id": _ID,
        "actor_id": _ID,
        "session_id": _ID,
        "role": _enum("attendance", "role"),
        "headcount": _headcount,
        "source": _source,
    },
    "links": {
        "source_id": _ID,
        "target_id": _ID,
        "kind": _enum("links", "kind"),
        "since_year": _year,
        "until_year": _year,
        "weight": _weight,
        "source": _source,
    },
}

# Text columns whose values are searched for e-mail addresses.
_FREE_TEXT_KINDS = {
    "id",
    "name",
    "alias",
    "city",
    "title",
    "venue",
    "website",
    "event_id",
    "actor_id",
    "session_id",
    "topic_id",
    "source_id",
    "target_id",
    aliases.TOPICS_COLUMN,
}


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
    if name == "sessions" and aliases.TOPICS_COLUMN in headers:
        # Keep the topic lists aligned with the rows that survived.
        kept = {record[ROW] for record in records}
        numbered = [number for number, _ in rows]
        topic_lists = [
            names for number, names in zip(numbered, topic_lists, strict=False) if number in kept
        ]
    else:
        topic_lists = None
    _check_duplicates(name, frame, headers, problems)
    return ParsedTable(name, table.origin, frame, columns, headers, topic_lists, rejected)


def parse_row(
    name: str,
    number: int | None,
    cells: dict[str, object],
    headers: dict[str, str],
    problems: list[Problem],
) -> tuple[dict, bool]:
    """One row of `name` (canonical column → raw cell) as a typed record with ROW, and
    whether it has an error; every problem found is added to `problems`. The import checks
    each file row with it, and a form that edits one row checks its fields the same way."""
    parsers = PARSERS[name]
    record: dict[str, object] = {ROW: number}
    bad = False
    failed: set[str] = set()
    for column, cell in cells.items():
        if values.is_empty(cell):
            if column in REQUIRED[name]:
                problems.append(make(name, number, headers[column], None, "missing_value", ERROR))
                bad = True
            record[column] = None
            continue
        if column in _FREE_TEXT_KINDS and isinstance(cell, str) and values.EMAIL.search(cell):
            problems.append(
                make(name, number, headers[column], cell, "personal_value_email", ERROR)
            )
            bad = True
        try:
            record[column] = parsers[column](cell)
        except values.BadValue as error:
            problems.append(
                make(
                    name,
                    number,
                    headers[column],
                    values.text(cell),
                    error.key,
                    ERROR,
                    **error.params,
                )
            )
            record[column] = None
            failed.add(column)
            bad = True
    bad |= _check_row(name, number, record, headers, problems, failed)
    return record, bad


def _check_row(
    name: str,
    number: int | None,
    record: dict,
    headers: dict[str, str],
    problems: list[Problem],
    failed: set[str],
) -> bool:
    """Checks across the cells of one row; True when the row has an error."""
    bad = False

    def add(column, value, key, severity=ERROR, **params):
        nonlocal bad
        problems.append(
            make(name, number, headers.get(column, column), value, key, severity, **params)
        )
        bad |= severity == ERROR

    if name == "actors":
        ags, state = record.get("ags"), record.get("state")
        if ags is not None:
            code = ags[:2]
            from dashboard.geo.states import STATES

            if code not in STATES:
                add("ags", ags, "bad_ags")
            elif state is None and "state" in record:
                record["state"] = code
            elif state is not None and state != code:
                add("state", state, "state_ags_mismatch", WARNING, ags=ags)
        lat, lon = record.get("lat"), record.get("lon")
        if (lat is None) != (lon is None) and not failed & {"lat", "lon"}:
            add("lon" if lon is None else "lat", None, "lat_lon_pair")
        if lat is not None and lon is not None:
            inside = _in_germany(lat, lon)
            if not inside and _in_germany(lon, lat):
                add("lat", f"{lat}, {lon}", "coordinates_swapped", WARNING, lat=lon, lon=lat)
            elif not inside:
                add("lat", f"{lat}, {lon}", "outside_germany", WARNING)
    elif name == "events":
        start, end, year = record.get("start_date"), record.get("end_date"), record.get("year")
        if start is not None and end is not None and end < start:
            add("end_date", end.isoformat(), "end_before_start")
        if start is not None and year is not None and start.year != year:
            add("year", year, "year_differs", WARNING, date_year=start.year)
    elif name == "links":
        source, target = record.get("source_id"), record.get("target_id")
        if source is not None and source == target:
            add("target_id", target, "self_link")
        elif source is not None and target is not None and source > target:
            # Links are undirected and stored once, the smaller id first.
            record["source_id"], record["target_id"] = target, source
        since, until = record.get("since_year"), record.get("until_year")
        if since is not None and until is not None and until < since:
            add("until_year", until, "until_before_since")
        if "weight" in record and record["weight"] is None:
            record["weight"] = 1.0
    return bad


def _in_germany(lat: float, lon: float) -> bool:
    return GERMANY_LAT[0] <= lat <= GERMANY_LAT[1] and GERMANY_LON[0] <= lon <= GERMANY_LON[1]


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
