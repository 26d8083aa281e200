"""Canonical vocabulary of the data model, shared by the database, import and analysis.

Nothing here knows about SQLAlchemy or Dash: it is the single list of table names, columns
and allowed values that every layer agrees on (see DESIGN.md, "Data model").
"""

from __future__ import annotations

ACTOR_TYPES = ("kommune", "initiative", "organisation", "stiftung", "netzwerk")
SESSION_KINDS = ("workshop", "panel", "keynote", "stand", "get-together")
ROLES = ("participant", "speaker", "exhibitor", "organiser")
LINK_KINDS = ("kooperation", "austausch", "projekt")

SOURCE_DOCUMENTED = "documented"
SOURCE_SAMPLE = "sample"


def batch_source(batch_id: int) -> str:
    """The `source` value of a row brought by import batch `batch_id`."""
    return f"batch:{batch_id}"


# Columns per table in import/export order. Ids are text so that people can write them
# by hand in a spreadsheet ("pirmasens", "2017-ws-wirkung").
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("id", "name", "type", "ags", "state", "city", "lat", "lon", "website", "source"),
    # Spellings of an actor's name that lists use ("Stadtverwaltung Trier"): a list import
    # matches them at once, and a decision made in review becomes one.
    "actor_aliases": ("alias", "actor_id", "source"),
    "events": ("id", "year", "title", "start_date", "end_date", "city", "venue", "source"),
    "sessions": ("id", "event_id", "kind", "title", "source"),
    "topics": ("id", "name"),
    "session_topics": ("session_id", "topic_id"),
    "attendance": ("event_id", "actor_id", "session_id", "role", "headcount", "source"),
    "links": ("source_id", "target_id", "kind", "since_year", "until_year", "weight", "source"),
}

# Tables in an order in which foreign keys are always satisfied when inserting.
LOAD_ORDER: tuple[str, ...] = (
    "actors",
    "actor_aliases",
    "events",
    "sessions",
    "topics",
    "session_topics",
    "attendance",
    "links",
)

LAT_RANGE = (-90.0, 90.0)
LON_RANGE = (-180.0, 180.0)
