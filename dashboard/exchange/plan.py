"""What an import would change, table by table, before anything is written.

Semantics (the same for the page and the command line):

- A table the file does not contain is left alone.
- mode "merge" (default): rows of the file are added (new key) or update the stored row with
  the same key; nothing is removed.
- mode "replace": each table the file contains is replaced: stored rows whose key is not in
  the file are removed. Removing a row that other stored rows still refer to (an actor with
  attendance, when attendance is not in the file) is an error, never a silent cascade.
- A column the file does not have keeps its stored values; new rows leave it empty.
- Blank coordinates never erase stored ones: an actor keeps its stored place unless its
  city, state or AGS changed. New actors and actors whose place changed are looked up in
  the gazetteer (`geocode`); an ambiguous name waits for the user's choice.
- `source` is not compared: an unchanged row keeps its provenance. New and changed rows get
  the batch as their source (or "sample" where the file says so).
- `sessions.topics` (names separated by "|") states the topics of those sessions: names
  are matched to topics case-insensitively, unknown names become new topics, and the
  session's other stored topic assignments are removed.

Keys: id for actors, events, sessions and topics; alias for actor_aliases; (session_id, topic_id);
(event_id, actor_id, session_id or "", role) for attendance; (source_id, target_id, kind)
for links, stored with the smaller id first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard import schema
from dashboard.exchange.changes import Plan, TableChange, key_of, records, same_value
from dashboard.exchange.columns import KEYS, ROW
from dashboard.exchange.placing import place_actors
from dashboard.exchange.problems import INFO, make, sort_key
from dashboard.exchange.references import check_references
from dashboard.exchange.validate import Parsed
from dashboard.i18n.folding import slug

MERGE = "merge"
REPLACE = "replace"
MODES = (MERGE, REPLACE)
# Tables with a surrogate integer id in the database (their key is the natural key above).
SURROGATE = ("attendance", "links", "evaluation_results")


def _value_columns(table: str) -> tuple[str, ...]:
    return tuple(c for c in schema.TABLE_COLUMNS[table] if c not in KEYS[table] and c != "source")


def _empty_row(table: str) -> dict:
    row = dict.fromkeys(schema.TABLE_COLUMNS[table])
    if table == "links":
        row["weight"] = 1.0
    return row


@dataclass
class _FileTable:
    """Rows the file brings for one table, and which stored rows it may remove."""

    rows: list[dict]
    columns: tuple[str, ...]
    mode: str
    # None: all stored rows (replace); else a predicate on a stored row.
    removable: Callable[[dict], bool] | None = None


def build_plan(
    parsed: Parsed,
    current: dict[str, pd.DataFrame],
    mode: str = MERGE,
    choices: dict[str, str] | None = None,
    base_version: str | None = None,
) -> Plan:
    """The changes `parsed` would make to `current` (frames with the stored rows, including
    the surrogate `id` of attendance and links)."""
    if mode not in MODES:
        raise ValueError(f"unknown import mode {mode!r}")
    plan = Plan(parsed.file_name, mode, base_version, problems=list(parsed.problems))
    stored = {name: records(current[name]) for name in schema.LOAD_ORDER}
    files = {
        name: _FileTable(records(table.frame), table.columns, mode)
        for name, table in parsed.tables.items()
    }
    headers = {
        (name, column): header
        for name, table in parsed.tables.items()
        for column, header in table.headers.items()
    }
    _derive_topics(parsed, files, stored, mode, plan)
    for name in schema.LOAD_ORDER:
        if name in files:
            plan.changes[name] = _diff(
                name, files[name], stored[name], plan, choices or {}, headers
            )
    check_references(plan, stored, headers, parsed)
    plan.problems.sort(key=sort_key)
    return plan


def _derive_topics(
    parsed: Parsed, files: dict[str, _FileTable], stored: dict, mode: str, plan: Plan
) -> None:
    """sessions.topics → topics (new names) and session_topics rows."""
    sessions = parsed.tables.get("sessions")
    if sessions is None or sessions.topics is None:
        return
    by_name: dict[str, str] = {}
    for source in (stored["topics"], files["topics"].rows if "topics" in files else []):
        for topic in source:
            by_name[str(topic["name"]).casefold()] = topic["id"]
    taken = {topic["id"] for topic in stored["topics"]} | {
        t["id"] for t in files.get("topics", _FileTable([], (), mode)).rows
    }
    file_topic_ids = {t["id"] for t in files["topics"].rows} if "topics" in files else set()
    new_topics, used_stored = [], set()
    derived = []
    header = sessions.header("topics")
    for session, names in zip(files["sessions"].rows, sessions.topics, strict=False):
        for name in names:
            topic_id = by_name.get(name.casefold())
            if topic_id is None:
                topic_id = unique_id(slug(name, "thema"), taken)
                taken.add(topic_id)
                by_name[name.casefold()] = topic_id
                new_topics.append({"id": topic_id, "name": name, ROW: None})
                plan.problems.append(
                    make("sessions", session[ROW], header, name, "new_topic", INFO, id=topic_id)
                )
            elif topic_id not in file_topic_ids:
                used_stored.add(topic_id)
            derived.append({"session_id": session["id"], "topic_id": topic_id, ROW: session[ROW]})
    if "topics" in files:
        files["topics"].rows.extend(new_topics)
        # A stored topic named in the topics column stays, even when topics are replaced.
        files["topics"].rows.extend(
            {**topic, ROW: None} for topic in stored["topics"] if topic["id"] in used_stored
        )
    elif new_topics:
        files["topics"] = _FileTable(new_topics, ("id", "name"), MERGE)
    sheet = files.get("session_topics")
    seen = set()
    rows = []
    for row in (sheet.rows if sheet else []) + derived:
        key = (row["session_id"], row["topic_id"])
        if key not in seen:
            seen.add(key)
            rows.append(row)
    if mode == REPLACE:
        files["session_topics"] = _FileTable(rows, ("session_id", "topic_id"), REPLACE)
    else:
        named = {session["id"] for session in files["sessions"].rows}
        files["session_topics"] = _FileTable(
            rows,
            ("session_id", "topic_id"),
            MERGE,
            removable=lambda row: row["session_id"] in named,
        )


def unique_id(base: str, taken: set[str]) -> str:
    """`base` cut to fit the id limit, with -2, -3, … added until no id in `taken` has it."""
    candidate, number = base[:60], 2
    while candidate in taken:
        candidate = f"{base[:56]}-{number}"
        number += 1
    return candidate


def _diff(
    name: str,
    file: _FileTable,
    stored_rows: list[dict],
    plan: Plan,
    choices: dict[str, str],
    headers: dict,
) -> TableChange:
    change = TableChange(name, file.mode)
    stored = {key_of(name, row): row for row in stored_rows}
    present = [c for c in file.columns if c not in KEYS[name] and c != "source"]
    has_source = "source" in schema.TABLE_COLUMNS[name]
    seen: set[tuple] = set()
    proposals: list[tuple[dict | None, dict]] = []
    for row in file.rows:
        key = key_of(name, row)
        seen.add(key)
        before = stored.get(key)
        proposed = dict(before) if before is not None else _empty_row(name)
        for column in KEYS[name]:
            proposed[column] = row.get(column)
        for column in present:
            proposed[column] = row.get(column)
        if name == "links" and proposed.get("weight") is None:
            proposed["weight"] = 1.0
        if has_source:
            proposed["source"] = row.get("source")  # "sample" or None (= this batch)
        proposed[ROW] = row.get(ROW)
        proposals.append((before, proposed))
    if name == "actors":
        place_actors(proposals, plan, choices, headers)
    compared = _value_columns(name)
    for before, proposed in proposals:
        if before is None:
            change.new.append(proposed)
        elif all(same_value(before.get(c), proposed.get(c)) for c in compared):
            change.unchanged += 1
        else:
            change.changed.append((before, proposed))
    removable = file.removable
    if file.mode == REPLACE or removable is not None:
        for key, row in stored.items():
            if key in seen:
                continue
            if file.mode == REPLACE or (removable is not None and removable(row)):
                change.removed.append(row)
    return change
