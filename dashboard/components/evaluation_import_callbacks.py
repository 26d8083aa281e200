"""/daten, "Auswertung importieren": the thin callbacks of the card.

Every callback checks the role on the server before it reads the upload or writes; what
they show comes from `exchange.evaluation.importer.preview_from_database`.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, no_update

from dashboard.components.batch_table import batch_table
from dashboard.components.evaluation_import import KIND_ID, mapping_table, preview_view
from dashboard.components.problems_table import problems_table
from dashboard.components.upload import upload_bytes
from dashboard.db import repository
from dashboard.exchange.commit import ImportRejected, StalePreview
from dashboard.exchange.evaluation.importer import (
    EvaluationPreview,
    commit_evaluation,
    preview_from_database,
)
from dashboard.i18n import normalise_language, t, tn
from dashboard.state.filters import Filters
from dashboard.web import auth
from dashboard.web.context import app_context
from dashboard.web.limits import costly_callback

EDITOR = auth.EDITOR
_UPLOAD = [
    State("auswertung-upload", "contents"),
    State("auswertung-upload", "filename"),
    State("auswertung-event", "value"),
    State("url", "search"),
]


def _lang(search: str | None) -> str:
    return normalise_language(Filters.from_search(search).lang)


def _preview(contents, file_name, event, kinds=None) -> EvaluationPreview | None:
    data = upload_bytes(contents)
    if data is None or len(data) > app_context().settings.upload_max_bytes or not event:
        return None
    return preview_from_database(
        app_context().engine, data, file_name or "umfrage.csv", str(event), kinds=kinds
    )


def _shown(preview: EvaluationPreview, lang: str):
    sessions = app_context().store.snapshot().tables["sessions"]
    ready = preview.ok and preview.plan is not None and preview.plan.has_changes
    state = {
        "version": preview.plan.base_version if preview.plan else None,
        "kinds": list(preview.kinds),
    }
    return preview_view(preview, sessions, lang), state, not ready


def _refused(lang: str) -> dbc.Alert:
    return dbc.Alert(t("data.refused", lang), color="danger", id="auswertung-refused")


def _unreadable(lang: str) -> dbc.Alert:
    return dbc.Alert(t("data.upload.unreadable", lang), color="danger")


def register_callbacks() -> None:
    """Called by the /daten page module (once per app, as the list import's)."""

    @callback(
        Output("auswertung-mapping", "children"),
        Output("auswertung-preview", "children"),
        Output("auswertung-state", "data"),
        Output("auswertung-commit", "disabled"),
        Output("auswertung-apply", "style"),
        Input("auswertung-upload", "contents"),
        *_UPLOAD[1:],
        prevent_initial_call=True,
    )
    @costly_callback
    def show_survey(contents, file_name, event, search):
        lang = _lang(search)
        if auth.writer(EDITOR) is None:
            return _refused(lang), None, None, True, no_update
        preview = _preview(contents, file_name, event)
        if preview is None:
            return _unreadable(lang), None, None, True, no_update
        view, state, disabled = _shown(preview, lang)
        mapping = mapping_table(preview, lang) if preview.kinds else None
        return mapping, view, state, disabled, {"display": "inline-block" if mapping else "none"}

    @callback(
        Output("auswertung-preview", "children", allow_duplicate=True),
        Output("auswertung-state", "data", allow_duplicate=True),
        Output("auswertung-commit", "disabled", allow_duplicate=True),
        Input("auswertung-apply", "n_clicks"),
        State({"type": KIND_ID, "index": ALL}, "value"),
        *_UPLOAD,
        prevent_initial_call=True,
    )
    @costly_callback
    def apply_kinds(_clicks, kinds, contents, file_name, event, search):
        lang = _lang(search)
        if auth.writer(EDITOR) is None:
            return _refused(lang), None, True
        preview = _preview(contents, file_name, event, [str(kind) for kind in kinds or []])
        if preview is None:
            return _unreadable(lang), None, True
        return _shown(preview, lang)

    @callback(
        Output("auswertung-result", "children"),
        Output("daten-batches", "children", allow_duplicate=True),
        Output("auswertung-upload", "contents"),
        Output("auswertung-preview", "children", allow_duplicate=True),
        Input("auswertung-commit", "n_clicks"),
        State("auswertung-state", "data"),
        *_UPLOAD,
        prevent_initial_call=True,
        running=[(Output("auswertung-commit", "disabled"), True, True)],
    )
    @costly_callback
    def commit_survey(_clicks, state, contents, file_name, event, search):
        lang = _lang(search)
        user = auth.writer(EDITOR)
        if user is None:
            return _refused(lang), no_update, no_update, no_update
        if not isinstance(state, dict):
            return no_update, no_update, no_update, no_update
        kinds = state.get("kinds")
        preview = _preview(contents, file_name, event, kinds if isinstance(kinds, list) else None)
        if preview is None:
            return _unreadable(lang), no_update, no_update, no_update
        stale = dbc.Alert(t("ingest.stale", lang), color="warning", id="auswertung-stale")
        if preview.plan is None or preview.plan.base_version != state.get("version"):
            return stale, no_update, no_update, no_update
        try:
            result = commit_evaluation(
                app_context().engine, preview, user=user.name, ip=auth.client_ip()
            )
        except StalePreview:
            return stale, batch_table(lang), None, None
        except repository.WritersBusy:
            return (
                dbc.Alert(t("ingest.busy", lang), color="warning"),
                no_update,
                no_update,
                no_update,
            )
        except ImportRejected as rejected:
            return (
                dbc.Alert(
                    [
                        t("evaluation.import.problems", lang),
                        problems_table(rejected.plan.errors, lang, "auswertung-rejected"),
                    ],
                    color="danger",
                ),
                no_update,
                no_update,
                no_update,
            )
        if result.batch_id is None:
            nothing = dbc.Alert(t("data.preview.nothing", lang), color="secondary")
            return nothing, no_update, None, None
        message = t(
            "evaluation.import.done",
            lang,
            batch=result.batch_id,
            responses=tn("count.responses", preview.responses, lang),
        )
        return (
            dbc.Alert(message, color="success", id="auswertung-committed"),
            batch_table(lang),
            None,
            None,
        )
