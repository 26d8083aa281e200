"""The rows of a registration list and the organisations in it, each with its decision.

Steps 1–3 of the list import (step 4 is `registration.to_parsed`):
1. `read_rows`: every row of the sheet under the confirmed mapping, each cell checked;
   every problem of the file is collected in one pass, with row, column and value.
2. `group`: one entry per organisation. A list with one row per person is counted per
   organisation (and per workshop and role); person and contact columns are dropped.
3. `decide`: each entry matched to a known actor, new, or left for review (`matching`);
   the user's choices override a decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.exchange import values
from dashboard.exchange.columns import PARSERS
from dashboard.exchange.lists import mapping as fields
from dashboard.exchange.lists.matching import MATCHED, NEW, REVIEW, Decision, Matcher, NameQuery
from dashboard.exchange.lists.sheet import LIST, Sheet
from dashboard.exchange.problems import ERROR, WARNING, Problem, make
from dashboard.i18n.folding import fold_words

NEW_ACTOR = "new"  # the choice that makes an entry a new actor
# What a form holds where nothing was meant: "-", "k. A.", "keiner", a number or a date.
_PLACEHOLDERS = frozenset(
    {
        "",
        "ka",
        "keine",
        "keiner",
        "keinen",
        "privat",
        "nein",
        "na",
        "none",
        "null",
        "x",
        "true",
        "false",
    }
)
_NOT_A_NAME = re.compile(r"[\d\W_]*")
# Review decisions on these grounds are not remembered: "Frankfurt" chosen once as
# Frankfurt am Main must still ask next time.
_SESSION_SEPARATORS = re.compile(r"\s*[;|\n]\s*")
DEFAULT_ROLE = "participant"


@dataclass(frozen=True)
class ListRow:
    row: int
    name: str
    city: str | None = None
    state: str | None = None
    ags: str | None = None
    type: str | None = None
    role: str = DEFAULT_ROLE
    sessions: tuple[str, ...] = ()
    headcount: int | None = None


@dataclass
class Entry:
    """One organisation of the list, with the rows it stands on."""

    key: str
    name: str
    rows: list[int]
    query: NameQuery
    # (session title or None for the event as a whole, role) → people; None = not stated
    headcounts: dict[tuple[str | None, str], int | None]
    decision: Decision | None = None
    chosen: str | None = None  # the user's choice: an actor id or NEW_ACTOR

    @property
    def decided(self) -> Decision:
        """The matcher's decision, which every entry has once the list is matched."""
        if self.decision is None:
            raise ValueError(f"entry {self.key!r} is not matched yet")
        return self.decision

    @property
    def final(self) -> str:
        if self.chosen == NEW_ACTOR:
            return NEW
        if self.chosen:
            return MATCHED
        return self.decision.decision if self.decision else REVIEW

    @property
    def actor_id(self) -> str | None:
        if self.chosen and self.chosen != NEW_ACTOR:
            return self.chosen
        return self.decision.actor_id if self.decision and self.final == MATCHED else None


# --- 1. rows ------------------------------------------------------------------------------


def read_rows(sheet: Sheet, mapping: list[str]) -> tuple[list[ListRow], list[Problem]]:
    """Every row under the mapping, and every problem found in any cell."""
    problems: list[Problem] = []
    column = {name: mapping.index(name) for name in fields.SINGLE_FIELDS if name in mapping}
    rows = []
    for number, cells in zip(sheet.row_numbers, sheet.rows, strict=False):
        row = _read_row(number, cells, column, sheet.headers, problems)
        if row is not None:
            rows.append(row)
    return rows, problems


