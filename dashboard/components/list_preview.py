"""/daten, "Teilnahmeliste importieren": what the preview of an uploaded list shows.

The column mapping to confirm, the decision for every organisation (matched, new, in review)
as a grid, the review cards, the headcount changes and the summary; the callbacks of
`list_import_callbacks` build them from a `ListPreview`.
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.grid_locale import grid_locale
from dashboard.components.list_import import FIELD_ID, PLACE_ID, REVIEW_ID
from dashboard.components.place_choices import place_choices
from dashboard.components.problems_table import problems_table
from dashboard.exchange.lists import entries as list_entries
from dashboard.exchange.lists import mapping as list_mapping
from dashboard.exchange.lists import registration
from dashboard.exchange.lists.importer import ListPreview, registration_reason
from dashboard.exchange.lists.matching import NEW, REVIEW
from dashboard.geo.states import state_name
from dashboard.i18n import fmt_number, t, tn
from dashboard.web.context import app_context

SKIP = ""  # a review entry left undecided: not imported
EXAMPLES_SHOWN = 3


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


def review_cards(preview: ListPreview, lang: str, chosen: dict[str, str]) -> html.Div | None:
    # Each entry with its decision, so that the decision is known not to be None below.
    waiting = [
        (entry, entry.decision)
        for entry in preview.entries
        if entry.decision and entry.decision.decision == REVIEW
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
    for entry, decision in waiting:
        options = [
            {"label": _candidate_label(c, lang), "value": c.actor_id} for c in decision.candidates
        ]
        options += [
            {"label": t("list.review.new", lang), "value": list_entries.NEW_ACTOR},
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
                                    f" · {t('list.grid.rows', lang)} {rows} · {decision.reason(lang)}",
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
                    role=t(f"role.{after['role']}", lang),
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
