"""The parts of an actor's profile page (/akteur/<id>): key figures, facts, events with
their sessions, topics and partners. Layout only: the page arranges them."""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import quote

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.analysis.profile import Profile
from dashboard.components.badges import documented_badge, sample_badge
from dashboard.components.frame import page_frame
from dashboard.components.kpi import kpi_card
from dashboard.geo.states import state_name
from dashboard.i18n import fmt_number, t, tn
from dashboard.schema import SOURCE_DOCUMENTED
from dashboard.state.filters import Filters


def actor_href(actor_id: str, search: str) -> str:
    return f"/akteur/{quote(str(actor_id), safe='')}{search}"


def _optional_int(value: Any) -> int | None:
    """A cell of a nullable integer column (None, NaN or pd.NA when missing); Any because
    its dtype depends on the rows (float, Int64 or object)."""
    return None if value is None or pd.isna(value) else int(value)


def _number(value: Any, lang: str) -> str:
    return fmt_number(_optional_int(value), lang)


def not_found(actor_id: str | None, filters: Filters, extra: list | None = None) -> html.Div:
    """The friendly page for an unknown actor id, with ways back."""
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


def facts(profile: Profile, lang: str) -> html.Dl:
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
    link = _website(actor.get("website"), lang)
    if link is not None:
        rows.append((t("profile.fact.website", lang), link))
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


def kpis(profile: Profile, lang: str) -> dbc.Row:
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


def source_mark(source: str, lang: str, badge_id: str):
    return documented_badge(lang) if source == SOURCE_DOCUMENTED else sample_badge(lang, badge_id)


def events_table(profile: Profile, lang: str):
    if profile.events.empty:
        return dbc.Alert(
            t("profile.no_events", lang), color="light", className="mb-0", id="profile-no-events"
        )
    sessions = profile.sessions
    header = html.Thead(
        html.Tr(
            [
                html.Th(t(f"profile.events.{column}", lang), scope="col")
                for column in ("year", "event", "roles", "headcount", "sessions")
            ]
        )
    )
    body = []
    for row in profile.events.itertuples(index=False):
        own = sessions[sessions["event_id"] == row.event_id]
        session_items = [
            html.Li(
                [
                    str(row_session.title),
                    html.Span(
                        " · " + t(f"profile.kind.{row_session.kind}", lang), className="text-muted"
                    ),
                    html.Span(
                        " · " + ", ".join(cast(tuple[str, ...], row_session.topics)),
                        className="text-muted",
                    )
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
                    html.Td(
                        [
                            str(row.title),
                            html.Div(
                                cast(str | None, row.city) or "", className="small text-muted"
                            ),
                            # Under the title, not in a column of its own: at 1280 px that
                            # column ran past the card's edge.
                            html.Div(
                                source_mark(
                                    str(row.source), lang, f"profile-event-sample-{row.event_id}"
                                )
                            ),
                        ]
                    ),
                    html.Td(
                        ", ".join(
                            t(f"role.{role}", lang) for role in cast(tuple[str, ...], row.roles)
                        )
                    ),
                    html.Td(_number(row.headcount, lang), className="text-end"),
                    html.Td(
                        html.Ul(session_items, className="mb-0 ps-3 small")
                        if session_items
                        else html.Span(t("profile.event_wide", lang), className="small text-muted")
                    ),
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


def topics(profile: Profile, lang: str):
    if profile.topics.empty:
        return html.P(
            t("profile.no_topics", lang), className="mb-0 text-muted", id="profile-no-topics"
        )
    items = []
    for row in profile.topics.itertuples(index=False):
        first, last = cast(int, row.first_year), cast(int, row.last_year)
        years = str(first) if first == last else f"{first}–{last}"
        count = tn("profile.topic_sessions", cast(int, row.sessions), lang, years=years)
        items.append(html.Li([html.Strong(str(row.name)), " · ", count]))
    return html.Ul(items, className="mb-0 ps-3", id="profile-topics")


def partners(profile: Profile, search: str, lang: str):
    if profile.partners.empty:
        return html.P(
            t("profile.no_partners", lang), className="mb-0 text-muted", id="profile-no-partners"
        )
    header = html.Thead(
        html.Tr(
            [
                html.Th(t(f"profile.partner.{column}", lang), scope="col")
                for column in ("name", "kind", "weight")
            ]
        )
    )
    body = []
    for row in profile.partners.itertuples(index=False):
        since = _optional_int(row.since_year)
        until = _optional_int(row.until_year)
        if since and until:
            years = f"{since}–{until}"
        elif since:
            years = t("profile.partner.since", lang, year=since)
        elif until:
            years = t("profile.partner.until", lang, year=until)
        else:
            years = t("common.unknown", lang)
        weight = float(cast(float, row.weight))
        body.append(
            html.Tr(
                [
                    html.Td(
                        [
                            dcc.Link(str(row.name), href=actor_href(str(row.id), search)),
                            html.Div(t(f"type.{row.type}", lang), className="small text-muted"),
                        ]
                    ),
                    # Kind and years in one cell: as two columns the table ran past its
                    # card at 1280 px.
                    html.Td(
                        [
                            t(f"map.link.{row.kind}", lang),
                            html.Div(years, className="small text-muted"),
                        ]
                    ),
                    html.Td(
                        fmt_number(weight, lang, 0 if weight.is_integer() else 1),
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


def profile_body(profile: Profile, filters: Filters, minimap: html.Div) -> list:
    """Everything shown about the actor, with its partner map `minimap`."""
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
        kpis(profile, lang),
        dbc.Row(
            [
                dbc.Col(
                    [
                        dbc.Card(
                            [
                                dbc.CardHeader(
                                    html.H2(t("profile.facts", lang), className="h6 mb-0")
                                ),
                                dbc.CardBody(facts(profile, lang)),
                            ],
                            className="mb-3",
                        ),
                        dbc.Card(
                            [
                                dbc.CardHeader(
                                    html.H2(t("profile.events.heading", lang), className="h6 mb-0")
                                ),
                                dbc.CardBody(events_table(profile, lang)),
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
                                        minimap,
                                        html.Div(partners(profile, search, lang), className="mt-2"),
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
                                dbc.CardBody(topics(profile, lang)),
                            ]
                        ),
                    ],
                    xl=5,
                ),
            ],
            className="g-3",
        ),
    ]
