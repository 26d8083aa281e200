"""What the columns of a registration list mean: proposed from headers and values.

Headers differ every year ("Organisation", "Institution / Kommune", "Einrichtung"), so a
mapping is proposed from what the header says and, where it says nothing known, from what
the column holds (an "@" is contact data, eight digits an AGS). The user confirms or
changes it; a confirmed mapping is remembered under the list's header set (`header_key`),
so next year's list with the same headers maps itself.

Person names and contact columns are mapped only to be dropped: they are never stored.
"""

from __future__ import annotations

import hashlib
import re

from dashboard.exchange import aliases, values
from dashboard.geo.states import normalise_state
from dashboard.i18n.folding import fold_compact

ORGANISATION = "organisation"
PERSON = "person"
CONTACT = "contact"
CITY = "city"
STATE = "state"
TYPE = "type"
HEADCOUNT = "headcount"
ROLE = "role"
SESSION = "session"
AGS = "ags"
IGNORE = "ignore"
FIELDS = (ORGANISATION, CITY, STATE, TYPE, HEADCOUNT, ROLE, SESSION, AGS, PERSON, CONTACT, IGNORE)
# Fields a list may map to one column only; person, contact and ignore may take several.
SINGLE_FIELDS = (ORGANISATION, CITY, STATE, TYPE, HEADCOUNT, ROLE, SESSION, AGS)
DROPPED_FIELDS = (PERSON, CONTACT)

_HEADERS: dict[str, tuple[str, ...]] = {
    ORGANISATION: (
        "Organisation",
        "Organisationsname",
        "Name der Organisation",
        "Institution",
        "Einrichtung",
        "Kommune",
        "Kommune/Organisation",
        "Institution/Kommune",
        "Organisation/Kommune",
        "Träger",
        "Verein",
        "Firma",
        "Behörde",
        "Dienststelle",
        "Verwaltung",
        "Akteur",
        "Arbeitgeber",
        "Organization",
        "Company",
        "Institution Name",
        "Teilnehmende Organisation",
        "Stadt/Gemeinde",
        "Gebietskörperschaft",
    ),
    CITY: ("Ort", "Stadt", "Sitz", "City", "Place", "Standort", "Ort der Organisation"),
    STATE: ("Bundesland", "State", "BL"),
    TYPE: (
        "Typ",
        "Art",
        "Akteurstyp",
        "Organisationstyp",
        "Art der Organisation",
        "Kategorie",
        "Type",
        "Sektor",
    ),
    HEADCOUNT: (
        "Anzahl",
        "Personen",
        "Anzahl Personen",
        "Personenzahl",
        "Teilnehmerzahl",
        "Anzahl Teilnehmende",
        "Anzahl Teilnehmer",
        "Teilnehmende (Anzahl)",
        "Headcount",
        "Count",
        "Number of people",
    ),
    ROLE: ("Rolle", "Teilnahmeart", "Art der Teilnahme", "Beteiligung", "Role", "Teilnahme als"),
    SESSION: (
        "Workshop",
        "Workshops",
        "Workshopwahl",
        "Workshop-Wahl",
        "Session",
        "Arbeitsgruppe",
        "Forum",
        "Programmpunkt",
        "Themenwerkstatt",
        "Werkstatt",
        "Gewählter Workshop",
    ),
    AGS: ("AGS", "Gemeindeschlüssel", "Amtlicher Gemeindeschlüssel", "Gemeindekennziffer"),
    PERSON: (
        "Name",
        "Vorname",
        "Nachname",
        "Teilnehmer",
        "Teilnehmerin",
        "Teilnehmende",
        "Teilnehmer*in",
        "Person",
        "Anrede",
        "Titel",
        "Funktion",
        "Position",
        "First name",
        "Last name",
        "Full name",
    ),
    CONTACT: (
        "E-Mail",
        "Email",
        "Mail",
        "Telefon",
        "Tel.",
        "Mobil",
        "Handy",
        "Straße",
        "Adresse",
        "PLZ",
        "Fax",
    ),
}
_BY_HEADER = {
    fold_compact(header): field for field, headers in _HEADERS.items() for header in headers
}
_AGS = re.compile(r"\d{7,8}")


def header_key(headers: list[str], kind: str = "") -> str:
    """The same for every list with these headers, whatever their order or spelling.
    `kind` keeps the mappings of other imports (a survey's) apart from the lists'."""
    folded = sorted(fold_compact(header) for header in headers if str(header).strip())
    keyed = [kind, *folded] if kind else folded
    return hashlib.sha256("\x1f".join(keyed).encode("utf-8")).hexdigest()


