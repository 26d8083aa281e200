"""Which optional services (PostgreSQL, Redis) this machine offers the tests.

`python -m tests.services` prints it before the suite runs, so a skipped PostgreSQL test is
never mistaken for a passed one.
"""

from __future__ import annotations

import os
import socket
from functools import cache
from urllib.parse import urlparse

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


def postgres_url() -> str:
    return os.environ.get("TEST_DATABASE_URL") or DEFAULT_POSTGRES_URL


def redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL") or DEFAULT_REDIS_URL


@cache
def postgres_problem() -> str | None:
    """None when PostgreSQL answers at postgres_url(), else why it cannot be used."""
    from sqlalchemy import text

    from dashboard.config import normalise_database_url
    from dashboard.db.engine import make_engine

    url = postgres_url()
    host = urlparse(url).hostname or "localhost"
    port = urlparse(url).port or 5432
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError as error:
        return f"PostgreSQL not reachable at {host}:{port} ({error}); set TEST_DATABASE_URL"
    engine = make_engine(normalise_database_url(url))
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any driver or auth failure means: not usable here
        return f"PostgreSQL at {host}:{port} refused the test login ({type(error).__name__}); set TEST_DATABASE_URL"
    finally:
        engine.dispose()
    return None


@cache
def redis_problem() -> str | None:
    parsed = urlparse(redis_url())
    host, port = parsed.hostname or "localhost", parsed.port or 6379
    try:
        with socket.create_connection((host, port), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            if not sock.recv(16).startswith(b"+PONG"):
                return f"Redis at {host}:{port} did not answer PING; set TEST_REDIS_URL"
    except OSError as error:
        return f"Redis not reachable at {host}:{port} ({error}); set TEST_REDIS_URL"
    return None


def main() -> None:
    for name, problem in (("PostgreSQL", postgres_problem()), ("Redis", redis_problem())):
        if problem:
            print(f"NOTE: {problem}. Tests that need {name} will be SKIPPED, not run.")
        else:
            print(f"{name}: available, its tests will run.")


if __name__ == "__main__":
    main()
