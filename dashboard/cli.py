"""Command line: `python -m dashboard init-db | sample`. Every command honours DATABASE_URL."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard import schema
from dashboard.config import Settings
from dashboard.db import repository
from dashboard.db.engine import make_engine
from dashboard.db.setup import prepare
from dashboard.i18n import t
from dashboard.sample import generate

DEFAULT_SEED = 2017


def _init_db(args: argparse.Namespace, settings: Settings) -> int:
    engine = make_engine(settings.database_url)
    seeded = prepare(engine, None if args.empty else generate)
    print(t("cli.init_db.seeded" if seeded else "cli.init_db.ready", url=engine.url.render_as_string(hide_password=True)))
    return 0


def _write_csv(frames: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in schema.LOAD_ORDER:
        frames[name].to_csv(folder / f"{name}.csv", index=False)


def _sample(args: argparse.Namespace, settings: Settings) -> int:
    frames = generate(args.seed)
    if args.output:
        _write_csv(frames, Path(args.output))
        print(t("cli.sample.written", folder=args.output))
        return 0
    engine = make_engine(settings.database_url)
    prepare(engine, None)
    with engine.begin() as connection:
        repository.lock_for_writing(connection)
        if repository.has_data(connection) and not args.replace:
            print(t("cli.sample.refused"), file=sys.stderr)
            return 2
        batch_id = repository.start_batch(connection, "cli", f"sample seed={args.seed}")
        counts = repository.replace_all(connection, frames)
        repository.finish_batch(connection, batch_id, {"inserted": counts, "replaced": True})
    print(t("cli.sample.loaded", seed=args.seed, actors=counts["actors"], events=counts["events"]))
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m dashboard", description=t("cli.description"))
    commands = root.add_subparsers(dest="command", required=True)
    init_db = commands.add_parser("init-db", help=t("cli.init_db.help"))
    init_db.add_argument("--empty", action="store_true", help=t("cli.init_db.empty"))
    init_db.set_defaults(run=_init_db)
    sample = commands.add_parser("sample", help=t("cli.sample.help"))
    sample.add_argument("--seed", type=int, default=DEFAULT_SEED, help=t("cli.sample.seed"))
    sample.add_argument("--output", help=t("cli.sample.output"))
    sample.add_argument("--replace", action="store_true", help=t("cli.sample.replace"))
    sample.set_defaults(run=_sample)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args, Settings.from_env())
