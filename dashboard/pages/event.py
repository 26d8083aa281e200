"""/veranstaltung/<id>: one event's documentation in the order of the foundation's report:
the programme, who came, what grew, the evaluation. Each section can go into the deck; the
whole page is a PDF. Unknown ids get a friendly page."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, Input, Output, State, clientside_callback, dcc, html

from dashboard.analysis.events import ProgrammeItem
from dashboard.components.attributes import aria, data
from dashboard.components.badges import documented_badge, sample_badge
from dashboard.components.chart_card import chart_card
from dashboard.components.deck_control import LABELS_ID, STATUS_ID, STORE_ID
from dashboard.components.event_links import EVENTS_PATH as LIST_PATH
from dashboard.components.event_links import event_href
from dashboard.components.frame import page_frame
from dashboard.components.geodata import browser_sources, page_map_style
from dashboard.components.graph_config import graph_config
from dashboard.components.kpi import kpi_card
from dashboard.components.pdf_button import pdf_button
from dashboard.components.profile_parts import actor_href
from dashboard.components.view_card import view_card_values
from dashboard.i18n import fmt_number, t
from dashboard.presentation.deck import MAX_SLIDES
from dashboard.presentation.event_pdf import event_pdf_url
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from dashboard.views import event as views
from dashboard.views.map import MapCanvas
from dashboard.web.context import store

PATH_TEMPLATE = "/veranstaltung/<event_id>"
dash.register_page(
    __name__,
    path_template=PATH_TEMPLATE,
    name=t("page.event.name"),
    title=t("page.event.title"),
)

ADD_TYPE = "event-deck-add"
PDF_ID = "event-pdf"
MAP_HEIGHT = 460
MAP_WIDTH = 900  # the map column's width on a wide screen, to fit the zoom


def _mark(sample: bool, doc: views.EventDoc, lang: str, key: str):
    """The section's origin: the report's source line, or the "Beispieldaten" mark."""
    if sample:
        return sample_badge(lang, f"event-{key}-sample")
    return html.Span(
        [
            documented_badge(lang),
            " ",
            html.Small(views.source_line(doc, lang), className="text-muted"),
        ]
    )


def _heading(key: str, title: str, lang: str, mark) -> html.Div:
    """A section's title, its origin and its "add to the deck" button."""
    return html.Div(
        [
            html.H2(title, className="h4 mb-0 me-2", id=f"event-{key}-heading"),
            mark,
            html.Button(
                [
                    html.I(className="bi bi-easel me-1", **aria(hidden="true")),
                    t("event.deck.add", lang),
                ],
                id={"type": ADD_TYPE, "section": key},
                n_clicks=0,
                type="button",
                className="btn btn-outline-primary btn-sm ms-auto",
                title=t("event.deck.add_title", lang, section=title),
            ),
        ],
        className="d-flex flex-wrap align-items-center gap-2 mt-4 mb-2",
    )


def _actor_links(item: ProgrammeItem, search: str, lang: str) -> list:
    links: list = []
    for index, (actor_id, name, _source) in enumerate(item.actors):
        if index:
            links.append(", ")
        links.append(dcc.Link(name, href=actor_href(actor_id, search)))
    if item.more:
        links.append(" " + t("event.programme.more", lang, count=fmt_number(item.more, lang)))
    return links


def _programme_item(item: ProgrammeItem, doc: views.EventDoc, search: str, lang: str) -> html.Li:
    actors = _actor_links(item, search, lang)
    if not actors and doc.documented and item.kind == "workshop":
        actors = [t("event.programme.not_named", lang)]
    topics = (
        html.Span(
            t("event.programme.topics", lang, topics=", ".join(item.topics)),
            className="small text-muted ms-2",
        )
        if item.topics
        else None
    )
    # Bootstrap's numbered list group: the number and the text side by side, the kind at
    # the right.
    return html.Li(
        [
            html.Div(
                [
                    html.Div([html.Strong(item.title), topics]),
                    html.Div(actors, className="small") if actors else None,
                ],
                className="ms-2 me-auto",
            ),
            dbc.Badge(t(f"event.kind.{item.kind}", lang), color="secondary", className="ms-2"),
        ],
        id=f"event-session-{item.session_id}",
        className="list-group-item d-flex align-items-start",
        **data(kind=item.kind),
    )


