"""Staff accounts, the login rate limit and the audit log: database functions, no Flask.

Passwords are stored only as werkzeug.security hashes (salted scrypt). The rate limit lives
in the database (table login_attempts), so it holds across workers, hosts and restarts:
within `WINDOW`, at most `MAX_FAILURES` passwords are checked for one user name from one
address, and at most `MAX_PER_ADDRESS` from one address over all names (spraying many
names). Each check is counted before it runs, by one upsert that reads and raises the
count at once: parallel attempts cannot all see "fewer than the limit", and an attempt that
fails later (even with an error) has been counted. A correct password clears its name's
count and gives back its address slot: the ceilings count failures only.

Every user row carries a session version; logging out, a new password and disabling raise
it, which ends every session of that user (dashboard/web/auth.py compares it on each request).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, case, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard.db import repository, tables

ROLES = tables.USER_ROLES
_RANK = {role: rank for rank, role in enumerate(ROLES)}
MAX_FAILURES = 5
MAX_PER_ADDRESS = 20
WINDOW = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
# Checked when the user name is unknown, so that both cases take the same time.
_DUMMY_HASH = generate_password_hash("netzwerkatlas-dummy-password")

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGIN_BLOCKED = "login_blocked"
LOGOUT = "logout"
PASSWORD_CHANGED = "password_changed"
USER_DISABLED = "user_disabled"
IMPORT = "import"
UNDO = "undo"
BOUNDARIES = "boundaries"
ACTOR_EDIT = "actor_edit"
ACTOR_MERGE = "actor_merge"
EXPORT = "export"
USER_CREATED = "user_created"


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    session_version: int = 0

    def can(self, role: str) -> bool:
        """True when this user's role is `role` or above (viewer < editor < admin)."""
        return _RANK[self.role] >= _RANK[role]


class AccountError(ValueError):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; every time stored here is UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def create_user(
    connection: Connection, name: str, password: str, role: str, *, replace: bool = False
) -> User:
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise AccountError("auth.bad_name")
    if role not in ROLES:
        raise AccountError("auth.bad_role", roles=", ".join(ROLES))
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AccountError("auth.short_password", length=MIN_PASSWORD_LENGTH)
    existing = connection.execute(
        select(tables.users.c.id).where(tables.users.c.name == name)
    ).scalar()
    hashed = generate_password_hash(password)
    if existing is not None:
        if not replace:
            raise AccountError("auth.exists", name=name)
        connection.execute(
            update(tables.users)
            .where(tables.users.c.id == existing)
            .values(
                password_hash=hashed,
                role=role,
                disabled_at=None,
                session_version=tables.users.c.session_version + 1,
            )
        )
        user_id = existing
    else:
        result = connection.execute(
            insert(tables.users).values(
                name=name, password_hash=hashed, role=role, created_at=_now()
            )
        )
        user_id = repository.inserted_id(result)
    record(
        connection,
        None,
        USER_CREATED,
        {"name": name, "role": role, "replaced": existing is not None},
    )
    return User(user_id, name, role)


def get_user(connection: Connection, user_id: int) -> User | None:
    users = tables.users
    row = connection.execute(
        select(users.c.id, users.c.name, users.c.role, users.c.session_version).where(
            users.c.id == user_id, users.c.disabled_at.is_(None)
        )
    ).first()
    return User(row.id, row.name, row.role, row.session_version) if row else None


def _user_id(connection: Connection, name: str) -> int:
    found = connection.execute(
        select(tables.users.c.id).where(tables.users.c.name == (name or "").strip())
    ).scalar()
    if found is None:
        raise AccountError("auth.unknown_user", name=name)
    return found


def end_sessions(connection: Connection, user_id: int) -> None:
    """Every session of this user ends at its next request."""
    users = tables.users
    connection.execute(
        update(users)
        .where(users.c.id == user_id)
        .values(session_version=users.c.session_version + 1)
    )


