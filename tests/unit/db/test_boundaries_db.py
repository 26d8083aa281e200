"""Storing uploaded boundaries: one transaction and one import batch, per level."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from dashboard.db import migrate, tables
from dashboard.db.boundaries import boundary_levels, load_boundaries, save_boundaries
from dashboard.geo.boundaries import Boundaries

SQUARE = (
    '{"type":"Polygon","coordinates":[[[6.7,51.1],[7.0,51.1],[7.0,51.35],[6.7,51.35],[6.7,51.1]]]}'
)


def _boundaries(level: str, codes: list[str]) -> Boundaries:
    frame = pd.DataFrame(
        {
            "ags": codes,
            "name": [f"Region {code}" for code in codes],
            "geometry": [SQUARE] * len(codes),
        }
    )
    return Boundaries(level=level, frame=frame)


@pytest.fixture
def db(engine):
    migrate.upgrade(engine)
    return engine


def _batches(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(
            select(func.count()).select_from(tables.import_batches)
        ).scalar_one()


def test_bdb001_save_and_load_with_a_batch_and_a_new_data_version(db):
    before, _ = load_boundaries(db)
    assert (
        save_boundaries(
            db, _boundaries("kreis", ["05111", "05112"]), user=None, file_name="kreise.geojson"
        )
        == 2
    )
    version, stored = load_boundaries(db)
    assert version != before
    assert stored[["ags", "level", "name"]].to_dict("records") == [
        {"ags": "05111", "level": "kreis", "name": "Region 05111"},
        {"ags": "05112", "level": "kreis", "name": "Region 05112"},
    ]
    assert _batches(db) == 1
    with db.connect() as connection:
        sources = set(connection.execute(select(tables.boundaries.c.source)).scalars())
    assert sources == {"batch:1"}
    assert boundary_levels(db) == ["kreis"]


def test_bdb002_a_new_upload_replaces_its_level_and_keeps_the_other(db):
    save_boundaries(db, _boundaries("kreis", ["05111", "05112"]), None, "a")
    save_boundaries(db, _boundaries("gemeinde", ["05111000"]), None, "b")
    save_boundaries(db, _boundaries("kreis", ["05113"]), None, "c")
    _version, stored = load_boundaries(db)
    assert stored[["ags", "level"]].to_dict("records") == [
        {"ags": "05111000", "level": "gemeinde"},
        {"ags": "05113", "level": "kreis"},
    ]
    assert boundary_levels(db) == ["kreis", "gemeinde"]


def test_bdb003_a_failing_write_changes_nothing(db):
    save_boundaries(db, _boundaries("kreis", ["05111"]), None, "first")
    version_before, before = load_boundaries(db)
    with pytest.raises(IntegrityError):
        save_boundaries(db, _boundaries("kreis", ["05112", "05112"]), None, "duplicate keys")
    version_after, after = load_boundaries(db)
    assert version_after == version_before
    pd.testing.assert_frame_equal(after, before)
    assert _batches(db) == 1


def test_bdb004_loaded_frames_are_copies(db):
    save_boundaries(db, _boundaries("kreis", ["05111"]), None, "x")
    _version, first = load_boundaries(db)
    first.loc[0, "name"] = "verändert"
    assert load_boundaries(db)[1].loc[0, "name"] == "Region 05111"


def test_bdb005_migration_0002_round_trip(db):
    migrate.downgrade(db, "0001")
    with db.connect() as connection:
        assert not db.dialect.has_table(connection, "boundaries")
    migrate.upgrade(db)
    with db.connect() as connection:
        assert db.dialect.has_table(connection, "boundaries")
