"""`python -m dashboard export PATH.graphml|PATH.kumu.xlsx` and `import-network`, run in-process."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from openpyxl import Workbook

from dashboard.cli import main

DATA_TABLES = (
    "actors",
    "actor_aliases",
    "events",
    "sessions",
    "topics",
    "session_topics",
    "attendance",
    "links",
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("network") / "seed.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", f"sqlite:///{db}")
        assert main(["init-db"]) == 0
    return db


@pytest.fixture
def db(seeded, tmp_path, monkeypatch) -> Path:
    target = tmp_path / "app.db"
    with sqlite3.connect(seeded) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{target}")
    return target


def _dump(db: Path) -> dict[str, list]:
    with sqlite3.connect(db) as connection:
        return {
            name: connection.execute(f"SELECT * FROM {name} ORDER BY 1, 2").fetchall()
            for name in (*DATA_TABLES, "import_batches")
        }


def _edge_list(path: Path) -> Path:
    workbook = Workbook()
    workbook.active.append(["Akteur A", "Akteur B", "Art"])
    workbook.active.append(["Pirmasens", "Quartiersnetz Neustadt e. V.", "Austausch"])
    workbook.active.append(["Quartiersnetz Neustadt e. V.", "Langenfeld (Rheinland)", None])
    workbook.save(path)
    return path


def test_clinet001_graphml_export_matches_the_store(db, tmp_path):
    assert main(["export", str(tmp_path / "netz.graphml")]) == 0
    graph = nx.read_graphml(tmp_path / "netz.graphml")
    with sqlite3.connect(db) as connection:
        actors = dict(connection.execute("SELECT id, name FROM actors").fetchall())
        links = connection.execute("SELECT source_id, target_id, kind FROM links").fetchall()
    assert {node: data["name"] for node, data in graph.nodes(data=True)} == actors
    assert sorted(
        (min(s, t), max(s, t), d["kind"]) for s, t, d in graph.edges(data=True)
    ) == sorted(links)


def test_clinet002_kumu_round_trip_matches_every_actor_and_changes_nothing(db, tmp_path, capsys):
    kumu = tmp_path / "netz.kumu.xlsx"
    assert main(["export", str(kumu)]) == 0
    before = _dump(db)
    report = tmp_path / "bericht.csv"
    assert main(["import-network", str(kumu), "--report", str(report)]) == 0
    assert "Die Datei enthält nichts Neues" in capsys.readouterr().out
    assert _dump(db) == before
    decisions = pd.read_csv(report, dtype=str, keep_default_na=False)
    assert list(decisions.columns) == ["row", "name", "decision", "actor_id", "score", "reason"]
    assert set(decisions["decision"]) == {"matched"}
    assert sorted(decisions["actor_id"]) == sorted(row[0] for row in before["actors"])


def test_clinet003_kumu_export_into_an_empty_database_gives_the_same_network(db, tmp_path):
    kumu = tmp_path / "netz.kumu.xlsx"
    assert main(["export", str(kumu)]) == 0
    source = _dump(db)
    empty = tmp_path / "leer.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", f"sqlite:///{empty}")
        assert main(["init-db", "--empty"]) == 0
        assert main(["import-network", str(kumu)]) == 0
    copy = _dump(empty)

    def network(dump):
        names = {row[0]: row[1] for row in dump["actors"]}
        actors = sorted(
            (row[1], row[2], row[4], row[6], row[7]) for row in dump["actors"]
        )  # name, type, state, lat, lon
        links = sorted(
            (*sorted((names[row[1]], names[row[2]])), row[3], row[4], row[5], row[6])
            for row in dump["links"]
        )
        return actors, links

    assert network(copy) == network(source)


def test_clinet004_edge_list_report_dry_run_and_undo(db, tmp_path, capsys):
    edges = _edge_list(tmp_path / "kanten.xlsx")
    before = _dump(db)
    report = tmp_path / "bericht.csv"
    assert main(["import-network", str(edges), "--dry-run", "--report", str(report)]) == 0
    assert _dump(db) == before
    decisions = pd.read_csv(report, dtype=str, keep_default_na=False)
    assert list(decisions.columns) == ["row", "name", "decision", "actor_id", "score", "reason"]
    rows = decisions.set_index("name")
    assert (
        rows.loc["Pirmasens", "decision"] == "matched"
        and rows.loc["Pirmasens", "actor_id"] == "pirmasens"
    )
    assert rows.loc["Quartiersnetz Neustadt e. V.", "decision"] == "new"
    assert (
        rows.loc["Quartiersnetz Neustadt e. V.", "actor_id"] == ""
        and rows.loc["Pirmasens", "row"] == "2"
    )
    capsys.readouterr()

    assert main(["import-network", str(edges)]) == 0
    out = capsys.readouterr().out
    assert "Akteure: 1 neu" in out and "Verbindungen: 2 neu" in out
    after = _dump(db)
    new = [row for row in after["actors"] if row[1] == "Quartiersnetz Neustadt e. V."]
    assert [(row[0], row[2]) for row in new] == [("quartiersnetz-neustadt-e-v", "organisation")]
    batch = after["import_batches"][-1][0]
    assert main(["undo", str(batch)]) == 0
    restored = _dump(db)
    assert {n: restored[n] for n in DATA_TABLES} == {n: before[n] for n in DATA_TABLES}


def test_clinet005_unreadable_files_exit_non_zero_and_change_nothing(db, tmp_path, capsys):
    before = _dump(db)
    broken = tmp_path / "kaputt.gexf"
    broken.write_text(
        '<gexf xmlns="http://www.gexf.net/1.2draft">\n<graph><nodes><node id="1" label="x">\n</gexf>'
    )
    assert main(["import-network", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "Zeile 3" in err and "kein wohlgeformtes XML" in err
    bomb = tmp_path / "bombe.graphml"
    bomb.write_text(
        '<!DOCTYPE g [<!ENTITY a "x">]><graphml><graph><node id="&a;"/></graph></graphml>'
    )
    assert main(["import-network", str(bomb)]) == 1
    assert "DTD" in capsys.readouterr().err
    bad = tmp_path / "kanten.csv"
    bad.write_text("Von,Nach,Typ\nPirmasens,Neu e. V.,Freundschaft\n", encoding="utf-8")
    assert main(["import-network", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Zeile 2" in err and "Spalte „Typ“" in err
    assert main(["import-network", str(tmp_path / "fehlt.graphml")]) == 2
    assert _dump(db) == before
