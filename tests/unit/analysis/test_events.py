"""The events as documents: rows of the list, the programme in the report's order, new
and returning actors, counts against the event before, links and topics of a year."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import events
from dashboard.analysis.retention import first_years
from dashboard.analysis.selection import select
from dashboard.sample.seed import documented
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import frame


def _tables() -> dict[str, pd.DataFrame]:
    """Two events; 2016 with bonn; 2017 with a workshop of 14 actors, a panel and a keynote
    listed out of order, one documented exhibitor among sample participants."""
    tables = {
        "events": frame(
            "events",
            [
                {"id": "e16", "year": 2016, "title": "Eins", "source": "sample"},
                {"id": "e17", "year": 2017, "title": "Zwei", "source": "documented"},
            ],
        ),
        "actors": frame(
            "actors",
            [{"id": "bonn", "name": "Bonn", "type": "kommune", "state": "05", "source": "sample"}]
            + [
                {
                    "id": f"a{i:02d}",
                    "name": f"Akteur {i:02d}",
                    "type": "initiative",
                    "state": "01",
                    "source": "sample",
                }
                for i in range(14)
            ]
            + [{"id": "stand", "name": "Stand", "type": "netzwerk", "source": "documented"}],
        ),
        "sessions": frame(
            "sessions",
            [
                {
                    "id": "s-panel",
                    "event_id": "e17",
                    "kind": "panel",
                    "title": "Podium",
                    "source": "documented",
                },
                {
                    "id": "s-ws",
                    "event_id": "e17",
                    "kind": "workshop",
                    "title": "Workshop",
                    "source": "documented",
                },
                {
                    "id": "s-walk",
                    "event_id": "e17",
                    "kind": "stand",
                    "title": "Walk",
                    "source": "documented",
                },
                {
                    "id": "s-key",
                    "event_id": "e17",
                    "kind": "keynote",
                    "title": "Impuls",
                    "source": "documented",
                },
                {
                    "id": "s-old",
                    "event_id": "e16",
                    "kind": "workshop",
                    "title": "Alt",
                    "source": "sample",
                },
            ],
        ),
        "topics": frame("topics", [{"id": "t1", "name": "Wirkung"}, {"id": "t2", "name": "Alt"}]),
        "session_topics": frame(
            "session_topics",
            [
                {"session_id": "s-ws", "topic_id": "t1"},
                {"session_id": "s-old", "topic_id": "t2"},
                {"session_id": "s-ws", "topic_id": "t2"},
            ],
        ),
        "attendance": frame(
            "attendance",
            [{"event_id": "e16", "actor_id": "bonn", "role": "participant", "source": "sample"}]
            + [
                {
                    "event_id": "e17",
                    "actor_id": "bonn",
                    "session_id": "s-ws",
                    "role": "participant",
                    "source": "sample",
                }
            ]
            + [
                {
                    "event_id": "e17",
                    "actor_id": f"a{i:02d}",
                    "session_id": "s-ws",
                    "role": "participant",
                    "source": "sample",
                }
                for i in range(13)
            ]
            + [
                {
                    "event_id": "e17",
                    "actor_id": "stand",
                    "session_id": "s-walk",
                    "role": "exhibitor",
                    "source": "documented",
                }
            ],
        ),
        "links": frame(
            "links",
            [
                {
                    "source_id": "bonn",
                    "target_id": "a00",
                    "kind": "projekt",
                    "since_year": 2017,
                    "weight": 1,
                    "source": "sample",
                },
                {
                    "source_id": "bonn",
                    "target_id": "a01",
                    "kind": "projekt",
                    "since_year": 2016,
                    "weight": 1,
                    "source": "sample",
                },
            ],
        ),
    }
    return tables


def test_evt001_programme_follows_the_reports_order_and_caps_the_named_actors():
    items = events.programme(_tables(), "e17")
    assert [item.kind for item in items] == ["keynote", "workshop", "panel", "stand"]
    workshop = items[1]
    assert workshop.topics == ("Alt", "Wirkung")
    assert len(workshop.actors) == events.MAX_NAMED_ACTORS
    assert workshop.more == 14 - events.MAX_NAMED_ACTORS
    assert [name for _id, name, _source in workshop.actors][:2] == ["Akteur 00", "Akteur 01"]
    assert items[3].actors == (("stand", "Stand", "documented"),)


def test_evt002_documented_only_names_just_the_actors_the_report_names():
    items = {item.kind: item for item in events.programme(_tables(), "e17", documented_only=True)}
    assert items["workshop"].actors == () and items["workshop"].more == 0
    assert [actor_id for actor_id, *_ in items["stand"].actors] == ["stand"]


def test_evt003_event_rows_count_actors_new_ones_and_workshops_newest_first():
    tables = _tables()
    rows = events.event_rows(tables, first_years(tables))
    assert rows["id"].tolist() == ["e17", "e16"]
    e17 = rows.iloc[0]
    # 15 actors came in 2017; bonn had come in 2016 already.
    assert (e17["actors"], e17["new_actors"], e17["workshops"]) == (15, 14, 1)
    assert bool(e17["sample_rows"])  # documented event, sample participants
    assert (rows.iloc[1]["actors"], rows.iloc[1]["new_actors"]) == (1, 1)


def test_evt004_new_and_returning_and_previous_event():
    tables = _tables()
    present = pd.Series(["bonn", "a00", "stand"])
    assert events.new_and_returning(present, 2017, first_years(tables)) == (2, 1)
    event = events.find_event(tables["events"], "e17")
    assert events.previous_event(tables["events"], event)["id"] == "e16"
    assert (
        events.previous_event(tables["events"], events.find_event(tables["events"], "e16")) is None
    )
    assert events.find_event(tables["events"], "nope") is None


def test_evt005_counts_by_type_against_the_event_before():
    tables = _tables()
    now = select(tables, Filters(event="e17"))
    before = select(tables, Filters(event="e16"))
    counts = events.counts_compared(now, before, "type", {"kommune": "Kommune"})
    by_key = counts.set_index("key")
    assert by_key.loc["initiative", "actors"] == 13
    assert (by_key.loc["kommune", "actors"], by_key.loc["kommune", "previous"]) == (1, 1)
    assert by_key.loc["netzwerk", "previous"] == 0
    assert counts["key"].iloc[0] == "initiative"  # most first
    alone = events.counts_compared(now, None, "type", {})
    assert alone["previous"].isna().all()


def test_evt006_links_and_topics_that_began_in_the_year():
    tables = _tables()
    assert events.links_begun(tables["links"], 2017) == 1
    new = events.new_topics(tables, 2017)
    # "Alt" was on the programme in 2016 already.
    assert new[["name", "source"]].values.tolist() == [["Wirkung", "documented"]]


def test_evt007_the_documented_2017_programme_is_the_reports():
    tables = documented()
    items = events.programme(tables, "2017-duesseldorf", documented_only=True)
    assert [item.kind for item in items][:2] == ["get-together", "keynote"]
    assert sum(item.kind == "workshop" for item in items) == 5
    stands = [item for item in items if item.kind == "stand"]
    assert len(stands) == 1 and len(stands[0].actors) == 8 and stands[0].more == 0
