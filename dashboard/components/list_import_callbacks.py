"""/daten, "Teilnahmeliste importieren": the thin callbacks of the card.

Every callback checks the role on the server before it reads the upload or writes; what
they show comes from `exchange.lists.importer.preview_from_database`.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, html, no_update

from dashboard.components.batch_table import batch_table
from dashboard.components.list_import import (
    EDITOR,
    EVENT_STATES,
    FIELD_ID,
    NEW_EVENT,
    PLACE_ID,
    REVIEW_ID,
)
from dashboard.components.list_preview import mapping_table, preview_view
from dashboard.components.problems_table import problems_table
from dashboard.components.upload import upload_bytes
from dashboard.db import repository
from dashboard.exchange.commit import ImportRejected, StalePreview
from dashboard.exchange.lists import registration
from dashboard.exchange.lists.importer import ListPreview, commit_list, preview_from_database
from dashboard.exchange.lists.matching import MATCHED, NEW, REVIEW
from dashboard.i18n import fmt_number, normalise_language, t, tn
from dashboard.state.filters import Filters
from dashboard.web import auth
from dashboard.web.context import app_context
from dashboard.web.limits import costly_callback


def _lang(search: str | None) -> str:
    return normalise_language(Filters.from_search(search).lang)


def _decode(contents: str | None) -> bytes | None:
    data = upload_bytes(contents)
    return (
        data if data is not None and len(data) <= app_context().settings.upload_max_bytes else None
    )


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
