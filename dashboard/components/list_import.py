"""/daten: "Teilnahmeliste importieren" — the card, its pieces, and its thin callbacks.

The user picks the event (or types a new one), uploads the list, confirms the proposed
column mapping, decides the organisations in review, and commits one batch. Everything the
callbacks show comes from `ingest.list_import.preview_list`; every callback checks the role
on the server before it reads the upload or writes.
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, dcc, html, no_update

from dashboard.components.batch_table import batch_table
from dashboard.components.place_choices import place_choices
from dashboard.components.problems_table import problems_table
from dashboard.components.upload import upload_bytes, upload_limit_mb
from dashboard.db import repository
from dashboard.exchange.commit import ImportRejected, StalePreview
from dashboard.exchange.lists import mapping as list_mapping
from dashboard.exchange.lists import registration
from dashboard.exchange.lists.importer import (
    ListPreview,
    commit_list,
    preview_from_database,
    registration_reason,
)
from dashboard.exchange.lists.matching import MATCHED, NEW, REVIEW
from dashboard.exchange.lists.sheet import WORKBOOK_SUFFIXES
from dashboard.geo.states import state_name
from dashboard.i18n import fmt_number, normalise_language, t, tn
from dashboard.state.filters import Filters
from dashboard.web import auth
from dashboard.web.context import app_context
from dashboard.web.limits import costly_callback

EDITOR = auth.EDITOR
ACCEPT = ".csv,.txt,.tsv," + ",".join(WORKBOOK_SUFFIXES)
NEW_EVENT = "__neu__"
FIELD_ID = "liste-field"
REVIEW_ID = "liste-review"
PLACE_ID = "liste-place"
SKIP = ""  # a review entry left undecided: not imported
# The event the list belongs to (chosen, or typed in as new) and the address, in this order.
EVENT_STATES = [
    *(
        State(component, "value")
        for component in (
            "liste-event",
            "liste-event-title",
            "liste-event-year",
            "liste-event-date",
            "liste-event-city",
        )
    ),
    State("url", "search"),
]
EXAMPLES_SHOWN = 3


# --- layout ------------------------------------------------------------------------------------


def card(lang: str, events: list[dict]) -> dbc.Card:
    """The card; `events` are the stored events (id, year, title), newest first."""
    settings = app_context().settings
    spinner = html.Div(
        [dbc.Spinner(size="sm", spinner_class_name="me-2"), t("data.working", lang)],
        className="d-flex align-items-center text-muted",
        role="status",
    )
    options = [{"label": f"{e['year']} – {e['title']}", "value": e["id"]} for e in events]
    options.append({"label": t("list.event.new", lang), "value": NEW_EVENT})
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(t("list.heading", lang), className="h5 mb-0")),
            dbc.CardBody(
                [
                    html.P(t("list.intro", lang, mb=upload_limit_mb(settings, lang))),
                    dbc.Label(
                        t("list.event.label", lang), html_for="liste-event", className="fw-semibold"
                    ),
                    dcc.Dropdown(
                        id="liste-event",
                        options=options,
                        value=events[0]["id"] if events else NEW_EVENT,
                        clearable=False,
                        className="mb-2",
                    ),
                    dbc.Collapse(_new_event_form(lang), id="liste-new-event", is_open=not events),
                    dcc.Upload(
                        id="liste-upload",
                        children=html.Div(
                            [
                                html.I(className="bi bi-upload me-2", **{"aria-hidden": "true"}),
                                t("list.upload", lang),
                            ]
                        ),
                        accept=ACCEPT,
                        max_size=settings.upload_max_bytes,
                        multiple=False,
                        className="daten-upload mt-2",
                    ),
                    html.Div(
                        [
                            dbc.Label(
                                t("list.sheet", lang),
                                html_for="liste-sheet",
                                className="fw-semibold mt-2",
                            ),
                            dcc.Dropdown(id="liste-sheet", clearable=False),
                        ],
                        id="liste-sheet-row",
                        hidden=True,
                    ),
                    dcc.Loading(
                        html.Div(id="liste-mapping", className="mt-3"),
                        custom_spinner=spinner,
                        delay_show=300,
                    ),
                    # Part of the card from the start: Dash checks every callback's ids against it.
                    dbc.Button(
                        t("list.mapping.apply", lang),
                        id="liste-apply",
                        color="outline-primary",
                        size="sm",
                        className="liste-apply",
                        style={"display": "none"},
                    ),
                    dcc.Loading(
                        html.Div(id="liste-preview", className="mt-3"),
                        custom_spinner=spinner,
                        delay_show=300,
                    ),
                    dbc.Button(
                        t("list.commit", lang),
                        id="liste-commit",
                        color="primary",
                        disabled=True,
                        className="mt-3",
                    ),
                    dcc.Loading(
                        html.Div(id="liste-result", className="mt-3"),
                        custom_spinner=spinner,
                        delay_show=300,
                    ),
                    dcc.Store(id="liste-state"),
                ]
            ),
        ],
        className="mb-3",
    )


def _new_event_form(lang: str) -> dbc.Row:
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(
                        t("list.event.title", lang),
                        html_for="liste-event-title",
                        className="small mb-0",
                    ),
                    dbc.Input(id="liste-event-title", size="sm", maxLength=200),
                ],
                md=5,
            ),
            dbc.Col(
                [
                    dbc.Label(
                        t("list.event.year", lang),
                        html_for="liste-event-year",
                        className="small mb-0",
                    ),
                    dbc.Input(id="liste-event-year", size="sm", type="number", min=1900, max=2200),
                ],
                md=2,
            ),
            dbc.Col(
                [
                    dbc.Label(
                        t("list.event.date", lang),
                        html_for="liste-event-date",
                        className="small mb-0",
                    ),
                    dbc.Input(id="liste-event-date", size="sm", type="date"),
                ],
                md=3,
            ),
            dbc.Col(
                [
                    dbc.Label(
                        t("list.event.city", lang),
                        html_for="liste-event-city",
                        className="small mb-0",
                    ),
                    dbc.Input(id="liste-event-city", size="sm", maxLength=120),
                ],
                md=2,
            ),
        ],
        className="g-2 mb-2",
    )


# --- pieces built by callbacks ---------------------------------------------------------------


def mapping_table(preview: ListPreview, lang: str) -> html.Div:
    """Header, a few values, and a meaning to choose for every column."""
    options = [
        {"label": t(f"list.field.{name}", lang), "value": name} for name in list_mapping.FIELDS
    ]
    rows = []
    for index, (header, chosen) in enumerate(
        zip(preview.sheet.headers, preview.mapping, strict=False)
    ):
        examples = [str(cell) for cell in preview.sheet.column(index) if cell not in (None, "")][
            :EXAMPLES_SHOWN
        ]
        dropped = chosen in list_mapping.DROPPED_FIELDS
        rows.append(
            html.Tr(
                [
                    html.Td(header or f"#{index + 1}", className="fw-semibold"),
                    html.Td(
                        t("list.mapping.not_shown", lang) if dropped else ", ".join(examples),
                        className="small text-muted text-break",
                    ),
                    html.Td(
                        dcc.Dropdown(
                            id={"type": FIELD_ID, "index": index},
                            options=options,
                            value=chosen,
                            clearable=False,
                            style={"minWidth": "12rem"},
                        )
                    ),
                ]
            )
        )
    head = html.Thead(
        html.Tr([html.Th(t(f"list.mapping.{c}", lang)) for c in ("column", "examples", "meaning")])
    )
    note = t(f"list.mapping.source.{preview.mapping_source}", lang)
    return html.Div(
        [
            html.H3(t("list.mapping.heading", lang), className="h6"),
            html.P(note, className="small", id="liste-mapping-source"),
            dbc.Table(
                [head, html.Tbody(rows)],
                size="sm",
                responsive=True,
                className="small",
                id="liste-mapping-table",
            ),
        ]
    )


def _decision_label(decision: str, lang: str) -> str:
    return t(f"list.decision.{decision}", lang)


def decision_rows(preview: ListPreview, lang: str) -> list[dict]:
    actors = app_context().store.snapshot().tables["actors"]
    names = dict(zip(actors["id"], actors["name"], strict=False))
    rows = []
    for entry in preview.entries:
        counts = [
            count
            for (session, _role), count in entry.headcounts.items()
            if session is None and count is not None
        ]
        rows.append(
            {
                "rows": ", ".join(str(row) for row in entry.rows),
                "name": entry.name,
                "decision": _decision_label(entry.final, lang),
                "actor": _actor_shown(entry, names, lang),
                "place": ", ".join(
                    part
                    for part in (
                        entry.query.city,
                        state_name(entry.query.state, lang) if entry.query.state else None,
                    )
                    if part
                ),
                # No score where nothing was compared: a name new to the network.
                "score": round(entry.decision.score)
                if entry.decision and entry.decision.score
                else None,
                "reason": registration_reason(entry, lang),
                "people": sum(counts) if counts else None,
            }
        )
    return rows


def _actor_shown(entry, names: dict[str, str], lang: str) -> str:
    """The matched actor, or what a new one will be: its name and proposed type."""
    if entry.actor_id:
        return names.get(entry.actor_id, entry.actor_id)
    if entry.final != NEW:
        return ""
    actor_type = entry.query.type or registration.guess_type(entry.name)
    return t(
        "list.grid.new_actor",
        lang,
        name=registration.new_actor_name(entry.name),
        type=t(f"type.{actor_type}", lang),
    )


def decisions_grid(preview: ListPreview, lang: str) -> dag.AgGrid:
    columns = [
        {"field": "rows", "headerName": t("list.grid.rows", lang), "width": 90},
        {
            "field": "name",
            "headerName": t("list.grid.name", lang),
            "minWidth": 200,
            "flex": 2,
            "tooltipField": "name",
        },
        {"field": "decision", "headerName": t("list.grid.decision", lang), "width": 130},
        {
            "field": "actor",
            "headerName": t("list.grid.actor", lang),
            "minWidth": 170,
            "flex": 2,
            "tooltipField": "actor",
        },
        {
            "field": "place",
            "headerName": t("list.grid.place", lang),
            "minWidth": 170,
            "flex": 1,
            "tooltipField": "place",
        },
        {
            "field": "score",
            "headerName": t("list.grid.score", lang),
            "width": 130,
            "type": "numericColumn",
            "filter": "agNumberColumnFilter",
        },
        {
            "field": "reason",
            "headerName": t("list.grid.reason", lang),
            "minWidth": 220,
            "flex": 2,
            "tooltipField": "reason",
        },
        {
            "field": "people",
            "headerName": t("list.grid.people", lang),
            "width": 110,
            "type": "numericColumn",
            "filter": "agNumberColumnFilter",
        },
    ]
    return dag.AgGrid(
        id="liste-grid",
        rowData=decision_rows(preview, lang),
        columnDefs=columns,
        defaultColDef={"sortable": True, "filter": True, "resizable": True},
        dashGridOptions={
            "pagination": True,
            "paginationPageSize": 20,
            "localeText": grid_locale(lang),
            "domLayout": "autoHeight",
        },
        className="ag-theme-alpine",
        style={"width": "100%"},
    )


def grid_locale(lang: str) -> dict[str, str]:
    keys = (
        "noRowsToShow",
        "page",
        "of",
        "to",
        "more",
        "next",
        "previous",
        "first",
        "last",
        "filterOoo",
        "contains",
        "notContains",
        "equals",
        "notEqual",
        "startsWith",
        "endsWith",
        "blank",
        "notBlank",
        "andCondition",
        "orCondition",
        "lessThan",
        "greaterThan",
        "pageSizeSelectorLabel",
    )
    return {key: t(f"grid.{key}", lang) for key in keys}


def review_cards(preview: ListPreview, lang: str, chosen: dict[str, str]) -> html.Div | None:
    waiting = [
        entry for entry in preview.entries if entry.decision and entry.decision.decision == REVIEW
    ]
    if not waiting:
        return None
    items = [
        html.H3(
            t("list.review.heading", lang, count=fmt_number(len(waiting), lang)),
            className="h6 mt-3",
        ),
        html.P(t("list.review.intro", lang), className="small"),
    ]
    for entry in waiting:
        options = [
            {"label": _candidate_label(c, lang), "value": c.actor_id}
            for c in entry.decision.candidates
        ]
        options += [
            {"label": t("list.review.new", lang), "value": registration.NEW_ACTOR},
            {"label": t("list.review.skip", lang), "value": SKIP},
        ]
        rows = ", ".join(str(row) for row in entry.rows)
        items.append(
            dbc.Card(
                dbc.CardBody(
                    [
                        html.Div(
                            [
                                html.Strong(entry.name),
                                html.Span(
                                    f" · {t('list.grid.rows', lang)} {rows} · {entry.decision.reason(lang)}",
                                    className="small text-muted",
                                ),
                            ]
                        ),
                        dbc.RadioItems(
                            id={"type": REVIEW_ID, "key": entry.key},
                            options=options,
                            value=chosen.get(entry.key, SKIP),
                            className="small mt-1",
                        ),
                    ]
                ),
                className="mb-2 liste-review-card",
            )
        )
    return html.Div(items, id="liste-review")


def _candidate_label(candidate, lang: str) -> str:
    place = ", ".join(
        part
        for part in (candidate.city, state_name(candidate.state, lang) if candidate.state else None)
        if part
    )
    years = ", ".join(str(year) for year in candidate.years) or t("list.review.no_events", lang)
    return t(
        "list.review.candidate",
        lang,
        name=candidate.name,
        place=place or t("common.unknown", lang),
        years=years,
        score=fmt_number(candidate.score, lang),
    )


def headcount_changes(preview: ListPreview, lang: str) -> html.Div | None:
    changes = preview.headcount_changes()
    if not changes:
        return None
    names = dict(
        zip(
            *[app_context().store.snapshot().tables["actors"][c] for c in ("id", "name")],
            strict=False,
        )
    )
    items = []
    for before, after in changes:
        where = (
            t("list.changes.event", lang)
            if after.get("session_id") is None
            else after["session_id"]
        )
        items.append(
            html.Li(
                t(
                    "list.changes.line",
                    lang,
                    actor=names.get(after["actor_id"], after["actor_id"]),
                    where=where,
                    role=t(f"attendance.role.{after['role']}", lang),
                    before=fmt_number(before.get("headcount"), lang),
                    after=fmt_number(after.get("headcount"), lang),
                )
            )
        )
    return html.Div(
        [
            html.H3(t("list.changes.heading", lang), className="h6 mt-3"),
            html.Ul(items, className="small"),
        ],
        id="liste-changes",
    )


def summary(preview: ListPreview, lang: str) -> dbc.Alert:
    counts = preview.counts()
    errors = sum(1 for p in preview.all_problems if p.is_error)
    if errors:
        return dbc.Alert(
            t("list.summary.rejected", lang, errors=tn("count.errors", errors, lang)),
            color="danger",
            id="liste-summary",
        )
    text = t(
        "list.summary.ready",
        lang,
        rows=tn("count.rows", len(preview.rows), lang),
        matched=tn("count.organisations", counts["matched"], lang),
        new=fmt_number(counts["new"], lang),
        review=fmt_number(counts["review"], lang),
    )
    if preview.per_person:
        text += " " + tn(
            "list.summary.per_person",
            preview.people,
            lang,
            columns=", ".join(preview.dropped_headers()) or "–",
        )
    if preview.plan is not None and not preview.plan.has_changes:
        text += " " + t("list.summary.nothing", lang)
    return dbc.Alert(
        text,
        color="success" if preview.plan is not None and preview.plan.has_changes else "secondary",
        id="liste-summary",
    )


def preview_view(preview: ListPreview, lang: str, chosen: dict[str, str]) -> list:
    parts = [summary(preview, lang)]
    if preview.entries:
        parts.append(html.H3(t("list.grid.heading", lang), className="h6"))
        parts.append(decisions_grid(preview, lang))
    parts += [
        review_cards(preview, lang, chosen),
        place_choices(preview.plan, lang, PLACE_ID, "liste-places"),
        headcount_changes(preview, lang),
    ]
    # Notes (a place found, one row per person) are told above; the table is for what to fix.
    problems = [p for p in preview.all_problems if p.severity != "info"]
    if problems:
        parts.append(
            html.H3(
                t("data.problems.heading", lang, count=fmt_number(len(problems), lang)),
                className="h6 mt-3",
            )
        )
        parts.append(problems_table(problems, lang, "liste-problems"))
    return parts


# --- callbacks ------------------------------------------------------------------------------------


def _lang(search: str | None) -> str:
    return normalise_language(Filters.from_search(search).lang)


def _decode(contents: str | None) -> bytes | None:
    data = upload_bytes(contents)
    limit = app_context().settings.upload_max_bytes
    return data if data is not None and len(data) <= limit else None


def _refused(lang: str) -> dbc.Alert:
    return dbc.Alert(t("data.refused", lang), color="danger", id="liste-refused")


def _event(choice, title, year, date, city) -> tuple[registration.EventSpec | None, list[str]]:
    if choice and choice != NEW_EVENT:
        return registration.EventSpec(str(choice)), []
    taken = set(app_context().store.snapshot().tables["events"]["id"])
    return registration.new_event(title, year, date, city, taken)


def _preview(
    contents, file_name, sheet, event, mapping=None, choices=None, places=None
) -> ListPreview | None:
    data = _decode(contents)
    if data is None:
        return None
    settings = app_context().settings
    return preview_from_database(
        app_context().engine,
        data,
        file_name or "liste.csv",
        event,
        sheet=sheet,
        mapping=mapping,
        choices=choices,
        places=places,
        match_score=settings.match_score,
        review_score=settings.review_score,
    )


def _state(preview: ListPreview, event: registration.EventSpec) -> dict:
    return {
        "version": preview.plan.base_version if preview.plan else None,
        "mapping": list(preview.mapping),
        "ready": preview.ok and preview.plan is not None and preview.plan.has_changes,
    }


def register_callbacks() -> None:
    """Called by the /daten page module, which Dash executes once per app: callbacks
    declared at this module's import would reach only the first app of a process."""

    @callback(Output("liste-new-event", "is_open"), Input("liste-event", "value"))
    def toggle_new_event(choice):
        return choice == NEW_EVENT

    @callback(
        Output("liste-mapping", "children"),
        Output("liste-preview", "children"),
        Output("liste-state", "data"),
        Output("liste-commit", "disabled"),
        Output("liste-sheet", "options"),
        # The first sheet is read until the user picks another; setting the value here would
        # run this callback a second time.
        Output("liste-sheet", "placeholder"),
        Output("liste-sheet-row", "hidden"),
        Output("liste-apply", "style"),
        Input("liste-upload", "contents"),
        Input("liste-sheet", "value"),
        State("liste-upload", "filename"),
        *EVENT_STATES,
        prevent_initial_call=True,
        running=[(Output("liste-upload", "disabled"), True, False)],
    )
    @costly_callback
    def show_list(contents, sheet, file_name, event_choice, title, year, date, city, search):
        lang = _lang(search)
        keep = (no_update,) * 4
        if auth.writer(EDITOR) is None:
            return _refused(lang), None, None, True, *keep
        event, problems = _event(event_choice, title, year, date, city)
        if event is None:
            return (
                dbc.Alert(
                    [html.Div(t(f"ingest.{key}", lang)) for key in problems],
                    color="warning",
                    id="liste-event-problem",
                ),
                None,
                None,
                True,
                *keep,
            )
        preview = _preview(contents, file_name, sheet, event)
        if preview is None:
            return (
                dbc.Alert(t("data.upload.unreadable", lang), color="danger"),
                None,
                None,
                True,
                *keep,
            )
        sheets = [{"label": name, "value": name} for name in preview.sheet.sheet_names]
        mapping = mapping_table(preview, lang) if preview.sheet.headers else None
        state = _state(preview, event)
        return (
            mapping,
            preview_view(preview, lang, {}),
            state,
            not state["ready"],
            sheets,
            preview.sheet.sheet,
            len(preview.sheet.sheet_names) < 2,
            {"display": "inline-block"} if mapping else {"display": "none"},
        )

    @callback(
        Output("liste-preview", "children", allow_duplicate=True),
        Output("liste-state", "data", allow_duplicate=True),
        Output("liste-commit", "disabled", allow_duplicate=True),
        Input("liste-apply", "n_clicks"),
        State({"type": FIELD_ID, "index": ALL}, "value"),
        State("liste-upload", "contents"),
        State("liste-upload", "filename"),
        State("liste-sheet", "value"),
        *EVENT_STATES,
        prevent_initial_call=True,
    )
    @costly_callback
    def apply_mapping(
        _clicks,
        chosen_fields,
        contents,
        file_name,
        sheet,
        event_choice,
        title,
        year,
        date,
        city,
        search,
    ):
        lang = _lang(search)
        if auth.writer(EDITOR) is None:
            return _refused(lang), None, True
        event, problems = _event(event_choice, title, year, date, city)
        if event is None:
            return (
                dbc.Alert(
                    [html.Div(t(f"ingest.{key}", lang)) for key in problems], color="warning"
                ),
                None,
                True,
            )
        preview = _preview(
            contents, file_name, sheet, event, mapping=[str(field) for field in chosen_fields or []]
        )
        if preview is None:
            return dbc.Alert(t("data.upload.unreadable", lang), color="danger"), None, True
        state = _state(preview, event)
        return preview_view(preview, lang, {}), state, not state["ready"]

    @callback(
        Output("liste-commit", "disabled", allow_duplicate=True),
        Input({"type": REVIEW_ID, "key": ALL}, "value"),
        State("liste-state", "data"),
        prevent_initial_call=True,
    )
    def enable_after_review(decisions, state):
        """A list whose every organisation waits for review is ready once one is decided."""
        ready = isinstance(state, dict) and bool(state.get("ready"))
        return not (
            ready
            or (
                isinstance(decisions, list)
                and any(isinstance(value, str) and value for value in decisions)
            )
        )

    @callback(
        Output("liste-result", "children"),
        Output("daten-batches", "children", allow_duplicate=True),
        Output("liste-upload", "contents"),
        Output("liste-preview", "children", allow_duplicate=True),
        Input("liste-commit", "n_clicks"),
        State("liste-state", "data"),
        State({"type": REVIEW_ID, "key": ALL}, "value"),
        State({"type": REVIEW_ID, "key": ALL}, "id"),
        State({"type": PLACE_ID, "actor": ALL}, "value"),
        State({"type": PLACE_ID, "actor": ALL}, "id"),
        State("liste-upload", "contents"),
        State("liste-upload", "filename"),
        State("liste-sheet", "value"),
        *EVENT_STATES,
        prevent_initial_call=True,
        running=[(Output("liste-commit", "disabled"), True, True)],
    )
    @costly_callback
    def commit_list_upload(
        _clicks,
        state,
        review_values,
        review_ids,
        place_values,
        place_ids,
        contents,
        file_name,
        sheet,
        event_choice,
        title,
        year,
        date,
        city,
        search,
    ):
        lang = _lang(search)
        user = auth.writer(EDITOR)
        if user is None:
            return _refused(lang), no_update, no_update, no_update
        event, _problems = _event(event_choice, title, year, date, city)
        if not isinstance(state, dict) or event is None:
            return no_update, no_update, no_update, no_update
        choices = {
            rid["key"]: value
            for rid, value in zip(review_ids, review_values, strict=False)
            if isinstance(value, str) and value
        }
        places = {
            pid["actor"]: value
            for pid, value in zip(place_ids, place_values, strict=False)
            if isinstance(value, str) and value
        }
        preview = _preview(
            contents,
            file_name,
            sheet,
            event,
            mapping=state.get("mapping"),
            choices=choices,
            places=places,
        )
        if preview is None:
            return (
                dbc.Alert(t("data.upload.unreadable", lang), color="danger"),
                no_update,
                no_update,
                no_update,
            )
        if preview.plan is None or preview.plan.base_version != state.get("version"):
            return (
                dbc.Alert(t("ingest.stale", lang), color="warning", id="liste-stale"),
                no_update,
                no_update,
                no_update,
            )
        try:
            result = commit_list(
                app_context().engine, preview, user=user.name, places=places, ip=auth.client_ip()
            )
        except StalePreview:
            return (
                dbc.Alert(t("ingest.stale", lang), color="warning", id="liste-stale"),
                batch_table(lang),
                None,
                None,
            )
        except repository.WritersBusy:
            return (
                dbc.Alert(t("ingest.busy", lang), color="warning"),
                no_update,
                no_update,
                no_update,
            )
        except ImportRejected as rejected:
            errors = tn("count.errors", len(rejected.plan.errors), lang)
            text = t("data.commit.rejected", lang, errors=errors)
            return (
                dbc.Alert(
                    [text, problems_table(rejected.plan.errors, lang, "liste-rejected")],
                    color="danger",
                ),
                no_update,
                no_update,
                no_update,
            )
        if result.batch_id is None:
            return (
                dbc.Alert(t("data.preview.nothing", lang), color="secondary"),
                no_update,
                None,
                None,
            )
        counts = preview.counts()
        message = t(
            "list.done",
            lang,
            batch=result.batch_id,
            matched=fmt_number(counts[MATCHED], lang),
            new=fmt_number(counts[NEW], lang),
            review=fmt_number(counts[REVIEW], lang),
        )
        link = html.A(
            t("list.done_link", lang),
            href=f"/teilnahme?lang={lang}" if lang != "de" else "/teilnahme",
            className="alert-link ms-1",
        )
        return (
            dbc.Alert([message, link], color="success", id="liste-committed"),
            batch_table(lang),
            None,
            None,
        )
