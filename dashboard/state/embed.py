"""Embed mode in the address: `einbetten=1` shows a page without its frame (navigation,
filters, staff controls), `diagramm=<card id>` narrows it to one chart card.

Both ride in the query string beside the filters, so an embedded view keeps them when the
reader follows a link inside it (a point on the map opens the profile, embedded too), and
the callbacks of a framed page can tell where they run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from dashboard.state.filters import raw_text
from dashboard.state.query import params_of

PARAM_EMBED = "einbetten"
PARAM_CARD = "diagramm"
EMBED_VALUE = "1"
# Card ids are the app's own lower-case names ("attendance-events"); anything else is a
# mangled link and shows the whole page.
_CARD_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


@dataclass(frozen=True)
class Embed:
    on: bool = False
    card: str | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, object]) -> Embed:
        """From a page layout's parameters (a repeated one comes as a list)."""
        value = params.get(PARAM_EMBED)
        values = value if isinstance(value, (list, tuple)) else [value]
        if not any_embed(raw_text(v) for v in values):
            return cls()
        card = raw_text(params.get(PARAM_CARD))
        return cls(on=True, card=card if card and _CARD_ID.fullmatch(card) else None)

    @classmethod
    def from_search(cls, search: object) -> Embed:
        pairs = parse_qsl(search.lstrip("?")) if isinstance(search, str) else []
        embedded = [value for key, value in pairs if key == PARAM_EMBED]
        return cls.from_params({**params_of(search), PARAM_EMBED: embedded})


def any_embed(values: Iterable[str | None]) -> bool:
    """The one rule, on the server and in assets/embed_guard.js: a view is embedded when any
    `einbetten` value of its address is 1. A second value ("einbetten=1&einbetten=0") can
    never make a framed page count as the full view."""
    return any(value is not None and value.strip() == EMBED_VALUE for value in values)


def full_view_search(search: str | None) -> str:
    """The same query string without the embed parameters: the address of the full view."""
    pairs = [
        (key, value)
        for key, value in parse_qsl((search or "").lstrip("?"), keep_blank_values=True)
        if key not in (PARAM_EMBED, PARAM_CARD)
    ]
    return "?" + urlencode(pairs, safe=",") if pairs else ""
