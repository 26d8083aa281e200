"""Profile of one actor: events and sessions by year, roles, headcounts, partners with a
mini-map, topics, first and last participation. Unknown ids get a friendly page."""

from __future__ import annotations

from urllib.parse import parse_qs, quote

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update

from dashboard.analysis.compare import actor_options
from dashboard.analysis.geography import weight_scale
from dashboard.analysis.overview import headcount_scale
from dashboard.analysis.profile import Profile, actor_profile, profile_map
from dashboard.analysis.selection import participations_of
from dashboard.components import actor_editor
from dashboard.components.actor_search import register_actor_search
from dashboard.components.badges import documented_badge, sample_badge
from dashboard.components.frame import page_frame
from dashboard.components.geodata import neighbours_url, register_geodata_route, states_url
from dashboard.components.graph_config import graph_config
from dashboard.components.kpi import kpi_card
from dashboard.db import repository
from dashboard.exchange.actor_changes import EDITED_COLUMNS, moved_counts
from dashboard.exchange.actor_commit import edit_actor, merge_actors, preview_merge
from dashboard.exchange.commit import ImportRejected, StalePreview
from dashboard.figures.map import OFFLINE_STYLE, fit_view, location_map, map_style, network_map
from dashboard.geo.states import state_name
from dashboard.i18n import fmt_number, t, tn
from dashboard.schema import SOURCE_DOCUMENTED
from dashboard.state.filters import Filters
from dashboard.web import auth
from dashboard.web.context import app_context, store

PATH_TEMPLATE = "/akteur/<actor_id>"
dash.register_page(
    __name__, path_template=PATH_TEMPLATE, name=t("page.actor.name"), title=t("page.actor.title")
)
register_geodata_route()

GRAPH_CONFIG = graph_config("akteur-karte", scrollZoom=True)
EDITOR = auth.EDITOR
BODY = actor_editor.BODY
MINIMAP_HEIGHT = 360


def actor_href(actor_id: str, search: str) -> str:
    return f"/akteur/{quote(str(actor_id), safe='')}{search}"


def _number(value, lang: str) -> str:
    return fmt_number(None if value is None or pd.isna(value) else int(value), lang)


def _not_found(actor_id: str | None, filters: Filters, extra: list | None = None) -> html.Div:
    lang = filters.lang
    search = filters.to_search()
    content = dbc.Alert(
        [
            html.H1(t("profile.not_found.heading", lang), className="h4"),
            html.P(t("profile.not_found.text", lang, id=actor_id or "")),
            html.Div(
                [
                    dcc.Link(
                        t("profile.back_to_map", lang),
                        href="/karte" + search,
                        className="alert-link me-3",
                    ),
                    dcc.Link(
                        t("page.not_found.back", lang), href="/" + search, className="alert-link"
                    ),
                ]
            ),
        ],
        color="light",
        id="profile-not-found",
    )
    return page_frame(
        actor_href(actor_id or "", ""), filters, [content, *(extra or [])], with_filters=False
    )


def _website(url: object, lang: str):
    text = str(url or "").strip()
    if not text.lower().startswith(("http://", "https://")):
        return None
    return html.A(text, href=text, target="_blank", rel="noopener noreferrer", id="profile-website")


def _facts(profile: Profile, lang: str) -> html.Dl:
    actor = profile.actor
    rows = [
        (t("profile.fact.type", lang), t(f"type.{actor['type']}", lang)),
        (t("profile.fact.city", lang), actor.get("city") or t("common.unknown", lang)),
        (
            t("profile.fact.state", lang),
            state_name(actor.get("state"), lang) or t("common.abroad_or_unknown", lang),
        ),
    ]
    if actor.get("ags"):
        rows.append((t("profile.fact.ags", lang), actor["ags"]))
    website = _website(actor.get("website"), lang)
    if website is not None:
        rows.append((t("profile.fact.website", lang), website))
    if profile.aliases:
        rows.append(
            (
                t("profile.fact.aliases", lang),
                html.Span("; ".join(profile.aliases), id="profile-aliases"),
            )
        )
    items = []
    for label, value in rows:
        items += [html.Dt(label, className="col-sm-4"), html.Dd(value, className="col-sm-8 mb-1")]
    return html.Dl(items, className="row mb-0 profile-facts")


