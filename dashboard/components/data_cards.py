"""/daten: the cards of the page (file import, export, publishing, import batches) and who
may see them."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.attributes import aria
from dashboard.components.batch_table import batch_table
from dashboard.components.upload import upload_limit_mb
from dashboard.exchange.plan import MERGE, REPLACE
from dashboard.i18n import t
from dashboard.web import auth, data_routes
from dashboard.web.context import app_context
from dashboard.web.publish_route import PUBLISH_ZIP

ACCEPT = ".csv,.txt,.tsv,.zip,.xlsx,.xlsm"


def no_access(user, lang: str, path: str) -> dbc.Alert:
    """Why the page shows nothing: not logged in (with a link back to `path`), or no role."""
    if user is None:
        text = t("data.login_needed", lang)
        link = html.A(
            t("data.to_login", lang),
            href=auth.login_url(path, lang=lang),
            id="data-login-link",
            className="alert-link ms-1",
        )
    else:
        text = t("data.role_needed", lang, role=t(f"login.role.{user.role}", lang))
        link = None
    return dbc.Alert([text, link], color="warning", id="data-no-access")


def user_line(user, lang: str) -> html.Form:
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


def import_card(lang: str) -> dbc.Card:
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
                                html.I(className="bi bi-upload me-2", **aria(hidden="true")),
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


def export_card(lang: str) -> dbc.Card:
    def link(href: str, icon: str, key: str, element_id: str) -> html.A:
        return html.A(
            [html.I(className=f"bi {icon} me-2", **aria(hidden="true")), t(key, lang)],
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


def publish_card(lang: str) -> dbc.Card:
    """The published site as a zip (admins: it is what the public will read)."""
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(t("data.publish.heading", lang), className="h5 mb-0")),
            dbc.CardBody(
                [
                    html.P(t("data.publish.intro", lang), className="small"),
                    html.A(
                        [
                            html.I(className="bi bi-globe me-2", **aria(hidden="true")),
                            t("data.publish.download", lang),
                        ],
                        href=f"{PUBLISH_ZIP}?lang={lang}",
                        download="",
                        id="daten-publish-zip",
                        className="btn btn-outline-primary btn-sm mb-2",
                    ),
                ]
            ),
        ],
        className="mb-3",
    )


def batches_card(lang: str, with_data: bool) -> dbc.Card:
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
