"""Which views a published site shows: the default set and a views file."""

from __future__ import annotations

import json

import pytest

from dashboard.i18n import t
from dashboard.publish.choice import PublishedView, ViewsFileError, default_views, read_views
from dashboard.sample.small import generate
from dashboard.store import Snapshot


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return Snapshot(version="sample", tables=generate())


def test_pub001_default_views_are_overview_map_network_and_the_latest_events_attendance(snapshot):
    events = snapshot.tables["events"]
    newest_year = events["year"].max()
    views = default_views(snapshot)
    assert [view.page for view in views] == ["/", "/karte", "/netzwerk", "/teilnahme"]
    event_id = views[-1].search.removeprefix("veranstaltung=")
    assert events.loc[events["id"] == event_id, "year"].item() == newest_year


def test_pub002_default_views_leave_out_the_event_page_without_events(snapshot):
    empty = Snapshot(
        version="empty",
        tables={**snapshot.tables, "events": snapshot.tables["events"].iloc[0:0]},
    )
    assert [view.page for view in default_views(empty)] == ["/", "/karte", "/netzwerk"]


def test_pub003_a_views_file_takes_copied_addresses_and_objects(tmp_path):
    path = tmp_path / "views.json"
    path.write_text(
        json.dumps(
            [
                "http://127.0.0.1:8050/karte?von=2019&typ=kommune",
                {"address": "/themen", "charts": ["trends"], "title": "Themen im Wandel"},
            ]
        ),
        encoding="utf-8",
    )
    first, second = read_views(path)
    assert first == PublishedView("/karte", "von=2019&typ=kommune", ("map",))
    assert second == PublishedView("/themen", "", ("trends",), "Themen im Wandel")


@pytest.mark.parametrize(
    ("entries", "key", "named"),
    [
        (["/daten"], "publish.views.bad_page", ["1", "/daten"]),
        (
            ["/", {"address": "/karte", "charts": ["torte"]}],
            "publish.views.bad_chart",
            ["2", "torte"],
        ),
        ([{"address": "/karte", "farbe": "rot"}], "publish.views.unknown_key", ["1", "farbe"]),
        ([{"address": 7}], "publish.views.bad_value", ["1", "address", "7"]),
        ([], "publish.views.not_list", []),
    ],
)
def test_pub004_a_bad_views_file_is_refused_naming_entry_key_and_value(
    tmp_path, entries, key, named
):
    path = tmp_path / "views.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    with pytest.raises(ViewsFileError) as refused:
        read_views(path)
    assert refused.value.key == key
    message = t(refused.value.key, "de", **refused.value.params)
    assert all(part in message for part in named), message


def test_pub005_a_views_file_that_is_not_json_names_its_line(tmp_path):
    path = tmp_path / "views.json"
    path.write_text('[\n"/karte",\n{oops}\n]', encoding="utf-8")
    with pytest.raises(ViewsFileError) as refused:
        read_views(path)
    assert refused.value.key == "publish.views.not_json"
    assert refused.value.params["line"] == 3
