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

import math
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from dashboard import schema
from dashboard.exchange import geocode
from dashboard.exchange.problems import ERROR, INFO, WARNING, Problem, has_errors, make, sort_key
from dashboard.exchange.validate import KEYS, ROW, Parsed
from dashboard.i18n.folding import slug

MERGE = "merge"
REPLACE = "replace"
MODES = (MERGE, REPLACE)
# Tables with a surrogate integer id in the database (their key is the natural key above).
SURROGATE = ("attendance", "links")
_FLOAT_TOLERANCE = 1e-9
_PLACE_COLUMNS = ("city", "state", "ags")
# The only way to say "no place" for an ambiguous actor in `choices`.
NO_PLACE = "none"


@dataclass
class TableChange:
    table: str
    mode: str
    new: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict]] = field(default_factory=list)  # (stored, proposed)
    removed: list[dict] = field(default_factory=list)
    unchanged: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
            "removed": len(self.removed),
        }

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.changed or self.removed)


@dataclass(frozen=True)
class Ambiguity:
    row: int | None
    actor_id: str
    actor_name: str
    query: str
    candidates: tuple[geocode.Candidate, ...]


@dataclass
class Plan:
    file_name: str
    mode: str
    base_version: str | None
    changes: dict[str, TableChange] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    ambiguities: list[Ambiguity] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    @property
    def has_changes(self) -> bool:
        return any(change.has_changes for change in self.changes.values())

    def counts(self) -> dict[str, dict[str, int]]:
        return {name: change.counts() for name, change in self.changes.items()}

    def summary(self) -> dict:
        """What goes into import_batches.summary."""
        return {
            "mode": self.mode,
            "tables": self.counts(),
            "warnings": sum(1 for p in self.problems if p.severity == WARNING),
        }

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def _clean(value: object) -> object:
    """Stored and parsed values in one form: missing → None, numpy scalars → Python."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """A frame of stored or parsed rows as plain records (`_clean` values)."""
    return [{k: _clean(v) for k, v in record.items()} for record in frame.to_dict("records")]


def key_of(table: str, record: dict) -> tuple:
    return tuple("" if record.get(column) is None else record.get(column) for column in KEYS[table])


def same_value(a: object, b: object) -> bool:
    """Equal as stored values: None only equals None, floats within a rounding error."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        try:
            return abs(float(a) - float(b)) <= _FLOAT_TOLERANCE
        except (TypeError, ValueError):
            return False
    return a == b


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
    removable: object = None  # None: all stored rows (replace); else a predicate on a stored row


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
    _check_references(plan, stored, headers, parsed)
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
        _place_actors(proposals, plan, choices, headers)
    compared = _value_columns(name)
    for before, proposed in proposals:
        if before is None:
            change.new.append(proposed)
        elif all(same_value(before.get(c), proposed.get(c)) for c in compared):
            change.unchanged += 1
        else:
            change.changed.append((before, proposed))
    if file.mode == REPLACE or file.removable is not None:
        for key, row in stored.items():
            if key in seen:
                continue
            if file.mode == REPLACE or file.removable(row):
                change.removed.append(row)
    return change


def _place_actors(
    proposals: list[tuple[dict | None, dict]], plan: Plan, choices: dict[str, str], headers: dict
) -> None:
    lat_header = headers.get(("actors", "lat"), "lat")
    city_header = headers.get(("actors", "city"), "city")
    for before, actor in proposals:
        if actor.get("lat") is not None and actor.get("lon") is not None:
            continue
        if before is not None:
            moved = any(not same_value(before.get(c), actor.get(c)) for c in _PLACE_COLUMNS)
            if not moved:
                # Blank coordinates in the file keep the stored ones.
                actor["lat"], actor["lon"] = before.get("lat"), before.get("lon")
                continue
        actor["lat"] = actor["lon"] = None
        lookup = geocode.locate(
            actor.get("name"),
            actor.get("type"),
            actor.get("city"),
            actor.get("state"),
            actor.get("ags"),
        )
        row, actor_id = actor.get(ROW), actor["id"]
        if lookup.status == geocode.PLACED:
            _apply_place(actor, lookup.candidates[0])
            plan.problems.append(
                make(
                    "actors",
                    row,
                    lat_header,
                    actor.get("name"),
                    "geo_placed",
                    INFO,
                    place=lookup.candidates[0].short(),
                )
            )
        elif lookup.status == geocode.AMBIGUOUS:
            choice = choices.get(actor_id)
            chosen = next((c for c in lookup.candidates if c.geonameid == choice), None)
            if chosen is not None:
                _apply_place(actor, chosen)
                plan.problems.append(
                    make(
                        "actors",
                        row,
                        lat_header,
                        actor.get("name"),
                        "geo_chosen",
                        INFO,
                        place=chosen.short(),
                    )
                )
            else:
                plan.ambiguities.append(
                    Ambiguity(
                        row,
                        actor_id,
                        actor.get("name") or actor_id,
                        lookup.query,
                        lookup.candidates,
                    )
                )
                plan.problems.append(
                    make(
                        "actors",
                        row,
                        lat_header,
                        lookup.query,
                        "geo_ambiguous",
                        WARNING,
                        count=len(lookup.candidates),
                        places="; ".join(c.short() for c in lookup.candidates),
                    )
                )
        elif lookup.status == geocode.NOT_FOUND:
            plan.problems.append(
                make("actors", row, city_header, lookup.query, "geo_not_found", WARNING)
            )