def set_password(connection: Connection, name: str, password: str) -> None:
    """A new password; every session of the user ends (whoever knew the old one is out)."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AccountError("auth.short_password", length=MIN_PASSWORD_LENGTH)
    user_id = _user_id(connection, name)
    connection.execute(
        update(tables.users)
        .where(tables.users.c.id == user_id)
        .values(password_hash=generate_password_hash(password))
    )
    end_sessions(connection, user_id)
    record(connection, None, PASSWORD_CHANGED, {"name": name})


def disable_user(connection: Connection, name: str) -> None:
    """The account can no longer log in, and its open sessions end now."""
    user_id = _user_id(connection, name)
    connection.execute(
        update(tables.users).where(tables.users.c.id == user_id).values(disabled_at=_now())
    )
    end_sessions(connection, user_id)
    record(connection, None, USER_DISABLED, {"name": name})


# --- the login rate limit -----------------------------------------------------------------

NAME_SCOPE = "name"
ADDRESS_SCOPE = "address"


def _upsert(connection: Connection):
    return (postgresql if connection.dialect.name == "postgresql" else sqlite).insert


def _count_check(
    connection: Connection, scope: str, ip: str, name: str, limit: int, now: dt.datetime
) -> dt.datetime | None:
    """Count one password check against `limit`; None if it may run, else when the window ends.

    One statement reads and raises the count, so it is atomic on PostgreSQL (the row is
    locked by the upsert) and on SQLite (a write takes the database's write lock before it
    reads, waiting out busy_timeout instead of failing with "database is locked"). A refused
    check leaves the count at limit + 1, so refusals neither pile up nor extend the window.
    """
    attempts = tables.login_attempts
    expired = attempts.c.window_start < now - WINDOW
    statement = _upsert(connection)(attempts).values(
        scope=scope, ip=ip, user_name=name, window_start=now, attempts=1
    )
    statement = statement.on_conflict_do_update(
        index_elements=[attempts.c.scope, attempts.c.ip, attempts.c.user_name],
        set_={
            "attempts": case(
                (expired, 1),
                (attempts.c.attempts > limit, attempts.c.attempts),
                else_=attempts.c.attempts + 1,
            ),
            "window_start": case((expired, now), else_=attempts.c.window_start),
        },
    ).returning(attempts.c.attempts, attempts.c.window_start)
    count, start = connection.execute(statement).one()
    return _aware(start) + WINDOW if count > limit else None


def _reserve_check(engine: Engine, name: str, ip: str) -> dt.datetime | None:
    """Count a password check for `name` from `ip`; None if it may run, else when the
    lockout ends (and the refusal is in the audit log)."""
    now = _now()
    with engine.begin() as connection:
        # The name first: an attempt refused for its name does not use up the address's slots.
        until = _count_check(connection, NAME_SCOPE, ip, name, MAX_FAILURES, now)
        if until is None:
            until = _count_check(connection, ADDRESS_SCOPE, ip, "", MAX_PER_ADDRESS, now)
        if until is not None:
            record(connection, name, LOGIN_BLOCKED, {}, ip)
    return until


def _forget_failures(connection: Connection, name: str, ip: str) -> None:
    """After a correct password: the name starts afresh and the address gets its slot back."""
    attempts = tables.login_attempts
    connection.execute(
        delete(attempts).where(
            attempts.c.scope == NAME_SCOPE, attempts.c.ip == ip, attempts.c.user_name == name
        )
    )
    connection.execute(
        update(attempts)
        .where(
            attempts.c.scope == ADDRESS_SCOPE,
            attempts.c.ip == ip,
            attempts.c.user_name == "",
            attempts.c.attempts > 0,
        )
        .values(attempts=attempts.c.attempts - 1)
    )


def _minutes_until(moment: dt.datetime) -> int:
    return max(1, int((moment - _now()).total_seconds() // 60) + 1)


def _check_password(engine: Engine, name: str, password: str):
    """The enabled user's row if the password is right, else None; as slow for an unknown name."""
    with engine.connect() as connection:
        row = connection.execute(
            select(tables.users).where(
                tables.users.c.name == name, tables.users.c.disabled_at.is_(None)
            )
        ).first()
    if row is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    return row if check_password_hash(row.password_hash, password or "") else None


def authenticate(engine: Engine, name: str, password: str, ip: str | None) -> User:
    """The user for a correct name and password; AccountError otherwise.

    The check is counted (and refused over a limit) before the password is looked at; the
    outcome goes to the audit log afterwards. Both transactions write before they read, so
    parallel attempts wait for each other instead of failing.
    """
    name = (name or "").strip()[:120]
    ip = (ip or "")[:64]
    until = _reserve_check(engine, name, ip)
    if until is not None:
        raise AccountError("auth.rate_limited", minutes=_minutes_until(until), until=until)
    row = _check_password(engine, name, password)
    with engine.begin() as connection:
        if row is None:
            record(connection, name, LOGIN_FAILED, {}, ip)
        else:
            record(connection, name, LOGIN, {"role": row.role}, ip)
            _forget_failures(connection, name, ip)
    if row is None:
        raise AccountError("auth.wrong_login")
    return User(row.id, row.name, row.role, row.session_version)


def record(
    connection: Connection,
    user_name: str | None,
    action: str,
    detail: dict | None = None,
    ip: str | None = None,
) -> None:
    """One audit_log row, written in the caller's transaction."""
    connection.execute(
        insert(tables.audit_log).values(
            at=_now(),
            user_name=user_name,
            action=action,
            ip=ip or None,
            detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str),
        )
    )


def audit_entries(connection: Connection, limit: int = 100) -> list[dict]:
    log = tables.audit_log
    rows = connection.execute(select(log).order_by(log.c.id.desc()).limit(limit)).mappings()
    return [dict(row) for row in rows]
