"""The columns of each importable table: which are required, which form the key, and the
parser that turns a raw cell of each column into a typed value (or raises `values.BadValue`)."""

from __future__ import annotations

from collections.abc import Callable

from dashboard import schema
from dashboard.exchange import aliases, values

ROW = "__row__"

REQUIRED: dict[str, tuple[str, ...]] = {
    "actors": ("id", "name", "type"),
    "actor_aliases": ("alias", "actor_id"),
    "events": ("id", "year", "title"),
    "sessions": ("id", "event_id", "kind", "title"),
    "topics": ("id", "name"),
    "session_topics": ("session_id", "topic_id"),
    "attendance": ("event_id", "actor_id", "role"),
    "links": ("source_id", "target_id", "kind"),
}

# The columns that identify a row; the others are its values.
KEYS: dict[str, tuple[str, ...]] = {
    "actors": ("id",),
    "actor_aliases": ("alias",),
    "events": ("id",),
    "sessions": ("id",),
    "topics": ("id",),
    "session_topics": ("session_id", "topic_id"),
    "attendance": ("event_id", "actor_id", "session_id", "role"),
    "links": ("source_id", "target_id", "kind"),
    "evaluation_results": ("event_id", "session_id", "question_key", "option"),
}


def _text(limit: int) -> Callable[[object], str]:
    def parse(value: object) -> str:
        result = values.text(value)
        if len(result) > limit:
            raise values.BadValue("too_long", limit=limit)
        return result

    return parse


def _enum(table: str, column: str) -> Callable[[object], str]:
    allowed = {
        ("actors", "type"): schema.ACTOR_TYPES,
        ("sessions", "kind"): schema.SESSION_KINDS,
        ("attendance", "role"): schema.ROLES,
        ("links", "kind"): schema.LINK_KINDS,
    }[(table, column)]

    def parse(value: object) -> str:
        canonical = aliases.canonical_value(table, column, values.text(value))
        if canonical is None:
            raise values.BadValue("unknown_value", allowed=", ".join(allowed))
        return canonical

    return parse


def _year(value: object) -> int:
    year = values.integer(value)
    if not 1900 <= year <= 2200:
        raise values.BadValue("bad_year")
    return year


# No event of the network comes near it; a larger number is a typing slip (and would not
# fit the database's integer column).
MAX_HEADCOUNT = 100_000


def _headcount(value: object) -> int:
    count = values.integer(value)
    if count < 0:
        raise values.BadValue("negative_headcount")
    if count > MAX_HEADCOUNT:
        raise values.BadValue("headcount_too_large", limit=MAX_HEADCOUNT)
    return count


def _weight(value: object) -> float:
    weight = values.decimal(value)
    if weight <= 0:
        raise values.BadValue("bad_weight")
    return weight


def _latitude(value: object) -> float:
    number = values.decimal(value)
    if not schema.LAT_RANGE[0] <= number <= schema.LAT_RANGE[1]:
        raise values.BadValue("lat_out_of_range")
    return number


def _longitude(value: object) -> float:
    number = values.decimal(value)
    if not schema.LON_RANGE[0] <= number <= schema.LON_RANGE[1]:
        raise values.BadValue("lon_out_of_range")
    return number


def _website(value: object) -> str:
    result = values.website(value)
    if len(result) > 300:
        raise values.BadValue("too_long", limit=300)
    return result


def _source(value: object) -> str | None:
    # Only "sample" is carried over: it adds the Beispieldaten badge, which is never wrong
    # to show. Any other provenance is what this import batch says it is.
    return schema.SOURCE_SAMPLE if values.text(value) == schema.SOURCE_SAMPLE else None


def _topics(value: object) -> list[str]:
    names = [name.strip() for name in values.text(value).split(aliases.TOPIC_SEPARATOR)]
    names = [name for name in names if name]
    for name in names:
        if len(name) > 120:
            raise values.BadValue("too_long", limit=120)
    return names


_ID = _text(64)
PARSERS: dict[str, dict[str, Callable[[object], object]]] = {
    "actors": {
        "id": _ID,
        "name": _text(200),
        "type": _enum("actors", "type"),
        "ags": values.ags,
        "state": values.state,
        "city": _text(120),
        "lat": _latitude,
        "lon": _longitude,
        "website": _website,
        "source": _source,
    },
    "actor_aliases": {"alias": _text(200), "actor_id": _ID, "source": _source},
    "events": {
        "id": _ID,
        "year": _year,
        "title": _text(200),
        "start_date": values.date,
        "end_date": values.date,
        "city": _text(120),
        "venue": _text(200),
        "source": _source,
    },
    "sessions": {
        "id": _ID,
        "event_id": _ID,
        "kind": _enum("sessions", "kind"),
        "title": _text(300),
        "source": _source,
        aliases.TOPICS_COLUMN: _topics,
    },
    "topics": {"id": _ID, "name": _text(120)},
    "session_topics": {"session_id": _ID, "topic_id": _ID},
    "attendance": {
        "event_id": _ID,
        "actor_id": _ID,
        "session_id": _ID,
        "role": _enum("attendance", "role"),
        "headcount": _headcount,
        "source": _source,
    },
    "links": {
        "source_id": _ID,
        "target_id": _ID,
        "kind": _enum("links", "kind"),
        "since_year": _year,
        "until_year": _year,
        "weight": _weight,
        "source": _source,
    },
}

# Text columns whose values are searched for e-mail addresses.
FREE_TEXT_COLUMNS = {
    "id",
    "name",
    "alias",
    "city",
    "title",
    "venue",
    "website",
    "event_id",
    "actor_id",
    "session_id",
    "topic_id",
    "source_id",
    "target_id",
    aliases.TOPICS_COLUMN,
}
