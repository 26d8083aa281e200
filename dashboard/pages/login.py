"""Anmelden: the staff login form (a plain form POST to /auth/login) and logout."""

from __future__ import annotations

import re

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.frame import page_frame
from dashboard.i18n import is_plural, t, tn
from dashboard.state.filters import Filters
from dashboard.web import auth

PATH = auth.LOGIN_PATH
dash.register_page(
    __name__, path=PATH, name=t("login.heading"), title=t("page.login.title"), order=99
)

# Error codes in the query string (set by the login route) and their messages.
_ERRORS = {"wrong_login": "auth.wrong_login", "rate_limited": "auth.rate_limited"}
_CLOCK = re.compile(r"[0-2][0-9]:[0-5][0-9]")


def _message(query: dict, lang: str):
    code = query.get(auth.ERROR_PARAM)
    if code in _ERRORS:
        minutes = str(query.get("minuten", ""))
        until = str(query.get("bis", ""))
        # The values come from the address: shown only in their expected shape.
        if not (minutes.isdigit() and len(minutes) <= 3 and _CLOCK.fullmatch(until)):
            minutes, until = "15", "–"
        key = _ERRORS[code]
        text = tn(key, int(minutes), lang, until=until) if is_plural(key) else t(key, lang)
        return dbc.Alert(text, color="danger", id="login-error", className="mb-3")
    if query.get("abgemeldet") == "1":
        return dbc.Alert(
            t("login.logged_out", lang), color="info", id="login-logged-out", className="mb-3"
        )
    return None


def _logout_form(user, lang: str) -> html.Div:
    return html.Div(
        [
            html.P(
                t(
                    "login.logged_in_as",
                    lang,
                    name=user.name,
                    role=t(f"login.role.{user.role}", lang),
                ),
                id="login-current",
            ),
            html.Form(
                dbc.Button(
                    t("login.logout", lang), type="submit", color="secondary", id="login-logout"
                ),
                action=auth.logout_action(lang),
                method="POST",
            ),
        ]
    )


def _login_form(next_path: str, lang: str) -> html.Form:
    return html.Form(
        [
            dbc.Label(t("login.name", lang), html_for="login-name"),
            dbc.Input(
                id="login-name",
                name="name",
                type="text",
                autoComplete="username",
                required=True,
                className="mb-3",
            ),
            dbc.Label(t("login.password", lang), html_for="login-password"),
            dbc.Input(
                id="login-password",
                name="password",
                type="password",
                autoComplete="current-password",
                required=True,
                className="mb-3",
            ),
            dbc.Button(t("login.submit", lang), type="submit", color="primary", id="login-submit"),
        ],
        action=auth.login_action(next_path, lang),
        method="POST",
        id="login-form",
    )


def layout(**query) -> html.Div | html.Main:
    filters = Filters.from_params(query)
    lang = filters.lang
    next_path = auth.safe_next(query.get(auth.NEXT_PARAM), "/daten")
    user = auth.current_user()
    body = _logout_form(user, lang) if user else _login_form(next_path, lang)
    card = dbc.Card(
        dbc.CardBody(
            [
                html.H1(t("login.heading", lang), className="h3 mb-3"),
                html.P(t("login.intro", lang), className="text-muted"),
                _message(query, lang),
                body,
            ]
        ),
        className="login-card mx-auto mt-4",
        style={"maxWidth": "28rem"},
    )
    if auth.can_read():
        return page_frame(PATH, filters, card, with_filters=False)
    # Reading needs a login: no navigation to pages the visitor may not open yet.
    other = "en" if lang == "de" else "de"
    switch = html.A(t("nav.switch_language", lang), href=f"{PATH}?lang={other}", className="small")
    return html.Main(
        [html.Div(switch, className="text-end p-2"), card],
        id="main",
        className="container",
        lang=lang,
    )
