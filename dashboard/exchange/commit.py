"""Applying a plan in one transaction and one import batch, and undoing a batch.

`commit` takes the writers' lock, reads the current tables, plans again inside the lock (so
what is written is exactly what was checked) and either writes everything or nothing. Every
written row is recorded in import_changes with its previous state, and `undo` uses that to
restore the state before the batch exactly, surrogate ids included. Only the newest batch
that is not yet undone can be undone, so nothing written later depends on what is reverted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, and_, bindparam, delete, func, insert, select, update

from dashboard import schema
from dashboard.db import accounts, repository, tables
from dashboard.db.engine import snapshot_connection
from dashboard.exchange.changes import Plan, TableChange, records
from dashboard.exchange.columns import KEYS, ROW
from dashboard.exchange.plan import MERGE, SURROGATE, build_plan
from dashboard.exchange.validate import Parsed

UNDOABLE = "undoable"


class ImportRejected(Exception):
    """The plan has errors; nothing was written."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(f"{len(plan.errors)} errors")
        self.plan = plan


class StalePreview(Exception):
    """The data changed between preview and commit; the preview must be made again."""


class UndoRefused(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class CommitResult:
    batch_id: int | None  # None for a dry run or a file that changes nothing
    plan: Plan


def current_tables(connection: Connection) -> dict[str, pd.DataFrame]:
    return {
        name: repository.read_table(connection, name, with_ids=True)
        for name in schema.STORED_TABLES
    }


def preview(
    engine: Engine, parsed: Parsed, mode: str = MERGE, choices: dict[str, str] | None = None
) -> Plan:
    """The plan against the data as it is now (read in one transaction)."""
    with snapshot_connection(engine) as connection:
        version = repository.data_version(connection)
        current = current_tables(connection)
    return build_plan(parsed, current, mode, choices, base_version=version)


def commit(
    engine: Engine,
    parsed: Parsed,
    *,
    user: str | None,
    mode: str = MERGE,
    choices: dict[str, str] | None = None,
    expected_version: str | None = None,
    dry_run: bool = False,
    ip: str | None = None,
) -> CommitResult:
    """Plan and write in one transaction. Raises ImportRejected (errors in the file) or
    StalePreview (`expected_version` given and the data moved since); nothing is written then."""

    def build(current: dict[str, pd.DataFrame], version: str) -> Plan:
        return build_plan(parsed, current, mode, choices, base_version=version)

    return commit_plan(
        engine,
        build,
        user=user,
        action=accounts.IMPORT,
        expected_version=expected_version,
        dry_run=dry_run,
        ip=ip,
    )


def commit_plan(
    engine: Engine,
    build: Callable[[dict[str, pd.DataFrame], str], Plan],
    *,
    user: str | None,
    action: str,
    expected_version: str | None = None,
    dry_run: bool = False,
    ip: str | None = None,
) -> CommitResult:
    """Make the plan with `build(current tables, data version)` inside the writers' lock and
    write it as one undoable batch named after `plan.file_name`, with an audit entry
    `action`. Any change of the data goes through here, not only file imports."""
    with engine.connect() as connection, connection.begin() as transaction:
        repository.lock_for_writing(connection)
        version = repository.data_version(connection)
        if expected_version is not None and version != expected_version:
            raise StalePreview(version)
        current = current_tables(connection)
        plan = build(current, version)
        if not plan.ok:
            raise ImportRejected(plan)
        if dry_run or not plan.has_changes:
            # Nothing to write: no batch either, so the data version (and every cache
            # keyed by it) stays as it is.
            transaction.rollback()
            return CommitResult(None, plan)
        batch_id = repository.start_batch(connection, user, plan.file_name)
        _remove_results_of_removed(plan, current)
        apply(connection, plan, batch_id)
        summary = {**plan.summary(), UNDOABLE: True}
        repository.finish_batch(connection, batch_id, summary)
        accounts.record(
            connection, user, action, {"batch": batch_id, "file": plan.file_name, **summary}, ip
        )
    return CommitResult(batch_id, plan)


def _remove_results_of_removed(plan: Plan, current: dict[str, pd.DataFrame]) -> None:
    """Evaluation results of events and sessions the plan removes go as recorded removals,
    not by the database's cascade, so that undo brings them back with their event."""
    gone_events = {row["id"] for row in _removed(plan, "events")}
    gone_sessions = {row["id"] for row in _removed(plan, "sessions")}
    if not gone_events and not gone_sessions:
        return
    stored = current["evaluation_results"]
    hit = stored["event_id"].isin(gone_events) | stored["session_id"].isin(gone_sessions)
    if not hit.any():
        return
    change = plan.changes.setdefault("evaluation_results", TableChange("evaluation_results", MERGE))
    known = {row["id"] for row in change.removed}
    change.removed += [row for row in records(stored[hit]) if row["id"] not in known]


def _removed(plan: Plan, name: str) -> list[dict]:
    change = plan.changes.get(name)
    return change.removed if change is not None else []


# --- writing -------------------------------------------------------------------------------


def _jsonable(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _dump(record: dict) -> str:
    return json.dumps(
        {k: _jsonable(v) for k, v in record.items() if k != ROW}, ensure_ascii=False, sort_keys=True
    )


def _stored_columns(name: str) -> list[str]:
    columns = list(schema.TABLE_COLUMNS[name])
    return ["id", *columns] if name in SURROGATE else columns


def _row_values(name: str, record: dict, source: str) -> dict:
    row = {column: record.get(column) for column in schema.TABLE_COLUMNS[name]}
    if "source" in row:
        row["source"] = record.get("source") or source
    return row


def _key_clause(name: str):
    """WHERE clause matching one row by its key (bind parameters prefixed with k_)."""
    table = tables.DATA_TABLES[name]
    if name in SURROGATE:
        return table.c.id == bindparam("k_id")
    return and_(*[table.c[column] == bindparam(f"k_{column}") for column in KEYS[name]])


def _key_params(name: str, record: dict) -> dict:
    if name in SURROGATE:
        return {"k_id": record["id"]}
    return {f"k_{column}": record[column] for column in KEYS[name]}


# Tables with a unique column besides their key (topics.name). Only session_topics, whose
# columns are all key columns and whose rows are therefore never changed, refers to them:
# their removed rows can go first, cascading into nothing an import keeps, so that a new or
# renamed row may take a removed row's name. On undo they are reverted first for the same
# reason.
_UNIQUELY_NAMED = ("topics",)
_OTHERS = tuple(name for name in schema.STORED_TABLES if name not in _UNIQUELY_NAMED)


def apply(connection: Connection, plan: Plan, batch_id: int) -> None:
    """Write the plan's changes and record each in import_changes.

    Order: removed topics; then new and changed rows, parents first; then the other removed
    rows, children first. Removing those last matters: by then every kept row points to its
    new parent, so ON DELETE CASCADE reaches nothing this import keeps (a renamed event
    whose sessions moved along would otherwise take them, unrecorded, with it).
    """
    source = schema.batch_source(batch_id)
    log: list[dict] = []

    def note(name: str, action: str, key_record: dict, before: dict | None) -> None:
        key = {column: _jsonable(key_record.get(column)) for column in KEYS[name]}
        log.append(
            {
                "batch_id": batch_id,
                "table_name": name,
                "action": action,
                "row_key": json.dumps(key, ensure_ascii=False, sort_keys=True),
                "before": None
                if before is None
                else _dump({c: before.get(c) for c in _stored_columns(name)}),
            }
        )

    def remove(name: str) -> None:
        change = plan.changes.get(name)
        if change is None or not change.removed:
            return
        table = tables.DATA_TABLES[name]
        connection.execute(
            delete(table).where(_key_clause(name)),
            [_key_params(name, row) for row in change.removed],
        )
        for row in change.removed:
            note(name, "delete", row, row)

    for name in _UNIQUELY_NAMED:
        remove(name)
    for name in schema.STORED_TABLES:
        change = plan.changes.get(name)
        if change is None:
            continue
        table = tables.DATA_TABLES[name]
        if change.changed:
            value_columns = [c for c in schema.TABLE_COLUMNS[name] if c not in KEYS[name]]
            statement = (
                update(table)
                .where(_key_clause(name))
                .values({c: bindparam(f"v_{c}") for c in value_columns})
            )
            params = []
            for before, after in change.changed:
                values = _row_values(name, after, source)
                params.append(
                    {**_key_params(name, before), **{f"v_{c}": values[c] for c in value_columns}}
                )
                note(name, "update", before, before)
            connection.execute(statement, params)
        if change.new:
            connection.execute(
                insert(table), [_row_values(name, row, source) for row in change.new]
            )
            for row in change.new:
                note(name, "insert", row, None)
    for name in reversed(_OTHERS):
        remove(name)
    if log:
        connection.execute(insert(tables.import_changes), log)


# --- undo ----------------------------------------------------------------------------------


def undoable_batch_id(connection: Connection) -> int | None:
    """The batch that undo would revert now: the newest one not yet reverted, if it was an
    import with recorded changes."""
    batches = tables.import_batches
    row = connection.execute(
        select(batches.c.id, batches.c.summary)
        .where(batches.c.reverted_at.is_(None))
        .order_by(batches.c.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    try:
        summary = json.loads(row.summary or "{}")
    except ValueError:
        return None
    return int(row.id) if summary.get(UNDOABLE) else None


def _parse_dates(name: str, record: dict) -> dict:
    if name == "events":
        for column in ("start_date", "end_date"):
            if record.get(column):
                record[column] = dt.date.fromisoformat(record[column])
    return record


def undo(
    engine: Engine, batch_id: int, *, user: str | None, ip: str | None = None
) -> dict[str, int]:
    """Revert batch `batch_id`; returns how many rows were restored per action."""
    with engine.begin() as connection:
        repository.lock_for_writing(connection)
        batch = connection.execute(
            select(tables.import_batches).where(tables.import_batches.c.id == batch_id)
        ).first()
        if batch is None:
            raise UndoRefused("ingest.undo_unknown", batch=batch_id)
        if batch.reverted_at is not None:
            raise UndoRefused("ingest.undo_already", batch=batch_id)
        if undoable_batch_id(connection) != batch_id:
            raise UndoRefused("ingest.undo_not_newest", batch=batch_id)
        changes = connection.execute(
            select(tables.import_changes)
            .where(tables.import_changes.c.batch_id == batch_id)
            .order_by(tables.import_changes.c.id)
        ).all()
        grouped: dict[tuple[str, str], list] = {}
        for change in changes:
            grouped.setdefault((change.table_name, change.action), []).append(change)
        counts = {"insert": 0, "update": 0, "delete": 0}
        # The mirror image of `apply`: topics first (the new ones go before old names come
        # back); then removed rows return and changed rows point to their old parents again
        # before the inserted rows go, so no cascade reaches a row that is restored.
        for name in _UNIQUELY_NAMED:
            counts["insert"] += _remove_inserted(
                connection, name, grouped.get((name, "insert"), [])
            )
            counts["update"] += _revert_updated(connection, name, grouped.get((name, "update"), []))
            counts["delete"] += _restore_deleted(
                connection, name, grouped.get((name, "delete"), [])
            )
        for name in _OTHERS:
            counts["delete"] += _restore_deleted(
                connection, name, grouped.get((name, "delete"), [])
            )
        for name in _OTHERS:
            counts["update"] += _revert_updated(connection, name, grouped.get((name, "update"), []))
        for name in reversed(_OTHERS):
            counts["insert"] += _remove_inserted(
                connection, name, grouped.get((name, "insert"), [])
            )
        connection.execute(
            update(tables.import_batches)
            .where(tables.import_batches.c.id == batch_id)
            .values(reverted_at=dt.datetime.now(dt.UTC))
        )
        accounts.record(connection, user, accounts.UNDO, {"batch": batch_id, **counts}, ip)
    return counts


def _restore_deleted(connection: Connection, name: str, changes: list) -> int:
    if changes:
        rows = [_parse_dates(name, json.loads(c.before)) for c in changes]
        connection.execute(insert(tables.DATA_TABLES[name]), rows)
    return len(changes)


def _revert_updated(connection: Connection, name: str, changes: list) -> int:
    if changes:
        befores = [_parse_dates(name, json.loads(c.before)) for c in changes]
        value_columns = [c for c in schema.TABLE_COLUMNS[name] if c not in KEYS[name]]
        statement = (
            update(tables.DATA_TABLES[name])
            .where(_key_clause(name))
            .values({c: bindparam(f"v_{c}") for c in value_columns})
        )
        connection.execute(
            statement,
            [
                {**_key_params(name, b), **{f"v_{c}": b.get(c) for c in value_columns}}
                for b in befores
            ],
        )
    return len(changes)


def _remove_inserted(connection: Connection, name: str, changes: list) -> int:
    if changes:
        _delete_by_natural_key(connection, name, [json.loads(c.row_key) for c in changes])
    return len(changes)


def _delete_by_natural_key(connection: Connection, name: str, keys: list[dict]) -> None:
    """Delete rows by their key; an empty key column (attendance's or a result's session)
    matches as "", as the tables' unique indexes compare it."""
    table = tables.DATA_TABLES[name]
    nullable = {column for column in KEYS[name] if table.c[column].nullable}
    clause = and_(
        *[
            (func.coalesce(table.c[column], "") if column in nullable else table.c[column])
            == bindparam(f"k_{column}")
            for column in KEYS[name]
        ]
    )
    params = [
        {f"k_{c}": (key[c] or "") if c in nullable else key[c] for c in KEYS[name]} for key in keys
    ]
    connection.execute(delete(table).where(clause), params)
