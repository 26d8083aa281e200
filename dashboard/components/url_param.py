"""One page control kept in the address: a copied link or a reload shows the same choice.

The global filters have their own bar; this is for a page's single choices (a metric, the
event whose sessions are listed). The default stays out of the address.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from urllib.parse import parse_qsl, urlencode

from dash import Input, Output, State, callback, no_update


def param_value(
    query: Mapping[str, str | list[str]], name: str, allowed: Container[str], default: str
) -> str:
    """The value of `name` in a page's query (as Dash passes it to layout), if allowed."""
    given = query.get(name)
    value = given[0] if isinstance(given, list) and given else given
    return value if isinstance(value, str) and value in allowed else default


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