def _programme(snapshot: Snapshot, doc: views.EventDoc, search: str, lang: str) -> list:
    # The items themselves, not programme_view: the page writes them as HTML with links,
    # and the figure (a table for the slide and the PDF) would be built for nothing.
    items = views.programme_items(snapshot, doc)
    body = (
        html.Ol(
            [_programme_item(item, doc, search, lang) for item in items],
            className="list-group list-group-numbered",
            id="event-programme",
        )
        if items
        else html.P(t("event.programme.empty", lang))
    )
    return [
        _heading(
            "programme",
            t("event.programme.title", lang),
            lang,
            _mark(views.programme_sample(items), doc, lang, "programme"),
        ),
        html.P(t("event.programme.order", lang), className="small text-muted"),
        body,
    ]


def _facts(facts: tuple[tuple[str, str], ...]) -> dbc.Row:
    cards = [
        kpi_card(f"event-fact-{index}", label, value) for index, (label, value) in enumerate(facts)
    ]
    return dbc.Row([dbc.Col(card, xs=6, md=3) for card in cards], className="g-3 mb-3")


def _counts_table(table: pd.DataFrame, lang: str) -> html.Table:
    head = html.Tr([html.Th(str(column), scope="col") for column in table.columns])
    rows = [
        html.Tr(
            [html.Th(str(row[0]), scope="row"), html.Td(str(row[1]))]
            + [
                html.Td(
                    "–" if pd.isna(value) else fmt_number(int(value), lang), className="text-end"
                )
                for value in row[2:]
            ]
        )
        for row in table.itertuples(index=False)
    ]
    return html.Table(
        [html.Caption(t("event.counts.table", lang)), html.Thead(head), html.Tbody(rows)],
        className="table table-sm table-striped",
        id="event-counts-table",
    )


def _who_came(snapshot: Snapshot, doc: views.EventDoc, style: str, lang: str) -> list:
    canvas = MapCanvas(
        sources=browser_sources(), style=style, fit_size=(MAP_WIDTH, MAP_HEIGHT), height=MAP_HEIGHT
    )
    drawing = views.who_came_map(snapshot, doc, lang, canvas)
    counts = views.counts_view(snapshot, doc, lang)
    sample = views.who_came_sample(snapshot, doc)
    undocumented = (
        dbc.Alert(t("event.who.undocumented_2017", lang), color="info", id="event-who-undocumented")
        if doc.documented
        else None
    )
    unplaced = drawing.unplaced
    return [
        _heading("who_came", t("event.who.title", lang), lang, _mark(sample, doc, lang, "who")),
        undocumented,
        _facts(counts.facts),
        dbc.Row(
            [
                dbc.Col(
                    [
                        dcc.Graph(
                            id="event-map",
                            figure=drawing.view.figure,
                            config=graph_config("veranstaltung-karte", scrollZoom=True),
                            style={"height": f"{MAP_HEIGHT}px"},
                        ),
                        html.P(drawing.summary, className="small text-muted mt-1"),
                        html.P(
                            t("event.who.unplaced", lang, count=fmt_number(len(unplaced), lang)),
                            className="small text-muted",
                        )
                        if not unplaced.empty
                        else None,
                    ],
                    lg=7,
                ),
                dbc.Col(
                    [
                        html.H3(counts.title, className="h6"),
                        html.P(counts.caption, className="small text-muted"),
                        dcc.Graph(
                            id="event-counts",
                            figure=counts.figure,
                            config=graph_config("veranstaltung-akteure"),
                        ),
                    ],
                    lg=5,
                ),
            ],
            className="g-3",
        ),
        html.Details(
            [
                html.Summary(t("event.counts.table", lang)),
                _counts_table(counts.table if counts.table is not None else pd.DataFrame(), lang),
            ],
            className="mt-2",
        ),
    ]


def _grew(snapshot: Snapshot, doc: views.EventDoc, search: str, lang: str) -> list:
    grown = views.growth(snapshot, doc)
    link_items = [
        html.Li(
            [
                dcc.Link(str(row.source_name), href=actor_href(str(row.source), search)),
                " – ",
                dcc.Link(str(row.target_name), href=actor_href(str(row.target), search)),
            ]
        )
        for row in grown.links.itertuples(index=False)
    ]
    topics = grown.topics["name"].tolist()
    return [
        _heading(
            "grew",
            t("event.grew.title", lang),
            lang,
            _mark(views.grew_sample(grown), doc, lang, "grew"),
        ),
        dbc.Row(
            [
                dbc.Col(
                    [
                        html.H3(
                            t(
                                "event.grew.links",
                                lang,
                                count=fmt_number(grown.begun, lang),
                                year=doc.year,
                            ),
                            className="h6",
                        ),
                        html.Ol(link_items, id="event-new-links")
                        if link_items
                        else html.P(t("event.grew.no_links", lang), className="text-muted"),
                    ],
                    md=7,
                ),
                dbc.Col(
                    [
                        html.H3(t("event.grew.topics", lang, year=doc.year), className="h6"),
                        html.Ul([html.Li(name) for name in topics], id="event-new-topics")
                        if topics
                        else html.P(t("event.grew.no_topics", lang), className="text-muted"),
                    ],
                    md=5,
                ),
            ]
        ),
    ]


