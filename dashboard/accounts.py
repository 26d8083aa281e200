"""Staff accounts, the login rate limit and the audit log: database functions, no Flask.

Passwords are stored only as werkzeug.security hashes (salted scrypt). Failed logins are
audit_log rows, so the rate limit holds across workers and restarts: after
`MAX_FAILURES` failed attempts for one user name from one address within `WINDOW`, further
attempts are refused without checking the password until the window has passed.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, insert, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard.db import tables

ROLES = tables.USER_ROLES
_RANK = {role: rank for rank, role in enumerate(ROLES)}
MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
# Checked when the user name is unknown, so that both cases take the same time.
_DUMMY_HASH = generate_password_hash("netzwerkatlas-dummy-password")

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGIN_BLOCKED = "login_blocked"
LOGOUT = "logout"
IMPORT = "import"
UNDO = "undo"
ACTOR_EDIT = "actor_edit"
ACTOR_MERGE = "actor_merge"
EXPORT = "export"
USER_CREATED = "user_created"


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        """True when this user's role is `role` or above (viewer < editor < admin)."""
        return _RANK[self.role] >= _RANK[role]


class AccountError(ValueError):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; every time stored here is UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)


def create_user(connection: Connection, name: str, password: str, role: str, *, replace: bool = False) -> User:
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise AccountError("auth.bad_name")
    if role not in ROLES:
        raise AccountError("auth.bad_role", roles=", ".join(ROLES))
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AccountError("auth.short_password", length=MIN_PASSWORD_LENGTH)
    existing = connection.execute(select(tables.users.c.id).where(tables.users.c.name == name)).scalar()
    hashed = generate_password_hash(password)
    if existing is not None:
        if not replace:
            raise AccountError("auth.exists", name=name)
        connection.execute(
            update(tables.users).where(tables.users.c.id == existing)
            .values(password_hash=hashed, role=role, disabled_at=None)
        )
        user_id = existing
    else:
        result = connection.execute(insert(tables.users).values(name=name, password_hash=hashed, role=role, created_at=_now()))
        user_id = int(result.inserted_primary_key[0])
    record(connection, None, USER_CREATED, {"name": name, "role": role, "replaced": existing is not None})
    return User(user_id, name, role)


def get_user(connection: Connection, user_id: int) -> User | None:
    row = connection.execute(
        select(tables.users.c.id, tables.users.c.name, tables.users.c.role)
        .where(tables.users.c.id == user_id, tables.users.c.disabled_at.is_(None))
    ).first()
    return User(row.id, row.name, row.role) if row else None


def recent_failures(connection: Connection, name: str, ip: str | None) -> tuple[int, dt.datetime | None]:
    """Failed logins for `name` from `ip` within the window, and the oldest of them."""
    since = _now() - WINDOW
    log = tables.audit_log
    count, oldest = connection.execute(
        select(func.count(), func.min(log.c.at)).where(
            log.c.action == LOGIN_FAILED, log.c.user_name == name, log.c.ip == ip, log.c.at >= since
        )
    ).one()
    return int(count), (_aware(oldest) if oldest is not None else None)


def authenticate(engine: Engine, name: str, password: str, ip: str | None) -> User:
    """The user for a correct name and password; AccountError otherwise.

    Every attempt is recorded in its own transaction, committed before a refusal is raised:
    the failed attempts are what the rate limit counts.
    """
    name = (name or "").strip()[:120]
    error: AccountError | None = None
    user: User | None = None
    with engine.begin() as connection:
        failures, oldest = recent_failures(connection, name, ip)
        if failures >= MAX_FAILURES:
            minutes = max(1, int(((oldest + WINDOW) - _now()).total_seconds() // 60) + 1) if oldest else 15
            record(connection, name, LOGIN_BLOCKED, {}, ip)
            error = AccountError("auth.rate_limited", minutes=minutes)
        else:
            row = connection.execute(
                select(tables.users).where(tables.users.c.name == name, tables.users.c.disabled_at.is_(None))
            ).first()
            if row is None:
                check_password_hash(_DUMMY_HASH, password or "")
            if row is None or not check_password_hash(row.password_hash, password or ""):
                record(connection, name, LOGIN_FAILED, {}, ip)
                error = AccountError("auth.wrong_login")
            else:
                record(connection, name, LOGIN, {"role": row.role}, ip)
                user = User(row.id, row.name, row.role)
    if error is not None:
        raise error
    return user


def record(connection: Connection, user_name: str | None, action: str, detail: dict | None = None, ip: str | None = None) -> None:
    """One audit_log row, written in the caller's transaction."""
    connection.execute(
        insert(tables.audit_log).values(
            at=_now(), user_name=user_name, action=action, ip=ip,
            detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str),
        )
    )


def audit_entries(connection: Connection, limit: int = 100) -> list[dict]:
    log = tables.audit_log
    rows = connection.execute(select(log).order_by(log.c.id.desc()).limit(limit)).mappings()
    return [dict(row) for row in rows]
