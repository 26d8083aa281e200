"""The evaluation import from file to batch: preview, then commit.

An import states the evaluation of one event: its stored results are replaced by the
file's (rows with the same key and count stay as they are, so the same file twice changes
nothing). The commit goes through `commit.commit_plan`: one transaction, one undoable batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from dashboard.db import accounts, list_mappings, repository, tables
from dashboard.db.engine import snapshot_connection
from dashboard.exchange.changes import Plan, TableChange, key_of, records, same_value
from dashboard.exchange.commit import CommitResult, commit_plan
from dashboard.exchange.evaluation import mapping as survey_mapping
from dashboard.exchange.evaluation.aggregate import TABLE, aggregate
from dashboard.exchange.evaluation.detect import read_survey
from dashboard.exchange.evaluation.survey import Survey
from dashboard.exchange.plan import REPLACE
from dashboard.exchange.problems import ERROR, Problem, has_errors, make, sort_key

RESULTS = "evaluation_results"
PROPOSED = "proposed"
SAVED = "saved"
GIVEN = "given"
_COMPARED = ("question", "scale", "count")


@dataclass
class EvaluationPreview:
    survey: Survey
    event_id: str
    kinds: list[str] = field(default_factory=list)
    mapping_source: str = PROPOSED
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    plan: Plan | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems) and self.plan is not None

    @property
    def header_key(self) -> str:
        return survey_mapping.header_key(self.survey.headers)

    @property
    def responses(self) -> int:
        return len(self.survey.rows)

    def dropped(self) -> list[tuple[str, str]]:
        """(header, reason) of every column that is not stored."""
        return [
            (header, kind)
            for header, kind in zip(self.survey.headers, self.kinds, strict=False)
            if kind in survey_mapping.DROPPED
        ]

    @property
    def all_problems(self) -> list[Problem]:
        return sorted(self.problems, key=sort_key)


def choose_kinds(
    survey: Survey, session_titles: list[str], given: list[str] | None, saved: dict | None
) -> tuple[list[str], str]:
    """The mapping in force: chosen on the page (by position), else remembered for these
    headers, else proposed."""
    if (
        given is not None
        and len(given) == len(survey.headers)
        and all(kind in survey_mapping.KINDS for kind in given)
    ):
        return list(given), GIVEN
    remembered = survey_mapping.from_saved(survey.headers, saved) if saved else None
    if remembered is not None:
        return remembered, SAVED
    return survey_mapping.propose(survey, session_titles), PROPOSED


def preview_evaluation(
    survey: Survey,
    event_id: str,
    current: dict[str, pd.DataFrame],
    *,
    kinds: list[str] | None = None,
    saved: dict | None = None,
    base_version: str | None = None,
) -> EvaluationPreview:
    """Everything shown before the commit; `current` holds events, sessions and the stored
    evaluation_results (with their ids)."""
    preview = EvaluationPreview(survey, event_id, problems=list(survey.problems))
    if not survey.ok:
        return preview
    if event_id not in set(current["events"]["id"]):
        preview.problems.append(make(TABLE, None, None, event_id, "eval_unknown_event", ERROR))
        return preview
    sessions = current["sessions"]
    titles = sessions.loc[sessions["event_id"] == event_id, "title"].astype(str).tolist()
    preview.kinds, preview.mapping_source = choose_kinds(survey, titles, kinds, saved)
    for key in survey_mapping.problems_of(preview.kinds):
        preview.problems.append(make(TABLE, None, None, None, key, ERROR))
    if not survey.rows:
        preview.problems.append(make(TABLE, None, None, survey.file_name, "eval_no_responses"))
    if has_errors(preview.problems):
        return preview
    preview.rows, found = aggregate(survey, preview.kinds, event_id, sessions)
    preview.problems += found
    if not has_errors(preview.problems):
        preview.plan = plan_results(
            preview.rows, event_id, current[RESULTS], survey.file_name, base_version
        )
    return preview


def plan_results(
    rows: list[dict],
    event_id: str,
    stored: pd.DataFrame,
    file_name: str,
    base_version: str | None = None,
) -> Plan:
    """The change that makes the event's stored results exactly `rows`."""
    change = TableChange(RESULTS, REPLACE)
    before = {key_of(RESULTS, row): row for row in records(stored[stored["event_id"] == event_id])}
    for row in rows:
        old = before.pop(key_of(RESULTS, row), None)
        if old is None:
            change.new.append(row)
        elif all(same_value(old[c], row[c]) for c in _COMPARED):
            change.unchanged += 1
        else:
            change.changed.append((old, row))
    change.removed = list(before.values())
    return Plan(file_name, REPLACE, base_version, {RESULTS: change})


# --- with the database -------------------------------------------------------------------------


def preview_from_database(
    engine: Engine,
    data: bytes,
    file_name: str,
    event_id: str,
    *,
    kinds: list[str] | None = None,
    sheet: str | None = None,
) -> EvaluationPreview:
    """Read the file and plan it against the data as it is now (one read transaction)."""
    survey = read_survey(data, file_name, sheet)
    with snapshot_connection(engine) as connection:
        version = repository.data_version(connection)
        current = {
            "events": repository.read_table(connection, "events"),
            "sessions": repository.read_table(connection, "sessions"),
            RESULTS: repository.read_table(
                connection,
                RESULTS,
                with_ids=True,
                where=tables.evaluation_results.c.event_id == event_id,
            ),
        }
        saved = (
            list_mappings.load(connection, survey_mapping.header_key(survey.headers))
            if survey.headers
            else None
        )
    return preview_evaluation(
        survey, event_id, current, kinds=kinds, saved=saved, base_version=version
    )


def commit_evaluation(
    engine: Engine,
    preview: EvaluationPreview,
    *,
    user: str | None,
    dry_run: bool = False,
    ip: str | None = None,
) -> CommitResult:
    """Write the preview's results as one batch (planned again under the writers' lock) and
    remember its mapping. Raises what `commit.commit_plan` raises; nothing is written then."""
    if preview.plan is None:
        raise ValueError("the preview has nothing to commit")

    def build(current: dict[str, pd.DataFrame], version: str) -> Plan:
        return plan_results(
            preview.rows, preview.event_id, current[RESULTS], preview.survey.file_name, version
        )

    result = commit_plan(
        engine,
        build,
        user=user,
        action=accounts.IMPORT,
        expected_version=preview.plan.base_version,
        dry_run=dry_run,
        ip=ip,
    )
    if not dry_run and survey_mapping.savable(preview.survey.headers):
        list_mappings.save(
            engine,
            preview.header_key,
            survey_mapping.to_saved(preview.survey.headers, preview.kinds),
            user,
        )
    return result
