"""Addresses of the event pages, for the pages that link to them (a page module imported
by another would register itself twice)."""

from __future__ import annotations

from urllib.parse import quote

EVENTS_PATH = "/veranstaltungen"
EVENT_PREFIX = "/veranstaltung/"


def event_href(event_id: str, search: str) -> str:
    return f"{EVENT_PREFIX}{quote(str(event_id), safe='')}{search}"
