"""One problem found in an import file: where it is, what is wrong, how bad it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.i18n import is_plural, t, tn

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
_TABLES = (
    "actors",
    "actor_aliases",
    "events",
    "sessions",
    "topics",
    "session_topics",
    "attendance",
    "links",
)


@dataclass(frozen=True)
class Problem:
    """A finding of the import.

    `row` is the row number as a spreadsheet shows it (the header is row 1), or None when
    the problem concerns a whole file, sheet or column. `column` is the header as written in
    the file where there is one. `message_key` is a key under "ingest." in the catalogs;
    `params` fill its placeholders. Errors reject the import; warnings and notes do not.
    """

    table: str | None
    row: int | None
    column: str | None
    value: str | None
    message_key: str
    params: dict = field(default_factory=dict)
    severity: str = ERROR

    def message(self, lang: str | None = "de") -> str:
        params = dict(self.params)
        for name in ("table", "target"):
            if params.get(name) in _TABLES:
                params[name] = t(f"ingest.table.{params[name]}", lang)
        key = f"ingest.{self.message_key}"
        if is_plural(key):
            return tn(key, params.pop("count"), lang, **params)
        return t(key, lang, **params)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_row(self, lang: str | None = "de") -> dict:
        """The problem as a flat record, for tables and CSV reports."""
        return {
            "severity": t(f"ingest.severity.{self.severity}", lang),
            "table": t(f"ingest.table.{self.table}", lang) if self.table else "",
            "row": "" if self.row is None else str(self.row),
            "column": self.column or "",
            "value": "" if self.value is None else self.value,
            "message": self.message(lang),
        }


def make(table, row, column, value, key, severity=ERROR, /, **params) -> Problem:
    """Shorthand used by the readers and validators; `value` is shown as text, shortened."""
    shown = None if value is None else _short(value)
    return Problem(table, row, column, shown, key, params, severity)


def _short(value: object, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def has_errors(problems) -> bool:
    return any(problem.is_error for problem in problems)


def sort_key(problem: Problem) -> tuple:
    from dashboard.schema import LOAD_ORDER

    table_rank = LOAD_ORDER.index(problem.table) if problem.table in LOAD_ORDER else -1
    return (SEVERITIES.index(problem.severity), table_rank, problem.row or 0, problem.column or "")
