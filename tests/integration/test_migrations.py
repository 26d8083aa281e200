"""Alembic migrations on SQLite and PostgreSQL: from an empty database to head, every step
down and up again, and the schema at head is the one the code declares."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from dashboard.db import layouts, migrate, tables

# SQLite cannot reflect the expression index on attendance (coalesce(session_id, '')), so the
# schema comparison skips it there, with a warning; PostgreSQL compares it.
pytestmark = [
    pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index"),
    pytest.mark.filterwarnings(
        "ignore:autogenerate skipping metadata-specified expression-based index"
    ),
]


def _revisions() -> list[str]:
    """Every revision from the first to head, in order."""
    script = ScriptDirectory.from_config(migrate.alembic_config(None))
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def _current(engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        return compare_metadata(context, tables.metadata)


def test_mig001_empty_database_to_head_down_and_up_again(engine):
    revisions = _revisions()
    assert _current(engine) is None
    migrate.upgrade(engine)
    assert _current(engine) == revisions[-1]
    assert set(tables.metadata.tables) <= set(inspect(engine).get_table_names())
    assert _differences(engine) == []

    for target in reversed(["base", *revisions[:-1]]):  # one step down at a time
        migrate.downgrade(engine, target)
        assert _current(engine) == (None if target == "base" else target)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

    for target in revisions:  # and one step up at a time
        migrate.upgrade(engine, target)
        assert _current(engine) == target
    assert _differences(engine) == []


def test_mig002_a_layouts_table_left_by_a_restored_backup_is_taken_as_it_is(engine):
    """A PostgreSQL backup made at 0006 restores its own tables only: the newer layouts table
    stays while the revision says 0006. Upgrading again must not fail, and until then the
    app reads the data without a stored layout."""
    migrate.upgrade(engine, "0006")
    with engine.connect() as connection:
        assert layouts.read_layout(connection, "any", "any") is None  # not migrated yet
    tables.network_layouts.create(engine)
    migrate.upgrade(engine)
    assert _current(engine) == _revisions()[-1] and _differences(engine) == []
