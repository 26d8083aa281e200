"""Profile of one actor: events and sessions by year, roles, headcounts, partners with a
mini-map, topics, first and last participation. Unknown ids get a friendly page."""
from __future__ import annotations

from urllib.parse import quote

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.analysis.profile import Profile, actor_profile, profile_map
from dashboard.analysis.geography import weight_scale
from dashboard.analysis.overview import headcount_scale
from dashboard.analysis.selection import participations_of
from dashboard.components.badges import documented_badge, sample_badge
from dashboard.components.frame import page_frame
from dashboard.components.geodata import neighbours_url, register_geodata_route, states_url
from dashboard.components.graph_config import graph_config
from dashboard.components.kpi import kpi_card
from dashboard.context import app_context, store
from dashboard.figures.map import OFFLINE_STYLE, fit_view, map_style, network_map
from dashboard.filters import Filters
from dashboard.geo.states import state_name
from dashboard.i18n import fmt_number, t
from dashboard.schema import SOURCE_DOCUMENTED

PATH_TEMPLATE = "/akteur/<actor_id>"
dash.register_page(__name__, path_template=PATH_TEMPLATE, name=t("page.actor.name"), title=t("page.actor.title"))
register_geodata_route()

GRAPH_CONFIG = graph_config("akteur-karte", scrollZoom=True)
MINIMAP_HEIGHT = 360


def actor_href(actor_id: str, search: str) -> str:
    return f"/akteur/{quote(str(actor_id), safe='')}{search}"


def _number(value, lang: str) -> str:
    return fmt_number(None if value is None or pd.isna(value) else int(value), lang)


def _not_found(actor_id: str | None, filters: Filters) -> html.Div:
    lang = filters.lang
    search = filters.to_search()
    content = dbc.Alert(
        [
            html.H1(t("profile.not_found.heading", lang), className="h4"),
            html.P(t("profile.not_found.text", lang, id=actor_id or "")),
            html.Div(
                [
                    dcc.Link(t("profile.back_to_map", lang), href="/karte" + search, className="alert-link me-3"),
                    dcc.Link(t("page.not_found.back", lang), href="/" + search, className="alert-link"),
                ]
            ),
        ],
        color="light",
        id="profile-not-found",
    )
    return page_frame(actor_href(actor_id or "", ""), filters, content, with_filters=False)


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
        (t("profile.fact.state", lang), state_name(actor.get("state"), lang) or t("common.abroad_or_unknown", lang)),
    ]
    if actor.get("ags"):
        rows.append((t("profile.fact.ags", lang), actor["ags"]))
    website = _website(actor.get("website"), lang)
    if website is not None:
        rows.append((t("profile.fact.website", lang), website))
    items = []
    for label, value in rows:
        items += [html.Dt(label, className="col-sm-4"), html.Dd(value, className="col-sm-8 mb-1")]
    return html.Dl(items, className="row mb-0 profile-facts")


def _kpis(profile: Profile, lang: str) -> dbc.Row:
    unknown = (t("kpi.headcount_unknown", lang, count=fmt_number(profile.headcount_unknown, lang))
               if profile.headcount_unknown else "")
    never = t("profile.never", lang)
    cards = [
        kpi_card("profile-kpi-events", t("kpi.events", lang), fmt_number(len(profile.events), lang), icon="bi-calendar-event"),
        kpi_card("profile-kpi-headcount", t("kpi.headcount", lang), fmt_number(profile.headcount, lang), unknown, icon="bi-person-check"),
        kpi_card("profile-kpi-first", t("profile.first", lang), str(profile.first_year) if profile.first_year else never, icon="bi-skip-start"),
        kpi_card("profile-kpi-last", t("profile.last", lang), str(profile.last_year) if profile.last_year else never, icon="bi-skip-end"),
        kpi_card("profile-kpi-partners", t("profile.partners", lang), fmt_number(profile.partners["id"].nunique(), lang), icon="bi-share"),
    ]
    return dbc.Row([dbc.Col(card, xs=6, md=4, xl=True) for card in cards], className="g-3 mb-3")


def _source_mark(source: str, lang: str, badge_id: str):
    return documented_badge(lang) if source == SOURCE_DOCUMENTED else sample_badge(lang, badge_id)


def _events_table(profile: Profile, lang: str):
    if profile.events.empty:
        return dbc.Alert(t("profile.no_events", lang), color="light", className="mb-0", id="profile-no-events")
    sessions = profile.sessions
    header = html.Thead(html.Tr([html.Th(t(f"profile.events.{column}", lang), scope="col")
                                 for column in ("year", "event", "roles", "headcount", "sessions", "source")]))
    body = []
    for row in profile.events.itertuples(index=False):
        own = sessions[sessions["event_id"] == row.event_id]
        session_items = [
            html.Li([
                row_session.title,
                html.Span(" · " + t(f"profile.kind.{row_session.kind}", lang), className="text-muted"),
                html.Span(" · " + ", ".join(row_session.topics), className="text-muted") if row_session.topics else None,
            ])
            for row_session in own.itertuples(index=False)
        ]
        body.append(
            html.Tr(
                [
                    html.Td(str(row.year)),
                    html.Td([row.title, html.Div(row.city or "", className="small text-muted")]),
                    html.Td(", ".join(t(f"profile.role.{role}", lang) for role in row.roles)),
                    html.Td(_number(row.headcount, lang), className="text-end"),
                    html.Td(html.Ul(session_items, className="mb-0 ps-3 small") if session_items
                            else html.Span(t("profile.event_wide", lang), className="small text-muted")),
                    html.Td(_source_mark(row.source, lang, f"profile-event-sample-{row.event_id}")),
                ],
                id=f"profile-event-{row.event_id}",
            )
        )
    return dbc.Table([header, html.Tbody(body)], striped=True, hover=True, responsive=True, size="sm",
                     className="mb-0", id="profile-events-table")


