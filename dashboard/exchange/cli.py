"""The three import commands: `import` (the data format), `import-list` (an event's
registration list) and `import-network` (Kumu, GraphML, GEXF, edge lists). They share how
problems are printed, how a refused write becomes an exit code and what a finished import
says; the exit codes are those of `dashboard.cli`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.config import Settings
from dashboard.db import repository
from dashboard.db.engine import make_engine, snapshot_connection
from dashboard.db.setup import prepare
from dashboard.i18n import fmt_number, t, tn

MAX_PRINTED_PROBLEMS = 1000


def url_of(engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _problem_line(problem) -> str:
    parts = [t(f"ingest.severity.{problem.severity}").upper()]
    if problem.table:
        parts.append(t(f"ingest.table.{problem.table}"))
    if problem.row is not None:
        parts.append(t("cli.problem.row", row=problem.row))
    if problem.column:
        parts.append(t("cli.problem.column", column=problem.column))
    if problem.value is not None:
        parts.append(t("cli.problem.value", value=problem.value))
    return ", ".join(parts) + ": " + problem.message()


def _print_problems(problems, stream, severities=("error", "warning", "info")) -> None:
    shown = [p for p in problems if p.severity in severities]
    for problem in shown[:MAX_PRINTED_PROBLEMS]:
        print(_problem_line(problem), file=stream)
    if len(shown) > MAX_PRINTED_PROBLEMS:
        print(t("cli.import.more_problems", count=len(shown) - MAX_PRINTED_PROBLEMS), file=stream)


def _print_counts(plan) -> None:
    for name, counts in plan.counts().items():
        print(
            t(
                "cli.import.table_line",
                table=t(f"ingest.table.{name}"),
                **{k: fmt_number(v) for k, v in counts.items()},
            )
        )


def _rejected(problems, severities=("error", "warning", "info")) -> int:
    _print_problems(problems, sys.stderr, severities)
    print(
        t("cli.import.rejected", errors=tn("count.errors", sum(p.is_error for p in problems))),
        file=sys.stderr,
    )
    return 1


def _written(write):
    """Run an import's write; its refusals become exit codes (1 rejected, 2 data moved)."""
    from dashboard.exchange.commit import ImportRejected, StalePreview

    try:
        return write()
    except ImportRejected as rejected:
        return _rejected(rejected.plan.problems)
    except StalePreview:
        print(t("ingest.stale"), file=sys.stderr)
        return 2


def _outcome(result, args, engine) -> int:
    """What a finished import says: the counts, and whether a batch was written."""
    _print_counts(result.plan)
    if args.dry_run:
        print(t("cli.import.dry_run_ok"))
    elif result.batch_id is None:
        print(t("cli.import.nothing"))
    else:
        print(t("cli.import.committed", batch=result.batch_id, url=url_of(engine)))
    return 0


def _warnings(problems, args) -> None:
    _print_problems(problems, sys.stdout, ("warning", "info") if args.verbose else ("warning",))


def _print_ambiguities(plan) -> None:
    for ambiguity in plan.ambiguities:
        print(t("cli.import.ambiguous", actor=ambiguity.actor_id, query=ambiguity.query))
        for candidate in ambiguity.candidates:
            print(f"    --place {ambiguity.actor_id}={candidate.geonameid}  → {candidate.label()}")


def _parse_places(values: list[str]) -> dict[str, str] | None:
    choices = {}
    for value in values or []:
        actor, sep, geonameid = value.partition("=")
        if not sep or not actor or not geonameid:
            return None
        choices[actor.strip()] = geonameid.strip()
    return choices


