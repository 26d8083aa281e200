"""One page control kept in the address: a copied link or a reload shows the same choice.

The global filters have their own bar; this is for a page's single choices (a metric, the
event whose sessions are listed). The default stays out of the address.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from dash import Input, Output, State, callback, clientside_callback, dcc, no_update

from dashboard.components.page_search import PAGE_SEARCH_ID


def search_with_param(search: str | None, name: str, value: object, default: object) -> str:
    """`search` with `name` set to `value`, or removed when `value` is the default or empty."""
    pairs = [
        (key, text)
        for key, text in parse_qsl((search or "").lstrip("?"), keep_blank_values=True)
        if key != name
    ]
    if value not in (None, "", default):
        pairs.append((name, str(value)))
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def register_url_param(control_id: str, name: str, default: object, prop: str = "value") -> None:
    """Write the control's value to the query parameter `name` whenever it changes."""

    @callback(
        Output("url", "search", allow_duplicate=True),
        Input(control_id, prop),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def write_param(value, search):
        new_search = search_with_param(search, name, value, default)
        return no_update if new_search == (search or "") else new_search


def register_search_store(store_id: str, names: tuple[str, ...]) -> None:
    """Keep the store `store_id` (search_store) equal to the address without the page's own
    parameters `names`; it changes only when something else in the address does. Charts
    that do not depend on those parameters read it instead of the address, so that a page
    setting (the measure of two charts) does not send and redraw every chart again."""
    clientside_callback(
        f"""function (search, current) {{
            const params = new URLSearchParams(search || '');
            {list(names)!r}.forEach(name => params.delete(name));
            const same = current !== null && current !== undefined
                && params.toString() === new URLSearchParams(current).toString();
            return same ? window.dash_clientside.no_update
                        : (params.toString() ? '?' + params.toString() : '');
        }}""",
        Output(store_id, "data"),
        Input(PAGE_SEARCH_ID, "data"),
        State(store_id, "data"),
    )


def search_store(store_id: str) -> dcc.Store:
    """The store of register_search_store; empty until the page appears (page_search)."""
    return dcc.Store(id=store_id)
