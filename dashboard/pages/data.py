"""Daten: import with validation and preview, undo of import batches, export (staff only).

Every callback that reads the upload or writes checks the role on the server first
(`auth.writer`, editor or admin); the layout only decides what is shown. The upload stays
in the browser between preview and commit: commit parses it again, plans again inside the writers' lock, and
refuses if the data moved since the preview (so what is written is what was shown).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard.components import list_import
from dashboard.components.batch_table import UNDO_ID, batch_table
from dashboard.components.frame import page_frame
from dashboard.components.place_choices import place_choices
from dashboard.components.problems_table import problems_table
from dashboard.components.upload import upload_bytes, upload_limit_mb
from dashboard.db import repository
from dashboard.exchange import parse_bytes
from dashboard.exchange.commit import (
    ImportRejected,
    StalePreview,
    UndoRefused,
    commit,
    preview,
    undo,
)
from dashboard.exchange.export import frame_to_csv_bytes
from dashboard.exchange.plan import MERGE, REPLACE
from dashboard.exchange.problems import ERROR
from dashboard.i18n import fmt_number, normalise_language, t, tn
from dashboard.state.filters import Filters
from dashboard.web import auth, data_routes
from dashboard.web.context import app_context
from dashboard.web.limits import costly_callback

PATH = "/daten"
dash.register_page(
    __name__, path=PATH, name=t("nav.data"), title=t("page.data.title"), order=6, nav_key="nav.data"
)

EDITOR = auth.EDITOR
list_import.register_callbacks()
ACCEPT = ".csv,.txt,.tsv,.zip,.xlsx,.xlsm"
PLACE_ID = "daten-place"


# --- layout ------------------------------------------------------------------------------------


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    user = auth.current_user()
    heading = html.H1(t("data.heading", lang), className="h3 mb-3")
    if not auth.shows_writes(EDITOR):
        return page_frame(PATH, filters, [heading, _no_access(user, lang)], with_filters=False)
    validating = auth.building_validation_layout()  # gets the controls but no data
    content = [
        html.Div(
            [heading, _user_line(user, lang) if user else None],
            className="d-flex justify-content-between align-items-start flex-wrap gap-2",
        ),
        list_import.card(lang, [] if validating else _events_newest_first()),
        dbc.Row(
            [
                dbc.Col(_import_card(lang), xl=8),
                dbc.Col([_export_card(lang), _batches_card(lang, with_data=not validating)], xl=4),
            ],
            className="g-3",
        ),
    ]
    return page_frame(PATH, filters, content, with_filters=False)


def _events_newest_first() -> list[dict]:
    events = (
        app_context().store.snapshot().tables["events"].sort_values(["year", "id"], ascending=False)
    )
    return events[["id", "year", "title"]].to_dict("records")


def _no_access(user, lang: str) -> dbc.Alert:
    if user is None:
        text = t("data.login_needed", lang)
        link = html.A(
            t("data.to_login", lang),
            href=auth.login_url(PATH, lang=lang),
            id="data-login-link",
            className="alert-link ms-1",
        )
    else:
        text = t("data.role_needed", lang, role=t(f"login.role.{user.role}", lang))
        link = None
    return dbc.Alert([text, link], color="warning", id="data-no-access")


def _user_line(user, lang: str) -> html.Form:
    return html.Form(
        [
            html.Span(
                t(
                    "login.logged_in_as",
                    lang,
                    name=user.name,
                    role=t(f"login.role.{user.role}", lang),
                ),
                className="me-2 small text-muted",
            ),
            dbc.Button(
                t("login.logout", lang), type="submit", color="link", size="sm", id="daten-logout"
            ),
        ],
        action=auth.logout_action(lang),
        method="POST",
        className="d-flex align-items-center",
    )


def _import_card(lang: str) -> dbc.Card:
    settings = app_context().settings
    spinner = html.Div(
        [dbc.Spinner(size="sm", spinner_class_name="me-2"), t("data.working", lang)],
        className="d-flex align-items-center text-muted",
        role="status",
    )
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(t("data.import.heading", lang), className="h5 mb-0")),
            dbc.CardBody(
                [
                    html.P(t("data.import.intro", lang, mb=upload_limit_mb(settings, lang))),
                    dbc.Label(
                        t("data.mode.label", lang), html_for="daten-mode", className="fw-semibold"
                    ),
                    dbc.RadioItems(
                        id="daten-mode",
                        options=[
                            {"label": t("data.mode.merge", lang), "value": MERGE},
                            {"label": t("data.mode.replace", lang), "value": REPLACE},
                        ],
                        value=MERGE,
                        className="mb-3",
                    ),
                    dcc.Upload(
                        id="daten-upload",
                        children=html.Div(
                            [
                                html.I(className="bi bi-upload me-2", **{"aria-hidden": "true"}),
                                t("data.upload.prompt", lang),
                            ]
                        ),
                        accept=ACCEPT,
                        max_size=settings.upload_max_bytes,
                        multiple=False,
                        className="daten-upload",
                    ),
                    dcc.Loading(
                        html.Div(id="daten-preview", className="mt-3"),
                        custom_spinner=spinner,
                        delay_show=300,
                    ),
                    html.Div(
                        [
                            dbc.Button(
                                t("data.commit", lang),
                                id="daten-commit",
                                color="primary",
                                disabled=True,
                                className="me-2",
                            ),
                            dbc.Button(
                                t("data.problems.download", lang),
                                id="daten-problems-download-button",
                                color="outline-secondary",
                                disabled=True,
                            ),
                            dcc.Download(id="daten-problems-download"),
                        ],
                        className="mt-3",
                    ),
                    dcc.Loading(
                        html.Div(id="daten-result", className="mt-3"),
                        custom_spinner=spinner,
                        delay_show=300,
                    ),
                    dcc.Store(id="daten-plan"),
                ]
            ),
        ]
    )


def _export_card(lang: str) -> dbc.Card:
    def link(href: str, icon: str, key: str, element_id: str) -> html.A:
        return html.A(
            [html.I(className=f"bi {icon} me-2", **{"aria-hidden": "true"}), t(key, lang)],
            href=href,
            download="",
            id=element_id,
            className="btn btn-outline-primary btn-sm me-2 mb-2",
        )

    return dbc.Card(
        [
            dbc.CardHeader(html.H2(t("data.export.heading", lang), className="h5 mb-0")),
            dbc.CardBody(
                [
                    html.P(t("data.export.intro", lang), className="small"),
                    link(
                        data_routes.EXPORT_XLSX,
                        "bi-file-earmark-spreadsheet",
                        "data.export.xlsx",
                        "daten-export-xlsx",
                    ),
                    link(
                        data_routes.EXPORT_ZIP,
                        "bi-file-earmark-zip",
                        "data.export.zip",
                        "daten-export-zip",
                    ),
                    html.P(t("data.template.intro", lang), className="small mt-2"),
                    link(
                        data_routes.TEMPLATE,
                        "bi-file-earmark-arrow-down",
                        "data.template.download",
                        "daten-template",
                    ),
                ]
            ),
        ],
        className="mb-3",
    )


def _batches_card(lang: str, with_data: bool) -> dbc.Card:
    table = batch_table(lang) if with_data else None
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(t("data.batches.heading", lang), className="h5 mb-0")),
            dbc.CardBody(
                [
                    html.P(t("data.batches.intro", lang), className="small"),
                    html.Div(table, id="daten-batches"),
                ]
            ),
        ]
    )


# --- pieces built by callbacks ----------------------------------------------------------------


def _counts_table(plan, lang: str) -> dbc.Table:
    columns = ("new", "changed", "unchanged", "removed")
    header = html.Thead(
        html.Tr(
            [html.Th(t("data.preview.table", lang))]
            + [html.Th(t(f"data.preview.{c}", lang), className="text-end") for c in columns]
        )
    )
    rows = []
    for name, counts in plan.counts().items():
        cells = [html.Td(t(f"ingest.table.{name}", lang))]
        for column in columns:
            value = counts[column]
            emphasis = (
                " fw-bold text-danger"
                if column == "removed" and value
                else (" fw-bold" if column in ("new", "changed") and value else "")
            )
            cells.append(html.Td(fmt_number(value, lang), className="text-end" + emphasis))
        rows.append(html.Tr(cells, id=f"daten-count-{name}"))
    return dbc.Table(
        [header, html.Tbody(rows)],
        size="sm",
        bordered=True,
        className="daten-counts",
        id="daten-counts",
    )


def _summary(parsed, plan, lang: str) -> dbc.Alert:
    problems = plan.problems if plan is not None else parsed.problems
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = sum(1 for p in problems if p.severity == "warning")
    if errors:
        return dbc.Alert(
            t(
                "data.preview.rejected",
                lang,
                errors=tn("count.errors", errors, lang),
                warnings=tn("count.warnings", warnings, lang),
            ),
            color="danger",
            id="daten-summary",
        )
    if not plan.has_changes:
        return dbc.Alert(t("data.preview.nothing", lang), color="secondary", id="daten-summary")
    key = "data.preview.ready_replace" if plan.mode == REPLACE else "data.preview.ready"
    return dbc.Alert(
        t(key, lang, warnings=tn("count.warnings", warnings, lang)),
        color="success",
        id="daten-summary",
    )


# --- callbacks ------------------------------------------------------------------------------------


def _lang(search: str | None) -> str:
    return normalise_language(Filters.from_search(search).lang)


def _refused(lang: str) -> dbc.Alert:
    return dbc.Alert(t("data.refused", lang), color="danger", id="daten-refused")


def _parse_upload(contents, file_name):
    """The parsed upload, or an error message key."""
    data = upload_bytes(contents)
    if data is None:
        return None, "data.upload.unreadable"
    if len(data) > app_context().settings.upload_max_bytes:
        return None, "data.upload.too_large"
    return parse_bytes(data, file_name or "upload"), None


@callback(
    Output("daten-preview", "children"),
    Output("daten-plan", "data"),
    Output("daten-commit", "disabled"),
    Output("daten-problems-download-button", "disabled"),
    Input("daten-upload", "contents"),
    Input("daten-mode", "value"),
    State("daten-upload", "filename"),
    State("url", "search"),
    prevent_initial_call=True,
    running=[(Output("daten-upload", "disabled"), True, False)],
)
@costly_callback
def show_preview(contents, mode, file_name, search):
    lang = _lang(search)
    if auth.writer(EDITOR) is None:
        return _refused(lang), None, True, True
    if not contents:
        return None, None, True, True
    parsed, error = _parse_upload(contents, file_name)
    if error:
        return (
            dbc.Alert(
                t(error, lang, mb=upload_limit_mb(app_context().settings, lang)), color="danger"
            ),
            None,
            True,
            True,
        )
    mode = REPLACE if mode == REPLACE else MERGE
    plan = preview(app_context().engine, parsed, mode)
    problems = plan.problems
    parts = [
        html.H3(t("data.preview.heading", lang, file=file_name or ""), className="h6"),
        _summary(parsed, plan, lang),
    ]
    if plan is not None:
        parts.append(_counts_table(plan, lang))
        parts.append(place_choices(plan, lang, PLACE_ID, "daten-places"))
    if problems:
        parts.append(
            html.H3(
                t("data.problems.heading", lang, count=fmt_number(len(problems), lang)),
                className="h6 mt-3",
            )
        )
        parts.append(problems_table(problems, lang))
    ready = plan is not None and plan.ok and plan.has_changes
    store = {
        "version": plan.base_version if plan else None,
        "mode": mode,
        "file": file_name,
        "ready": ready,
    }
    return parts, store, not ready, not problems


@callback(
    Output("daten-result", "children"),
    Output("daten-batches", "children"),
    Output("daten-upload", "contents"),
    Input("daten-commit", "n_clicks"),
    State("daten-upload", "contents"),
    State("daten-upload", "filename"),
    State("daten-plan", "data"),
    State({"type": PLACE_ID, "actor": ALL}, "value"),
    State({"type": PLACE_ID, "actor": ALL}, "id"),
    State("url", "search"),
    prevent_initial_call=True,
    running=[(Output("daten-commit", "disabled"), True, True)],
)
@costly_callback
def commit_upload(_clicks, contents, file_name, stored_plan, place_values, place_ids, search):
    lang = _lang(search)
    user = auth.writer(EDITOR)
    if user is None:
        return _refused(lang), no_update, no_update
    if not isinstance(stored_plan, dict) or not stored_plan.get("ready"):
        return no_update, no_update, no_update
    parsed, error = _parse_upload(contents, file_name)
    if error:
        return (
            dbc.Alert(
                t(error, lang, mb=upload_limit_mb(app_context().settings, lang)), color="danger"
            ),
            no_update,
            no_update,
        )
    choices = {
        pid["actor"]: value for pid, value in zip(place_ids, place_values, strict=False) if value
    }
    try:
        result = commit(
            app_context().engine,
            parsed,
            user=user.name,
            mode=stored_plan.get("mode", MERGE),
            choices=choices,
            expected_version=stored_plan.get("version"),
            ip=auth.client_ip(),
        )
    except StalePreview:
        return (
            dbc.Alert(t("ingest.stale", lang), color="warning", id="daten-stale"),
            batch_table(lang),
            None,
        )
    except repository.WritersBusy:
        return dbc.Alert(t("ingest.busy", lang), color="warning"), no_update, no_update
    except ImportRejected as rejected:
        text = t(
            "data.commit.rejected", lang, errors=tn("count.errors", len(rejected.plan.errors), lang)
        )
        return (
            dbc.Alert([text, problems_table(rejected.plan.errors, lang)], color="danger"),
            no_update,
            no_update,
        )
    if result.batch_id is None:
        return dbc.Alert(t("data.preview.nothing", lang), color="secondary"), no_update, None
    total = sum(c["new"] + c["changed"] + c["removed"] for c in result.plan.counts().values())
    message = t("data.commit.done", lang, batch=result.batch_id, rows=tn("count.rows", total, lang))
    return dbc.Alert(message, color="success", id="daten-committed"), batch_table(lang), None


@callback(
    Output("daten-result", "children", allow_duplicate=True),
    Output("daten-batches", "children", allow_duplicate=True),
    Input({"type": UNDO_ID, "batch": ALL}, "submit_n_clicks"),
    State("url", "search"),
    prevent_initial_call=True,
)
@costly_callback
def undo_batch(clicks, search):
    lang = _lang(search)
    if not any(clicks or []):
        return no_update, no_update  # a redrawn table reports its buttons unclicked
    user = auth.writer(EDITOR)
    if user is None:
        return _refused(lang), no_update
    batch_id = ctx.triggered_id["batch"] if isinstance(ctx.triggered_id, dict) else None
    if not isinstance(batch_id, int):
        return no_update, no_update
    try:
        counts = undo(app_context().engine, batch_id, user=user.name, ip=auth.client_ip())
    except UndoRefused as refused:
        return dbc.Alert(t(refused.key, lang, **refused.params), color="warning"), batch_table(lang)
    except repository.WritersBusy:
        return dbc.Alert(t("ingest.busy", lang), color="warning"), no_update
    message = t(
        "data.undo.done",
        lang,
        batch=batch_id,
        **{k: fmt_number(v, lang) for k, v in counts.items()},
    )
    return dbc.Alert(message, color="success", id="daten-undone"), batch_table(lang)


@callback(
    Output("daten-problems-download", "data"),
    Input("daten-problems-download-button", "n_clicks"),
    State("daten-upload", "contents"),
    State("daten-upload", "filename"),
    State("daten-mode", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
@costly_callback
def download_problems(_clicks, contents, file_name, mode, search):
    lang = _lang(search)
    if auth.writer(EDITOR) is None:
        return no_update
    parsed, error = _parse_upload(contents, file_name)
    if error:
        return no_update
    problems = preview(app_context().engine, parsed, REPLACE if mode == REPLACE else MERGE).problems
    columns = ("severity", "table", "row", "column", "value", "message")
    frame = pd.DataFrame([p.as_row(lang) for p in problems], columns=list(columns))
    frame.columns = [t(f"data.problems.{c}", lang) for c in columns]
    return dcc.send_bytes(frame_to_csv_bytes(frame), t("data.problems.file_name", lang))