def import_dataset(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.exchange import parse_path
    from dashboard.exchange.commit import commit, preview
    from dashboard.exchange.plan import MERGE, REPLACE

    path = Path(args.path)
    if not path.exists():
        print(t("cli.import.missing", path=args.path), file=sys.stderr)
        return 2
    choices = _parse_places(args.place)
    if choices is None:
        print(t("cli.import.bad_place"), file=sys.stderr)
        return 2
    parsed = parse_path(path)
    engine = make_engine(settings.database_url)
    prepare(engine, None)
    if not parsed.ok:
        # Planned all the same: references and removals are checked too, so the file's
        # every problem is told in one pass.
        plan = preview(engine, parsed, REPLACE if args.replace else MERGE, choices)
        engine.dispose()
        return _rejected(plan.problems)
    try:
        result = _written(
            lambda: commit(
                engine,
                parsed,
                user=args.user,
                mode=REPLACE if args.replace else MERGE,
                choices=choices,
                dry_run=args.dry_run,
            )
        )
    finally:
        engine.dispose()
    if isinstance(result, int):
        return result
    _warnings(result.plan.problems, args)
    _print_ambiguities(result.plan)
    return _outcome(result, args, engine)


# --- registration list ---------------------------------------------------------------------------

REPORT_COLUMNS = ("row", "name", "decision", "actor_id", "score", "reason")


def _read_mapping_file(path: str | None) -> dict[str, str] | None:
    if path is None:
        return None
    import json

    try:
        mapping = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _UsageError(t("cli.import_list.bad_mapping", path=path, detail=str(error))) from error
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise _UsageError(
            t("cli.import_list.bad_mapping", path=path, detail='{"Spalte": "organisation", …}')
        )
    return mapping


class _UsageError(Exception):
    pass


def write_report(path: str, rows: list[dict]) -> None:
    import csv

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=REPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(
            {column: _neutral(row[column]) for column in REPORT_COLUMNS} for row in rows
        )


def _neutral(value: object) -> object:
    """Names as written go into a CSV that people open in a spreadsheet: no formulas."""
    from dashboard.exchange.export import neutralise

    return neutralise(value)


def import_list(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.exchange.lists.importer import commit_list, preview_from_database
    from dashboard.exchange.lists.registration import EventSpec

    path = Path(args.path)
    if not path.is_file():
        print(t("cli.import.missing", path=args.path), file=sys.stderr)
        return 2
    try:
        mapping = _read_mapping_file(args.mapping)
    except _UsageError as error:
        print(error, file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    prepare(engine, None)
    try:
        preview = preview_from_database(
            engine,
            path.read_bytes(),
            path.name,
            EventSpec(args.event),
            sheet=args.sheet,
            mapping=mapping,
            match_score=settings.match_score,
            review_score=settings.review_score,
        )
        if args.report and preview.rows:
            write_report(args.report, preview.report())
        if not preview.ok:
            return _rejected(preview.all_problems, ("error",))
        _warnings(preview.all_problems, args)
        counts = preview.counts()
        print(
            t(
                "cli.import_list.decisions",
                rows=tn("count.rows", len(preview.rows)),
                matched=tn("count.organisations", counts["matched"]),
                new=fmt_number(counts["new"]),
                review=fmt_number(counts["review"]),
            )
        )
        if counts["review"]:
            print(tn("cli.import_list.waiting", counts["review"]))
        result = _written(
            lambda: commit_list(engine, preview, user=args.user, dry_run=args.dry_run)
        )
    finally:
        engine.dispose()
    return result if isinstance(result, int) else _outcome(result, args, engine)


# --- network -------------------------------------------------------------------------------------


def import_network(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.exchange.commit import commit
    from dashboard.exchange.lists.matching import Matcher
    from dashboard.exchange.network import links as network
    from dashboard.exchange.network.reading import read_network_path

    path = Path(args.path)
    if not path.is_file():
        print(t("cli.import.missing", path=args.path), file=sys.stderr)
        return 2
    raw = read_network_path(path)
    if not raw.ok:
        return _rejected(raw.problems)
    engine = make_engine(settings.database_url)
    prepare(engine, None)
    try:
        with snapshot_connection(engine) as connection:
            version = repository.data_version(connection)
            tables = repository.read_all(connection)
        matcher = Matcher.from_tables(
            tables, match_score=settings.match_score, review_score=settings.review_score
        )
        result = network.build(raw, set(tables["actors"]["id"]), matcher)
        if args.report and result.nodes:
            write_report(args.report, result.report())
        if not result.parsed.ok:
            return _rejected(result.parsed.problems)
        # Matching saw the data at `version`; a write in between would make it stale.
        committed = _written(
            lambda: commit(
                engine,
                result.parsed,
                user=args.user,
                expected_version=version,
                dry_run=args.dry_run,
            )
        )
    finally:
        engine.dispose()
    if isinstance(committed, int):
        return committed
    _warnings(committed.plan.problems, args)
    print(
        t(
            "cli.import_network.decisions",
            matched=result.count(network.MATCHED),
            new=result.count(network.NEW),
            review=result.count(network.REVIEW),
        )
    )
    return _outcome(committed, args, engine)


# --- evaluation ----------------------------------------------------------------------------------


def import_evaluation(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.exchange.evaluation.importer import commit_evaluation, preview_from_database

    path = Path(args.path)
    if not path.is_file():
        print(t("cli.import.missing", path=args.path), file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    prepare(engine, None)
    try:
        preview = preview_from_database(
            engine, path.read_bytes(), path.name, args.event, sheet=args.sheet
        )
        if not preview.ok:
            return _rejected(preview.all_problems, ("error",))
        _warnings(preview.all_problems, args)
        dropped = preview.dropped()
        print(
            t(
                "cli.import_evaluation.read",
                tool=t(f"evaluation.tool.{preview.survey.tool}"),
                responses=tn("count.responses", preview.responses),
                dropped=fmt_number(len(dropped)),
            )
        )
        for header, reason in dropped:
            print(f"    {header[:60]}: {t(f'evaluation.reason.{reason}')}")
        result = _written(
            lambda: commit_evaluation(engine, preview, user=args.user, dry_run=args.dry_run)
        )
    finally:
        engine.dispose()
    return result if isinstance(result, int) else _outcome(result, args, engine)
