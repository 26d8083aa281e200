"""Writing an actor edit or a merge (`actor_changes`) as one undoable batch."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Engine

from dashboard.db import accounts, repository
from dashboard.db.engine import snapshot_connection
from dashboard.exchange.actor_changes import edit_plan, merge_plan
from dashboard.exchange.changes import Plan
from dashboard.exchange.commit import CommitResult, commit_plan, current_tables


def edit_actor(
    engine: Engine,
    actor_id: str,
    fields: Mapping[str, object],
    aliases: Sequence[object],
    *,
    user: str | None,
    lang: str = "de",
    ip: str | None = None,
) -> CommitResult:
    """Raises ImportRejected when a field is invalid; nothing is written then."""
    return commit_plan(
        engine,
        lambda current, version: edit_plan(current, actor_id, fields, aliases, lang, version),
        user=user,
        action=accounts.ACTOR_EDIT,
        ip=ip,
    )


def preview_merge(engine: Engine, keep_id: str, drop_id: str, lang: str = "de") -> Plan:
    """The merge as it would be written now (for the confirmation); its base_version lets
    `merge_actors` refuse when the data moved in between."""
    with snapshot_connection(engine) as connection:
        version = repository.data_version(connection)
        current = current_tables(connection)
    return merge_plan(current, keep_id, drop_id, lang, version)


def merge_actors(
    engine: Engine,
    keep_id: str,
    drop_id: str,
    *,
    user: str | None,
    lang: str = "de",
    expected_version: str | None = None,
    ip: str | None = None,
) -> CommitResult:
    """Raises ImportRejected (unknown actor, same actor) or StalePreview (`expected_version`
    given and the data moved since)."""
    return commit_plan(
        engine,
        lambda current, version: merge_plan(current, keep_id, drop_id, lang, version),
        user=user,
        action=accounts.ACTOR_MERGE,
        expected_version=expected_version,
        ip=ip,
    )
