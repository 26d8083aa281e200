"""The events (/veranstaltungen) and one event's documentation (/veranstaltung/<id>):
programme, who came, what grew and the evaluation, for the page, its slides and its PDF.

Each section is one view returning a ViewResult: the page writes its table as HTML (with
links to the profiles), a slide and the PDF draw its figure. `sample` on a section says
whether it shows sample data (the "Beispieldaten" mark); documented sections carry the
source line of the 2017 report instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.analysis import events as analysis
from dashboard.analysis.network.new_links import strongest_new_links
from dashboard.analysis.selection import Selection, select_in
from dashboard.figures.events import compared_bars, text_table
from dashboard.figures.theme import empty_figure
from dashboard.geo.states import state_name
from dashboard.i18n import fmt_date_range, fmt_number, t
from dashboard.schema import ACTOR_TYPES, SOURCE_DOCUMENTED, SOURCE_SAMPLE
from dashboard.state.filters import Filters
from dashboard.state.map import MapView
from dashboard.store import Snapshot
from dashboard.views import evaluation as evaluation_views
from dashboard.views.map import MapCanvas, MapDrawing, draw_map
from dashboard.views.result import ViewResult
from dashboard.views.retention import first_years

SECTIONS = ("programme", "who_came", "counts", "grew", "evaluation")
MAX_NEW_LINKS = 10
NAMED_IN_DRAWING = 8  # actors a drawn programme names per session (the report's 8 stands)
DRAWN_ROWS = 6  # table rows that fit a slide at 1280×720 in slide-sized type


@dataclass(frozen=True)
class EventDoc:
    """The event, whether the report documents it, and the event before it."""

    event: dict[str, Any]
    previous: dict[str, Any] | None

    @property
    def id(self) -> str:
        return str(self.event["id"])

    @property
    def year(self) -> int:
        return int(self.event["year"])

    @property
    def documented(self) -> bool:
        return self.event.get("source") == SOURCE_DOCUMENTED

    def heading(self) -> str:
        return f"{self.event['title']} {self.year}"


@dataclass(frozen=True)
class Section:
    key: str
    view: ViewResult
    sample: bool


def event_doc(snapshot: Snapshot, event_id: str | None) -> EventDoc | None:
    events = snapshot.tables["events"]
    event = analysis.find_event(events, event_id)
    if event is None:
        return None
    return EventDoc(event=event, previous=analysis.previous_event(events, event))


def response_counts(snapshot: Snapshot) -> dict[str, int | None]:
    """Event id → responses to its evaluation (None: too few to show; no entry: none)."""
    return evaluation_views.response_counts(snapshot)


def evaluation(snapshot: Snapshot, doc: EventDoc, lang: str) -> list[ViewResult]:
    """The evaluation's results of the event, one per question (none: the page and the
    PDF say so)."""
    return evaluation_views.event_evaluation(snapshot, doc.id, lang)


def evaluation_sample(snapshot: Snapshot, doc: EventDoc) -> bool:
    """Whether the event's evaluation results come from the sample generator."""
    results = snapshot.table("evaluation_results")
    return bool((results.loc[results["event_id"] == doc.id, "source"] == SOURCE_SAMPLE).any())


def evaluation_notice(doc: EventDoc, lang: str) -> str:
    key = "event.evaluation.none_2017" if doc.documented else "event.evaluation.none"
    return t(key, lang)


def source_line(doc: EventDoc, lang: str) -> str:
    """The report as source of a documented section."""
    return t("event.source.report", lang) if doc.documented else ""


def _day(value: Any) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def event_dates(event: Mapping[Any, Any], lang: str) -> str:
    return fmt_date_range(_day(event.get("start_date")), _day(event.get("end_date")), lang)


def event_list(snapshot: Snapshot, lang: str) -> pd.DataFrame:
    """Every event as a row, newest first: id, year, title, dates, city, actors, new actors,
    workshops, responses (NA until the evaluation is there), sample_rows."""
    rows = snapshot.derived(
        "events.rows", lambda tables: analysis.event_rows(tables, first_years(snapshot))
    )
    responses = response_counts(snapshot)
    return rows.assign(
        dates=[event_dates(row, lang) for row in rows.to_dict("records")],
        responses=pd.array([responses.get(str(i)) for i in rows["id"]], dtype="Int64"),
    )


def _kind_label(kind: str, lang: str) -> str:
    return t(f"event.kind.{kind}", lang)


def programme_items(snapshot: Snapshot, doc: EventDoc) -> list[analysis.ProgrammeItem]:
    return analysis.programme(snapshot.tables, doc.id, documented_only=doc.documented)


