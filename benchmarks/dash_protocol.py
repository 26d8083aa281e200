"""Build real `/_dash-update-component` requests from what a running app tells about itself.

Nothing here knows the pages' callbacks: they are discovered from `/_dash-dependencies`
and from the page layout that Dash's own page router returns, exactly as the browser's
dash-renderer does. A page that is missing or half-done is reported, never a crash.
Only the standard library: the load-test client (another virtualenv) reads what this
module writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

PAGES_CONTENT = "_pages_content"
PAGES_STORE = "_pages_store"
PAGES_LOCATION = "_pages_location"
URL_SEARCH = ("url", "search")
WILDCARDS = ("ALL", "MATCH", "ALLSMALLER")
# The no-op callback benchmarks/serve.py adds (NETZWERKATLAS_BENCH_NOOP=1).
NOOP_INPUT = "bench-noop-input"
NOOP_OUTPUT = "bench-noop-output"


def stringify_id(component_id) -> str:
    """Dash's key for an id: the id itself, or a dict id as sorted compact JSON."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return str(component_id)


def parse_id(text: str):
    return json.loads(text) if text.startswith("{") else text


def has_wildcard(component_id) -> bool:
    if not isinstance(component_id, dict):
        return False
    return any(isinstance(v, list) and v and v[0] in WILDCARDS for v in component_id.values())


@dataclass
class Callback:
    """One server callback as `/_dash-dependencies` describes it."""

    output: str  # the exact output string Dash keys the callback by
    outputs: list[dict]
    multi: bool
    inputs: list[dict]
    state: list[dict]
    prevent_initial_call: bool
    after_url: bool = False  # fired by a property the browser derives from url.search
    # Those properties ('component.property'): the browser fills them with the address.
    address_inputs: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        first = self.outputs[0]
        label = f"{stringify_id(first['id'])}.{first['property']}"
        return label + (f" (+{len(self.outputs) - 1})" if len(self.outputs) > 1 else "")

    @property
    def figure_outputs(self) -> list[str]:
        return [stringify_id(o["id"]) for o in self.outputs if o["property"] == "figure"]

    def ids(self) -> Iterator[str]:
        for item in (*self.outputs, *self.inputs, *self.state):
            yield stringify_id(item["id"])

    def has_wildcards(self) -> bool:
        return any(has_wildcard(item["id"]) for item in (*self.outputs, *self.inputs, *self.state))

    def listens_to(self, component: str, prop: str) -> bool:
        return any(
            stringify_id(i["id"]) == component and i["property"] == prop for i in self.inputs
        )


def parse_output(spec: str) -> tuple[bool, list[dict]]:
    """'..a.children...b.figure..' -> (True, [{id: a, property: children}, ...])."""
    multi = spec.startswith("..") and spec.endswith("..")
    parts = spec[2:-2].split("...") if multi else [spec]
    outputs = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        outputs.append({"id": parse_id(ident), "property": prop.split("@")[0]})
    return multi, outputs


def callbacks_from_dependencies(dependencies: list[dict]) -> list[Callback]:
    """The server-side callbacks (clientside ones never reach the server). A server callback
    listening to a property that a clientside callback computes from url.search is marked
    `after_url`: the browser fires it on a filter change, too, one step later."""
    derived = url_derived_properties(dependencies)
    result = []
    for dep in dependencies:
        if dep.get("clientside_function"):
            continue
        multi, outputs = parse_output(dep["output"])
        inputs = [
            {"id": parse_id(i["id"]), "property": i["property"]} for i in dep.get("inputs", [])
        ]
        result.append(
            Callback(
                output=dep["output"],
                outputs=outputs,
                multi=multi,
                inputs=inputs,
                state=[
                    {"id": parse_id(s["id"]), "property": s["property"]}
                    for s in dep.get("state", [])
                ],
                prevent_initial_call=bool(dep.get("prevent_initial_call")),
                after_url=any(
                    f"{stringify_id(i['id'])}.{i['property']}" in derived for i in inputs
                ),
                address_inputs=frozenset(derived),
            )
        )
    return result


def url_derived_properties(dependencies: list[dict]) -> set[str]:
    """'component.property' of every output a clientside callback computes from url.search,
    directly or from another such output (the address store the pages read, and the stores
    a page derives from that one)."""
    derived = {".".join(URL_SEARCH)}
    grown = True
    while grown:
        grown = False
        for dep in dependencies:
            if not dep.get("clientside_function"):
                continue
            listens = any(
                f"{stringify_id(parse_id(i['id']))}.{i['property']}" in derived
                for i in dep.get("inputs", [])
            )
            outputs = {
                f"{stringify_id(o['id'])}.{o['property']}" for o in parse_output(dep["output"])[1]
            }
            if listens and not outputs <= derived:
                derived |= outputs
                grown = True
    return derived - {".".join(URL_SEARCH)}


