"""Editing one actor and merging two actors, as plans that `commit.apply` writes.

Pure: the stored tables go in (as `commit.current_tables` reads them, with the surrogate ids
of attendance and links), a `Plan` comes out, so an edit or a merge is an import batch like
any other: recorded in import_changes and undone by `commit.undo`.

Edits are checked with the import's own rules (`rows.parse_row`). A merge moves
everything of the actor that goes (`drop`) to the one that stays (`keep`):

- attendance: each row moves to `keep`; where `keep` already has a row with the same
  (event, session, role), the two become one whose headcount is the sum when both are
  known and the known one when only one is;
- links: each link moves to `keep`; one between `keep` and `drop` would link `keep` with
  itself and is dropped; one that `keep` already has (same partner and kind) becomes one
  with the larger weight (both rows describe the same collaboration, recorded twice under
  two spellings: summing would make it look stronger than any record says) and the years
  widened to span both;
- aliases move to `keep`, and the name of `drop` becomes an alias of `keep` (unless `keep`
  is already called so or another actor uses that spelling);
- then `drop` is removed.

Provenance: rows that only move keep their `source`; rows whose values the change makes
get the batch as source, except that sample data stays marked "sample" (the Beispieldaten
badge is never wrong to show).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import SupportsInt

import pandas as pd

from dashboard.exchange import values
from dashboard.exchange.changes import Plan, TableChange, key_of, records, same_value
from dashboard.exchange.problems import ERROR, make, sort_key
from dashboard.exchange.rows import parse_row
from dashboard.i18n import t
from dashboard.schema import SOURCE_SAMPLE

EDIT = "actor_edit"
MERGE_ACTORS = "actor_merge"
# What the form edits; the website and the id stay as stored.
EDITED_COLUMNS = ("name", "type", "city", "state", "ags", "lat", "lon")
FILE_NAME_LIMIT = 300  # import_batches.file_name


def _stored(current: Mapping[str, pd.DataFrame], name: str) -> list[dict]:
    return records(current[name])


def _actor(actors: list[dict], actor_id: str | None) -> dict | None:
    return next((actor for actor in actors if actor["id"] == actor_id), None)


def _source_after_change(*sources: object) -> str | None:
    """None lets `apply` write the batch as the source."""
    return SOURCE_SAMPLE if SOURCE_SAMPLE in sources else None


def _file_name(key: str, lang: str, **params: object) -> str:
    text = t(key, lang, **params)
    return text if len(text) <= FILE_NAME_LIMIT else text[: FILE_NAME_LIMIT - 1] + "…"


def _unknown_actor(plan: Plan, actor_id: str | None) -> Plan:
    plan.problems.append(make("actors", None, "id", actor_id, "actor_unknown", ERROR))
    return plan


# --- editing ---------------------------------------------------------------------------------


def edit_plan(
    current: Mapping[str, pd.DataFrame],
    actor_id: str,
    fields: Mapping[str, object],
    aliases: Sequence[object],
    lang: str = "de",
    base_version: str | None = None,
) -> Plan:
    """Set the `EDITED_COLUMNS` of `actor_id` to `fields` (raw form values: text as typed,
    blank = none) and its aliases to `aliases`. Problems name the canonical column."""
    actors = _stored(current, "actors")
    before = _actor(actors, actor_id)
    plan = Plan("", EDIT, base_version)
    if before is None:
        return _unknown_actor(plan, actor_id)
    record, _bad = parse_row(
        "actors",
        None,
        {c: fields.get(c) for c in EDITED_COLUMNS},
        {c: c for c in EDITED_COLUMNS},
        plan.problems,
    )
    names = {actor["id"]: actor["name"] for actor in actors}
    wanted = _checked_aliases(
        aliases, actor_id, _stored(current, "actor_aliases"), names, plan.problems
    )
    plan.problems.sort(key=sort_key)
    if not plan.ok:
        return plan
    plan.file_name = _file_name("ingest.batch.actor_edited", lang, name=record["name"])
    after = {**before, **{c: record[c] for c in EDITED_COLUMNS}}
    actors_change = TableChange("actors", EDIT)
    if all(same_value(before.get(c), after.get(c)) for c in EDITED_COLUMNS):
        actors_change.unchanged = 1
    else:
        actors_change.changed.append(
            (before, {**after, "source": _source_after_change(before["source"])})
        )
    plan.changes["actors"] = actors_change
    plan.changes["actor_aliases"] = _alias_change(
        actor_id, wanted, _stored(current, "actor_aliases")
    )
    return plan


def _checked_aliases(
    raw: Sequence[object], actor_id: str, stored: list[dict], names: dict[str, str], problems: list
) -> list[str]:
    """The aliases to keep: cleaned, each spelling once (ignoring case), none that another
    actor already uses (a list import could not tell the two apart)."""
    others = {
        alias["alias"].casefold(): alias["actor_id"]
        for alias in stored
        if alias["actor_id"] != actor_id
    }
    kept: list[str] = []
    seen: set[str] = set()
    for value in raw:
        if values.is_empty(value):
            continue
        record, bad = parse_row(
            "actor_aliases", None, {"alias": value}, {"alias": "alias"}, problems
        )
        if bad:
            continue
        alias = record["alias"]
        folded = alias.casefold()
        if folded in seen:
            continue
        seen.add(folded)
        owner = others.get(folded)
        if owner is not None:
            problems.append(
                make(
                    "actor_aliases",
                    None,
                    "alias",
                    alias,
                    "alias_taken",
                    ERROR,
                    actor=names.get(owner, owner),
                )
            )
            continue
        kept.append(alias)
    return kept


def _alias_change(actor_id: str, wanted: list[str], stored: list[dict]) -> TableChange:
    own = {alias["alias"]: alias for alias in stored if alias["actor_id"] == actor_id}
    change = TableChange("actor_aliases", EDIT)
    change.new = [
        {"alias": alias, "actor_id": actor_id, "source": None}
        for alias in wanted
        if alias not in own
    ]
    change.removed = [row for alias, row in own.items() if alias not in wanted]
    change.unchanged = len(own) - len(change.removed)
    return change


# --- merging ---------------------------------------------------------------------------------


def merge_plan(
    current: Mapping[str, pd.DataFrame],
    keep_id: str,
    drop_id: str,
    lang: str = "de",
    base_version: str | None = None,
) -> Plan:
    """Merge actor `drop_id` into `keep_id` (see the module's description)."""
    actors = _stored(current, "actors")
    keep, drop = _actor(actors, keep_id), _actor(actors, drop_id)
    plan = Plan("", MERGE_ACTORS, base_version)
    if keep is None or drop is None:
        return _unknown_actor(plan, drop_id if keep is not None else keep_id)
    if keep_id == drop_id:
        plan.problems.append(make("actors", None, "id", drop_id, "merge_same", ERROR))
        return plan
    plan.file_name = _file_name(
        "ingest.batch.actors_merged", lang, drop=drop["name"], keep=keep["name"]
    )
    plan.changes["actors"] = TableChange(
        "actors", MERGE_ACTORS, removed=[drop], unchanged=len(actors) - 1
    )
    plan.changes["actor_aliases"] = _merged_aliases(keep, drop, _stored(current, "actor_aliases"))
    plan.changes["attendance"] = _merged_attendance(
        keep_id, drop_id, _stored(current, "attendance")
    )
    plan.changes["links"] = _merged_links(keep_id, drop_id, _stored(current, "links"))
    return plan


def moved_counts(plan: Plan, keep_id: str) -> dict[str, int]:
    """What a merge plan moves to `keep_id`: attendance rows, links, aliases (including
    the name of the merged actor), and the links between the two that are dropped."""
    links = plan.changes["links"].removed if "links" in plan.changes else []
    self_links = sum(1 for link in links if keep_id in (link["source_id"], link["target_id"]))
    aliases = plan.changes.get("actor_aliases")
    return {
        "attendance": len(plan.changes["attendance"].removed)
        if "attendance" in plan.changes
        else 0,
        "links": len(links) - self_links,
        "aliases": len(aliases.changed) + len(aliases.new) if aliases else 0,
        "self_links": self_links,
    }


def combined_headcount(a: SupportsInt | None, b: SupportsInt | None) -> int | None:
    """Both known: the sum; one known: that one; neither: unknown."""
    known = [int(v) for v in (a, b) if v is not None]
    return sum(known) if known else None


def _merged_attendance(keep_id: str, drop_id: str, stored: list[dict]) -> TableChange:
    change = TableChange("attendance", MERGE_ACTORS)
    kept = {key_of("attendance", row): row for row in stored if row["actor_id"] == keep_id}
    for row in stored:
        if row["actor_id"] != drop_id:
            continue
        change.removed.append(row)
        moved = {k: v for k, v in row.items() if k != "id"}
        moved["actor_id"] = keep_id
        moved["headcount"] = None if row["headcount"] is None else int(row["headcount"])
        existing = kept.get(key_of("attendance", moved))
        if existing is None:
            change.new.append(moved)
            continue
        headcount = combined_headcount(existing["headcount"], row["headcount"])
        if not same_value(headcount, existing["headcount"]):
            change.changed.append(
                (
                    existing,
                    {
                        **existing,
                        "headcount": headcount,
                        "source": _source_after_change(existing["source"], row["source"]),
                    },
                )
            )
    change.unchanged = sum(1 for row in stored if row["actor_id"] != drop_id) - len(change.changed)
    return change


def _pair(a: str, b: str) -> tuple[str, str]:
    """Links are stored once, the smaller id first."""
    return (a, b) if a < b else (b, a)


def _int_or_none(value: SupportsInt | None) -> int | None:
    return None if value is None else int(value)


def widened_years(a: dict, b: dict) -> tuple[int | None, int | None]:
    """(since, until) spanning both links: from the earliest to the latest year either
    names. A bound stays open (unknown) only where neither link states one."""
    years = [
        int(y)
        for link in (a, b)
        for y in (link.get("since_year"), link.get("until_year"))
        if y is not None
    ]
    has_since = any(link.get("since_year") is not None for link in (a, b))
    has_until = any(link.get("until_year") is not None for link in (a, b))
    return (min(years) if has_since else None, max(years) if has_until else None)


def _merged_links(keep_id: str, drop_id: str, stored: list[dict]) -> TableChange:
    change = TableChange("links", MERGE_ACTORS)
    kept = {
        key_of("links", row): row
        for row in stored
        if keep_id in (row["source_id"], row["target_id"])
    }
    for row in stored:
        if drop_id not in (row["source_id"], row["target_id"]):
            continue
        change.removed.append(row)
        partner = row["target_id"] if row["source_id"] == drop_id else row["source_id"]
        if partner == keep_id:
            continue  # would link the actor with itself
        source_id, target_id = _pair(keep_id, partner)
        moved = {k: v for k, v in row.items() if k != "id"}
        moved.update(
            source_id=source_id,
            target_id=target_id,
            since_year=_int_or_none(row["since_year"]),
            until_year=_int_or_none(row["until_year"]),
        )
        existing = kept.get(key_of("links", moved))
        if existing is None:
            change.new.append(moved)
            continue
        since, until = widened_years(existing, row)
        merged = {
            **existing,
            "since_year": since,
            "until_year": until,
            "weight": max(float(existing["weight"]), float(row["weight"])),
        }
        if not all(
            same_value(existing[c], merged[c]) for c in ("since_year", "until_year", "weight")
        ):
            merged["source"] = _source_after_change(existing["source"], row["source"])
            change.changed.append((existing, merged))
    change.unchanged = len(stored) - len(change.removed) - len(change.changed)
    return change


def _merged_aliases(keep: dict, drop: dict, stored: list[dict]) -> TableChange:
    change = TableChange("actor_aliases", MERGE_ACTORS)
    change.changed = [
        (row, {**row, "actor_id": keep["id"]}) for row in stored if row["actor_id"] == drop["id"]
    ]
    taken = {row["alias"].casefold() for row in stored} | {keep["name"].casefold()}
    if drop["name"].casefold() not in taken:
        change.new.append({"alias": drop["name"], "actor_id": keep["id"], "source": None})
    change.unchanged = len(stored) - len(change.changed)
    return change