def _actors_text(item: analysis.ProgrammeItem, doc: EventDoc, lang: str) -> str:
    names = ", ".join(name for _id, name, _source in item.actors)
    if item.more:
        names += " " + t("event.programme.more", lang, count=fmt_number(item.more, lang))
    if not names and doc.documented and item.kind == "workshop":
        return t("event.programme.not_named", lang)
    return names or "–"


def _actors_drawn(item: analysis.ProgrammeItem, doc: EventDoc, lang: str) -> str:
    """The actors as a drawn table cell: named when a few (the report's eight stands),
    counted when more."""
    count = len(item.actors) + item.more
    if not count and doc.documented and item.kind == "workshop":
        return t("event.programme.not_named_short", lang)
    if 0 < count <= NAMED_IN_DRAWING:
        return ", ".join(name for _id, name, _source in item.actors)
    return fmt_number(count, lang) if count else "–"


def programme_view(snapshot: Snapshot, doc: EventDoc, lang: str) -> ViewResult:
    """The sessions in the report's order: kind, title, topics, the actors named."""
    items = programme_items(snapshot, doc)
    table = pd.DataFrame(
        {
            t("event.col.kind", lang): [_kind_label(item.kind, lang) for item in items],
            t("event.col.session", lang): [item.title for item in items],
            t("event.col.topics", lang): [", ".join(item.topics) or "–" for item in items],
            t("event.col.actors", lang): [_actors_text(item, doc, lang) for item in items],
        }
    )
    # The drawn table (a slide, a PDF page) counts the actors of a busy session instead of
    # naming them: a dozen names per session do not fit a slide at 1280×720 in type readable
    # at the back of a hall.
    drawn = table.assign(
        **{t("event.col.actors", lang): [_actors_drawn(item, doc, lang) for item in items]}
    )
    named = any(0 < len(item.actors) + item.more <= NAMED_IN_DRAWING for item in items)
    widths = [1.2, 2.4, 1.8, 2.6] if named else [1.3, 2.6, 2.2, 1.2]
    figure = (
        text_table(drawn, list(drawn.columns), lang, widths)
        if items
        else empty_figure(t("event.programme.empty", lang), lang)
    )
    return ViewResult(
        figure,
        t("event.programme.title", lang),
        caption=t("event.programme.order", lang),
        source=source_line(doc, lang),
        table=table,
    )


def programme_sample(items: list[analysis.ProgrammeItem]) -> bool:
    return any(
        not item.documented or any(source != SOURCE_DOCUMENTED for *_rest, source in item.actors)
        for item in items
    )


def _selection(snapshot: Snapshot, event_id: str) -> Selection:
    return select_in(snapshot, Filters(event=event_id))


def who_came_sample(snapshot: Snapshot, doc: EventDoc) -> bool:
    return _selection(snapshot, doc.id).has_sample_rows


def who_came_map(snapshot: Snapshot, doc: EventDoc, lang: str, canvas: MapCanvas) -> MapDrawing:
    """The event's actors on the map of /karte (the same colours and scales; in bins where
    they are too many to draw one by one), those new to the network ringed."""
    present = _selection(snapshot, doc.id).actors["id"].astype(str)
    new = frozenset(present[analysis.is_new(present, doc.year, first_years(snapshot))])
    return draw_map(snapshot, Filters(event=doc.id, lang=lang), MapView(), canvas, new_ids=new)


def who_came_facts(snapshot: Snapshot, doc: EventDoc, lang: str) -> tuple[tuple[str, str], ...]:
    """Actors, new and returning ones, and the actors of the event before."""
    present = _selection(snapshot, doc.id).actors["id"]
    new, returning = analysis.new_and_returning(present, doc.year, first_years(snapshot))
    facts = [
        (t("event.fact.actors", lang), fmt_number(len(present), lang)),
        (t("event.fact.new", lang), fmt_number(new, lang)),
        (t("event.fact.returning", lang), fmt_number(returning, lang)),
    ]
    if doc.previous is not None:
        before = _selection(snapshot, str(doc.previous["id"])).actors
        facts.append(
            (
                t("event.fact.previous", lang, year=int(doc.previous["year"])),
                fmt_number(len(before), lang),
            )
        )
    return tuple(facts)


