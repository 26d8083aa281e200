"""Per-dialect connection settings of make_engine."""

from __future__ import annotations

import pytest

from dashboard.db.engine import make_engine


@pytest.mark.parametrize(("suffix", "milliseconds"), [("", 30000), ("?timeout=1.5", 1500)])
def test_eng001_sqlite_waits_for_a_writer_as_long_as_the_url_says(tmp_path, suffix, milliseconds):
    engine = make_engine(f"sqlite:///{tmp_path / 'busy.db'}{suffix}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == milliseconds
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert engine.url.query == {}
    engine.dispose()
