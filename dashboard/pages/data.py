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

from dashboard.components import (
    data_cards,
    evaluation_import,
    evaluation_import_callbacks,
    import_preview,
    list_import,
    list_import_callbacks,
)
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
from dashboard.i18n import fmt_number, normalise_language, t, tn
from dashboard.state.filters import Filters
from dashboard.web import auth
from dashboard.web.context import app_context
from dashboard.web.limits import costly_callback

PATH = "/daten"
dash.register_page(
    __name__, path=PATH, name=t("nav.data"), title=t("page.data.title"), order=6, nav_key="nav.data"
)

EDITOR = auth.EDITOR
ADMIN = "admin"  # publishes the site the public reads
list_import_callbacks.register_callbacks()
evaluation_import_callbacks.register_callbacks()
PLACE_ID = "daten-place"


# --- layout ------------------------------------------------------------------------------------


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    user = auth.current_user()
    heading = html.H1(t("data.heading", lang), className="h3 mb-3")
    if not auth.shows_writes(EDITOR):
        return page_frame(
            PATH, filters, [heading, data_cards.no_access(user, lang, PATH)], with_filters=False
        )
    validating = auth.building_validation_layout()  # gets the controls but no data
    content = [
        html.Div(
            [heading, data_cards.user_line(user, lang) if user else None],
            className="d-flex justify-content-between align-items-start flex-wrap gap-2",
        ),
        list_import.card(lang, [] if validating else _events_newest_first()),
        evaluation_import.card(lang, [] if validating else _events_newest_first()),
        dbc.Row(
            [
                dbc.Col(data_cards.import_card(lang), xl=8),
                dbc.Col(
                    [
                        data_cards.export_card(lang),
                        data_cards.publish_card(lang) if auth.shows_writes(ADMIN) else None,
                        data_cards.batches_card(lang, with_data=not validating),
                    ],
                    xl=4,
                ),
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
        import_preview.summary(parsed, plan, lang),
    ]
    if plan is not None:
        parts.append(import_preview.counts_table(plan, lang))
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