def _apply_place(actor: dict, candidate: geocode.Candidate) -> None:
    actor["lat"], actor["lon"] = candidate.lat, candidate.lon
    if actor.get("state") is None:
        actor["state"] = candidate.state


# --- references in the state after the import ----------------------------------------


def _final(plan: Plan, stored: dict[str, list[dict]]) -> dict[str, list[dict]]:
    final = {}
    for name in schema.LOAD_ORDER:
        change = plan.changes.get(name)
        if change is None:
            final[name] = stored[name]
            continue
        removed = {key_of(name, row) for row in change.removed}
        replaced = {key_of(name, after): after for _, after in change.changed}
        rows = []
        for row in stored[name]:
            key = key_of(name, row)
            if key in removed:
                continue
            rows.append(replaced.get(key, row))
        final[name] = rows + change.new
    return final


_REFERENCES = (
    ("actor_aliases", "actor_id", "actors"),
    ("sessions", "event_id", "events"),
    ("session_topics", "session_id", "sessions"),
    ("session_topics", "topic_id", "topics"),
    ("attendance", "event_id", "events"),
    ("attendance", "actor_id", "actors"),
    ("attendance", "session_id", "sessions"),
    ("links", "source_id", "actors"),
    ("links", "target_id", "actors"),
)


def _check_references(
    plan: Plan, stored: dict[str, list[dict]], headers: dict, parsed: Parsed
) -> None:
    """Every reference that would point nowhere after the import. A row that the file has
    but that was left out for its own errors counts as present, and a table the file has
    but that could not be read is not checked against: their problems are reported already."""
    final = _final(plan, stored)
    ids = {
        name: {row["id"] for row in final[name]}
        for name in ("actors", "events", "sessions", "topics")
    }
    for name, table in parsed.tables.items():
        if name in ids:
            ids[name] |= table.rejected_ids
    session_event = {row["id"]: row["event_id"] for row in final["sessions"]}
    # (referenced table, key) → {referring table: count} for stored rows left dangling.
    dangling: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for table, column, target in _REFERENCES:
        if target in parsed.unreadable:
            continue
        for row in final[table]:
            value = row.get(column)
            if value is None or value in ids[target]:
                continue
            if row.get(ROW) is not None:
                plan.problems.append(
                    make(
                        table,
                        row.get(ROW),
                        headers.get((table, column), column),
                        value,
                        "unknown_reference",
                        ERROR,
                        target=target,
                    )
                )
            else:
                dangling[(target, value)][table] += 1
    for row in final["attendance"]:
        session = row.get("session_id")
        if (
            session is None
            or session not in session_event
            or session_event[session] == row.get("event_id")
        ):
            continue
        if row.get(ROW) is not None:
            plan.problems.append(
                make(
                    "attendance",
                    row[ROW],
                    headers.get(("attendance", "session_id"), "session_id"),
                    session,
                    "session_of_other_event",
                    ERROR,
                    event=session_event[session],
                )
            )
        else:
            dangling[("sessions", session)]["attendance"] += 1
    for (target, value), users in sorted(dangling.items()):
        for table, count in sorted(users.items()):
            plan.problems.append(
                make(target, None, "id", value, "still_referenced", ERROR, table=table, count=count)
            )
    names: dict[str, dict] = {}
    for topic in final["topics"]:
        folded = str(topic["name"]).casefold()
        other = names.get(folded)
        if other is not None and (topic.get(ROW) is not None or other.get(ROW) is not None):
            row = topic.get(ROW) if topic.get(ROW) is not None else other.get(ROW)
            plan.problems.append(
                make(
                    "topics",
                    row,
                    headers.get(("topics", "name"), "name"),
                    topic["name"],
                    "topic_name_taken",
                    ERROR,
                )
            )
        names[folded] = topic
