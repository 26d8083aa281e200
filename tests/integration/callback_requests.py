"""Requests to every server callback of an app, built from Dash's own registry.

`app.callback_map` is what /_dash-update-component dispatches to, so a callback added
anywhere (a page, a component, the shell) is called here without being listed. Each request
carries plausible values, as a browser on the page would send them: the value the component
has in the app's validation layout, 1 for a click, a real file for an upload, and for the
few stores whose content the server checks (the import preview, the deck) a value that
passes those checks. Tests use these requests to show that callbacks do not write for a
visitor or a viewer (test_write_guard.py) and answer malformed variants without a 5xx
(test_malformed_input.py).
"""

from __future__ import annotations

import base64
import io
import json
from dataclasses import dataclass

import openpyxl
from dash import Dash
from sqlalchemy import select

from dashboard.db import repository, tables
from dashboard.presentation.deck import Deck, Slide, deck_to_data

DISPATCH = "/_dash-update-component"
CLICKS = ("n_clicks", "submit_n_clicks", "n_intervals", "n_submit", "n_blur")
GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"AGS": "05111", "GEN": "Düsseldorf"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[6.68, 51.12], [6.94, 51.12], [6.94, 51.35], [6.68, 51.35], [6.68, 51.12]]
                ],
            },
        },
    ],
}
ACTORS_CSV = b"id,name,type\nneu-im-test,Neu im Test,initiative\n"