def _topics(profile: Profile, lang: str):
    if profile.topics.empty:
        return html.P(t("profile.no_topics", lang), className="mb-0 text-muted", id="profile-no-topics")
    items = []
    for row in profile.topics.itertuples(index=False):
        years = str(row.first_year) if row.first_year == row.last_year else f"{row.first_year}–{row.last_year}"
        count = (t("profile.topic_session_one", lang, years=years) if row.sessions == 1
                 else t("profile.topic_sessions", lang, count=fmt_number(row.sessions, lang), years=years))
        items.append(html.Li([html.Strong(row.name), " · ", count]))
    return html.Ul(items, className="mb-0 ps-3", id="profile-topics")


def _partners(profile: Profile, search: str, lang: str):
    if profile.partners.empty:
        return html.P(t("profile.no_partners", lang), className="mb-0 text-muted", id="profile-no-partners")
    header = html.Thead(html.Tr([html.Th(t(f"profile.partner.{column}", lang), scope="col")
                                 for column in ("name", "kind", "years", "weight")]))
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
                    html.Td([dcc.Link(row.name, href=actor_href(row.id, search)),
                             html.Div(t(f"type.{row.type}", lang), className="small text-muted")]),
                    html.Td(t(f"map.link.{row.kind}", lang)),
                    html.Td(years),
                    html.Td(fmt_number(float(row.weight), lang, 0 if float(row.weight).is_integer() else 1), className="text-end"),
                ]
            )
        )
    return dbc.Table([header, html.Tbody(body)], size="sm", hover=True, responsive=True, className="mb-0",
                     id="profile-partners-table")


def _minimap(snapshot, profile: Profile, style: str, lang: str) -> dcc.Graph:
    tables = snapshot.tables
    participation = snapshot.derived("participations", participations_of)
    points, links = profile_map(tables, profile, participation)
    center, zoom = fit_view(points["lat"].to_numpy(dtype=float), points["lon"].to_numpy(dtype=float), 600, MINIMAP_HEIGHT,
                            max_zoom=6.5)
    figure = network_map(
        points, links, states_url(), lang, headcount_scale(participation),
        weight_scale(tables["links"]), style=style, focus=profile.actor["id"],
        neighbours_geojson=neighbours_url() if style == OFFLINE_STYLE else None,
        height=MINIMAP_HEIGHT, empty_message=t("profile.map_empty", lang), center=center, zoom=zoom,
    )
    figure.update_layout(showlegend=False)
    return dcc.Graph(id="profile-map", figure=figure, config=GRAPH_CONFIG, style={"height": f"{MINIMAP_HEIGHT}px"})


def layout(actor_id: str | None = None, **query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    snapshot = store().snapshot()
    profile = actor_profile(snapshot.tables, actor_id)
    if profile is None:
        return _not_found(actor_id, filters)
    search = filters.to_search()
    basemap = "plain" if str(query.get("hintergrund") or "") == "ohne" else None
    style = map_style(bool(app_context().settings.offline), basemap=basemap)
    actor = profile.actor
    content = [
        dcc.Link([html.I(className="bi bi-arrow-left me-1", **{"aria-hidden": "true"}), t("profile.back_to_map", lang)],
                 href="/karte" + search, id="profile-back", className="d-inline-block mb-2"),
        html.Div(
            [
                html.H1(actor["name"], className="h3 mb-0 me-3", id="profile-name"),
                dbc.Badge(t(f"type.{actor['type']}", lang), color="secondary", className="me-2 profile-type"),
                sample_badge(lang, "profile-sample-badge") if profile.has_sample_rows else documented_badge(lang),
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
                                dbc.CardHeader(html.H2(t("profile.facts", lang), className="h6 mb-0")),
                                dbc.CardBody(_facts(profile, lang)),
                            ],
                            className="mb-3",
                        ),
                        dbc.Card(
                            [
                                dbc.CardHeader(html.H2(t("profile.events.heading", lang), className="h6 mb-0")),
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
                                dbc.CardHeader(html.H2(t("profile.partners.heading", lang), className="h6 mb-0")),
                                dbc.CardBody([_minimap(snapshot, profile, style, lang), html.Div(_partners(profile, search, lang), className="mt-2")]),
                            ],
                            className="mb-3",
                        ),
                        dbc.Card(
                            [
                                dbc.CardHeader(html.H2(t("profile.topics.heading", lang), className="h6 mb-0")),
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
    return page_frame(actor_href(actor["id"], ""), filters, content, with_filters=False)
