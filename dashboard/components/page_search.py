"""The address's query string as the page's callbacks read it.

A page's callbacks take the query string from this store, not from its Location: when a
link or the browser's history changes the address, the pages router draws the page anew,
and the page being replaced stays still instead of answering too (assets/page_routing.js
says which change is which). Controls that change the address in place (filters, page
settings) reach the store as before.

The store starts empty and is filled as the page appears: a callback that waits for a
store that some callback leaves unchanged on the page's first drawing is not run at all.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, dcc

PAGE_SEARCH_ID = "page-search"
ROUTER_STORE = "_pages_store"
# Outside the pages: a place for the router-drawn callback's (unused) output.
ROUTED_ID = "page-routed"

_SYNC = """function (search, current) {
    const nu = window.dash_clientside.no_update;
    if (current === null || current === undefined) { return search || ''; }
    const routing = window.netzwerkatlasRouting;
    if (routing && routing.drawsAnew(window.location.pathname + (search || ''))) { return nu; }
    const same = new URLSearchParams(search || '').toString() === new URLSearchParams(current).toString();
    return same ? nu : (search || '');
}"""

_DRAWN = """function () {
    if (window.netzwerkatlasRouting) { window.netzwerkatlasRouting.drawn(); }
    return window.dash_clientside.no_update;
}"""


def page_search_store() -> dcc.Store:
    return dcc.Store(id=PAGE_SEARCH_ID)


def routed_store() -> dcc.Store:
    """For the app's layout, beside the page container."""
    return dcc.Store(id=ROUTED_ID)


def register_page_search(app: Dash) -> None:
    app.clientside_callback(
        _SYNC,
        Output(PAGE_SEARCH_ID, "data"),
        Input("url", "search"),
        State(PAGE_SEARCH_ID, "data"),
    )
    app.clientside_callback(
        _DRAWN,
        Output(ROUTED_ID, "data"),
        Input(ROUTER_STORE, "data"),
        prevent_initial_call=True,
    )
