"""A registration list becomes the attendance of one event.

The steps, all without a database (the caller hands in the stored frames):
1. `read_rows`: every row of the sheet under the confirmed mapping, each cell checked;
   every problem of the file is collected in one pass, with row, column and value.
2. `group`: one entry per organisation. A list with one row per person is counted per
   organisation (and per workshop and role); person and contact columns are dropped.
3. `decide`: each entry matched to a known actor, new, or left for review (`matching`);
   the user's choices override a decision.
4. `to_parsed`: the entries as import tables (new actors, the event if it is new, new
   workshop sessions, attendance, and aliases for the spellings decided in review), so the
   ordinary plan, commit and undo of the dataset import write them as one batch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from dashboard.exchange import values
from dashboard.exchange.lists import mapping as fields
from dashboard.exchange.lists.matching import MATCHED, NEW, REVIEW, Decision, Matcher, NameQuery
from dashboard.exchange.lists.names import DISTRICT, TOWN, fold, name_key, prefix_first
from dashboard.exchange.lists.sheet import LIST, Sheet
from dashboard.exchange.problems import ERROR, WARNING, Problem, make
from dashboard.exchange.validate import PARSERS, ROW, Parsed, ParsedTable

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
_NOT_REMEMBERED = frozenset({"several_actors", "ambiguous_place", "district_or_town"})
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
    names = [(fold(row.name), row.state) for row in rows]
    return len(set(names)) < len(names)


def _placeholder(text: str) -> bool:
    return fold(text).replace(" ", "") in _PLACEHOLDERS or _NOT_A_NAME.fullmatch(text) is not None


def entry_key(row: ListRow) -> str:
    return "|".join((fold(row.name), row.state or "", row.ags or ""))


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
                _add(entry.headcounts[slot], people) if slot in entry.headcounts else people
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


def _add(before: int | None, people: int | None) -> int | None:
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


# --- 4. import tables ----------------------------------------------------------------------


@dataclass
class EventSpec:
    """The event the list belongs to: stored (only `id`) or new (all of it)."""

    id: str
    title: str | None = None
    year: int | None = None
    start_date: object = None
    city: str | None = None

    @property
    def is_new(self) -> bool:
        return self.title is not None


@dataclass
class Tables:
    actors: list[dict] = field(default_factory=list)
    actor_aliases: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    sessions: list[dict] = field(default_factory=list)
    attendance: list[dict] = field(default_factory=list)


def to_parsed(
    entries: list[Entry],
    event: EventSpec,
    stored: dict[str, pd.DataFrame],
    file_name: str,
    headers: dict[str, str],
) -> Parsed:
    """The decided entries as import tables; entries still in review are left out."""
    tables = Tables()
    if event.is_new:
        tables.events.append(
            {
                "id": event.id,
                "year": event.year,
                "title": event.title,
                "start_date": event.start_date,
                "city": event.city,
                ROW: None,
            }
        )
    taken = set(stored["actors"]["id"])
    known_spellings = {fold(alias) for alias in stored["actor_aliases"]["alias"]}
    names = dict(zip(stored["actors"]["id"], stored["actors"]["name"], strict=False))
    session_ids = _session_ids(entries, event.id, stored["sessions"], tables)
    # Two spellings decided for one actor ("Stadt Pirmasens", "Pirmasnes") count together.
    attendance: dict[tuple, dict] = {}
    new_ids: dict[tuple, str] = {}
    for entry in entries:
        row = entry.rows[0]
        if entry.final == REVIEW:
            continue
        if entry.final == NEW:
            # "Stadt Aalen" and "Große Kreisstadt Aalen" in one list are one new actor.
            same = (
                name_key(entry.name).full,
                name_key(entry.name).kind == DISTRICT,
                entry.query.state,
            )
            actor_id = new_ids.get(same)
            if actor_id is None:
                actor = _new_actor(entry, taken)
                taken.add(actor["id"])
                tables.actors.append({**actor, ROW: row})
                actor_id = new_ids[same] = actor["id"]
        else:
            actor_id = entry.actor_id
            spelling = fold(entry.name)
            remembered = entry.decision is None or entry.decision.reason_key not in _NOT_REMEMBERED
            if (
                entry.chosen
                and remembered
                and spelling not in known_spellings
                and spelling != fold(names.get(actor_id, ""))
            ):
                known_spellings.add(spelling)
                tables.actor_aliases.append({"alias": entry.name, "actor_id": actor_id, ROW: row})
        for (session, role), people in entry.headcounts.items():
            session_id = session_ids[fold(session)] if session else None
            slot = (actor_id, session_id, role)
            if slot in attendance:
                attendance[slot]["headcount"] = _add(attendance[slot]["headcount"], people)
            else:
                attendance[slot] = {
                    "event_id": event.id,
                    "actor_id": actor_id,
                    "session_id": session_id,
                    "role": role,
                    "headcount": people,
                    ROW: row,
                }
    tables.attendance = list(attendance.values())
    return _as_parsed(tables, file_name, headers)


def _session_ids(
    entries: list[Entry], event_id: str, stored: pd.DataFrame, tables: Tables
) -> dict[str, str]:
    """Workshop titles → session ids: the event's stored sessions by title, else new ones."""
    of_event = stored[stored["event_id"] == event_id]
    ids = {
        fold(title): session_id
        for session_id, title in zip(of_event["id"], of_event["title"], strict=False)
    }
    taken = set(stored["id"])
    for entry in entries:
        for session, _role in entry.headcounts:
            if session is None or fold(session) in ids:
                continue
            session_id = _unique(f"{event_id}-{values.slug(session)}"[:56], taken)
            taken.add(session_id)
            ids[fold(session)] = session_id
            tables.sessions.append(
                {
                    "id": session_id,
                    "event_id": event_id,
                    "kind": "workshop",
                    "title": session,
                    ROW: entry.rows[0],
                }
            )
    return ids


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def new_actor_name(name: str) -> str:
    """A town's name without its administrative prefix ("Landeshauptstadt Hannover" →
    "Hannover"), as the network names towns; every other name as written."""
    key = name_key(name)
    if key.kind != TOWN or not key.prefix:
        return name
    ordered = prefix_first(name)
    pattern = r"^\W*" + r"\W+".join(re.escape(word) for word in key.prefix.split()) + r"\W+"
    return re.sub(pattern, "", ordered, count=1) or name


