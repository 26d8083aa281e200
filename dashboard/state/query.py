"""The query string of an address as parameters, whatever a browser sends as one.

Callbacks get the address's query string from the browser, or a copy of it kept in a store
(pages/attendance, pages/topics). A forged request can put any JSON there: anything but a
string is an address without parameters, never a traceback.
"""

from __future__ import annotations

from urllib.parse import parse_qsl


def params_of(search: object, keep_blank_values: bool = False) -> dict[str, str]:
    """The parameters of `search` ("?von=2020&…"); none when it is not a string."""
    if not isinstance(search, str):
        return {}
    return dict(parse_qsl(search.lstrip("?"), keep_blank_values=keep_blank_values))
