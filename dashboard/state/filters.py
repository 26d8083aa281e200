"""The global filter state and its place in the URL query string.

Every view is a link: the filters are read from and written to the query string, with
German parameter names. Values that do not parse are dropped rather than failing, since
people edit and shorten links by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode

from dashboard import schema
from dashboard.geo.states import STATES
from dashboard.i18n import DEFAULT_LANGUAGE, normalise_language

PARAM_FROM = "von"
PARAM_TO = "bis"
PARAM_EVENT = "veranstaltung"
PARAM_TYPES = "typ"
PARAM_STATES = "land"
PARAM_TOPIC = "thema"
PARAM_LANG = "lang"


@dataclass(frozen=True)
class Filters:
    year_from: int | None = None
    year_to: int | None = None
    event: str | None = None
    types: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    topic: str | None = None
    lang: str = DEFAULT_LANGUAGE

    def with_changes(self, **changes: object) -> Filters:
        return replace(self, **changes)

    def to_params(self) -> dict[str, str]:
        """Only the parameters that differ from the defaults, in a stable order."""
        params: dict[str, str] = {}
        if self.year_from is not None:
            params[PARAM_FROM] = str(self.year_from)
        if self.year_to is not None:
            params[PARAM_TO] = str(self.year_to)
        if self.event:
            params[PARAM_EVENT] = self.event
        if self.types:
            params[PARAM_TYPES] = ",".join(self.types)
        if self.states:
            params[PARAM_STATES] = ",".join(self.states)
        if self.topic:
            params[PARAM_TOPIC] = self.topic
        if self.lang != DEFAULT_LANGUAGE:
            params[PARAM_LANG] = self.lang
        return params

    def to_search(self) -> str:
        """The query string with its leading "?", or "" when every filter is at its default."""
        params = self.to_params()
        return "?" + urlencode(params, safe=",") if params else ""

    @classmethod
    def from_params(cls, params: Mapping[str, object]) -> Filters:
        year_from, year_to = _year(params.get(PARAM_FROM)), _year(params.get(PARAM_TO))
        if year_from is not None and year_to is not None and year_from > year_to:
            year_from, year_to = year_to, year_from
        return cls(
            year_from=year_from,
            year_to=year_to,
            event=_text(params.get(PARAM_EVENT)),
            types=_choices(params.get(PARAM_TYPES), schema.ACTOR_TYPES),
            states=_choices(params.get(PARAM_STATES), tuple(STATES)),
            topic=_text(params.get(PARAM_TOPIC)),
            lang=normalise_language(_text(params.get(PARAM_LANG))),
        )

    @classmethod
    def from_search(cls, search: str | None) -> Filters:
        return cls.from_params(dict(parse_qsl((search or "").lstrip("?"))))


FILTER_PARAMS = (
    PARAM_FROM,
    PARAM_TO,
    PARAM_EVENT,
    PARAM_TYPES,
    PARAM_STATES,
    PARAM_TOPIC,
    PARAM_LANG,
)


def search_keeping_page_params(filters: Filters, search: str | None) -> str:
    """`filters.to_search()` plus the parameters of `search` that are not global filters.

    Pages keep their own state in the query string too (e.g. "akteure" on /vergleich);
    writing the global filters must not drop it.
    """
    own = [
        (key, value)
        for key, value in parse_qsl((search or "").lstrip("?"), keep_blank_values=True)
        if key not in FILTER_PARAMS
    ]
    pairs = list(filters.to_params().items()) + own
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text[:64] or None


def _year(value: object) -> int | None:
    text = _text(value)
    if text is None or not text.isdigit():
        return None
    year = int(text)
    return year if 1900 <= year <= 2200 else None


def _choices(value: object, allowed: tuple[str, ...]) -> tuple[str, ...]:
    text = _text(value) if not isinstance(value, (list, tuple)) else ",".join(map(str, value))
    if not text:
        return ()
    wanted = {part.strip() for part in text.split(",")}
    return tuple(choice for choice in allowed if choice in wanted)