def _evaluation_section(snapshot: Snapshot, doc: views.EventDoc, lang: str) -> list:
    """The evaluation: its results from views.event.evaluation, or the notice that there
    are none."""
    results = views.evaluation(snapshot, doc, lang)
    body = (
        [
            html.Div(
                chart_card(
                    f"event-evaluation-{index}",
                    result.title,
                    lang,
                    description=t("event.evaluation.description", lang),
                    values=view_card_values(result, lang, f"evaluation-{doc.id}-{index}"),
                ),
                className="mb-3",
            )
            for index, result in enumerate(results)
        ]
        if results
        else [html.P(views.evaluation_notice(doc, lang), id="event-evaluation-none")]
    )
    sample = views.evaluation_sample(snapshot, doc)
    mark = sample_badge(lang, "event-evaluation-sample") if sample else None
    return [_heading("evaluation", t("event.evaluation.title", lang), lang, mark), *body]


def _not_found(event_id: str | None, filters: Filters) -> html.Div:
    lang = filters.lang
    content = dbc.Alert(
        [
            html.H1(t("event.not_found.heading", lang), className="h4"),
            html.P(t("event.not_found.text", lang, id=event_id or "")),
            dcc.Link(
                t("event.back", lang), href=LIST_PATH + filters.to_search(), className="alert-link"
            ),
        ],
        color="light",
        id="event-not-found",
    )
    return page_frame(event_href(event_id or "", ""), filters, content, with_filters=False)


def layout(event_id: str | None = None, **query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    snapshot = store().snapshot()
    doc = views.event_doc(snapshot, event_id)
    if doc is None:
        return _not_found(event_id, filters)
    search = filters.to_search()
    event = doc.event
    place = ", ".join(
        str(part)
        for part in (event.get("venue"), event.get("city"))
        if isinstance(part, str) and part
    )
    content = [
        html.Div(
            [
                dcc.Link(
                    [
                        html.I(className="bi bi-arrow-left me-1", **aria(hidden="true")),
                        t("event.back", lang),
                    ],
                    href=LIST_PATH + search,
                    id="event-back",
                ),
                pdf_button(event_pdf_url(doc.id, lang), PDF_ID, "event.pdf", lang),
            ],
            className="d-flex flex-wrap justify-content-between align-items-start gap-2 mb-2",
        ),
        html.H1(doc.heading(), className="h3", id="event-title"),
        html.P(
            " · ".join(part for part in (views.event_dates(event, lang), place) if part),
            id="event-when",
        ),
        *_programme(snapshot, doc, search, lang),
        *_who_came(snapshot, doc, page_map_style(None), lang),
        *_grew(snapshot, doc, search, lang),
        *_evaluation_section(snapshot, doc, lang),
    ]
    return page_frame(event_href(doc.id, ""), filters, content, with_filters=False)


# A section goes into the deck as the page's address with the section as its chart; the
# deck lives in the browser (components/deck_control.py), so this runs there too.
_ADD_SECTION_JS = """
function (clicks, data, labels) {
    const nu = window.dash_clientside.no_update;
    const trigger = window.dash_clientside.callback_context.triggered_id;
    if (!trigger || !clicks.some(n => n)) { return [nu, nu]; }
    const deck = (data && Array.isArray(data.slides)) ? data : {name: "", slides: []};
    if (deck.slides.length >= MAX_SLIDES) { return [nu, labels.full]; }
    const href = window.location.pathname + window.location.search;
    const slides = deck.slides.concat([{href: href, chart: trigger.section, title: ""}]);
    return [Object.assign({}, deck, {slides: slides}), labels.added.replace("{count}", String(slides.length))];
}
""".replace("MAX_SLIDES", str(MAX_SLIDES))

clientside_callback(
    _ADD_SECTION_JS,
    Output(STORE_ID, "data", allow_duplicate=True),
    Output(STATUS_ID, "children", allow_duplicate=True),
    Input({"type": ADD_TYPE, "section": ALL}, "n_clicks"),
    State(STORE_ID, "data"),
    State(LABELS_ID, "data"),
    prevent_initial_call=True,
)
