"""Command line: `python -m dashboard init-db | import | import-list | import-network |
import-evaluation | export | publish | undo | sample | create-user | set-password | disable-user |
backup | restore`. Every command honours DATABASE_URL.

Exit codes: 0 done; 1 the file was rejected (its problems are printed, the database is
exactly as before) or an undo/restore was refused; 2 wrong use (missing file, unknown
format, data changed during the import) or the database stayed busy with another import.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path

from dashboard import schema
from dashboard.config import LARGE_DB_PATH, Settings
from dashboard.db import accounts, repository
from dashboard.db.engine import make_engine, snapshot_connection
from dashboard.db.setup import prepare
from dashboard.exchange.cli import (
    import_dataset,
    import_evaluation,
    import_list,
    import_network,
    url_of,
)
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, fmt_number, t, tn
from dashboard.sample.national import generate_large
from dashboard.sample.small import generate

DEFAULT_SEED = 2017
CLI_USER = "cli"


def _init_db(args: argparse.Namespace, settings: Settings) -> int:
    engine = make_engine(settings.database_url)
    seeded = prepare(engine, None if args.empty else generate)
    print(t("cli.init_db.seeded" if seeded else "cli.init_db.ready", url=url_of(engine)))
    return 0


def _write_csv(frames: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in schema.LOAD_ORDER:
        frames[name].to_csv(folder / f"{name}.csv", index=False)


def _sample_database_url(scale: str, settings: Settings) -> str:
    if scale == "large" and not os.environ.get("DATABASE_URL"):
        LARGE_DB_PATH.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{LARGE_DB_PATH}"
    return settings.database_url


def _sample(args: argparse.Namespace, settings: Settings) -> int:
    frames = generate_large(args.seed) if args.scale == "large" else generate(args.seed)
    if args.output:
        _write_csv(frames, Path(args.output))
        print(t("cli.sample.written", folder=args.output))
        return 0
    engine = make_engine(_sample_database_url(args.scale, settings))
    prepare(engine, None)
    with engine.begin() as connection:
        repository.lock_for_writing(connection)
        if repository.has_data(connection) and not args.replace:
            print(t("cli.sample.refused"), file=sys.stderr)
            return 2
        batch_id = repository.start_batch(connection, "cli", f"sample seed={args.seed}")
        counts = repository.replace_all(connection, frames)
        repository.finish_batch(connection, batch_id, {"inserted": counts, "replaced": True})
    print(
        t(
            "cli.sample.loaded",
            seed=args.seed,
            actors=tn("count.actors", counts["actors"]),
            events=tn("count.events", counts["events"]),
            attendance=tn("count.participations", counts["attendance"]),
            links=tn("count.links", counts["links"]),
            url=url_of(engine),
        )
    )
    return 0


# --- export, undo ------------------------------------------------------------------------------


def _export_writer(file_name: str):
    """The writer the file name asks for: .kumu.xlsx is checked before .xlsx."""
    from dashboard.exchange.network.export import graphml_bytes, kumu_xlsx
    from dashboard.exchange.workbook import dataset_xlsx, dataset_zip

    writers = {
        ".kumu.xlsx": kumu_xlsx,
        ".graphml": graphml_bytes,
        ".xlsx": dataset_xlsx,
        ".zip": dataset_zip,
    }
    lowered = file_name.lower()
    return next((writer for suffix, writer in writers.items() if lowered.endswith(suffix)), None)


def _export(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.path)
    writer = _export_writer(path.name)
    if writer is None:
        print(t("cli.export.bad_suffix"), file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    prepare(engine, None)
    with snapshot_connection(engine) as connection, connection.begin():
        frames = repository.read_all(connection)
        version = repository.data_version(connection)
        accounts.record(
            connection, args.user, accounts.EXPORT, {"file": path.name, "version": version}
        )
    engine.dispose()
    data = writer(frames)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)
    print(
        t(
            "cli.export.written",
            path=str(path),
            actors=tn("count.actors", len(frames["actors"])),
            attendance=tn("count.attendance_rows", len(frames["attendance"])),
        )
    )
    return 0


def _publish(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.publish import choice
    from dashboard.publish.site import FolderTaken, short_version, site_files, write_folder
    from dashboard.store import Store

    engine = make_engine(settings.database_url)
    prepare(engine, None)
    try:
        snapshot = Store(engine, min_responses=settings.min_responses).snapshot()
        views = (
            choice.read_views(Path(args.views)) if args.views else choice.default_views(snapshot)
        )
        files = site_files(snapshot, views, args.lang, dt.date.today())
        write_folder(files, Path(args.folder))
    except choice.ViewsFileError as error:
        print(t(error.key, args.lang, **error.params), file=sys.stderr)
        return 1
    except FolderTaken:
        print(t("cli.publish.folder_taken", args.lang, folder=args.folder), file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(
        t(
            "cli.publish.written",
            args.lang,
            folder=args.folder,
            pages=tn("count.pages", len(views), args.lang),
            version=short_version(snapshot.version),
        )
    )
    return 0


def _undo(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.exchange.commit import UndoRefused, undo

    engine = make_engine(settings.database_url)
    prepare(engine, None)
    try:
        counts = undo(engine, args.batch, user=args.user)
    except UndoRefused as refused:
        print(t(refused.key, DEFAULT_LANGUAGE, **refused.params), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(t("cli.undo.done", batch=args.batch, **{k: fmt_number(v) for k, v in counts.items()}))
    return 0


# --- accounts ----------------------------------------------------------------------------------


def _read_password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("cli.create_user.prompt"))
    second = getpass.getpass(t("cli.create_user.prompt_again"))
    return first if first == second else None


def _create_user(args: argparse.Namespace, settings: Settings) -> int:
    password = _read_password(args.password_stdin)
    if password is None:
        print(t("cli.create_user.mismatch"), file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    prepare(engine, None)
    try:
        with engine.begin() as connection:
            user = accounts.create_user(
                connection, args.name, password, args.role, replace=args.replace
            )
    except accounts.AccountError as error:
        print(t(error.key, DEFAULT_LANGUAGE, **error.params), file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(t("cli.create_user.created", name=user.name, role=user.role))
    return 0


def _change_account(change, done_key: str, name: str, settings: Settings, *args: str) -> int:
    """Run `change(connection, name, *args)` in one transaction and say what happened."""
    engine = make_engine(settings.database_url)
    prepare(engine, None)
    try:
        with engine.begin() as connection:
            change(connection, name, *args)
    except accounts.AccountError as error:
        print(t(error.key, DEFAULT_LANGUAGE, **error.params), file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(t(done_key, name=name))
    return 0


def _set_password(args: argparse.Namespace, settings: Settings) -> int:
    password = _read_password(args.password_stdin)
    if password is None:
        print(t("cli.create_user.mismatch"), file=sys.stderr)
        return 2
    return _change_account(
        accounts.set_password, "cli.set_password.done", args.name, settings, password
    )


def _disable_user(args: argparse.Namespace, settings: Settings) -> int:
    return _change_account(accounts.disable_user, "cli.disable_user.done", args.name, settings)


# --- backup, restore -------------------------------------------------------------------------


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.exchange import backup

    engine = make_engine(settings.database_url)
    prepare(engine, None)
    try:
        backup.backup(engine, Path(args.path))
    except backup.BackupError as error:
        print(t(error.key, DEFAULT_LANGUAGE, **error.params), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(t("cli.backup.written", path=args.path, url=url_of(engine)))
    return 0


def _restore(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.exchange import backup

    engine = make_engine(settings.database_url)
    try:
        backup.restore(engine, Path(args.path))
    except backup.BackupError as error:
        print(t(error.key, DEFAULT_LANGUAGE, **error.params), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    # A backup made before a migration is brought up to date.
    engine = make_engine(settings.database_url)
    prepare(engine, None)
    engine.dispose()
    print(t("cli.restore.done", path=args.path, url=url_of(engine)))
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m dashboard", description=t("cli.description"))
    commands = root.add_subparsers(dest="command", required=True)
    init_db = commands.add_parser("init-db", help=t("cli.init_db.help"))
    init_db.add_argument("--empty", action="store_true", help=t("cli.init_db.empty"))
    init_db.set_defaults(run=_init_db)

    importer = commands.add_parser(
        "import", help=t("cli.import.help"), description=t("cli.import.description")
    )
    importer.add_argument("path", help=t("cli.import.path"))
    importer.add_argument("--dry-run", action="store_true", help=t("cli.import.dry_run"))
    importer.add_argument("--replace", action="store_true", help=t("cli.import.replace"))
    importer.add_argument(
        "--place", action="append", metavar="AKTEUR=GEONAMEID", help=t("cli.import.place")
    )
    importer.add_argument("--user", default=CLI_USER, help=t("cli.user"))
    importer.add_argument("--verbose", "-v", action="store_true", help=t("cli.import.verbose"))
    importer.set_defaults(changes_data=True, run=import_dataset)

    lister = commands.add_parser(
        "import-list", help=t("cli.import_list.help"), description=t("cli.import_list.description")
    )
    lister.add_argument("path", help=t("cli.import_list.path"))
    lister.add_argument(
        "--event", required=True, metavar="EVENT_ID", help=t("cli.import_list.event")
    )
    lister.add_argument("--sheet", metavar="NAME", help=t("cli.import_list.sheet"))
    lister.add_argument("--mapping", metavar="FILE.json", help=t("cli.import_list.mapping"))
    lister.add_argument("--report", metavar="FILE.csv", help=t("cli.import_list.report"))
    lister.add_argument("--dry-run", action="store_true", help=t("cli.import.dry_run"))
    lister.add_argument("--user", default=CLI_USER, help=t("cli.user"))
    lister.add_argument("--verbose", "-v", action="store_true", help=t("cli.import.verbose"))
    lister.set_defaults(changes_data=True, run=import_list)

    network = commands.add_parser(
        "import-network",
        help=t("cli.import_network.help"),
        description=t("cli.import_network.description"),
    )
    network.add_argument("path", help=t("cli.import_network.path"))
    network.add_argument("--dry-run", action="store_true", help=t("cli.import.dry_run"))
    network.add_argument("--report", metavar="FILE.csv", help=t("cli.import_network.report"))
    network.add_argument("--user", default=CLI_USER, help=t("cli.user"))
    network.add_argument("--verbose", "-v", action="store_true", help=t("cli.import.verbose"))
    network.set_defaults(changes_data=True, run=import_network)

    evaluation = commands.add_parser(
        "import-evaluation",
        help=t("cli.import_evaluation.help"),
        description=t("cli.import_evaluation.description"),
    )
    evaluation.add_argument("path", help=t("cli.import_evaluation.path"))
    evaluation.add_argument(
        "--event", required=True, metavar="EVENT_ID", help=t("cli.import_evaluation.event")
    )
    evaluation.add_argument("--sheet", metavar="NAME", help=t("cli.import_list.sheet"))
    evaluation.add_argument("--dry-run", action="store_true", help=t("cli.import.dry_run"))
    evaluation.add_argument("--user", default=CLI_USER, help=t("cli.user"))
    evaluation.add_argument("--verbose", "-v", action="store_true", help=t("cli.import.verbose"))
    evaluation.set_defaults(changes_data=True, run=import_evaluation)

    exporter = commands.add_parser("export", help=t("cli.export.help"))
    exporter.add_argument("path", help=t("cli.export.path"))
    exporter.add_argument("--user", default=CLI_USER, help=t("cli.user"))
    exporter.set_defaults(run=_export)

    publish = commands.add_parser(
        "publish", help=t("cli.publish.help"), description=t("cli.publish.description")
    )
    publish.add_argument("folder", metavar="DIR", help=t("cli.publish.folder"))
    publish.add_argument("--views", metavar="FILE.json", help=t("cli.publish.views"))
    publish.add_argument(
        "--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help=t("cli.publish.lang")
    )
    publish.set_defaults(run=_publish)

    undo = commands.add_parser("undo", help=t("cli.undo.help"))
    undo.add_argument("batch", type=int, help=t("cli.undo.batch"))
    undo.add_argument("--user", default=CLI_USER, help=t("cli.user"))
    undo.set_defaults(changes_data=True, run=_undo)

    sample = commands.add_parser("sample", help=t("cli.sample.help"))
    sample.add_argument("--seed", type=int, default=DEFAULT_SEED, help=t("cli.sample.seed"))
    sample.add_argument(
        "--scale", choices=("small", "large"), default="small", help=t("cli.sample.scale")
    )
    sample.add_argument("--output", help=t("cli.sample.output"))
    sample.add_argument("--replace", action="store_true", help=t("cli.sample.replace"))
    sample.set_defaults(changes_data=True, run=_sample)

    create_user = commands.add_parser("create-user", help=t("cli.create_user.help"))
    create_user.add_argument("name", help=t("cli.create_user.name"))
    create_user.add_argument(
        "--role", required=True, choices=accounts.ROLES, help=t("cli.create_user.role")
    )
    create_user.add_argument(
        "--password-stdin", action="store_true", help=t("cli.create_user.password_stdin")
    )
    create_user.add_argument("--replace", action="store_true", help=t("cli.create_user.replace"))
    create_user.set_defaults(run=_create_user)
    set_password = commands.add_parser("set-password", help=t("cli.set_password.help"))
    set_password.add_argument("name", help=t("cli.create_user.name"))
    set_password.add_argument(
        "--password-stdin", action="store_true", help=t("cli.create_user.password_stdin")
    )
    set_password.set_defaults(run=_set_password)
    disable_user = commands.add_parser("disable-user", help=t("cli.disable_user.help"))
    disable_user.add_argument("name", help=t("cli.create_user.name"))
    disable_user.set_defaults(run=_disable_user)

    backup = commands.add_parser("backup", help=t("cli.backup.help"))
    backup.add_argument("path", help=t("cli.backup.path"))
    backup.set_defaults(run=_backup)
    restore = commands.add_parser("restore", help=t("cli.restore.help"))
    restore.add_argument("path", help=t("cli.restore.path"))
    restore.set_defaults(changes_data=True, run=_restore)
    return root


def _changed_database(args: argparse.Namespace, settings: Settings) -> str | None:
    """The database a successful run of this command wrote data to, if it did."""
    if not getattr(args, "changes_data", False) or getattr(args, "dry_run", False):
        return None
    if getattr(args, "output", None):  # the sample written as files
        return None
    scale = getattr(args, "scale", None)
    return _sample_database_url(scale, settings) if scale else settings.database_url


def _layout_ahead(database_url: str) -> None:
    """Lay out the new data's network now, so that the app need not on its first /netzwerk;
    a failure leaves that to the app and does not undo the committed data."""
    from dashboard.views.per_version import store_layout_ahead

    try:
        actors = store_layout_ahead(make_engine(database_url))
    except Exception as error:  # the data is committed; the app computes the layout itself
        print(t("cli.layout.failed", error=str(error)[:200]), file=sys.stderr)
        return
    if actors:
        print(t("cli.layout.stored", actors=fmt_number(actors)))


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = Settings.from_env()
    try:
        code = args.run(args, settings)
    except repository.WritersBusy:
        print(t("cli.busy"), file=sys.stderr)
        return 2
    changed = _changed_database(args, settings) if code == 0 else None
    if changed:
        _layout_ahead(changed)
    return code
