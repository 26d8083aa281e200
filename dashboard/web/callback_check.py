"""Callback requests checked against Dash's own registry before Dash runs them.

Dash indexes the request body as the browser builds it (the callback's key, one entry per
input and state, each with an id and a property) and answers anything else with a 500:
a missing input, an unknown callback or a body that is no JSON object all end in a stack
trace. A client can send any of those, so they are refused here with 400 instead, as are
values no browser sends: a property whose type its component fixes (an address is text, a
click count a number, click data an object) holding something else, an id property that
is not the component's id, and numbers beyond what JavaScript represents exactly. Other
values (huge strings, unknown ids, odd choices) are each callback's to check;
tests/integration/test_malformed_input.py sends them all.
"""

from __future__ import annotations

from typing import Any

from dash import Dash
from flask import jsonify, request

from dashboard.components.page_search import PAGE_SEARCH_ID

WILDCARDS_WITH_LISTS = ('["ALL"]', '["ALLSMALLER"]')
# Properties whose type the component fixes; None is an unset value. A page address
# (dcc.Location.pathname) is always there and is a path of this site.
FIXED_TYPES = {
    "search": str,
    "hash": str,
    "href": str,
    "contents": str,
    "filename": str,
    "n_clicks": int,
    "submit_n_clicks": int,
    "n_intervals": int,
    "clickData": dict,
    "hoverData": dict,
    "selectedData": dict,
}
# Stores whose value the app fixes: the address's query string the pages read (page_search).
FIXED_STORE_TYPES = {PAGE_SEARCH_ID: str}
LARGEST_EXACT_NUMBER = 2**53  # JavaScript's Number.MAX_SAFE_INTEGER + 1


def _exact_numbers(value: object) -> bool:
    """No number in `value` that a browser could not have sent (JSON from JavaScript)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if (
            isinstance(item, int)
            and not isinstance(item, bool)
            and abs(item) > LARGEST_EXACT_NUMBER
        ):
            return False
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def _value_fits(item: dict) -> bool:
    prop, value = item["property"], item.get("value")
    if prop == "pathname":
        return isinstance(value, str) and value.startswith("/")
    if prop == "id":
        return value == item["id"]
    if prop == "data" and isinstance(item["id"], str) and item["id"] in FIXED_STORE_TYPES:
        return value is None or isinstance(value, FIXED_STORE_TYPES[item["id"]])
    expected = FIXED_TYPES.get(prop)
    return value is None or expected is None or isinstance(value, expected)


def _is_item(value: object) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("id"), (str, dict))
        and isinstance(value.get("property"), str)
        and _value_fits(value)
    )


def _matches(spec: dict, value: object) -> bool:
    """One input or state of the request against its registered spec: a list of items for
    an ALL or ALLSMALLER pattern, one item otherwise."""
    if any(wildcard in str(spec["id"]) for wildcard in WILDCARDS_WITH_LISTS):
        return isinstance(value, list) and all(_is_item(item) for item in value)
    return _is_item(value)


def _outputs_match(entry: dict, outputs: object) -> bool:
    if isinstance(entry["output"], list):
        return isinstance(outputs, list) and len(outputs) == len(entry["output"])
    return isinstance(outputs, (dict, list))


def well_formed(app: Dash, body: object) -> bool:
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return False
    entry = app.callback_map.get(body["output"])
    if entry is None:
        return False
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(prop, str) for prop in changed):
        return False
    for part, specs in (("inputs", entry["inputs"]), ("state", entry["state"])):
        values = body.get(part, [])
        if not isinstance(values, list) or len(values) != len(specs):
            return False
        if not all(_matches(spec, value) for spec, value in zip(specs, values, strict=False)):
            return False
    if not (entry.get("no_output") or _outputs_match(entry, body.get("outputs"))):
        return False
    return _exact_numbers(body)


def request_json() -> object:
    """The request's JSON body, or None when it is none: also for JSON nested deeper than
    the parser's recursion limit, which Flask's silent mode does not catch."""
    try:
        return request.get_json(silent=True)
    except RecursionError:
        return None


def requested_callback(app: Dash) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The callback request's body and the registry entry it names, as Dash will find it;
    None for anything else."""
    body = request_json()
    if not isinstance(body, dict):
        return None
    output = body.get("output")
    entry = app.callback_map.get(output) if isinstance(output, str) else None
    return None if entry is None else (body, entry)


def register_request_check(app: Dash) -> None:
    endpoint = app.config.routes_pathname_prefix + "_dash-update-component"

    @app.server.before_request
    def refuse_malformed_callback_requests():
        if (
            request.method == "POST"
            and request.path == endpoint
            and not well_formed(app, request_json())
        ):
            return jsonify({"error": "malformed callback request"}), 400
        return None
