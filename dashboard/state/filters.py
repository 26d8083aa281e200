"""The global filter state and its place in the URL query string.

Every view is a link: the filters are read from and written to the query string, with
German parameter names. Values that do not parse give the default rather than failing,
since people edit and shorten links by hand; `Filters.parse` also says which ones it
ignored, so the page can show a note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

from dashboard import schema
from dashboard.geo.states import STATES
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES
from dashboard.state.notes import Note, ignored
from dashboard.state.query import params_of

PARAM_FROM = "von"
PARAM_TO = "bis"
PARAM_EVENT = "veranstaltung"
PARAM_TYPES = "typ"
PARAM_STATES = "land"
PARAM_TOPIC = "thema"
PARAM_LANG = "lang"
# Ids and names in the address are short; a longer value is a mangled link, not a filter.
MAX_TEXT = 64
YEARS = (1900, 2200)


@dataclass(frozen=True)
class Filters:
    year_from: int | None = None
    year_to: int | None = None
    event: str | None = None
    types: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    topic: str | None = None
    lang: str = DEFAULT_LANGUAGE

    def with_changes(self, **changes: Any) -> Filters:
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
    def parse(cls, params: Mapping[str, object]) -> tuple[Filters, tuple[Note, ...]]:
        """The filters in `params` and a note for every value that was not used (a year
        "abc", an unknown actor type or Bundesland, an over-long text): that filter keeps
        its default."""
        year_from, from_notes = _year(params, PARAM_FROM)
        year_to, to_notes = _year(params, PARAM_TO)
        if year_from is not None and year_to is not None and year_from > year_to:
            year_from, year_to = year_to, year_from
        event, event_notes = _text(params, PARAM_EVENT)
        types, type_notes = _choices(params, PARAM_TYPES, schema.ACTOR_TYPES)
        states, state_notes = _choices(params, PARAM_STATES, tuple(STATES))
        topic, topic_notes = _text(params, PARAM_TOPIC)
        lang, lang_notes = _choice(params, PARAM_LANG, LANGUAGES)
        filters = cls(
            year_from=year_from,
            year_to=year_to,
            event=event,
            types=types,
            states=states,
            topic=topic,
            lang=lang or DEFAULT_LANGUAGE,
        )
        notes = (
            from_notes
            + to_notes
            + event_notes
            + type_notes
            + state_notes
            + topic_notes
            + lang_notes
        )
        return filters, notes

    @classmethod
    def from_params(cls, params: Mapping[str, object]) -> Filters:
        return cls.parse(params)[0]

    @classmethod
    def from_search(cls, search: object) -> Filters:
        return cls.from_params(params_of(search))


FILTER_PARAMS = (
    PARAM_FROM,
    PARAM_TO,
    PARAM_EVENT,
    PARAM_TYPES,
    PARAM_STATES,
    PARAM_TOPIC,
    PARAM_LANG,
)


def search_keeping_page_params(
    filters: Filters, search: str | None, dropped: tuple[str, ...] = ()
) -> str:
    """`filters.to_search()` plus the parameters of `search` that are not global filters,
    apart from those `dropped`.

    Pages keep their own state in the query string too (e.g. "akteure" on /vergleich);
    writing the global filters must not drop it.
    """
    own = [
        (key, value)
        for key, value in parse_qsl((search or "").lstrip("?"), keep_blank_values=True)
        if key not in FILTER_PARAMS and key not in dropped
    ]
    pairs = list(filters.to_params().items()) + own
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def raw_text(value: object) -> str | None:
    """A query value as stripped text, None when absent or empty. Dash hands a repeated
    parameter to a layout as a list: its first value counts."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if value is None:
        return None
    return str(value).strip() or None


def _text(params: Mapping[str, object], name: str) -> tuple[str | None, tuple[Note, ...]]:
    text = raw_text(params.get(name))
    if text is not None and len(text) > MAX_TEXT:
        return None, ignored(name, text)
    return text, ()


def _year(params: Mapping[str, object], name: str) -> tuple[int | None, tuple[Note, ...]]:
    text = raw_text(params.get(name))
    if text is None:
        return None, ()
    if text.isdigit() and YEARS[0] <= int(text) <= YEARS[1]:
        return int(text), ()
    return None, ignored(name, text)


def _choice(
    params: Mapping[str, object], name: str, allowed: tuple[str, ...]
) -> tuple[str | None, tuple[Note, ...]]:
    text = raw_text(params.get(name))
    if text is None or text in allowed:
        return text, ()
    return None, ignored(name, text)


def _choices(
    params: Mapping[str, object], name: str, allowed: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[Note, ...]]:
    """The allowed values of a comma-separated list, in the order of `allowed`; one note
    for the values that are not allowed."""
    value = params.get(name)
    text = ",".join(map(str, value)) if isinstance(value, (list, tuple)) else raw_text(value)
    if not text:
        return (), ()
    wanted = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in wanted if part not in allowed]
    chosen = tuple(choice for choice in allowed if choice in wanted)
    return chosen, ignored(name, ",".join(unknown))
