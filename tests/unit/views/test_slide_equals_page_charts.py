"""A slide shows the chart its page shows for the same address.

The page side is what the page's layout and callback do with a URL: parse the global
filters and the page's own settings, then call the page's view for the card. The slide
side is presentation.slides.build_slide on a slide made from that URL. Both are compared
after the slide's large-type restyling (figures.presentation.for_slide), so every trace and
every data-carrying layout value must agree.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest

from dashboard.analysis.selection import select_in
from dashboard.figures.presentation import for_slide
from dashboard.presentation.deck import SLIDE_CHARTS, slide_from_href
from dashboard.presentation.slides import MapSources, build_slide
from dashboard.sample.small import generate
from dashboard.state.attendance import AttendanceState
from dashboard.state.compare import CompareState
from dashboard.state.filters import Filters
from dashboard.state.topics import TopicsState
from dashboard.store import Snapshot
from dashboard.views import attendance, compare, retention, topics

OUTLINES = {"type": "FeatureCollection", "features": []}
SOURCES = MapSources(states=OUTLINES, neighbours=OUTLINES)

ATTENDANCE_URL = "/teilnahme?von=2016&bis=2022&typ=kommune,initiative&kennzahl=actors"
TOPICS_URL = "/themen?von=2015&bis=2021&thema=wirkung&kennzahl=headcount"
COMPARE_URL = "/vergleich?von=2016&typ=kommune&akteure=hannover,mannheim,pirmasens"


def _attendance(view):
    return lambda snapshot, params: view(
        snapshot, *_parsed(params, AttendanceState), _selection(snapshot, params)
    )


def _retention(view):
    return lambda snapshot, params: view(
        snapshot, Filters.parse(params)[0], _selection(snapshot, params)
    )


def _topics(view):
    return lambda snapshot, params: view(
        snapshot, *_parsed(params, TopicsState), _selection(snapshot, params)
    )


def _compare(view):
    def build(snapshot, params):
        filters, state = _parsed(params, CompareState)
        return view(snapshot, filters, state, compare.compare_selection(snapshot, filters))

    return build


def _parsed(params, state_type):
    return Filters.parse(params)[0], state_type.parse(params)[0]


def _selection(snapshot, params):
    return select_in(snapshot, Filters.parse(params)[0])


# The view each page's card calls, with the selection it shares between its cards.
PAGE_CHARTS = {
    ("/teilnahme", "events"): (ATTENDANCE_URL, _attendance(attendance.events)),
    ("/teilnahme", "roles"): (ATTENDANCE_URL, _attendance(attendance.roles)),
    ("/teilnahme", "states"): (ATTENDANCE_URL, _attendance(attendance.states)),
    ("/teilnahme", "top"): (ATTENDANCE_URL, _attendance(attendance.top)),
    ("/teilnahme", "retention"): (ATTENDANCE_URL, _retention(retention.new_vs_returning)),
    ("/teilnahme", "cohorts"): (ATTENDANCE_URL, _retention(retention.cohorts)),
    ("/themen", "heatmap"): (TOPICS_URL, _topics(topics.heatmap)),
    ("/themen", "trends"): (TOPICS_URL, _topics(topics.trends)),
    ("/themen", "by_type"): (TOPICS_URL, _topics(topics.by_type)),
    ("/vergleich", "per_year"): (COMPARE_URL, _compare(compare.per_year)),
    ("/vergleich", "topics"): (COMPARE_URL, _compare(compare.topics)),
    ("/vergleich", "roles"): (COMPARE_URL, _compare(compare.roles)),
}


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return Snapshot(version="sample", tables=generate())


def _json(figure) -> object:
    """The figure as plotly writes it (arrays as lists), for an exact comparison."""
    return json.loads(figure.to_json())


def _params(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def _page_figure(snapshot: Snapshot, key: tuple[str, str], url: str):
    return PAGE_CHARTS[key][1](snapshot, _params(url)).figure


def _slide_figure(snapshot: Snapshot, key: tuple[str, str], url: str):
    return build_slide(snapshot, slide_from_href(url, key[1]), "de", SOURCES).figure


def test_the_cases_cover_every_slide_kind_of_these_pages():
    pages = ("/teilnahme", "/themen", "/vergleich")
    kinds = {(page, chart) for page in pages for chart in SLIDE_CHARTS[page]}
    assert set(PAGE_CHARTS) == kinds


@pytest.mark.parametrize("key", sorted(PAGE_CHARTS), ids="".join)
def test_the_slide_draws_what_the_page_draws(snapshot, key):
    url = PAGE_CHARTS[key][0]
    page = _page_figure(snapshot, key, url)
    slide = _slide_figure(snapshot, key, url)
    assert len(page.data) > 0
    assert _json(slide) == _json(for_slide(page))


# Charts whose figure depends on a page setting: the address with the setting changed
# must change the slide, or the comparison above would not show that the slide reads it.
SETTING_CHANGES = {
    ("/teilnahme", "events"): ("kennzahl=actors", "kennzahl=headcount"),
    ("/teilnahme", "states"): ("kennzahl=actors", "kennzahl=headcount"),
    ("/themen", "heatmap"): ("kennzahl=headcount", "kennzahl=sessions"),
    ("/themen", "trends"): ("kennzahl=headcount", "kennzahl=sessions"),
    ("/vergleich", "per_year"): ("akteure=hannover,mannheim,pirmasens", "akteure=hannover"),
}


@pytest.mark.parametrize("key", sorted(SETTING_CHANGES), ids="".join)
def test_the_page_setting_in_the_address_reaches_the_slide(snapshot, key):
    url = PAGE_CHARTS[key][0]
    old, new = SETTING_CHANGES[key]
    assert old in url
    other = url.replace(old, new)
    changed = _slide_figure(snapshot, key, other)
    assert _json(changed) != _json(_slide_figure(snapshot, key, url))
    assert _json(changed) == _json(for_slide(_page_figure(snapshot, key, other)))


def test_compare_slide_with_akteure_emptied_shows_no_actor_like_the_page(snapshot):
    url = "/vergleich?akteure="
    key = ("/vergleich", "per_year")
    assert CompareState.parse(_params(url))[0].actors == ()
    page = _page_figure(snapshot, key, url)
    slide = _slide_figure(snapshot, key, url)
    assert _json(slide) == _json(for_slide(page))
    defaults = _slide_figure(snapshot, key, "/vergleich")
    assert _json(defaults) != _json(slide)