def _read_row(
    number: int, cells: list, column: dict[str, int], headers: list[str], problems: list[Problem]
) -> ListRow | None:
    def cell(name: str) -> object:
        return cells[column[name]] if name in column else None

    def fail(name: str, value: object, key: str, severity: str = ERROR, **params) -> None:
        problems.append(make(LIST, number, headers[column[name]], value, key, severity, **params))

    def parse(name: str, parser):
        raw = cell(name)
        if values.is_empty(raw):
            return None
        try:
            return parser(raw)
        except values.BadValue as error:
            fail(name, values.text(raw), error.key, ERROR, **error.params)
            return None

    raw_name = cell(fields.ORGANISATION)
    if values.is_empty(raw_name) or _placeholder(values.text(raw_name)):
        fail(
            fields.ORGANISATION,
            None if values.is_empty(raw_name) else values.text(raw_name),
            "list_no_name",
            WARNING,
        )
        return None
    name = values.text(raw_name)
    for name_of_field in (fields.ORGANISATION, fields.CITY, fields.SESSION):
        text = cell(name_of_field)
        if isinstance(text, str) and values.EMAIL.search(text):
            fail(name_of_field, text, "personal_value_email")
            return None
    if len(name) > 200:
        fail(fields.ORGANISATION, name, "too_long", limit=200)
        return None
    role = parse(fields.ROLE, PARSERS["attendance"]["role"]) or DEFAULT_ROLE
    session_cell = cell(fields.SESSION)
    sessions = (
        ()
        if values.is_empty(session_cell)
        else tuple(
            title
            for title in _SESSION_SEPARATORS.split(values.text(session_cell))
            if title and not _placeholder(title)
        )
    )
    for title in sessions:
        if len(title) > 300:
            fail(fields.SESSION, title, "too_long", limit=300)
    return ListRow(
        row=number,
        name=name,
        city=parse(fields.CITY, PARSERS["actors"]["city"]),
        state=parse(fields.STATE, values.state),
        ags=parse(fields.AGS, values.ags),
        type=parse(fields.TYPE, PARSERS["actors"]["type"]),
        role=role,
        sessions=tuple(title for title in sessions if len(title) <= 300),
        headcount=parse(fields.HEADCOUNT, PARSERS["attendance"]["headcount"]),
    )


# --- 2. entries ---------------------------------------------------------------------------


def is_per_person(mapping: list[str], rows: list[ListRow]) -> bool:
    """One row per person: a person column, or organisations repeating without counts."""
    if fields.PERSON in mapping:
        return True
    if fields.HEADCOUNT in mapping:
        return False
    names = [(fold_words(row.name), row.state) for row in rows]
    return len(set(names)) < len(names)


def _placeholder(text: str) -> bool:
    return (
        fold_words(text).replace(" ", "") in _PLACEHOLDERS
        or _NOT_A_NAME.fullmatch(text) is not None
    )


def entry_key(row: ListRow) -> str:
    return "|".join((fold_words(row.name), row.state or "", row.ags or ""))


def group(rows: list[ListRow], per_person: bool) -> list[Entry]:
    """One entry per organisation, in the order of first appearance."""
    entries: dict[str, Entry] = {}
    for row in rows:
        key = entry_key(row)
        entry = entries.get(key)
        if entry is None:
            query = NameQuery(row.name, row.state, row.ags, row.city, row.type)
            entry = entries[key] = Entry(key, row.name, [], query, {})
        else:
            entry.query = _complete(entry.query, row)
        entry.rows.append(row.row)
        people = 1 if per_person and row.headcount is None else row.headcount
        for session in (None, *row.sessions):
            slot = (session, row.role)
            entry.headcounts[slot] = (
                add_people(entry.headcounts[slot], people) if slot in entry.headcounts else people
            )
    return list(entries.values())


def _complete(query: NameQuery, row: ListRow) -> NameQuery:
    """Fill what the first row left empty from a later row of the same organisation."""
    return NameQuery(
        query.name,
        query.state or row.state,
        query.ags or row.ags,
        query.city or row.city,
        query.type or row.type,
    )


def add_people(before: int | None, people: int | None) -> int | None:
    """People of two rows; a row that states no number adds none."""
    if before is None or people is None:
        return people if before is None else before
    return before + people


# --- 3. decisions ---------------------------------------------------------------------------


def decide(entries: list[Entry], matcher: Matcher, choices: dict[str, str] | None = None) -> None:
    """Each entry's decision; `choices` (entry key → actor id or NEW_ACTOR) overrides it."""
    choices = choices or {}
    for entry in entries:
        entry.decision = matcher.decide(entry.query)
        choice = choices.get(entry.key)
        if choice == NEW_ACTOR or (choice and choice in matcher.actors):
            entry.chosen = choice