def _kpis(profile: Profile, lang: str) -> dbc.Row:
    unknown = (
        tn("kpi.headcount_unknown", profile.headcount_unknown, lang)
        if profile.headcount_unknown
        else ""
    )
    never = t("profile.never", lang)
    cards = [
        kpi_card(
            "profile-kpi-events",
            t("kpi.events", lang),
            fmt_number(len(profile.events), lang),
            icon="bi-calendar-event",
        ),
        kpi_card(
            "profile-kpi-headcount",
            t("kpi.headcount", lang),
            fmt_number(profile.headcount, lang),
            unknown,
            icon="bi-person-check",
        ),
        kpi_card(
            "profile-kpi-first",
            t("profile.first", lang),
            str(profile.first_year) if profile.first_year else never,
            icon="bi-skip-start",
        ),
        kpi_card(
            "profile-kpi-last",
            t("profile.last", lang),
            str(profile.last_year) if profile.last_year else never,
            icon="bi-skip-end",
        ),
        kpi_card(
            "profile-kpi-partners",
            t("profile.partners", lang),
            fmt_number(profile.partners["id"].nunique(), lang),
            icon="bi-share",
        ),
    ]
    return dbc.Row([dbc.Col(card, xs=6, md=4, xl=True) for card in cards], className="g-3 mb-3")


def _source_mark(source: str, lang: str, badge_id: str):
    return documented_badge(lang) if source == SOURCE_DOCUMENTED else sample_badge(lang, badge_id)


def _events_table(profile: Profile, lang: str):
    if profile.events.empty:
        return dbc.Alert(
            t("profile.no_events", lang), color="light", className="mb-0", id="profile-no-events"
        )
    sessions = profile.sessions
    header = html.Thead(
        html.Tr(
            [
                html.Th(t(f"profile.events.{column}", lang), scope="col")
                for column in ("year", "event", "roles", "headcount", "sessions", "source")
            ]
        )
    )
    body = []
    for row in profile.events.itertuples(index=False):
        own = sessions[sessions["event_id"] == row.event_id]
        session_items = [
            html.Li(
                [
                    row_session.title,
                    html.Span(
                        " · " + t(f"profile.kind.{row_session.kind}", lang), className="text-muted"
                    ),
                    html.Span(" · " + ", ".join(row_session.topics), className="text-muted")
                    if row_session.topics
                    else None,
                ]
            )
            for row_session in own.itertuples(index=False)
        ]
        body.append(
            html.Tr(
                [
                    html.Td(str(row.year)),
                    html.Td([row.title, html.Div(row.city or "", className="small text-muted")]),
                    html.Td(", ".join(t(f"profile.role.{role}", lang) for role in row.roles)),
                    html.Td(_number(row.headcount, lang), className="text-end"),
                    html.Td(
                        html.Ul(session_items, className="mb-0 ps-3 small")
                        if session_items
                        else html.Span(t("profile.event_wide", lang), className="small text-muted")
                    ),
                    html.Td(_source_mark(row.source, lang, f"profile-event-sample-{row.event_id}")),
                ],
                id=f"profile-event-{row.event_id}",
            )
        )
    return dbc.Table(
        [header, html.Tbody(body)],
        striped=True,
        hover=True,
        responsive=True,
        size="sm",
        className="mb-0",
        id="profile-events-table",
    )


def _topics(profile: Profile, lang: str):
    if profile.topics.empty:
        return html.P(
            t("profile.no_topics", lang), className="mb-0 text-muted", id="profile-no-topics"
        )
    items = []
    for row in profile.topics.itertuples(index=False):
        years = (
            str(row.first_year)
            if row.first_year == row.last_year
            else f"{row.first_year}–{row.last_year}"
        )
        count = tn("profile.topic_sessions", row.sessions, lang, years=years)
        items.append(html.Li([html.Strong(row.name), " · ", count]))
    return html.Ul(items, className="mb-0 ps-3", id="profile-topics")


