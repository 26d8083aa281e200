"""Which views a published site shows: the default set or a views file.

A views file is a JSON list; each entry is an address as the app's "Link kopieren" gives it
("/teilnahme?veranstaltung=2024") or an object {"address": ..., "charts": [...], "title": ...}.
The charts are those a page's slides offer (presentation.slides) plus the overview's two.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.presentation.slides import BUILDERS
from dashboard.state.filters import PARAM_EVENT
from dashboard.store import Snapshot

OVERVIEW = "/"
OVERVIEW_CHARTS = ("attendance", "map")
PAGE_CHARTS: dict[str, tuple[str, ...]] = {OVERVIEW: OVERVIEW_CHARTS}
for _page, _chart in BUILDERS:
    PAGE_CHARTS.setdefault(_page, ())
    PAGE_CHARTS[_page] += (_chart,)

PAGE_NAMES = {
    "/": "nav.overview",
    "/karte": "nav.map",
    "/teilnahme": "nav.attendance",
    "/themen": "nav.topics",
    "/netzwerk": "nav.network",
    "/vergleich": "nav.compare",
}
LATEST_EVENT_CHARTS = ("events", "states")
ENTRY_KEYS = ("address", "charts", "title")


@dataclass(frozen=True)
class PublishedView:
    """One page of the published site: the app page `page` with the query string `search`,
    showing `charts` (keys of PAGE_CHARTS[page]); `title` replaces the page's name."""

    page: str
    search: str = ""
    charts: tuple[str, ...] = ()
    title: str = ""


class ViewsFileError(ValueError):
    """A views file that cannot be used; `key` and `params` make the translated message."""

    def __init__(self, message_key: str, /, **params: object) -> None:
        super().__init__(message_key)
        self.key = message_key
        self.params = params


def default_views(snapshot: Snapshot) -> tuple[PublishedView, ...]:
    """Overview, map, network, and the attendance of the latest event (when there is one)."""
    views = [
        PublishedView(OVERVIEW, charts=OVERVIEW_CHARTS),
        PublishedView("/karte", charts=("map",)),
        PublishedView("/netzwerk", charts=("graph",)),
    ]
    event = latest_event(snapshot)
    if event is not None:
        views.append(
            PublishedView("/teilnahme", f"{PARAM_EVENT}={event}", charts=LATEST_EVENT_CHARTS)
        )
    return tuple(views)


def latest_event(snapshot: Snapshot) -> str | None:
    events = snapshot.tables["events"]
    if events.empty:
        return None
    newest = events.sort_values(["year", "start_date", "id"], na_position="first").iloc[-1]
    return str(newest["id"])


def read_views(path: Path) -> tuple[PublishedView, ...]:
    """The views a views file names, checked entry by entry (ViewsFileError names the
    entry, the key and the value that cannot be used)."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ViewsFileError(
            "publish.views.unreadable", path=str(path), error=str(error)
        ) from error
    except json.JSONDecodeError as error:
        raise ViewsFileError(
            "publish.views.not_json", path=str(path), line=error.lineno, error=error.msg
        ) from error
    if not isinstance(entries, list) or not entries:
        raise ViewsFileError("publish.views.not_list", path=str(path))
    return tuple(_entry(number, entry) for number, entry in enumerate(entries, start=1))


def _entry(number: int, entry: object) -> PublishedView:
    if isinstance(entry, str):
        entry = {"address": entry}
    if not isinstance(entry, dict):
        raise ViewsFileError("publish.views.bad_entry", entry=number, value=_shown(entry))
    unknown = sorted(set(entry) - set(ENTRY_KEYS))
    if unknown:
        raise ViewsFileError(
            "publish.views.unknown_key", entry=number, field=unknown[0], keys=", ".join(ENTRY_KEYS)
        )
    address = entry.get("address")
    if not isinstance(address, str):
        raise ViewsFileError(
            "publish.views.bad_value", entry=number, field="address", value=_shown(address)
        )
    parts = urlsplit(address.strip())
    page = "/" + parts.path.strip("/")
    if page not in PAGE_CHARTS:
        raise ViewsFileError(
            "publish.views.bad_page", entry=number, value=address, pages=", ".join(PAGE_CHARTS)
        )
    charts = entry.get("charts", list(PAGE_CHARTS[page]))
    if not isinstance(charts, list) or not charts:
        raise ViewsFileError(
            "publish.views.bad_value", entry=number, field="charts", value=_shown(charts)
        )
    for chart in charts:
        if chart not in PAGE_CHARTS[page]:
            raise ViewsFileError(
                "publish.views.bad_chart",
                entry=number,
                value=_shown(chart),
                page=page,
                charts=", ".join(PAGE_CHARTS[page]),
            )
    title = entry.get("title", "")
    if not isinstance(title, str):
        raise ViewsFileError(
            "publish.views.bad_value", entry=number, field="title", value=_shown(title)
        )
    return PublishedView(page, parts.query, tuple(dict.fromkeys(charts)), title.strip())


def _shown(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)[:80]
