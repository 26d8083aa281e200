"""Partner suggestions: never existing partners or self, reasons in words, stable order."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard.analysis import suggestions as sg
from dashboard.analysis.selection import select
from dashboard.exchange.export import frame_to_csv_bytes
from dashboard.sample.small import generate
from dashboard.state.filters import Filters
from tests.unit.analysis.frames import frame


@pytest.fixture(scope="module")
def sample_tables():
    return generate()


def _pairs(links: pd.DataFrame) -> set[tuple[str, str]]:
    return {
        tuple(sorted(pair)) for pair in zip(links["source_id"], links["target_id"], strict=False)
    }


def small_tables() -> dict[str, pd.DataFrame]:
    """One event; five actors.

    bonn and koeln: 25 km apart, both went to the workshop on Wirkung, both work with hub.
    hub: linked to bonn and koeln (existing partners, never suggested to them).
    kiel: far away, went to Wirkung too. nowhere: no coordinates, no workshop.
    """
    actors = frame(
        "actors",
        [
            {
                "id": "bonn",
                "name": "Bonn",
                "type": "kommune",
                "lat": 50.7374,
                "lon": 7.0982,
                "source": "sample",
            },
            {
                "id": "koeln",
                "name": "Köln",
                "type": "kommune",
                "lat": 50.9375,
                "lon": 6.9603,
                "source": "sample",
            },
            {
                "id": "hub",
                "name": "Netzwerk",
                "type": "netzwerk",
                "lat": 50.8,
                "lon": 7.0,
                "source": "sample",
            },
            {
                "id": "kiel",
                "name": "Kiel",
                "type": "kommune",
                "lat": 54.3233,
                "lon": 10.1228,
                "source": "sample",
            },
            {"id": "nowhere", "name": "=Portal", "type": "initiative", "source": "sample"},
        ],
    )
    events = frame("events", [{"id": "e1", "year": 2020, "title": "T", "source": "sample"}])
    sessions = frame(
        "sessions",
        [{"id": "s1", "event_id": "e1", "kind": "workshop", "title": "W", "source": "sample"}],
    )
    topics = frame("topics", [{"id": "wirkung", "name": "Wirkung"}])
    session_topics = frame("session_topics", [{"session_id": "s1", "topic_id": "wirkung"}])
    attendance = frame(
        "attendance",
        [
            *(
                {
                    "event_id": "e1",
                    "actor_id": a,
                    "role": "participant",
                    "headcount": 1,
                    "source": "sample",
                }
                for a in ("bonn", "koeln", "hub", "kiel", "nowhere")
            ),
            *(
                {
                    "event_id": "e1",
                    "actor_id": a,
                    "session_id": "s1",
                    "role": "participant",
                    "headcount": 1,
                    "source": "sample",
                }
                for a in ("bonn", "koeln", "kiel")
            ),
        ],
    )
    links = frame(
        "links",
        [
            {
                "source_id": "bonn",
                "target_id": "hub",
                "kind": "kooperation",
                "since_year": 2019,
                "weight": 1,
                "source": "sample",
            },
            {
                "source_id": "hub",
                "target_id": "koeln",
                "kind": "austausch",
                "since_year": 2019,
                "weight": 1,
                "source": "sample",
            },
        ],
    )
    return {
        "actors": actors,
        "events": events,
        "sessions": sessions,
        "topics": topics,
        "session_topics": session_topics,
        "attendance": attendance,
        "links": links,
    }


def test_sug001_never_existing_partners_or_self_on_the_sample(sample_tables):
    selection = select(sample_tables, Filters())
    found = sg.suggest(sg.profiles(selection, sample_tables))
    assert not found.empty
    assert (found["actor_id"] != found["partner_id"]).all()
    existing = _pairs(sample_tables["links"])
    proposed = {
        tuple(sorted(pair)) for pair in zip(found["actor_id"], found["partner_id"], strict=False)
    }
    assert proposed & existing == set()
    assert found.groupby("actor_id").size().max() <= sg.TOP_DEFAULT


def test_sug002_every_suggestion_has_reasons_in_both_languages(sample_tables):
    selection = select(sample_tables, Filters())
    found = sg.suggest(sg.profiles(selection, sample_tables, year=2019, cumulative=False))
    assert not found.empty
    for reasons in found["reasons"]:
        assert len(reasons) >= 1
        for lang in ("de", "en"):
            text = sg.reasons_text(reasons, lang)
            assert text and "{" not in text


def test_sug003_order_is_deterministic_and_by_score(sample_tables):
    selection = select(sample_tables, Filters())
    first = sg.suggest(sg.profiles(selection, sample_tables, 2022, True))
    again = sg.suggest(sg.profiles(selection, sample_tables, 2022, True))
    pd.testing.assert_frame_equal(first, again)
    for _, group in first.groupby("actor_id"):
        assert group["rank"].tolist() == list(range(1, len(group) + 1))
        assert group["score"].is_monotonic_decreasing
    one = first["actor_id"].iloc[0]
    alone = sg.suggest(sg.profiles(selection, sample_tables, 2022, True), actor_id=one)
    pd.testing.assert_frame_equal(
        alone.reset_index(drop=True), first[first["actor_id"] == one].reset_index(drop=True)
    )


def test_sug004_scores_and_reasons_on_a_small_case():
    tables = small_tables()
    found = sg.suggest(sg.profiles(select(tables, Filters()), tables), actor_id="bonn")
    assert "hub" not in set(found["partner_id"]) and "bonn" not in set(found["partner_id"])
    best = found.iloc[0]
    assert best["partner_id"] == "koeln"
    # Strongest first: topics 0.35·1, nearness 0.20·exp(-24/150) ≈ 0.17, partners 0.30·0.5 = 0.15.
    assert [reason.key for reason in best["reasons"]] == [
        "network.reason.topics",
        "network.reason.near",
        "network.reason.partners",
    ]
    assert found["partner_id"].tolist() == ["koeln", "kiel", "nowhere"]
    assert best["topics_score"] == 1.0  # both went to the one workshop and nothing else
    assert best["partners_score"] == pytest.approx(0.5)  # one common partner: 1 / (1 + 1)
    assert 20 < best["distance_km"] < 30
    texts = sg.reasons_text(best["reasons"], "de")
    assert (
        "Gemeinsame Partner (1): Netzwerk" in texts
        and "Wirkung" in texts
        and "km voneinander entfernt" in texts
    )

    nowhere = found[found["partner_id"] == "nowhere"].iloc[0]
    assert nowhere["distance_score"] == 0.0  # no coordinates: no distance part
    assert [reason.key for reason in nowhere["reasons"]] == ["network.reason.types"]
    assert sg.reason_text(nowhere["reasons"][0], "de") == "Kommune und Initiative ergänzen sich"
    assert (
        sg.reason_text(nowhere["reasons"][0], "en")
        == "Municipality and Initiative complement each other"
    )
    assert (
        sg.reasons_text(best["reasons"], "en")
        == "Shared workshop topics (1): Wirkung; Only 24 km apart; Common partners (1): Netzwerk"
    )


def test_sug005_haversine_known_distance():
    berlin_munich = sg.haversine_km(52.5200, 13.4050, 48.1351, 11.5820)
    assert 500 < float(berlin_munich) < 510
    assert float(sg.haversine_km(50.0, 7.0, 50.0, 7.0)) == 0.0


def test_sug006_download_table_has_german_headers_and_is_spreadsheet_safe():
    tables = small_tables()
    found = sg.suggest(sg.profiles(select(tables, Filters()), tables))
    table = sg.export_frame(found, "de")
    assert list(table.columns)[:6] == [
        "Akteur",
        "Rang",
        "Vorgeschlagener Partner",
        "Art des Partners",
        "Punkte (0–100)",
        "Begründung",
    ]
    assert set(zip(found["actor_id"], found["partner_id"], strict=False)).isdisjoint(
        {("bonn", "hub"), ("hub", "bonn"), ("koeln", "hub"), ("hub", "koeln")}
    )
    text = frame_to_csv_bytes(table).decode("utf-8-sig")
    assert "'=Portal" in text  # a name that starts like a formula is neutralised
    back = pd.read_csv(io.StringIO(text), sep=";")
    assert len(back) == len(found)


def test_sug007_actor_outside_the_scope_gets_nothing():
    tables = small_tables()
    profiles = sg.profiles(select(tables, Filters()), tables)
    assert sg.suggest(profiles, actor_id="unknown").empty
