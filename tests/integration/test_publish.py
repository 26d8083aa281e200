"""`python -m dashboard publish` and the admins' zip on /daten, on a database that also holds
what only staff may see: accounts, import batches with file names, list spellings, a survey
result below MIN_RESPONSES. None of it may reach the published files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from dashboard import cli, create_app
from dashboard.config import Settings
from dashboard.db import accounts, repository, tables
from dashboard.db.engine import make_engine
from dashboard.publish.site import MANIFEST
from dashboard.web import auth
from dashboard.web.publish_route import PUBLISH_ZIP

PASSWORD = "ein sehr langes Passwort"
STAFF_USER = "ada.geheim"
LIST_FILE = "anmeldeliste-geheimhausen.xlsx"
ALIAS = "Stadtverwaltung Geheimhausen"
QUESTION = "Wie zufrieden waren Sie mit dem Geheimtreffen?"
# The columns of the staff-only tables (accounts, audit log, import history, list
# spellings) and the tables themselves: no published file may name them.
STAFF_FIELDS = (
    "password_hash",
    "session_version",
    "disabled_at",
    "user_name",
    "file_name",
    "reverted_at",
    "row_key",
    "import_batches",
    "import_changes",
    "audit_log",
    "actor_aliases",
    "evaluation_results",
    "question_key",
)


@pytest.fixture
def staff_database(seeded_sqlite) -> str:
    engine = make_engine(seeded_sqlite)
    with engine.begin() as connection:
        accounts.create_user(connection, STAFF_USER, PASSWORD, "admin")
        accounts.create_user(connection, "anna", PASSWORD, "editor")
        batch = repository.start_batch(connection, STAFF_USER, LIST_FILE)
        repository.finish_batch(connection, batch, {"inserted": {}})
        actors = repository.read_table(connection, "actors")
        events = repository.read_table(connection, "events")
        connection.execute(
            insert(tables.actor_aliases).values(
                alias=ALIAS, actor_id=actors["id"].iloc[0], source=f"batch:{batch}"
            )
        )
        connection.execute(
            insert(tables.evaluation_results).values(
                event_id=events["id"].iloc[-1],
                session_id=None,
                question_key="geheim",
                question=QUESTION,
                scale="agree5",
                option="5",
                count=Settings().min_responses - 1,
                source=f"batch:{batch}",
            )
        )
    engine.dispose()
    return seeded_sqlite


def _text_files(files: dict[str, bytes]) -> dict[str, str]:
    return {path: data.decode() for path, data in files.items() if not path.endswith(".min.js")}


def _assert_nothing_staff_only(files: dict[str, bytes]) -> None:
    leaks = [
        (path, word)
        for path, text in _text_files(files).items()
        for word in (*STAFF_FIELDS, STAFF_USER, LIST_FILE, ALIAS, QUESTION)
        if word in text
    ]
    assert leaks == []


def _folder_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_pub020_publish_writes_the_site_without_anything_staff_only(
    staff_database, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("DATABASE_URL", staff_database)
    folder = tmp_path / "site"
    assert cli.main(["publish", str(folder)]) == 0
    files = _folder_files(folder)
    assert {"index.html", "karte.html", "netzwerk.html", "teilnahme.html", MANIFEST} <= set(files)
    assert all(path.startswith(("assets/", "figures/")) or "/" not in path for path in files)
    _assert_nothing_staff_only(files)
    assert str(folder) in capsys.readouterr().out


def test_pub021_a_bad_views_file_is_refused_and_nothing_is_written(
    staff_database, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("DATABASE_URL", staff_database)
    views = tmp_path / "ansichten.json"
    views.write_text('["/karte", {"address": "/daten"}]', encoding="utf-8")
    folder = tmp_path / "site"
    assert cli.main(["publish", str(folder), "--views", str(views)]) == 1
    assert "Ansicht 2" in capsys.readouterr().err
    assert not folder.exists()


def _client(app, user: str | None = None):
    client = app.server.test_client()
    if user:
        response = client.post(
            auth.login_action("/daten", "de"), data={"name": user, "password": PASSWORD}
        )
        assert response.status_code == 302 and "fehler" not in response.headers["Location"]
    return client


def test_pub022_the_zip_is_for_admins_only_and_recorded(staff_database):
    app = create_app(Settings(database_url=staff_database, secret_key="test-secret"))
    assert _client(app).get(PUBLISH_ZIP).status_code == 302  # to the login page
    assert _client(app, "anna").get(PUBLISH_ZIP).status_code == 403
    response = _client(app, STAFF_USER).get(f"{PUBLISH_ZIP}?lang=en")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    (top,) = {name.split("/")[0] for name in archive.namelist()}
    files = {name.removeprefix(f"{top}/"): archive.read(name) for name in archive.namelist()}
    assert '<html lang="en">' in files["index.html"].decode()
    _assert_nothing_staff_only(files)
    engine = make_engine(staff_database)
    with engine.connect() as connection:
        recorded = connection.execute(
            select(tables.audit_log.c.user_name).where(tables.audit_log.c.action == accounts.EXPORT)
        ).all()
    engine.dispose()
    assert recorded == [(STAFF_USER,)]
