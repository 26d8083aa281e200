"""Embed mode in the address: `einbetten=1` shows a page without its frame (navigation,
filters, staff controls), `diagramm=<card id>` narrows it to one chart card.

Both ride in the query string beside the filters, so an embedded view keeps them when the
reader follows a link inside it (a point on the map opens the profile, embedded too), and
the callbacks of a framed page can tell where they run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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
        if raw_text(params.get(PARAM_EMBED)) != EMBED_VALUE:
            return cls()
        card = raw_text(params.get(PARAM_CARD))
        return cls(on=True, card=card if card and _CARD_ID.fullmatch(card) else None)

    @classmethod
    def from_search(cls, search: object) -> Embed:
        return cls.from_params(params_of(search))


def full_view_search(search: str | None) -> str:
    """The same query string without the embed parameters: the address of the full view."""
    pairs = [
        (key, value)
        for key, value in parse_qsl((search or "").lstrip("?"), keep_blank_values=True)
        if key not in (PARAM_EMBED, PARAM_CARD)
    ]
    return "?" + urlencode(pairs, safe=",") if pairs else ""
