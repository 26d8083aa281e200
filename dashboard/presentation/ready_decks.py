"""Decks made from the data, ready to show: the review of the latest event's year and the
network over all years. Each slide is an ordinary view (a page's address and chart), so a
ready deck can be shown, edited, saved and printed like any other; each carries speaker
notes that say its figures in one sentence."""

from __future__ import annotations

from dataclasses import replace

from dashboard.i18n import t
from dashboard.presentation.deck import MAX_NOTES, Deck, slide_from_href
from dashboard.presentation.speaker_notes import slide_notes
from dashboard.store import Snapshot


def event_years(snapshot: Snapshot) -> list[int]:
    events = snapshot.tables["events"]
    return sorted({int(year) for year in events["year"].dropna()})


def _deck(snapshot: Snapshot, name: str, rows: list[tuple[str, str, str]], lang: str) -> Deck:
    """The deck of (address, chart, title) rows, each slide with its generated notes."""
    slides = (slide_from_href(href, chart, title) for href, chart, title in rows)
    return Deck(
        name=name,
        slides=tuple(
            replace(slide, notes=slide_notes(snapshot, slide, lang)[:MAX_NOTES])
            for slide in slides
            if slide is not None
        ),
    )


def year_review(snapshot: Snapshot, lang: str) -> Deck | None:
    """The latest event's year: headline figures, who came, new and returning, topics,
    the network's growth up to it and the three strongest links it began."""
    years = event_years(snapshot)
    if not years:
        return None
    year = years[-1]
    only = f"von={year}&bis={year}"
    rows = [
        (f"/?bis={year}", "headline", t("ready.review.headline", lang, year=year)),
        (f"/karte?{only}", "map", t("ready.review.map", lang, year=year)),
        (f"/teilnahme?bis={year}", "retention", t("ready.review.retention", lang, year=year)),
        (f"/themen?{only}", "by_type", t("ready.review.topics", lang, year=year)),
        (f"/netzwerk?bis={year}", "growth", t("ready.review.growth", lang, year=year)),
        (f"/netzwerk?bis={year}", "new_links", t("ready.review.new_links", lang, year=year)),
    ]
    return _deck(snapshot, t("ready.review.name", lang, year=year), rows, lang)


def network_over_time(snapshot: Snapshot, lang: str) -> Deck | None:
    """The network from the first year to the last: its growth, its picture at the first,
    a middle and the last year, the cohorts that stayed, all places, the topics' course."""
    years = event_years(snapshot)
    if not years:
        return None
    first, last = years[0], years[-1]
    pictures = sorted({first, years[len(years) // 2], last})
    rows = [("/netzwerk", "growth", t("ready.time.growth", lang, first=first, last=last))]
    rows += [
        (f"/netzwerk?jahr={year}", "graph", t("ready.time.graph", lang, year=year))
        for year in pictures
    ]
    rows += [
        ("/teilnahme", "cohorts", t("ready.time.cohorts", lang)),
        (f"/karte?jahr={last}&modus=kumuliert", "map", t("ready.time.map", lang, last=last)),
        ("/themen", "trends", t("ready.time.topics", lang)),
    ]
    return _deck(snapshot, t("ready.time.name", lang), rows, lang)


def ready_decks(snapshot: Snapshot, lang: str) -> tuple[Deck, ...]:
    """The ready decks of this data in `lang` (none without events), made once per data
    version and language: their notes take the analyses of a whole deck."""

    def compute() -> tuple[Deck, ...]:
        made = (year_review(snapshot, lang), network_over_time(snapshot, lang))
        return tuple(deck for deck in made if deck is not None)

    return snapshot.cached("presentation.ready_decks", lang, compute)