def _data_url(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64," + base64.b64encode(data).decode()


def _actors_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "actors"
    for row in (("id", "name", "type"), ("neu-aus-xlsx", "Neu aus XLSX", "initiative")):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Every kind of file a page accepts, offered to every upload: a callback's file type is not
# assumed from its id, so a new upload is tried with each.
UPLOADS = {
    "kreise.geojson": _data_url("application/geo+json", json.dumps(GEOJSON).encode()),
    "actors.csv": _data_url("text/csv", ACTORS_CSV),
    "actors.xlsx": _data_url(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _actors_xlsx()
    ),
}


@dataclass
class Plausible:
    """Values that depend on the stored data: read from the database before each call."""

    version: str
    batch: int | None
    actor: str
    upload: str | None = None  # file name of UPLOADS for this call

    @classmethod
    def read(cls, engine, upload: str | None = None) -> Plausible:
        with engine.connect() as connection:
            version = repository.data_version(connection)
            batch = connection.execute(
                select(tables.import_batches.c.id).order_by(tables.import_batches.c.id.desc())
            ).scalar()
            actor = (
                connection.execute(select(tables.actors.c.id).order_by(tables.actors.c.id)).scalar()
                or "a"
            )
        return cls(version=version, batch=batch, actor=actor, upload=upload)


def wildcard_value(key: str, plausible: Plausible):
    """A concrete value for a pattern-matching id's wildcard key."""
    return {
        "batch": plausible.batch,
        "actor": plausible.actor,
        "index": 0,
        "deck": "show",
        "path": "/",
        "lang": "de",
        "card": "attendance-events",
    }.get(key, 0)


def concrete_id(raw: str | dict, plausible: Plausible) -> str | dict:
    """The id of one component matching `raw` (a plain id, or a pattern as JSON text)."""
    if isinstance(raw, dict):
        pattern = raw
    elif raw.startswith("{"):
        pattern = json.loads(raw)
    else:
        return raw
    return {
        key: (wildcard_value(key, plausible) if isinstance(value, list) else value)
        for key, value in pattern.items()
    }


def wildcard(raw: str | dict) -> str | None:
    """ "ALL", "MATCH", "ALLSMALLER" or None for a plain or fully concrete id."""
    pattern = json.loads(raw) if isinstance(raw, str) and raw.startswith("{") else raw
    if not isinstance(pattern, dict):
        return None
    kinds = [value[0] for value in pattern.values() if isinstance(value, list)]
    return kinds[0] if kinds else None


def prop_id(component_id: str | dict, prop: str) -> str:
    text = (
        component_id
        if isinstance(component_id, str)
        else json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    )
    return f"{text}.{prop}"


def layout_values(app: Dash) -> dict[tuple[str, str], object]:
    """(id, property) → value of every component with a plain id in the validation layout."""
    values = {}
    for component in app.validation_layout._traverse():
        component_id = getattr(component, "id", None)
        if not isinstance(component_id, str):
            continue
        for prop in component._prop_names:
            value = getattr(component, prop, None)
            if value is not None and not hasattr(value, "_prop_names"):
                values[(component_id, prop)] = value
    return values


def plausible_value(component_id, prop: str, defaults: dict, plausible: Plausible):
    if prop in CLICKS:
        return 1
    if prop == "contents":
        return UPLOADS.get(plausible.upload)
    if prop == "filename":
        return plausible.upload
    if isinstance(component_id, dict):
        return component_id if prop == "id" else None
    special = {
        # What the import preview stored: ready, made against the data as it is now.
        ("daten-plan", "data"): {
            "version": plausible.version,
            "mode": "merge",
            "file": plausible.upload,
            "ready": True,
        },
        ("deck-store", "data"): deck_to_data(
            Deck(name="Geprüfter Satz", slides=(Slide(path="/themen"),))
        ),
        ("url", "search"): "",
        ("page-search", "data"): "",
        ("url", "pathname"): "/",
        ("_pages_location", "pathname"): "/daten",
        ("_pages_location", "search"): "",
    }
    if (component_id, prop) in special:
        return special[(component_id, prop)]
    return defaults.get((component_id, prop))


def _item(raw, prop: str, defaults: dict, plausible: Plausible):
    kind = wildcard(raw)
    if kind == "ALLSMALLER":
        return []
    component_id = concrete_id(raw, plausible)
    entry = {
        "id": component_id,
        "property": prop,
        "value": plausible_value(component_id, prop, defaults, plausible),
    }
    return [entry] if kind == "ALL" else entry


def _outputs(entry: dict, plausible: Plausible):
    specs = entry["output"] if isinstance(entry["output"], list) else [entry["output"]]
    built = []
    for spec in specs:
        raw = spec.component_id_str()
        item = {
            "id": concrete_id(raw, plausible),
            "property": spec.component_property.split("@")[0],
        }
        built.append([item] if wildcard(raw) == "ALL" else item)
    return built if isinstance(entry["output"], list) else built[0]


def server_callbacks(app: Dash) -> list[tuple[str, dict]]:
    """(key, registry entry) of every callback that runs on the server (not in the browser)."""
    return [
        (key, entry) for key, entry in app.callback_map.items() if entry.get("callback") is not None
    ]


def name(entry: dict) -> str:
    function = entry["callback"]
    return f"{function.__module__}.{function.__name__}"


def takes_upload(entry: dict) -> bool:
    return any(spec["property"] == "contents" for spec in entry["inputs"] + entry["state"])


def payloads(app: Dash, key: str, entry: dict, plausible: Plausible) -> list[dict]:
    """One request per input of the callback, each as if that input had just changed."""
    defaults = layout_values(app)
    inputs = [_item(spec["id"], spec["property"], defaults, plausible) for spec in entry["inputs"]]
    state = [_item(spec["id"], spec["property"], defaults, plausible) for spec in entry["state"]]
    requests = []
    for index, _spec in enumerate(entry["inputs"]):
        item = inputs[index]
        first = item[0] if isinstance(item, list) and item else item
        if not first:
            continue
        requests.append(
            {
                "output": key,
                "outputs": _outputs(entry, plausible),
                "inputs": inputs,
                "changedPropIds": [prop_id(first["id"], first["property"])],
                "state": state,
            }
        )
    return requests


def calls(app: Dash, engine) -> list[tuple[str, dict, callable]]:
    """(callback name, registry entry, a function that makes the requests for that
    callback against the data as it is when called): every server callback, each upload
    callback once per kind of file."""
    made = []
    for key, entry in server_callbacks(app):
        for upload in UPLOADS if takes_upload(entry) else (None,):
            made.append(
                (
                    name(entry),
                    entry,
                    lambda key=key, entry=entry, upload=upload: payloads(
                        app, key, entry, Plausible.read(engine, upload)
                    ),
                )
            )
    return made
