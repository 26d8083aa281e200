"""A chart card filled from a view downloads the view's table and shows the view's figure."""

from __future__ import annotations

from dashboard.components.chart_card import frame_from_data
from dashboard.components.view_card import view_card_values
from dashboard.exchange.export import frame_to_csv_bytes
from dashboard.i18n import t
from dashboard.state.attendance import AttendanceState
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from dashboard.views import attendance, retention
from tests.unit.analysis.frames import tiny_tables


def _snapshot() -> Snapshot:
    return Snapshot(version="test", tables=tiny_tables())


def test_the_csv_download_is_the_views_table():
    result = attendance.top(_snapshot(), Filters(), AttendanceState())
    figure, data = view_card_values(result, "de", "teilnahme-top-akteure")
    assert figure is result.figure
    assert data["table"]["caption"] == result.title
    assert len(data["table"]["rows"]) == len(result.table)
    assert data["filename"] == "teilnahme-top-akteure"
    assert data["sheet"] == result.title == t("attendance.top.title", "de")
    downloaded = frame_to_csv_bytes(frame_from_data(data)).decode("utf-8-sig").splitlines()
    assert downloaded == frame_to_csv_bytes(result.table).decode("utf-8-sig").splitlines()
    # portal's headcount is unknown: an empty cell, not 0 (one row per actor, four actors).
    assert len(downloaded) == 5
    portal = next(line for line in downloaded if ";Portal;" in line)
    assert portal.split(";")[5] == ""


def test_the_cohort_download_keeps_empty_cells_before_a_cohort_began():
    result = retention.cohorts(_snapshot(), Filters())
    _figure, data = view_card_values(result, "de", "wiederkehr-kohorten", missing="–")
    assert data["table"]["rows"][1][1] == "–"  # the table shows the gap as not applicable
    lines = frame_to_csv_bytes(frame_from_data(data)).decode("utf-8-sig").splitlines()
    assert lines[0] == t("attendance.col.cohort", "de") + ";2016;2017;2018"
    assert lines[2].startswith("2017;;")