def counts_view(snapshot: Snapshot, doc: EventDoc, lang: str) -> ViewResult:
    """Actors by kind (the chart) and by kind and Bundesland (the table), against the event
    before."""
    current = _selection(snapshot, doc.id)
    previous = _selection(snapshot, str(doc.previous["id"])) if doc.previous else None
    types = analysis.counts_compared(
        current, previous, "type", {k: t(f"type.{k}", lang) for k in ACTOR_TYPES}
    )
    state_codes = current.actors["state"].dropna().astype(str)
    if previous is not None:
        state_codes = pd.concat([state_codes, previous.actors["state"].dropna().astype(str)])
    states = analysis.counts_compared(
        current,
        previous,
        "state",
        {code: state_name(code, lang) or code for code in state_codes.unique()},
    )
    this_year = str(doc.year)
    before_year = str(int(doc.previous["year"])) if doc.previous else ""
    figure = (
        compared_bars(
            types["label"].tolist(),
            types["actors"].tolist(),
            None if previous is None else types["previous"].astype(int).tolist(),
            (this_year, before_year),
            lang,
        )
        if not types.empty
        else empty_figure(t("event.who.empty", lang), lang)
    )
    heading = t("event.col.group", lang)
    table = pd.concat(
        [
            types.assign(group=t("event.group.type", lang)),
            states.assign(group=t("event.group.state", lang)),
        ],
        ignore_index=True,
    )[["group", "label", "actors", "previous"]]
    table = table.rename(
        columns={
            "group": heading,
            "label": t("event.col.value", lang),
            "actors": this_year,
            "previous": before_year or t("event.col.previous", lang),
        }
    )
    return ViewResult(
        figure,
        t("event.counts.title", lang),
        caption=(
            t("event.counts.caption", lang, year=this_year, previous=before_year)
            if before_year
            else t("event.counts.first", lang)
        ),
        table=table,
        facts=who_came_facts(snapshot, doc, lang),
    )


@dataclass(frozen=True)
class Growth:
    """The strongest links that began in the year, the topics new in it, how many links
    began in all."""

    links: pd.DataFrame
    topics: pd.DataFrame
    begun: int


def growth(snapshot: Snapshot, doc: EventDoc) -> Growth:
    links = strongest_new_links(select_in(snapshot, Filters()), doc.year, MAX_NEW_LINKS)
    return Growth(
        links=links,
        topics=analysis.new_topics(snapshot.tables, doc.year),
        begun=analysis.links_begun(snapshot.tables["links"], doc.year),
    )


def grew_sample(grown: Growth) -> bool:
    """Links of the year are never documented (the report names none); topics are sample
    where their sessions are."""
    return grown.begun > 0 or bool((grown.topics["source"] != SOURCE_DOCUMENTED).any())


def grew_view(snapshot: Snapshot, doc: EventDoc, lang: str) -> ViewResult:
    """Links that began in the event's year (the strongest, by name) and topics first
    discussed at it."""
    grown = growth(snapshot, doc)
    rows = [
        (t("event.grew.link", lang), f"{row.source_name} – {row.target_name}")
        for row in grown.links.itertuples(index=False)
    ] + [(t("event.grew.topic", lang), name) for name in grown.topics["name"]]
    table = pd.DataFrame(rows, columns=[t("event.col.what", lang), t("event.col.name", lang)])
    # Drawn: the strongest links and the new topics as far as a slide holds them.
    drawn = table.head(DRAWN_ROWS)
    figure = (
        text_table(drawn, list(drawn.columns), lang, [1, 4])
        if rows
        else empty_figure(t("event.grew.empty", lang), lang)
    )
    facts = (
        (t("event.fact.links", lang), fmt_number(grown.begun, lang)),
        (t("event.fact.topics", lang), fmt_number(len(grown.topics), lang)),
    )
    return ViewResult(
        figure,
        t("event.grew.title", lang),
        caption=t("event.grew.caption", lang, year=doc.year, count=MAX_NEW_LINKS),
        table=table,
        facts=facts,
    )


def evaluation_view(snapshot: Snapshot, doc: EventDoc, lang: str) -> ViewResult:
    """The evaluation's first result, or the notice that there is none (a slide's chart)."""
    results = evaluation(snapshot, doc, lang)
    if results:
        return results[0]
    notice = evaluation_notice(doc, lang)
    return ViewResult(empty_figure(notice, lang), t("event.evaluation.title", lang), notice)


def section(snapshot: Snapshot, doc: EventDoc, key: str, lang: str, canvas: MapCanvas) -> Section:
    """One section of the page as a chart with its sample mark (a slide, a PDF page)."""
    if key == "programme":
        view = programme_view(snapshot, doc, lang)
        return Section(key, view, programme_sample(programme_items(snapshot, doc)))
    if key == "grew":
        return Section(key, grew_view(snapshot, doc, lang), grew_sample(growth(snapshot, doc)))
    if key == "evaluation":
        return Section(key, evaluation_view(snapshot, doc, lang), evaluation_sample(snapshot, doc))
    sample = who_came_sample(snapshot, doc)
    if key == "counts":
        return Section(key, counts_view(snapshot, doc, lang), sample)
    drawing = who_came_map(snapshot, doc, lang, canvas)
    view = ViewResult(
        drawing.view.figure,
        t("event.who.title", lang),
        caption=drawing.summary,
        facts=who_came_facts(snapshot, doc, lang),
    )
    return Section("who_came", view, sample)