def router(callbacks: list[Callback]) -> Callback | None:
    """Dash's page router: `_pages_content.children` from `_pages_location`."""
    for cb in callbacks:
        if any(stringify_id(o["id"]) == PAGES_CONTENT for o in cb.outputs):
            return cb
    return None


@dataclass
class Layout:
    """The components of a rendered page: props and type per stringified id."""

    props: dict[str, dict] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_tree(cls, tree) -> Layout:
        layout = cls()
        layout._walk(tree)
        return layout

    def _walk(self, node) -> None:
        if isinstance(node, list):
            for item in node:
                self._walk(item)
        elif isinstance(node, dict):
            if "props" in node and "type" in node and isinstance(node["props"], dict):
                props = node["props"]
                if "id" in props:
                    key = stringify_id(props["id"])
                    self.props[key] = props
                    self.types[key] = node["type"]
                for value in props.values():
                    self._walk(value)
            else:
                for value in node.values():
                    self._walk(value)

    def __contains__(self, key: str) -> bool:
        return key in self.props

    def ids_with_prefix(self, prefix: str) -> list[str]:
        return [key for key in self.props if key.startswith(prefix)]


def location_props(path: str, search: str, base: str) -> dict:
    return {
        "pathname": path,
        "search": search,
        "href": base.rstrip("/") + path + search,
        "hash": "",
    }


def route_payload(cb: Callback, path: str, search: str) -> dict:
    """The router request the browser sends when it shows `path?search`."""
    return payload(
        cb,
        Layout(),
        path,
        search,
        "http://127.0.0.1",
        changed=f"{PAGES_LOCATION}.pathname",
        locations={PAGES_LOCATION},
    )


def page_callbacks(callbacks: list[Callback], layout: Layout) -> list[Callback]:
    """The callbacks a filter change on this page fires: they listen to url.search (or to what
    the browser derives from it) and all their components are on the page. Pattern-matching
    (ALL/MATCH) callbacks are left out."""
    chosen = []
    for cb in callbacks:
        if cb.has_wildcards() or not (cb.listens_to(*URL_SEARCH) or cb.after_url):
            continue
        if all(key in layout for key in cb.ids()):
            chosen.append(cb)
    return chosen


def payload(
    cb: Callback,
    layout: Layout,
    path: str,
    search: str,
    base: str,
    changed: str = "url.search",
    locations: set[str] | None = None,
) -> dict:
    """The request body dash-renderer sends for `cb` with the page's current values."""
    locations = set(locations or ()) | {
        k for k, t in layout.types.items() if t == "Location" and k == "url"
    }
    location = location_props(path, search, base)

    def value(item: dict) -> dict:
        key = stringify_id(item["id"])
        entry = {"id": item["id"], "property": item["property"]}
        if key in locations and item["property"] in location:
            entry["value"] = location[item["property"]]
        elif f"{key}.{item['property']}" in cb.address_inputs:
            entry["value"] = search
        elif key in layout.props and item["property"] in layout.props[key]:
            entry["value"] = layout.props[key][item["property"]]
        return entry  # a property the layout does not set is sent without a value, as the renderer does

    outputs = [{"id": o["id"], "property": o["property"]} for o in cb.outputs]
    return {
        "output": cb.output,
        "outputs": outputs if cb.multi else outputs[0],
        "inputs": [value(i) for i in cb.inputs],
        "changedPropIds": [changed],
        "state": [value(s) for s in cb.state],
    }


def figure_sizes(response_body: dict, cb: Callback) -> dict[str, int]:
    """Bytes of each figure in a callback response, as compact JSON."""
    sizes = {}
    body = response_body.get("response", {})
    for key in cb.figure_outputs:
        figure = body.get(key, {}).get("figure")
        if figure is not None:
            sizes[f"{key}.figure"] = len(json.dumps(figure, separators=(",", ":")).encode())
    return sizes


def noop_payload(n_clicks: int = 1) -> dict:
    return {
        "output": f"{NOOP_OUTPUT}.children",
        "outputs": {"id": NOOP_OUTPUT, "property": "children"},
        "inputs": [{"id": NOOP_INPUT, "property": "n_clicks", "value": n_clicks}],
        "changedPropIds": [f"{NOOP_INPUT}.n_clicks"],
        "state": [],
    }
