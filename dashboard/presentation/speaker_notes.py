"""Speaker notes made from the data: in one sentence, the figures a slide shows.

A ready deck carries them (the presenter reads them in the presenter view); each note is
computed from the slide's own address, as its chart is, so a note and its chart agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl

import pandas as pd

from dashboard.analysis import network as nw
from dashboard.analysis import retention
from dashboard.analysis.selection import Selection, select_in
from dashboard.analysis.topics import topic_year
from dashboard.i18n import fmt_number, t
from dashboard.presentation.deck import Slide
from dashboard.state.filters import Filters
from dashboard.state.network import NetworkView
from dashboard.store import Snapshot
from dashboard.views.caption import filters_line
from dashboard.views.headline import year_numbers
from dashboard.views.network import cache_scope, scope_year
from dashboard.views.retention import first_years
from dashboard.views.topics import topic_rows

TOP_TOPICS = 3


@dataclass(frozen=True)
class _Shown:
    """What a slide shows: the data, its filters (in the show's language), its address."""

    snapshot: Snapshot
    filters: Filters
    params: dict[str, str]

    @property
    def lang(self) -> str:
        return self.filters.lang

    def selection(self) -> Selection:
        return select_in(self.snapshot, self.filters)

    def number(self, value: float) -> str:
        return fmt_number(value, self.lang)


def _headline(s: _Shown) -> str:
    selection = s.selection()
    if selection.year_range is None:
        return ""
    year = selection.year_range[1]
    numbers = {k: s.number(v) for k, v in year_numbers(s.snapshot, year, s.filters).items()}
    return t("notes.headline", s.lang, year=year, **numbers)


def _map(s: _Shown) -> str:
    selection = s.selection()
    states = selection.actors["state"].dropna().nunique()
    return t(
        "notes.map",
        s.lang,
        actors=s.number(len(selection.actors)),
        states=s.number(states),
        years=filters_line(s.snapshot, s.filters, selection),
    )


def _retention(s: _Shown) -> str:
    per_year = retention.new_vs_returning(s.selection(), first_years(s.snapshot))
    if per_year.empty:
        return ""
    last = per_year.iloc[-1]
    share = float(last["returning_share"]) if last["actors"] else 0.0
    return t(
        "notes.retention",
        s.lang,
        year=int(last["year"]),
        new=s.number(int(last["new"])),
        returning=s.number(int(last["returning"])),
        share=fmt_number(100 * share, s.lang),
    )


def _cohorts(s: _Shown) -> str:
    selection = s.selection()
    present = pd.Series(selection.participation["actor_id"].unique(), dtype=object)
    sizes = present.map(first_years(s.snapshot)).value_counts()
    if sizes.empty:
        return ""
    # The largest cohort; of equal ones the earliest.
    year, count = min(sizes.items(), key=lambda item: (-item[1], item[0]))
    return t("notes.cohorts", s.lang, year=year, count=s.number(count))


def _topics(s: _Shown) -> str:
    per_year = topic_year(s.snapshot.tables, s.selection(), topic_rows(s.snapshot))
    if per_year.empty:
        return ""
    totals = per_year.groupby("topic")["actors"].sum()
    # The most attended first, equal ones by name: the same note for the same data.
    ranked = sorted(totals.items(), key=lambda item: (-item[1], str(item[0])))[:TOP_TOPICS]
    listed = ", ".join(f"{topic} ({s.number(actors)})" for topic, actors in ranked)
    return t("notes.topics", s.lang, topics=listed, years=filters_line(s.snapshot, s.filters))


def _growth_rows(s: _Shown) -> pd.DataFrame:
    state = NetworkView.from_params(s.params)
    return nw.growth(s.selection(), state.cumulative, cache=cache_scope(s.snapshot, s.filters))


def _growth(s: _Shown) -> str:
    growth = _growth_rows(s)
    if growth.empty:
        return ""
    first, last = growth.iloc[0], growth.iloc[-1]
    return t(
        "notes.growth",
        s.lang,
        first=int(first["year"]),
        last=int(last["year"]),
        actors_first=s.number(int(first["actors"])),
        actors_last=s.number(int(last["actors"])),
        links_first=s.number(int(first["links"])),
        links_last=s.number(int(last["links"])),
    )


def _graph(s: _Shown) -> str:
    year = scope_year(s.selection(), NetworkView.from_params(s.params).year)
    growth = _growth_rows(s)
    row = growth[growth["year"] == year]
    if row.empty:
        return ""
    return t(
        "notes.graph",
        s.lang,
        year=year,
        actors=s.number(int(row["actors"].iloc[0])),
        links=s.number(int(row["links"].iloc[0])),
        components=s.number(int(row["components"].iloc[0])),
    )


def _new_links(s: _Shown) -> str:
    selection = s.selection()
    if selection.year_range is None:
        return ""
    year = selection.year_range[1]
    links = nw.strongest_new_links(selection, year)
    if links.empty:
        return t("new_links.none", s.lang)
    listed = "; ".join(
        t("notes.link", s.lang, a=a, b=b, weight=s.number(weight))
        for a, b, weight in zip(
            links["source_name"], links["target_name"], links["weight"], strict=True
        )
    )
    return t("notes.new_links", s.lang, year=year, links=listed)


NOTES: dict[tuple[str, str], Callable[[_Shown], str]] = {
    ("/", "headline"): _headline,
    ("/karte", "map"): _map,
    ("/teilnahme", "retention"): _retention,
    ("/teilnahme", "cohorts"): _cohorts,
    ("/themen", "heatmap"): _topics,
    ("/themen", "trends"): _topics,
    ("/themen", "by_type"): _topics,
    ("/netzwerk", "graph"): _graph,
    ("/netzwerk", "growth"): _growth,
    ("/netzwerk", "new_links"): _new_links,
}


def slide_notes(snapshot: Snapshot, slide: Slide, lang: str) -> str:
    """One sentence on what `slide` shows, in `lang`; "" for a chart without one."""
    note = NOTES.get((slide.kind, slide.chart_key))
    if note is None:
        return ""
    params = dict(parse_qsl(slide.search.lstrip("?"), keep_blank_values=True))
    filters = Filters.from_params(params).with_changes(lang=lang)
    return note(_Shown(snapshot, filters, params))
