"""/veranstaltungen: every event as a row (year, title, dates, city, actors, new actors,
workshops, responses to the evaluation), newest first; each row opens the event's page.

Sorting is part of the address (`sortierung`, `richtung`): each column head is a link, so
the table sorts without script and a sorted list is a link like every view. A few dozen
rows at most (one event a year): written as components."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.components.attributes import aria
from dashboard.components.badges import documented_badge, sample_badge
from dashboard.components.chart_card import chart_card
from dashboard.components.event_links import EVENTS_PATH, event_href
from dashboard.components.frame import page_frame
from dashboard.components.view_card import view_card_values
from dashboard.i18n import fmt_number, t
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from dashboard.views import evaluation
from dashboard.views.event import event_list
from dashboard.web.context import store

PATH = EVENTS_PATH
PARAM_SORT = "sortierung"
PARAM_DIRECTION = "richtung"
PARAM_QUESTION = "frage"
ASCENDING, DESCENDING = "auf", "ab"
TABLE_ID = "events-table"

dash.register_page(
    __name__,
    path=PATH,
    name=t("nav.events"),
    title=t("page.events.title"),
    order=5.5,  # after Vergleich, before Daten
    nav_key="nav.events",
)

# Address word → (column of event_list, i18n key of its head, numeric).
COLUMNS = {
    "jahr": ("year", "events.col.year", True),
    "titel": ("title", "events.col.title", False),
    "datum": ("start_date", "events.col.dates", False),
    "ort": ("city", "events.col.city", False),
    "akteure": ("actors", "events.col.actors", True),
    "neu": ("new_actors", "events.col.new", True),
    "workshops": ("workshops", "events.col.workshops", True),
    "antworten": ("responses", "events.col.responses", True),
}
DEFAULT_SORT = "jahr"


def sort_order(query: dict) -> tuple[str, bool]:
    """(column word, descending) from the address; newest first by default."""
    word = str(query.get(PARAM_SORT) or DEFAULT_SORT)
    word = word if word in COLUMNS else DEFAULT_SORT
    default = DESCENDING if COLUMNS[word][2] else ASCENDING
    return word, str(query.get(PARAM_DIRECTION) or default) == DESCENDING


def sorted_rows(rows: pd.DataFrame, word: str, descending: bool) -> pd.DataFrame:
    column = COLUMNS[word][0]
    # Ties (and unknowns, last) by year, newest first.
    return rows.sort_values(
        [column, "year"], ascending=[not descending, False], na_position="last", kind="stable"
    ).reset_index(drop=True)


def _head(word: str, sorted_by: str, descending: bool, search: str, lang: str) -> html.Th:
    _column, key, numeric = COLUMNS[word]
    active = word == sorted_by
    direction = (
        ASCENDING if active and descending else DESCENDING if active or numeric else ASCENDING
    )
    params = f"{PARAM_SORT}={word}&{PARAM_DIRECTION}={direction}"
    href = PATH + (f"{search}&{params}" if search else f"?{params}")
    arrow = ("bi-caret-down-fill" if descending else "bi-caret-up-fill") if active else ""
    return html.Th(
        dcc.Link(
            [t(key, lang), html.I(className=f"bi {arrow} ms-1", **aria(hidden="true"))],
            href=href,
            id=f"events-sort-{word}",
            title=t("events.sort_title", lang, column=t(key, lang)),
        ),
        scope="col",
        className="text-end" if numeric and word != "jahr" else None,
        **aria(sort=("descending" if descending else "ascending") if active else "none"),
    )


def _number(value, lang: str) -> str:
    return "–" if value is None or pd.isna(value) else fmt_number(int(value), lang)


def _row(row: dict, search: str, lang: str) -> html.Tr:
    mark = (
        sample_badge(lang, f"events-sample-{row['id']}")
        if row["sample_rows"]
        else documented_badge(lang)
    )
    numbers = [row["actors"], row["new_actors"], row["workshops"], row["responses"]]
    return html.Tr(
        [
            html.Th(str(row["year"]), scope="row"),
            html.Td(
                [
                    dcc.Link(
                        row["title"],
                        href=event_href(row["id"], search),
                        id=f"events-link-{row['id']}",
                        className="me-2",
                    ),
                    mark,
                ]
            ),
            html.Td(row["dates"]),
            html.Td(row["city"] if isinstance(row["city"], str) else "–"),
            *[html.Td(_number(value, lang), className="text-end") for value in numbers],
        ]
    )


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    search = filters.to_search()
    word, descending = sort_order(query)
    snapshot = store().snapshot()  # one data version for the list and the charts below it
    rows = sorted_rows(event_list(snapshot, lang), word, descending)
    table = html.Table(
        [
            html.Caption(t("events.caption", lang), className="caption-top"),
            html.Thead(html.Tr([_head(w, word, descending, search, lang) for w in COLUMNS])),
            html.Tbody([_row(row, search, lang) for row in rows.to_dict("records")]),
        ],
        id=TABLE_ID,
        className="table table-sm table-striped table-hover align-middle",
    )
    content = [
        html.H1(t("events.heading", lang), className="h3"),
        html.P(t("events.intro", lang), className="text-muted"),
        html.Div(table, className="table-responsive")
        if not rows.empty
        else html.P(t("events.empty", lang), id="events-empty"),
        html.P(t("events.responses_note", lang), className="small text-muted"),
        *_across_years(snapshot, query, search, lang),
    ]
    return page_frame(PATH, filters, content, with_filters=False)


def _across_years(snapshot: Snapshot, query: dict, search: str, lang: str) -> list:
    """One evaluation question across the events: per year and per workshop topic, each a
    chart card drawn here with its table and downloads. The question is in the address."""
    asked = evaluation.questions(snapshot)
    if not asked:
        return []
    keys = [key for key, _text in asked]
    wanted = str(query.get(PARAM_QUESTION, ""))
    chosen = wanted if wanted in keys else keys[0]
    choices = html.Nav(
        [
            html.A(
                text,
                href=f"{PATH}{_with(search, query, chosen=key)}",
                className="btn btn-sm "
                + ("btn-primary" if key == chosen else "btn-outline-primary"),
                **(aria(current="true") if key == chosen else {}),
            )
            for key, text in asked
        ],
        className="d-flex flex-wrap gap-2 mb-3",
        **aria(label=t("events.evaluation.choose", lang)),
    )
    cards = [
        dbc.Col(
            chart_card(
                f"events-evaluation-{kind}",
                result.title,
                lang,
                description=t(f"events.evaluation.{kind}_description", lang),
                values=view_card_values(result, lang, f"evaluation-{chosen}-{kind}"),
            ),
            lg=6,
            className="mb-3",
        )
        for kind, result in (
            ("years", evaluation.evaluation_across_years(snapshot, chosen, lang)),
            ("topics", evaluation.evaluation_by_topic(snapshot, chosen, lang)),
        )
    ]
    return [
        html.H2(t("events.evaluation.heading", lang), className="h4 mt-4", id="events-evaluation"),
        html.P(t("events.evaluation.intro", lang), className="text-muted"),
        choices,
        dbc.Row(cards),
    ]


def _with(search: str, query: dict, chosen: str) -> str:
    """The address's query with the question set (filters and sorting kept)."""
    params = dict(parse_qsl(search.lstrip("?")))
    params.update({k: str(query[k]) for k in (PARAM_SORT, PARAM_DIRECTION) if k in query})
    params[PARAM_QUESTION] = chosen
    return "?" + urlencode(params)
