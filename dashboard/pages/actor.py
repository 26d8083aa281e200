"""Profile of one actor: events and sessions by year, roles, headcounts, partners with a
mini-map, topics, first and last participation. Unknown ids get a friendly page."""

from __future__ import annotations

from urllib.parse import parse_qs

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update

from dashboard.analysis.compare import actor_options
from dashboard.analysis.profile import Profile, actor_profile
from dashboard.components import actor_editor
from dashboard.components.actor_editor_scripts import (
    ALIAS_SCRIPT,
    MARKER_SCRIPT,
    MERGE_MODAL_SCRIPT,
)
from dashboard.components.actor_search import register_actor_search
from dashboard.components.attributes import aria
from dashboard.components.frame import page_frame
from dashboard.components.geodata import (
    browser_sources,
    neighbours_url,
    page_map_style,
    states_url,
)
from dashboard.components.graph_config import graph_config
from dashboard.components.map_fallback import fallback_note
from dashboard.components.pdf_button import pdf_button
from dashboard.components.profile_parts import (
    actor_href,
    not_found,
    profile_body,
)
from dashboard.db import repository
from dashboard.exchange.actor_changes import EDITED_COLUMNS, moved_counts
from dashboard.exchange.actor_commit import edit_actor, merge_actors, preview_merge
from dashboard.exchange.commit import ImportRejected, StalePreview
from dashboard.figures.map import location_map
from dashboard.i18n import t
from dashboard.presentation.steckbrief_pdf import steckbrief_url
from dashboard.state.embed import Embed
from dashboard.state.filters import Filters
from dashboard.state.map import BASEMAP_PARAM, PARAM_BASEMAP
from dashboard.views.map import MapCanvas
from dashboard.views.profile import partner_map
from dashboard.web import auth
from dashboard.web.context import app_context, store

PATH_TEMPLATE = "/akteur/<actor_id>"
dash.register_page(
    __name__, path_template=PATH_TEMPLATE, name=t("page.actor.name"), title=t("page.actor.title")
)

GRAPH_CONFIG = graph_config("akteur-karte", scrollZoom=True)
EDITOR = auth.EDITOR
BODY = actor_editor.BODY
PDF_ID = "profile-pdf"
MINIMAP_HEIGHT = 360
# The map column's width on a wide screen, to fit the zoom to the partners.
MINIMAP_WIDTH = 600


def _minimap(snapshot, profile: Profile, style: str, lang: str) -> html.Div:
    """The partner map, and the note shown when its online tiles could not be loaded."""
    canvas = MapCanvas(
        sources=browser_sources(),
        style=style,
        fit_size=(MINIMAP_WIDTH, MINIMAP_HEIGHT),
        height=MINIMAP_HEIGHT,
    )
    graph = dcc.Graph(
        id="profile-map",
        figure=partner_map(snapshot, profile, lang, canvas),
        config=GRAPH_CONFIG,
        style={"height": f"{MINIMAP_HEIGHT}px"},
    )
    return html.Div([graph, fallback_note(lang, "form-text mt-1")])


def _style(basemap_param: object) -> str:
    # The parameter the fallback note (map_fallback) sets when the online tiles failed.
    basemap = "plain" if str(basemap_param or "") == BASEMAP_PARAM["plain"] else None
    return page_map_style(basemap)


def _body(snapshot, profile: Profile, filters: Filters, style: str) -> list:
    """Everything shown about the actor: rebuilt in place after an edit or a merge."""
    return profile_body(profile, filters, _minimap(snapshot, profile, style, filters.lang))


