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
    "evaluation_results": (
        "event_id",
        "session_id",
        "question_key",
        "question",
        "scale",
        "option",
        "count",
        "source",
    ),
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

# The feedback survey of an event, kept only as aggregates (see DESIGN.md): per event,
# session (empty: the event as a whole) and question, the count of each answer option.
# The responses of a group are stored as one more "question" of its own: a question's n
# is the sum of its counts, which leaves out those who skipped it.
EVALUATION_SCALES = ("agree5", "grade6", "yesno", "responses")
RESPONSES_QUESTION = "_responses"
RESPONSES_OPTION = "n"

# Tables that are not part of the import format (no CSV of their own) but are data all the
# same: read into every snapshot, written only through import batches, restored by undo.
AGGREGATE_TABLES: tuple[str, ...] = ("evaluation_results",)
STORED_TABLES: tuple[str, ...] = (*LOAD_ORDER, *AGGREGATE_TABLES)

LAT_RANGE = (-90.0, 90.0)
LON_RANGE = (-180.0, 180.0)