def guess_type(name: str) -> str:
    """The actor type a name suggests, for a list without a type column."""
    key = name_key(name)
    words = set(key.full.split())
    if key.kind is not None:
        return "kommune"
    if any("stiftung" in word for word in words):
        return "stiftung"
    if any(word.startswith(("netzwerk", "buendnis", "verbund")) for word in words):
        return "netzwerk"
    if key.legal_form and not any(form in fold(name) for form in ("gmbh", "ag")):
        return "initiative"
    if any(
        word.startswith(("initiative", "buergerverein", "nachbarschaft", "verein"))
        for word in words
    ):
        return "initiative"
    from dashboard.geo.data import find_place

    return "kommune" if find_place(key.full) else "organisation"


def _new_actor(entry: Entry, taken: set[str]) -> dict:
    name = new_actor_name(entry.name)
    actor_type = entry.query.type or guess_type(entry.name)
    city = entry.query.city or (name if actor_type == "kommune" else None)
    return {
        "id": _unique(values.slug(name, "akteur")[:56], taken),
        "name": name,
        "type": actor_type,
        "ags": entry.query.ags,
        "state": entry.query.state,
        "city": city,
        "lat": None,
        "lon": None,
        "website": None,
    }


_COLUMNS = {
    "actors": ("id", "name", "type", "ags", "state", "city", "lat", "lon", "website"),
    "actor_aliases": ("alias", "actor_id"),
    "events": ("id", "year", "title", "start_date", "city"),
    "sessions": ("id", "event_id", "kind", "title"),
    "attendance": ("event_id", "actor_id", "session_id", "role", "headcount"),
}


def _as_parsed(tables: Tables, file_name: str, headers: dict[str, str]) -> Parsed:
    parsed = Parsed(file_name)
    for name, columns in _COLUMNS.items():
        rows = getattr(tables, name)
        if not rows and name != "attendance":
            continue
        frame = pd.DataFrame(rows, columns=[*columns, ROW], dtype=object)
        parsed.tables[name] = ParsedTable(
            name, file_name, frame, columns, {c: headers.get(c, c) for c in columns}
        )
    return parsed


def new_event(
    title: object, year: object, start_date: object, city: object, taken: set[str]
) -> tuple[EventSpec | None, list[str]]:
    """An event typed into a form, or the message keys of what is wrong with it."""
    problems = []
    title_text = values.text(title) if not values.is_empty(title) else ""
    if not title_text or len(title_text) > 200:
        problems.append("list_event_title")
    try:
        year_number = values.integer(year)
        if not 1900 <= year_number <= 2200:
            raise values.BadValue("bad_year")
    except values.BadValue:
        year_number = None
        problems.append("list_event_year")
    date = None
    if not values.is_empty(start_date):
        try:
            date = values.date(start_date)
        except values.BadValue:
            problems.append("list_event_date")
    if problems:
        return None, problems
    event_id = _unique(f"{year_number}-{values.slug(title_text)}"[:56], taken)
    place = None if values.is_empty(city) else values.text(city)[:120]
    return EventSpec(event_id, title_text, year_number, date, place), []
