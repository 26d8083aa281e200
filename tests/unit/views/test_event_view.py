"""One event's documentation: the page, its slides and its PDF pages come from the same
views; the 2017 event shows what the report states and says what it does not."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures.presentation import for_slide
from dashboard.i18n import t
from dashboard.presentation.deck import page_kind, slide_from_href
from dashboard.presentation.event_pdf import event_pages
from dashboard.presentation.slides import build_slide
from dashboard.sample.small import generate
from dashboard.store import Snapshot
from dashboard.views import event as views
from dashboard.views.map import MapCanvas, MapSources

OUTLINES = {"type": "FeatureCollection", "features": []}
SOURCES = MapSources(states=OUTLINES, neighbours=OUTLINES)
STANDS = [
    "Change2 Mannheim",
    "Engagierte Stadt",
    "Hannover",
    "Langenfeld (Rheinland)",
    "Pirmasens",
    "Regsam",
    "Sinzer",
    "nebenan.de",
]


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return Snapshot(version="test", tables=generate())


def _data(figure: go.Figure) -> list[dict]:
    return json.loads(figure.to_json())["data"]


def _doc(snapshot: Snapshot, event_id: str = "2017-duesseldorf") -> views.EventDoc:
    doc = views.event_doc(snapshot, event_id)
    assert doc is not None
    return doc


def test_evt101_the_2017_programme_is_documented_with_the_reports_source(snapshot):
    doc = _doc(snapshot)
    part = views.section(snapshot, doc, "programme", "de", MapCanvas(sources=SOURCES))
    assert not part.sample
    assert part.view.source == t("event.source.report", "de")
    table = part.view.table
    kinds = table[t("event.col.kind", "de")].tolist()
    assert kinds[:2] == [t("event.kind.get-together", "de"), t("event.kind.keynote", "de")]
    walk = table[table[t("event.col.session", "de")] == "Gallery Walk"]
    assert walk[t("event.col.actors", "de")].iloc[0] == ", ".join(STANDS)
    # The sample participants of 2017 are not named beside the report's workshops.
    workshops = table[table[t("event.col.kind", "de")] == "Workshop"]
    assert set(workshops[t("event.col.actors", "de")]) == {t("event.programme.not_named", "de")}


def test_evt102_a_sample_event_is_marked_sample_in_every_section_with_data(snapshot):
    doc = _doc(snapshot, "2023-rostock")
    canvas = MapCanvas(sources=SOURCES)
    parts = {key: views.section(snapshot, doc, key, "de", canvas) for key in views.SECTIONS}
    assert parts["programme"].sample and parts["who_came"].sample and parts["counts"].sample
    assert parts["programme"].view.source == ""
    assert views.evaluation_notice(doc, "de") == t("event.evaluation.none", "de")
    assert views.evaluation_notice(_doc(snapshot), "de") == t("event.evaluation.none_2017", "de")


def test_evt103_a_section_slide_draws_the_pages_view(snapshot):
    doc = _doc(snapshot)
    for chart in ("programme", "counts", "grew"):
        slide = slide_from_href("/veranstaltung/2017-duesseldorf", chart=chart)
        assert slide is not None and slide.chart_key == chart
        view = build_slide(snapshot, slide, "de", SOURCES)
        page = views.section(snapshot, doc, chart, "de", MapCanvas(sources=SOURCES))
        assert _data(view.figure) == _data(for_slide(page.view.figure))
        assert view.sample == page.sample
    assert page_kind("/veranstaltung/2017-duesseldorf") == "/veranstaltung"
    assert page_kind("/veranstaltung/") is None


def test_evt104_unknown_event_gets_a_slide_that_says_so_and_no_pdf(snapshot):
    slide = slide_from_href("/veranstaltung/gibt-es-nicht")
    assert slide is not None
    view = build_slide(snapshot, slide, "de", SOURCES)
    assert view.title == t("event.not_found.heading", "de")
    assert event_pages(snapshot, "gibt-es-nicht", "de", SOURCES) is None


def test_evt105_pdf_pages_are_the_sections_with_the_evaluation_notice_last(snapshot):
    pages = event_pages(snapshot, "2017-duesseldorf", "de", SOURCES)
    assert pages is not None
    titles = [page.layout.title.text for page in pages]
    expected = ["programme", "who", "counts", "grew", "evaluation"]
    assert len(titles) == len(expected)
    for key, title in zip(expected, titles, strict=True):
        assert t(f"event.{key}.title", "de") in title
    assert "Die vernetzte Kommune 2017" in titles[0]
    notice = [a.text for a in pages[-1].layout.annotations]
    assert t("event.evaluation.none_2017", "de") in notice


def test_evt106_event_list_shows_the_responses_of_each_evaluation(snapshot):
    rows = views.event_list(snapshot, "de")
    responses = rows.set_index("id")["responses"]
    results = snapshot.table("evaluation_results")
    counted = results[(results["question_key"] == "_responses") & results["session_id"].isna()]
    assert pd.isna(responses["2017-duesseldorf"])  # the sample makes no survey for 2017
    for event_id, count in zip(counted["event_id"], counted["count"], strict=True):
        assert responses[event_id] == count
    assert rows["year"].tolist() == sorted(rows["year"], reverse=True)
    row = rows.set_index("id").loc["2017-duesseldorf"]
    assert row["dates"] == "13.06.2017 – 14.06.2017"
