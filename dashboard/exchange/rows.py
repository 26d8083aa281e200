"""One row of a table → a typed record, with every problem of its cells and between them.

The import checks each file row with `parse_row`, and a form that edits one row (an actor's
edit) checks its fields the same way.
"""

from __future__ import annotations

from dashboard.exchange import values
from dashboard.exchange.columns import FREE_TEXT_COLUMNS, PARSERS, REQUIRED, ROW
from dashboard.exchange.problems import ERROR, WARNING, Problem, make

# Germany's bounding box with a little margin; outside it is a warning, not an error.
GERMANY_LAT = (47.2, 55.1)
GERMANY_LON = (5.8, 15.1)


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
        if column in FREE_TEXT_COLUMNS and isinstance(cell, str) and values.EMAIL.search(cell):
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
