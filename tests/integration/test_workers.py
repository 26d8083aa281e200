"""Several app processes on one database: gunicorn with two workers and `python app.py`
beside it. An import committed by a third process (the CLI) is shown by every one of them at
its next request, because each process keys its cached snapshot by the data version it reads
from the database on every request (dashboard/store.py). Real processes, SQLite and
PostgreSQL (one schema shared by all)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from benchmarks import dash_protocol as dp
from dashboard.db.setup import prepare
from dashboard.sample.small import generate
from tests.integration.test_startup import _free_port, _stop, _wait_for_200

ROOT = Path(__file__).resolve().parents[2]
NEW_ACTOR = "mehrprozess-verein"
NEW_NAME = "Verein für Mehrprozessbetrieb"


def _serve(command: list[str], database_url: str, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "SECRET_KEY": "workers-test",
    }
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _post(base: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def _router(base: str) -> dp.Callback:
    with urllib.request.urlopen(base + "/_dash-dependencies", timeout=60) as response:
        return dp.router(dp.callbacks_from_dependencies(json.loads(response.read())))


def _actor_page(base: str, router: dp.Callback) -> str:
    """The actor page as the router renders it for /akteur/<id>: its component tree as text."""
    return json.dumps(
        _post(
            base, "/_dash-update-component", dp.route_payload(router, f"/akteur/{NEW_ACTOR}", "")
        ),
        ensure_ascii=False,
    )


def test_workers001_import_through_the_cli_is_seen_by_every_app_process(
    engine, database_url, tmp_path
):
    prepare(engine, generate)
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    ports = [_free_port(), _free_port()]
    servers = [
        _serve(
            [gunicorn, "--workers", "2", "--bind", f"127.0.0.1:{ports[0]}", "app:server"],
            database_url,
            ports[0],
        ),
        _serve([sys.executable, "app.py"], database_url, ports[1]),
    ]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, server in zip(bases, servers, strict=False):
            _wait_for_200(base + "/", server, timeout=180)
        routers = [_router(base) for base in bases]
        # Several requests per server, so both gunicorn workers have read and cached the data.
        for base, router in zip(bases, routers, strict=False):
            for _ in range(4):
                page = _actor_page(base, router)
                assert "profile-not-found" in page and NEW_NAME not in page

        file = tmp_path / "actors.csv"
        file.write_text(
            f"id,name,type,state,city\n{NEW_ACTOR},{NEW_NAME},verein,05,Bonn\n", encoding="utf-8"
        )
        env = {**os.environ, "DATABASE_URL": database_url}
        result = subprocess.run(
            [sys.executable, "-m", "dashboard", "import", str(file)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr

        # Each process answers from the previous version until it has read and derived
        # from the new one (a few seconds at most); then every request sees the new actor.
        for base, router in zip(bases, routers, strict=False):
            for _ in range(4):  # both gunicorn workers
                _wait_for_new_actor(base, router)
    finally:
        for server in servers:
            _stop(server)


def _wait_for_new_actor(base: str, router, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        page = _actor_page(base, router)
        if NEW_NAME in page:
            assert "profile-not-found" not in page
            return
        assert time.monotonic() < deadline, f"{base} never showed the imported actor"
        time.sleep(0.5)
