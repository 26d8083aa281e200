"""Top navigation: the registered pages, the language switch, links that keep the filters."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.attributes import aria
from dashboard.components.embed_dialog import embed_button
from dashboard.components.share_link import share_link_button
from dashboard.i18n import LANGUAGES, t
from dashboard.state.filters import Filters, search_keeping_page_params


def nav_pages() -> list[dict]:
    """Pages that appear in the navigation, in their registered order."""
    pages = [page for page in dash.page_registry.values() if page.get("nav_key")]
    return sorted(pages, key=lambda page: page["order"] if page.get("order") is not None else 99)


def language_search(search: str | None, lang: str) -> str:
    """The same query string, page parameters included, with the language set to `lang`."""
    return search_keeping_page_params(Filters.from_search(search).with_changes(lang=lang), search)


def navbar(filters: Filters, active_path: str, embeddable: bool = False) -> dbc.Navbar:
    """`embeddable`: whether the page offers "Einbetten" (a view that can be shown alone,
    while reading is public)."""
    lang = filters.lang
    search = filters.to_search()
    items = [
        dbc.NavItem(
            dcc.Link(
                t(page["nav_key"], lang),
                href=page["path"] + search,
                id={"type": "nav-link", "path": page["path"]},
                className="nav-link" + (" active" if page["path"] == active_path else ""),
            )
        )
        for page in nav_pages()
    ]
    other = next(code for code in LANGUAGES if code != lang)
    switch = dcc.Link(
        t("nav.switch_language", lang),
        href=active_path + language_search(search, other),
        id={"type": "lang-link", "path": active_path, "lang": other},
        className="nav-link lang-switch",
        title=t("nav.switch_language_title", lang),
    )
    return dbc.Navbar(
        dbc.Container(
            [
                dcc.Link(
                    [
                        html.I(className="bi bi-diagram-3 me-2", **aria(hidden="true")),
                        t("app.name", lang),
                    ],
                    href="/" + search,
                    id={"type": "nav-brand", "path": "/"},
                    className="navbar-brand",
                ),
                dbc.NavbarToggler(id="shell-navbar-toggler"),
                dbc.Collapse(
                    [
                        dbc.Nav(items, navbar=True, className="me-auto"),
                        dbc.Nav(
                            [
                                dbc.NavItem(share_link_button(lang), className="me-xl-2"),
                                dbc.NavItem(
                                    embed_button(lang),
                                    className="me-xl-2 py-1 py-xl-0"
                                    + ("" if embeddable else " d-none"),
                                ),
                                dbc.NavItem(switch),
                            ],
                            navbar=True,
                            className="align-items-xl-center",
                        ),
                    ],
                    id="shell-navbar-collapse",
                    navbar=True,
                ),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        # Eight pages and two buttons fill 1,200 px; below that they fold behind the toggler
        # (from 768 to 1,200 px they ran past the window's edge).
        expand="xl",
        className="mb-3",
    )
