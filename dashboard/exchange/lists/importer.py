"""The registration-list import from file to batch: preview, then commit.

`preview_list` is pure (it gets the stored frames) and is what the page and the command
line show: the mapping in force, a decision per organisation, every problem of the file at
once, and the plan of what would change (headcount differences of an updated list included).
`commit_list` writes that plan as one import batch through the dataset import's `commit`,
which plans again under the writers' lock and refuses if the data moved since the preview.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine, false

from dashboard import schema
from dashboard.db import list_mappings, repository, tables
from dashboard.db.engine import snapshot_connection
from dashboard.exchange.changes import Plan
from dashboard.exchange.commit import CommitResult, commit
from dashboard.exchange.lists import entries as list_entries
from dashboard.exchange.lists import mapping as list_mapping
from dashboard.exchange.lists import registration
from dashboard.exchange.lists.entries import Entry, ListRow
from dashboard.exchange.lists.matching import DECISIONS, MATCH_SCORE, REVIEW_SCORE, Matcher
from dashboard.exchange.lists.registration import EventSpec
from dashboard.exchange.lists.sheet import LIST, Sheet, read_sheet
from dashboard.exchange.plan import MERGE, build_plan
from dashboard.exchange.problems import ERROR, INFO, Problem, has_errors, make, sort_key
from dashboard.exchange.validate import Parsed

PROPOSED = "proposed"
SAVED = "saved"
GIVEN = "given"


@dataclass
class ListPreview:
    sheet: Sheet
    event: EventSpec
    mapping: list[str] = field(default_factory=list)
    mapping_source: str = PROPOSED
    per_person: bool = False
    rows: list[ListRow] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    parsed: Parsed | None = None
    plan: Plan | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems) and self.plan is not None and self.plan.ok

    @property
    def header_key(self) -> str:
        return list_mapping.header_key(self.sheet.headers)

    @property
    def all_problems(self) -> list[Problem]:
        found = list(self.problems)
        if self.plan is not None:
            found += [p for p in self.plan.problems if p not in found]
        return sorted(found, key=sort_key)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(DECISIONS, 0)
        for entry in self.entries:
            counts[entry.final] += 1
        return counts

    @property
    def people(self) -> int:
        return sum(
            people or 0
            for entry in self.entries
            for (session, _), people in entry.headcounts.items()
            if session is None
        )

    def dropped_headers(self) -> list[str]:
        return [
            header
            for header, name in zip(self.sheet.headers, self.mapping, strict=False)
            if name in list_mapping.DROPPED_FIELDS
        ]

    def report(self, lang: str | None = "de") -> list[dict]:
        """One row per input row: row, name, decision, actor_id, score, reason."""
        by_row = {row: entry for entry in self.entries for row in entry.rows}
        lines = []
        for list_row in self.rows:
            entry = by_row[list_row.row]
            decision = entry.decision
            chosen = entry.chosen is not None
            lines.append(
                {
                    "row": list_row.row,
                    "name": list_row.name,
                    "decision": entry.final,
                    "actor_id": entry.actor_id or "",
                    "score": "" if decision is None else _score(entry),
                    "reason": registration_reason(entry, lang) if chosen or decision else "",
                }
            )
        return lines

    def headcount_changes(self) -> list[tuple[dict, dict]]:
        """Stored attendance rows whose headcount the list changes: (before, after)."""
        if self.plan is None or "attendance" not in self.plan.changes:
            return []
        return list(self.plan.changes["attendance"].changed)


def _score(entry: Entry) -> str:
    if entry.chosen and entry.chosen != list_entries.NEW_ACTOR:
        found = next(
            (c.score for c in entry.decided.candidates if c.actor_id == entry.chosen),
            entry.decided.score,
        )
        return f"{found:.0f}"
    return f"{entry.decided.score:.0f}"


def registration_reason(entry: Entry, lang: str | None = "de") -> str:
    from dashboard.i18n import t

    if entry.chosen is not None:
        return t("ingest.match.decided", lang)
    return entry.decided.reason(lang)


def choose_mapping(
    sheet: Sheet, given: list[str] | dict[str, str] | None, saved: dict[str, str] | None
) -> tuple[list[str], str]:
    """The mapping in force: chosen on the page (a meaning per column, by position), given
    in a file (by header), else remembered for these headers, else proposed."""
    if isinstance(given, list) and len(given) == len(sheet.headers):
        return [str(name) for name in given], GIVEN
    columns = [sheet.column(index) for index in range(len(sheet.headers))]
    proposed = list_mapping.propose(sheet.headers, columns)
    if isinstance(given, dict) and given:
        return list_mapping.from_file(sheet.headers, given, proposed), GIVEN
    remembered = list_mapping.from_saved(sheet.headers, saved) if saved else None
    if remembered is not None:
        return remembered, SAVED
    return proposed, PROPOSED


def preview_list(
    sheet: Sheet,
    event: EventSpec,
    current: dict[str, pd.DataFrame],
    *,
    mapping: list[str] | dict[str, str] | None = None,
    saved_mapping: dict[str, str] | None = None,
    choices: dict[str, str] | None = None,
    places: dict[str, str] | None = None,
    base_version: str | None = None,
    years: dict[str, tuple[int, ...]] | None = None,
    match_score: float = MATCH_SCORE,
    review_score: float = REVIEW_SCORE,
) -> ListPreview:
    """Everything the user confirms before the commit; `current` are the stored frames
    (attendance and links with their surrogate ids, as `commit.current_tables` reads them)."""
    preview = ListPreview(sheet, event, problems=list(sheet.problems))
    if not sheet.ok:
        return preview
    preview.mapping, preview.mapping_source = choose_mapping(sheet, mapping, saved_mapping)
    for key in list_mapping.problems_of(preview.mapping):
        preview.problems.append(make(LIST, None, None, None, key, ERROR))
    if not event.is_new and event.id not in set(current["events"]["id"]):
        preview.problems.append(make(LIST, None, None, event.id, "list_unknown_event", ERROR))
    if has_errors(preview.problems):
        return preview
    preview.rows, row_problems = list_entries.read_rows(sheet, preview.mapping)
    preview.problems += row_problems
    preview.per_person = list_entries.is_per_person(preview.mapping, preview.rows)
    if preview.per_person and preview.dropped_headers():
        preview.problems.append(
            make(
                LIST,
                None,
                None,
                None,
                "list_per_person",
                INFO,
                count=len(preview.rows),
                columns=", ".join(preview.dropped_headers()),
            )
        )
    preview.entries = list_entries.group(preview.rows, preview.per_person)
    matcher = Matcher.from_tables(
        current, years, match_score=match_score, review_score=review_score
    )
    list_entries.decide(preview.entries, matcher, choices)
    headers = {name: sheet.headers[index] for index, name in enumerate(preview.mapping)}
    preview.parsed = registration.to_parsed(
        preview.entries, event, current, sheet.file_name, _table_headers(headers)
    )
    preview.parsed.problems = list(preview.problems)
    preview.plan = build_plan(
        preview.parsed, for_plan(current, event.id), MERGE, places, base_version=base_version
    )
    return preview


def for_plan(current: dict[str, pd.DataFrame], event_id: str) -> dict[str, pd.DataFrame]:
    """What the plan of one event's list needs to see. A list adds and updates, never
    removes, and touches only its event's attendance: other events' attendance, links and
    topic assignments cannot change or dangle, and planning them is most of the time a
    national-scale preview would take. The commit plans again against every table."""
    narrowed = dict(current)
    attendance = current["attendance"]
    narrowed["attendance"] = attendance[attendance["event_id"] == event_id]
    for name in ("links", "session_topics"):
        narrowed[name] = current[name].iloc[0:0]
    return narrowed


def _table_headers(by_field: dict[str, str]) -> dict[str, str]:
    """Import columns → the list's headers, so plan messages name the list's columns."""
    return {
        "name": by_field.get(list_mapping.ORGANISATION, "name"),
        "city": by_field.get(list_mapping.CITY, "city"),
        "state": by_field.get(list_mapping.STATE, "state"),
        "ags": by_field.get(list_mapping.AGS, "ags"),
        "type": by_field.get(list_mapping.TYPE, "type"),
        "headcount": by_field.get(list_mapping.HEADCOUNT, "headcount"),
        "role": by_field.get(list_mapping.ROLE, "role"),
        "session_id": by_field.get(list_mapping.SESSION, "session_id"),
        "title": by_field.get(list_mapping.SESSION, "title"),
    }


# --- with the database -------------------------------------------------------------------------


def preview_from_database(
    engine: Engine, data: bytes, file_name: str, event: EventSpec, **options
) -> ListPreview:
    """Read the file and plan it against the data as it is now (one read transaction)."""
    sheet = read_sheet(data, file_name, options.pop("sheet", None))
    with snapshot_connection(engine) as connection:
        version = repository.data_version(connection)
        current = {
            name: repository.read_table(
                connection, name, with_ids=True, where=_rows_needed(name, event.id)
            )
            for name in schema.LOAD_ORDER
        }
        years = repository.actor_years(connection)
        saved = (
            list_mappings.load(connection, list_mapping.header_key(sheet.headers))
            if sheet.headers
            else None
        )
    return preview_list(
        sheet, event, current, saved_mapping=saved, base_version=version, years=years, **options
    )


def _rows_needed(name: str, event_id: str):
    """The rows `for_plan` keeps, chosen in the database instead of after reading them all."""
    if name == "attendance":
        return tables.attendance.c.event_id == event_id
    if name in ("links", "session_topics"):
        return false()
    return None


def commit_list(
    engine: Engine,
    preview: ListPreview,
    *,
    user: str | None,
    places: dict[str, str] | None = None,
    dry_run: bool = False,
    ip: str | None = None,
) -> CommitResult:
    """Write the preview's plan as one batch and remember its mapping. Raises what
    `commit.commit` raises (ImportRejected, StalePreview); nothing is written then."""
    if preview.parsed is None:
        raise ValueError("the preview has no parsed rows to commit")
    result = commit(
        engine,
        preview.parsed,
        user=user,
        mode=MERGE,
        choices=places,
        dry_run=dry_run,
        expected_version=preview.plan.base_version if preview.plan else None,
        ip=ip,
    )
    if not dry_run and list_mapping.savable(preview.sheet.headers):
        list_mappings.save(
            engine,
            preview.header_key,
            list_mapping.to_saved(preview.sheet.headers, preview.mapping),
            user,
        )
    return result
