"""References in the state after an import: every one that would point nowhere is a problem."""

from __future__ import annotations

from collections import defaultdict

from dashboard import schema
from dashboard.exchange.changes import Plan, key_of
from dashboard.exchange.columns import ROW
from dashboard.exchange.problems import ERROR, make
from dashboard.exchange.validate import Parsed


def _final(plan: Plan, stored: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Every table's rows as they would be once the plan is committed."""
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


def check_references(
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
    for name, parsed_table in parsed.tables.items():
        if name in ids:
            ids[name] |= parsed_table.rejected_ids
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
            row_number = topic.get(ROW) if topic.get(ROW) is not None else other.get(ROW)
            plan.problems.append(
                make(
                    "topics",
                    row_number,
                    headers.get(("topics", "name"), "name"),
                    topic["name"],
                    "topic_name_taken",
                    ERROR,
                )
            )
        names[folded] = topic
