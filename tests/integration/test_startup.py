"""The first start creates and seeds the database; later starts reuse it. Real processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sqlalchemy import func, select

from dashboard.db import tables
from dashboard.db.engine import make_engine
from dashboard.db.setup import prepare
from dashboard.sample.small import generate

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_200(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"server exited with {process.returncode}: {process.stdout.read()}"
            )
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"no HTTP 200 from {url} within {timeout} s")


def _counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in {
                **tables.DATA_TABLES,
                "import_batches": tables.import_batches,
            }.items()
        }


def _counts_at(database_url: str) -> dict[str, int]:
    engine = make_engine(database_url)
    try:
        return _counts(engine)
    finally:
        engine.dispose()


def _serve(command: list[str], database_url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, "HOST": "127.0.0.1", "PORT": str(port)}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_start001_python_app_py_seeds_once_and_restarts_without_loss(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'instance' / 'netzwerkatlas.db'}"
    for _ in range(2):
        port = _free_port()
        process = _serve([sys.executable, "app.py"], database_url, port)
        try:
            _wait_for_200(f"http://127.0.0.1:{port}/", process)
            _wait_for_200(f"http://127.0.0.1:{port}/_dash-layout", process)
        finally:
            _stop(process)
        counts = _counts_at(database_url)
        assert counts["import_batches"] == 1
        assert counts["events"] == 12 and counts["actors"] > 60


def test_start002_two_gunicorn_workers_on_a_fresh_database_seed_it_once(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'shared.db'}"
    port = _free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = _serve(
        [gunicorn, "--workers", "2", "--bind", f"127.0.0.1:{port}", "app:server"],
        database_url,
        port,
    )
    try:
        _wait_for_200(f"http://127.0.0.1:{port}/", process)
        for _ in range(4):  # reach both workers
            _wait_for_200(f"http://127.0.0.1:{port}/_dash-layout", process)
    finally:
        _stop(process)
    assert _counts_at(database_url)["import_batches"] == 1


def test_start003_prepare_on_a_seeded_database_changes_nothing(engine):
    assert prepare(engine, generate) is True
    before = _counts(engine)
    assert prepare(engine, generate) is False
    assert _counts(engine) == before


def test_start004_prepare_without_seed_only_migrates(engine):
    assert prepare(engine, None) is False
    assert _counts(engine)["events"] == 0