def _by_header(header: str) -> str | None:
    folded = fold_compact(header)
    if not folded:
        return IGNORE
    if folded in _BY_HEADER:
        return _BY_HEADER[folded]
    personal = aliases.personal_data_kind(header)
    if personal is not None:
        return PERSON if personal == "person" else CONTACT
    return None


def known_header_count(cells: list[object]) -> int:
    """How many cells of a row name a meaning a list column can have."""
    return sum(
        1 for cell in cells if isinstance(cell, str) and _by_header(cell) not in (None, IGNORE)
    )


def _by_values(cells: list[object]) -> str:
    filled = [values.text(cell) for cell in cells if not values.is_empty(cell)][:200]
    if not filled:
        return IGNORE
    share = lambda test: sum(1 for cell in filled if test(cell)) / len(filled)  # noqa: E731
    if share(lambda cell: values.EMAIL.search(cell) is not None) > 0.5:
        return CONTACT
    if share(lambda cell: _AGS.fullmatch(cell) is not None) > 0.8:
        return AGS
    # Written out ("NRW", "Bayern"): a column of small numbers is a count, not state codes.
    if share(lambda cell: not cell.isdigit() and normalise_state(cell) is not None) > 0.8:
        return STATE
    return IGNORE


# Headers that name people in one list and the body in another ("Name", "Teilnehmende").
_EITHER = {"name", "teilnehmende", "teilnehmer"}


def propose(headers: list[str], columns: list[list[object]]) -> list[str]:
    """A field for every column, from its header or else its values."""
    proposed = [
        _by_header(header) or _by_values(cells)
        for header, cells in zip(headers, columns, strict=False)
    ]
    for index, cells in enumerate(columns):
        # "Teilnehmende: 12" counts people; it does not name one.
        if (
            proposed[index] == PERSON
            and fold_compact(headers[index]) in _EITHER
            and _mostly_counts(cells)
        ):
            proposed[index] = HEADCOUNT
    either = [
        i
        for i, header in enumerate(headers)
        if fold_compact(header) in _EITHER and proposed[i] == PERSON
    ]
    other_person_columns = [
        i for i, name in enumerate(proposed) if name == PERSON and i not in either
    ]
    # "Name" alone names the body; next to "Vorname" or "Anrede" it is a person's name.
    if ORGANISATION not in proposed and either and not other_person_columns:
        proposed[either[0]] = ORGANISATION
    return _one_column_each(proposed)


def _mostly_counts(cells: list[object]) -> bool:
    filled = [values.text(cell) for cell in cells if not values.is_empty(cell)][:200]
    return bool(filled) and sum(cell.isdigit() for cell in filled) / len(filled) > 0.8


def _one_column_each(fields: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for field in fields:
        name = IGNORE if field in SINGLE_FIELDS and field in seen else field
        seen.add(name)
        result.append(name)
    return result


def from_saved(
    headers: list[str], saved: dict[str, str], allowed: tuple[str, ...] = FIELDS
) -> list[str] | None:
    """A remembered mapping ({folded header: field}) applied to these headers; None when it
    does not name every column or names a field not `allowed`."""
    fields = [saved.get(fold_compact(header)) for header in headers]
    known = [name for name in fields if name is not None]
    if len(known) < len(fields) or any(name not in allowed for name in known):
        return None
    return known


def to_saved(headers: list[str], fields: list[str]) -> dict[str, str]:
    return {
        fold_compact(header): name
        for header, name in zip(headers, fields, strict=False)
        if fold_compact(header)
    }


def from_file(headers: list[str], given: dict[str, str], proposed: list[str]) -> list[str]:
    """A mapping file ({header as written: field}); columns it does not name keep the
    proposal, except a meaning the file gives to another column."""
    by_folded = {fold_compact(header): name for header, name in given.items()}
    named = set(by_folded.values())
    return [
        by_folded.get(
            fold_compact(header),
            IGNORE if proposal in named and proposal in SINGLE_FIELDS else proposal,
        )
        for header, proposal in zip(headers, proposed, strict=False)
    ]


def savable(headers: list[str]) -> bool:
    """A header set worth remembering: no header that holds an e-mail address, as when a
    list has no header row and a person's row was taken for one."""
    return not any(values.EMAIL.search(str(header)) for header in headers)


def problems_of(fields: list[str]) -> list[str]:
    """Message keys for a mapping that cannot be used."""
    found = []
    if ORGANISATION not in fields:
        found.append("list_no_organisation")
    for name in SINGLE_FIELDS:
        if fields.count(name) > 1:
            found.append("list_field_twice")
            break
    if any(name not in FIELDS for name in fields):
        found.append("list_unknown_field")
    return found
