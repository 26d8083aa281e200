"""SQLAlchemy 2 table definitions; the Alembic migrations create exactly these."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

from dashboard import schema

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(64)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


def _source() -> Column:
    return Column("source", String(32), nullable=False)


actors = Table(
    "actors",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("type", String(20), nullable=False),
    Column("ags", String(8)),
    Column("state", String(2)),
    Column("city", String(120)),
    Column("lat", Float),
    Column("lon", Float),
    Column("website", String(300)),
    _source(),
    CheckConstraint(_one_of("type", schema.ACTOR_TYPES), name="type"),
    CheckConstraint("lat IS NULL OR (lat >= -90 AND lat <= 90)", name="lat"),
    CheckConstraint("lon IS NULL OR (lon >= -180 AND lon <= 180)", name="lon"),
    CheckConstraint("(lat IS NULL) = (lon IS NULL)", name="latlon_pair"),
    CheckConstraint("state IS NULL OR length(state) = 2", name="state"),
    CheckConstraint("ags IS NULL OR length(ags) = 8", name="ags"),
)

actor_aliases = Table(
    "actor_aliases",
    metadata,
    Column("alias", String(200), primary_key=True),
    Column("actor_id", ID, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    _source(),
    Index("ix_actor_aliases_actor_id", "actor_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", ID, primary_key=True),
    Column("year", Integer, nullable=False),
    Column("title", String(200), nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("city", String(120)),
    Column("venue", String(200)),
    _source(),
    CheckConstraint("year >= 1900 AND year <= 2200", name="year"),
    CheckConstraint(
        "start_date IS NULL OR end_date IS NULL OR end_date >= start_date", name="dates"
    ),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", ID, primary_key=True),
    Column("event_id", ID, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("title", String(300), nullable=False),
    _source(),
    CheckConstraint(_one_of("kind", schema.SESSION_KINDS), name="kind"),
    Index("ix_sessions_event_id", "event_id"),
)

topics = Table(
    "topics",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", String(120), nullable=False, unique=True),
)

session_topics = Table(
    "session_topics",
    metadata,
    Column("session_id", ID, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ID, ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True),
)

# attendance and links carry a surrogate key: their natural keys contain a nullable column
# (session_id) or need an order rule (source_id < target_id) that a primary key cannot say.
attendance = Table(
    "attendance",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", ID, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("actor_id", ID, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("session_id", ID, ForeignKey("sessions.id", ondelete="CASCADE")),
    Column("role", String(20), nullable=False),
    Column("headcount", Integer),
    _source(),
    CheckConstraint(_one_of("role", schema.ROLES), name="role"),
    CheckConstraint("headcount IS NULL OR headcount >= 0", name="headcount"),
    Index("ix_attendance_event_id", "event_id"),
    Index("ix_attendance_actor_id", "actor_id"),
)
Index(
    "uq_attendance_natural",
    attendance.c.event_id,
    attendance.c.actor_id,
    func.coalesce(attendance.c.session_id, ""),
    attendance.c.role,
    unique=True,
)

links = Table(
    "links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", ID, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("target_id", ID, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("since_year", Integer),
    Column("until_year", Integer),
    Column("weight", Float, nullable=False, server_default="1"),
    _source(),
    CheckConstraint(_one_of("kind", schema.LINK_KINDS), name="kind"),
    # Stored once: the smaller id first, which also rules out self-links.
    CheckConstraint("source_id < target_id", name="ordered"),
    CheckConstraint("weight > 0", name="weight"),
    CheckConstraint(
        "since_year IS NULL OR until_year IS NULL OR until_year >= since_year", name="years"
    ),
    UniqueConstraint("source_id", "target_id", "kind", name="uq_links_pair_kind"),
)

import_batches = Table(
    "import_batches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("user", String(120)),
    Column("file_name", String(300)),
    Column("summary", Text),
    Column("reverted_at", DateTime(timezone=True)),
)

# Uploaded district (kreis) or municipality (gemeinde) polygons for the region view on /karte.
# geometry holds the simplified WGS84 geometry as GeoJSON text.
BOUNDARY_LEVELS = ("kreis", "gemeinde")

boundaries = Table(
    "boundaries",
    metadata,
    Column("ags", String(8), primary_key=True),
    Column("level", String(20), nullable=False),
    Column("name", String(200)),
    Column("geometry", Text, nullable=False),
    _source(),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint(_one_of("level", BOUNDARY_LEVELS), name="level"),
)

# One row per (event, session or none, question, answer option): how many chose it. Never
# an answer of one person; what is shown of it passes `analysis.evaluation.shown` first.
evaluation_results = Table(
    "evaluation_results",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", ID, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("session_id", ID, ForeignKey("sessions.id", ondelete="CASCADE")),
    Column("question_key", String(120), nullable=False),
    Column("question", String(300), nullable=False),
    Column("scale", String(20), nullable=False),
    Column("option", String(20), nullable=False),
    Column("count", Integer, nullable=False),
    _source(),
    CheckConstraint(_one_of("scale", schema.EVALUATION_SCALES), name="scale"),
    CheckConstraint("count >= 0", name="count"),
    Index("ix_evaluation_results_event_id", "event_id"),
)
Index(
    "uq_evaluation_results_natural",
    evaluation_results.c.event_id,
    func.coalesce(evaluation_results.c.session_id, ""),
    evaluation_results.c.question_key,
    evaluation_results.c.option,
    unique=True,
)

DATA_TABLES = {
    t.name: t
    for t in (
        actors,
        actor_aliases,
        events,
        sessions,
        topics,
        session_topics,
        attendance,
        links,
        evaluation_results,
    )
}

# --- accounts and history (migration 0003) ------------------------------------------------
USER_ROLES = ("viewer", "editor", "admin")

# Staff accounts. Only a password hash is stored (werkzeug.security, salted scrypt).
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("password_hash", String(300), nullable=False),
    Column("role", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("disabled_at", DateTime(timezone=True)),
    # Raised by logout, a password change and disabling (migration 0006): a session cookie
    # carries the version it was made with and is void once the stored one moved on.
    Column("session_version", Integer, nullable=False, server_default="0"),
    CheckConstraint(_one_of("role", USER_ROLES), name="role"),
)

# Who did what when: logins (also failed ones, which the login rate limit counts), imports,
# undos, exports. detail is JSON text.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("user_name", String(120)),
    Column("action", String(40), nullable=False),
    Column("ip", String(64)),
    Column("detail", Text),
    Index("ix_audit_log_action_user_at", "action", "user_name", "at"),
)

# What each import batch changed, so that undo can restore the exact previous state:
# one row per inserted, updated or deleted data row. row_key is the JSON of the row's key,
# before the JSON of the whole stored row (with the surrogate id) for updates and deletes.
import_changes = Table(
    "import_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "batch_id", Integer, ForeignKey("import_batches.id", ondelete="CASCADE"), nullable=False
    ),
    Column("table_name", String(32), nullable=False),
    Column("action", String(8), nullable=False),
    Column("row_key", Text, nullable=False),
    Column("before", Text),
    CheckConstraint("action IN ('insert', 'update', 'delete')", name="action"),
    Index("ix_import_changes_batch_id", "batch_id"),
)

# --- presentation decks (migration 0004) --------------------------------------------------
# A saved deck: its name (unique, so "save" under a known name updates it) and its slides
# as JSON text ({"name": ..., "slides": [{"href", "chart", "title"}, ...]}, see deck.py).
decks = Table(
    "decks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("slides", Text, nullable=False),
    Column("user_name", String(120)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# --- registration lists (migration 0005) ---------------------------------------------------
# The column mapping a user confirmed for a list, keyed by its folded header set, so that
# next year's list with the same headers maps itself. mapping is JSON text.
list_mappings = Table(
    "list_mappings",
    metadata,
    Column("header_key", String(64), primary_key=True),
    Column("mapping", Text, nullable=False),
    Column("user_name", String(120)),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# --- login limits (migration 0006) ---------------------------------------------------------
# Password checks counted per window: scope "name" per (address, user name), scope
# "address" per address over all names (user_name ""). A check is counted before it runs,
# in one upsert, so parallel attempts cannot all see "fewer than the limit".
login_attempts = Table(
    "login_attempts",
    metadata,
    Column("scope", String(8), primary_key=True),
    Column("ip", String(64), primary_key=True),
    Column("user_name", String(120), primary_key=True),
    Column("window_start", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False),
)

# --- derived ahead (migration 0007) --------------------------------------------------------
# The network layout of one data version, computed by the process that changed the data
# (the command line) so that a freshly started app need not compute it before its first
# /netzwerk. `code_version` is the app's code fingerprint: another release lays out anew.
# Only the newest version is kept; no foreign key, since it is a cache of the tables.
network_layouts = Table(
    "network_layouts",
    metadata,
    Column("data_version", String(120), primary_key=True),
    Column("actor_id", ID, primary_key=True),
    Column("code_version", String(16), nullable=False),
    Column("x", Float, nullable=False),
    Column("y", Float, nullable=False),
)