def _partners(profile: Profile, search: str, lang: str):
    if profile.partners.empty:
        return html.P(
            t("profile.no_partners", lang), className="mb-0 text-muted", id="profile-no-partners"
        )
    header = html.Thead(
        html.Tr(
            [
                html.Th(t(f"profile.partner.{column}", lang), scope="col")
                for column in ("name", "kind", "years", "weight")
            ]
        )
    )
    body = []
    for row in profile.partners.itertuples(index=False):
        since = None if pd.isna(row.since_year) else int(row.since_year)
        until = None if pd.isna(row.until_year) else int(row.until_year)
        if since and until:
            years = f"{since}–{until}"
        elif since:
            years = t("profile.partner.since", lang, year=since)
        elif until:
            years = t("profile.partner.until", lang, year=until)
        else:
            years = t("common.unknown", lang)
        body.append(
            html.Tr(
                [
                    html.Td(
                        [
                            dcc.Link(row.name, href=actor_href(row.id, search)),
                            html.Div(t(f"type.{row.type}", lang), className="small text-muted"),
                        ]
                    ),
                    html.Td(t(f"map.link.{row.kind}", lang)),
                    html.Td(years),
                    html.Td(
                        fmt_number(
                            float(row.weight), lang, 0 if float(row.weight).is_integer() else 1
                        ),
                        className="text-end",
                    ),
                ]
            )
        )
    return dbc.Table(
        [header, html.Tbody(body)],
        size="sm",
        hover=True,
        responsive=True,
        className="mb-0",
        id="profile-partners-table",
    )


def _minimap(snapshot, profile: Profile, style: str, lang: str) -> dcc.Graph:
    tables = snapshot.tables
    participation = snapshot.derived("participations", participations_of)
    points, links = profile_map(tables, profile, participation)
    center, zoom = fit_view(
        points["lat"].to_numpy(dtype=float),
        points["lon"].to_numpy(dtype=float),
        600,
        MINIMAP_HEIGHT,
        max_zoom=6.5,
    )
    figure = network_map(
        points,
        links,
        states_url(),
        lang,
        headcount_scale(participation),
        weight_scale(tables["links"]),
        style=style,
        focus=profile.actor["id"],
        neighbours_geojson=neighbours_url() if style == OFFLINE_STYLE else None,
        height=MINIMAP_HEIGHT,
        empty_message=t("profile.map_empty", lang),
        center=center,
        zoom=zoom,
    )
    figure.update_layout(showlegend=False)
    return dcc.Graph(
        id="profile-map",
        figure=figure,
        config=GRAPH_CONFIG,
        style={"height": f"{MINIMAP_HEIGHT}px"},
    )


def _style(basemap_param: object) -> str:
    basemap = "plain" if str(basemap_param or "") == "ohne" else None
    return map_style(bool(app_context().settings.offline), basemap=basemap)