def layout(actor_id: str | None = None, **query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    snapshot = store().snapshot()
    profile = actor_profile(snapshot.tables, actor_id)
    validating = auth.building_validation_layout()  # gets the staff controls, with no actor
    if profile is None:
        return not_found(
            actor_id, filters, actor_editor.editor_controls(None, lang, []) if validating else None
        )
    search = filters.to_search()
    body = _body(snapshot, profile, filters, _style(query.get(PARAM_BASEMAP)))
    staff = auth.shows_writes(EDITOR)
    content = [
        html.Div(
            [
                dcc.Link(
                    [
                        html.I(className="bi bi-arrow-left me-1", **aria(hidden="true")),
                        t("profile.back_to_map", lang),
                    ],
                    href="/karte" + search,
                    id="profile-back",
                ),
                pdf_button(steckbrief_url(profile.actor["id"], lang), PDF_ID, "profile.pdf", lang),
            ],
            # An embedded profile is one view: the way back and the PDF belong to the full app.
            className="d-flex flex-wrap justify-content-between align-items-start gap-2 mb-2"
            " embed-hide",
        ),
        *(actor_editor.editor_controls(profile.actor["id"], lang, body) if staff else body),
    ]
    return page_frame(
        actor_href(profile.actor["id"], ""),
        filters,
        content,
        with_filters=False,
        embed=Embed.from_params(query),
    )


# --- staff: edit and merge (every callback checks the role on the server) ------------------------


def _lang(search: str | None) -> str:
    return Filters.from_search(search).lang


def _refused(lang: str) -> dbc.Alert:
    return dbc.Alert(t("profile.edit.refused", lang), color="danger", id="profile-refused")


def _fresh_body(actor_id: str, search: str | None) -> list | None:
    """The profile as it is now, with the address's filters and basemap."""
    snapshot = store().snapshot()
    profile = actor_profile(snapshot.tables, actor_id)
    if profile is None:
        return None
    basemap = parse_qs((search or "").lstrip("?")).get(PARAM_BASEMAP, [None])[0]
    return _body(snapshot, profile, Filters.from_search(search), _style(basemap))


def _done(key: str, result, lang: str) -> dbc.Alert:
    return dbc.Alert(
        [
            t(key, lang, batch=result.batch_id, file=result.plan.file_name),
            " ",
            dcc.Link(
                t("profile.edit.to_data", lang),
                href="/daten" + ("?lang=en" if lang == "en" else ""),
                className="alert-link",
            ),
        ],
        color="success",
        id="profile-saved",
        dismissable=True,
    )


def _location_figure(lat, lon, lang: str):
    return location_map(
        lat, lon, states_url(), neighbours_url(), lang, height=actor_editor.MAP_HEIGHT
    )


_FIELDS = [Output(actor_editor.field_id(column), "value") for column in EDITED_COLUMNS]


@callback(
    Output(actor_editor.EDIT_MODAL, "is_open"),
    *_FIELDS,
    Output(actor_editor.ALIASES, "options"),
    Output(actor_editor.ALIASES, "value"),
    Output(actor_editor.EDIT_MAP, "figure"),
    Output(actor_editor.EDIT_PROBLEMS, "children"),
    Output(actor_editor.RESULT, "children", allow_duplicate=True),
    Input(actor_editor.EDIT_OPEN, "n_clicks"),
    State(actor_editor.ACTOR_STORE, "data"),
    State("url", "search"),
    prevent_initial_call=True,
)
def open_edit(_clicks, actor_id, search):
    """Fill the form from the data as it is now."""
    lang = _lang(search)
    nothing = [no_update] * (len(_FIELDS) + 5)
    if auth.writer(EDITOR) is None:
        return [False, *nothing[:-1], _refused(lang)]
    profile = actor_profile(store().snapshot().tables, actor_id)
    if profile is None:
        return [False, *nothing]
    values = actor_editor.form_values(profile.actor, lang)
    aliases = list(profile.aliases)
    figure = _location_figure(profile.actor.get("lat"), profile.actor.get("lon"), lang)
    return [
        True,
        *(values[column] for column in EDITED_COLUMNS),
        aliases,
        aliases,
        figure,
        None,
        None,
    ]


@callback(
    Output(actor_editor.EDIT_PROBLEMS, "children", allow_duplicate=True),
    Output(actor_editor.EDIT_MODAL, "is_open", allow_duplicate=True),
    Output(actor_editor.RESULT, "children", allow_duplicate=True),
    Output(BODY, "children", allow_duplicate=True),
    Input(actor_editor.EDIT_SAVE, "n_clicks"),
    *[State(actor_editor.field_id(column), "value") for column in EDITED_COLUMNS],
    State(actor_editor.ALIASES, "value"),
    State(actor_editor.ACTOR_STORE, "data"),
    State("url", "search"),
    prevent_initial_call=True,
    running=[(Output(actor_editor.EDIT_SAVE, "disabled"), True, False)],
)
def save_edit(_clicks, *args):
    *field_values, aliases, actor_id, search = args
    lang = _lang(search)
    user = auth.writer(EDITOR)
    if user is None:
        return _refused(lang), no_update, no_update, no_update
    fields = dict(zip(EDITED_COLUMNS, field_values, strict=False))
    try:
        result = edit_actor(
            app_context().engine,
            actor_id,
            fields,
            aliases or [],
            user=user.name,
            lang=lang,
            ip=auth.client_ip(),
        )
    except ImportRejected as rejected:
        lines = actor_editor.problem_messages(rejected.plan.errors, lang)
        alert = dbc.Alert(
            [
                html.P(t("profile.edit.problems", lang), className="mb-1"),
                html.Ul([html.Li(line) for line in lines], className="mb-0"),
            ],
            color="danger",
            id="profile-edit-rejected",
        )
        return alert, no_update, no_update, no_update
    except repository.WritersBusy:
        return dbc.Alert(t("ingest.busy", lang), color="warning"), no_update, no_update, no_update
    if result.batch_id is None:
        return (
            None,
            False,
            dbc.Alert(t("profile.edit.unchanged", lang), color="secondary", dismissable=True),
            no_update,
        )
    return None, False, _done("profile.edit.saved", result, lang), _fresh_body(actor_id, search)


@callback(
    Output(actor_editor.MERGE_SUMMARY, "children"),
    Output(actor_editor.MERGE_CONFIRM, "disabled"),
    Output(actor_editor.MERGE_VERSION, "data"),
    Input(actor_editor.MERGE_PICK, "value"),
    State(actor_editor.ACTOR_STORE, "data"),
    State("url", "search"),
    prevent_initial_call=True,
)
def preview_merge_of(other_id, actor_id, search):
    """Say what the merge would move before anything is done."""
    lang = _lang(search)
    if auth.writer(EDITOR) is None:
        return _refused(lang), True, None
    if not other_id:
        return None, True, None
    plan = preview_merge(app_context().engine, actor_id, other_id, lang)
    if not plan.ok:
        return (
            dbc.Alert([problem.message(lang) for problem in plan.errors], color="warning"),
            True,
            None,
        )
    actors = store().snapshot().tables["actors"].set_index("id")["name"]
    question = actor_editor.merge_question(
        actors.get(actor_id, actor_id),
        actors.get(other_id, other_id),
        moved_counts(plan, actor_id),
        lang,
    )
    return (
        dbc.Alert(question, color="warning", id="profile-merge-question"),
        False,
        plan.base_version,
    )


@callback(
    Output(actor_editor.MERGE_SUMMARY, "children", allow_duplicate=True),
    Output(actor_editor.MERGE_MODAL, "is_open", allow_duplicate=True),
    Output(actor_editor.RESULT, "children", allow_duplicate=True),
    Output(BODY, "children", allow_duplicate=True),
    Input(actor_editor.MERGE_CONFIRM, "n_clicks"),
    State(actor_editor.MERGE_PICK, "value"),
    State(actor_editor.MERGE_VERSION, "data"),
    State(actor_editor.ACTOR_STORE, "data"),
    State("url", "search"),
    prevent_initial_call=True,
    running=[(Output(actor_editor.MERGE_CONFIRM, "disabled"), True, True)],
)
def confirm_merge(_clicks, other_id, version, actor_id, search):
    lang = _lang(search)
    user = auth.writer(EDITOR)
    if user is None:
        return _refused(lang), no_update, no_update, no_update
    if not other_id or not version:
        return no_update, no_update, no_update, no_update
    try:
        result = merge_actors(
            app_context().engine,
            actor_id,
            other_id,
            user=user.name,
            lang=lang,
            expected_version=version,
            ip=auth.client_ip(),
        )
    except StalePreview:
        return (
            dbc.Alert(t("profile.merge.stale", lang), color="warning"),
            no_update,
            no_update,
            no_update,
        )
    except ImportRejected as rejected:
        return (
            dbc.Alert([p.message(lang) for p in rejected.plan.errors], color="danger"),
            no_update,
            no_update,
            no_update,
        )
    except repository.WritersBusy:
        return dbc.Alert(t("ingest.busy", lang), color="warning"), no_update, no_update, no_update
    return None, False, _done("profile.merge.done", result, lang), _fresh_body(actor_id, search)


def _merge_candidates(url_search: str | None) -> pd.DataFrame:
    """Every actor as "Name · Art · Ort", sorted by name (once per data version and language)."""
    lang = _lang(url_search)

    def compute(tables):
        actors = actor_options(tables["actors"])
        labels = [
            " · ".join(
                part
                for part in (row.name, t(f"type.{row.type}", lang), row.city)
                if isinstance(part, str) and part
            )
            for row in actors.itertuples(index=False)
        ]
        return pd.DataFrame({"value": actors["id"].astype(str), "label": labels})

    return store().snapshot().derived(f"profile.merge_options.{lang}", compute)


register_actor_search(actor_editor.MERGE_PICK, _merge_candidates)

# Pure UI toggles, in the browser.
clientside_callback(
    "function(_clicks) { return false; }",
    Output(actor_editor.EDIT_MODAL, "is_open", allow_duplicate=True),
    Input(actor_editor.EDIT_CANCEL, "n_clicks"),
    prevent_initial_call=True,
)

clientside_callback(
    MERGE_MODAL_SCRIPT,
    Output(actor_editor.MERGE_MODAL, "is_open"),
    Output(actor_editor.MERGE_PICK, "value"),
    Output(actor_editor.MERGE_SUMMARY, "children", allow_duplicate=True),
    Output(actor_editor.MERGE_CONFIRM, "disabled", allow_duplicate=True),
    Input(actor_editor.MERGE_OPEN, "n_clicks"),
    Input(actor_editor.MERGE_CANCEL, "n_clicks"),
    prevent_initial_call=True,
)

# A typed spelling joins the list (Enter or the button); unticking one removes it on saving.
clientside_callback(
    ALIAS_SCRIPT,
    Output(actor_editor.ALIASES, "options", allow_duplicate=True),
    Output(actor_editor.ALIASES, "value", allow_duplicate=True),
    Output(actor_editor.ALIAS_NEW, "value"),
    Input(actor_editor.ALIAS_ADD, "n_clicks"),
    Input(actor_editor.ALIAS_NEW, "n_submit"),
    State(actor_editor.ALIAS_NEW, "value"),
    State(actor_editor.ALIASES, "options"),
    State(actor_editor.ALIASES, "value"),
    prevent_initial_call=True,
)

# The marker follows the coordinate fields (typed, or set by a click on the map).
clientside_callback(
    MARKER_SCRIPT,
    Output(actor_editor.EDIT_MAP, "figure", allow_duplicate=True),
    Input(actor_editor.field_id("lat"), "value"),
    Input(actor_editor.field_id("lon"), "value"),
    State(actor_editor.EDIT_MAP, "figure"),
    prevent_initial_call=True,
)