def _body(snapshot, profile: Profile, filters: Filters, style: str) -> list:
    """Everything shown about the actor: rebuilt in place after an edit or a merge."""
    lang = filters.lang
    search = filters.to_search()
    actor = profile.actor
    return [
        html.Div(
            [
                html.H1(actor["name"], className="h3 mb-0 me-3", id="profile-name"),
                dbc.Badge(
                    t(f"type.{actor['type']}", lang),
                    color="secondary",
                    className="me-2 profile-type",
                ),
                sample_badge(lang, "profile-sample-badge")
                if profile.has_sample_rows
                else documented_badge(lang),
            ],
            className="d-flex align-items-center flex-wrap mb-3",
        ),
        _kpis(profile, lang),
        dbc.Row(
            [
                dbc.Col(
                    [
                        dbc.Card(
                            [
                                dbc.CardHeader(
                                    html.H2(t("profile.facts", lang), className="h6 mb-0")
                                ),
                                dbc.CardBody(_facts(profile, lang)),
                            ],
                            className="mb-3",
                        ),
                        dbc.Card(
                            [
                                dbc.CardHeader(
                                    html.H2(t("profile.events.heading", lang), className="h6 mb-0")
                                ),
                                dbc.CardBody(_events_table(profile, lang)),
                            ]
                        ),
                    ],
                    xl=7,
                ),
                dbc.Col(
                    [
                        dbc.Card(
                            [
                                dbc.CardHeader(
                                    html.H2(
                                        t("profile.partners.heading", lang), className="h6 mb-0"
                                    )
                                ),
                                dbc.CardBody(
                                    [
                                        _minimap(snapshot, profile, style, lang),
                                        html.Div(
                                            _partners(profile, search, lang), className="mt-2"
                                        ),
                                    ]
                                ),
                            ],
                            className="mb-3",
                        ),
                        dbc.Card(
                            [
                                dbc.CardHeader(
                                    html.H2(t("profile.topics.heading", lang), className="h6 mb-0")
                                ),
                                dbc.CardBody(_topics(profile, lang)),
                            ]
                        ),
                    ],
                    xl=5,
                ),
            ],
            className="g-3",
        ),
    ]


def layout(actor_id: str | None = None, **query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    snapshot = store().snapshot()
    profile = actor_profile(snapshot.tables, actor_id)
    validating = auth.building_validation_layout()  # gets the staff controls, with no actor
    if profile is None:
        return _not_found(
            actor_id, filters, actor_editor.editor_controls(None, lang, []) if validating else None
        )
    search = filters.to_search()
    body = _body(snapshot, profile, filters, _style(query.get("hintergrund")))
    staff = auth.shows_writes(EDITOR)
    content = [
        dcc.Link(
            [
                html.I(className="bi bi-arrow-left me-1", **{"aria-hidden": "true"}),
                t("profile.back_to_map", lang),
            ],
            href="/karte" + search,
            id="profile-back",
            className="d-inline-block mb-2",
        ),
        *(actor_editor.editor_controls(profile.actor["id"], lang, body) if staff else body),
    ]
    return page_frame(actor_href(profile.actor["id"], ""), filters, content, with_filters=False)


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
    basemap = parse_qs((search or "").lstrip("?")).get("hintergrund", [None])[0]
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
    f"""
    function(openClicks, cancelClicks) {{
        const opening = (window.dash_clientside.callback_context.triggered || [])
            .some(t => t.prop_id === '{actor_editor.MERGE_OPEN}.n_clicks');
        return [opening, null, null, true];
    }}
    """,
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
    """
    function(_clicks, _submits, text, options, value) {
        const nu = window.dash_clientside.no_update;
        const alias = (text || '').trim();
        if (!alias) { return [nu, nu, nu]; }
        const same = v => String(v).toLowerCase() === alias.toLowerCase();
        const listed = (options || []).find(same);
        if (listed !== undefined) {
            // Already in the list: tick it again rather than list it twice.
            return [nu, (value || []).some(same) ? nu : (value || []).concat([listed]), ''];
        }
        return [(options || []).concat([alias]), (value || []).concat([alias]), ''];
    }
    """,
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
    """
    function(lat, lon, figure) {
        const nu = window.dash_clientside.no_update;
        if (!figure || !figure.data || !figure.data.length) { return nu; }
        const number = text => {
            const value = parseFloat(String(text || '').trim().replace(',', '.'));
            return Number.isFinite(value) ? value : null;
        };
        const y = number(lat), x = number(lon);
        const placed = y !== null && x !== null && Math.abs(y) <= 90 && Math.abs(x) <= 180;
        const marker = {...figure.data[0], lat: placed ? [y] : [], lon: placed ? [x] : []};
        return {...figure, data: [marker].concat(figure.data.slice(1))};
    }
    """,
    Output(actor_editor.EDIT_MAP, "figure", allow_duplicate=True),
    Input(actor_editor.field_id("lat"), "value"),
    Input(actor_editor.field_id("lon"), "value"),
    State(actor_editor.EDIT_MAP, "figure"),
    prevent_initial_call=True,
)
