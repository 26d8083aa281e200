"""Names people write instead of the canonical ones: tables, column headers, category values.

Everything is compared after `fold`: case, umlaut spelling, spaces, hyphens and
underscores do not matter, so "Gemeindeschlüssel", "gemeindeschluessel" and
"GEMEINDE_SCHLÜSSEL" are the same header. The first German alias of each column is the one
the template workbook shows next to the canonical name.
"""

from __future__ import annotations

from dashboard import schema
from dashboard.i18n.folding import fold_compact

# Extra import-only column: topic names of a session separated by "|".
TOPICS_COLUMN = "topics"
TOPIC_SEPARATOR = "|"

TABLE_ALIASES: dict[str, tuple[str, ...]] = {
    "actors": ("Akteure", "Akteur", "Teilnehmende Akteure"),
    "actor_aliases": ("Schreibweisen", "Schreibweise", "Aliase", "Alias"),
    "events": ("Veranstaltungen", "Veranstaltung", "Events"),
    "sessions": ("Programmpunkte", "Programmpunkt", "Programm", "Sitzungen", "Sessions"),
    "topics": ("Themen", "Thema"),
    "session_topics": (
        "Programmpunkt-Themen",
        "Programmpunktthemen",
        "Sitzungsthemen",
        "Session-Themen",
    ),
    "attendance": ("Teilnahme", "Teilnahmen", "Anwesenheit"),
    "links": ("Verbindungen", "Verknüpfungen", "Kooperationen", "Netzwerk"),
}

# Per table: canonical column → German (and a few English) aliases; the first is shown.
COLUMN_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "actors": {
        "id": ("ID", "Kennung", "Akteur-ID"),
        "name": ("Name", "Bezeichnung", "Name des Akteurs"),
        "type": ("Typ", "Art", "Akteurstyp"),
        "ags": ("Gemeindeschlüssel", "Amtlicher Gemeindeschlüssel", "AGS"),
        "state": ("Bundesland", "Land"),
        "city": ("Ort", "Stadt", "Sitz"),
        "lat": ("Breitengrad", "Breite", "Latitude"),
        "lon": ("Längengrad", "Länge", "Longitude", "lng"),
        "website": ("Webseite", "Internetseite", "Homepage", "URL"),
        "source": ("Quelle",),
    },
    "actor_aliases": {
        "alias": ("Schreibweise", "Alias", "Name in Listen"),
        "actor_id": ("Akteur", "Akteur-ID", "actor"),
        "source": ("Quelle",),
    },
    "events": {
        "id": ("ID", "Kennung", "Veranstaltungs-ID"),
        "year": ("Jahr",),
        "title": ("Titel", "Name", "Bezeichnung"),
        "start_date": ("Beginn", "Start", "Anfang", "Datum von", "von"),
        "end_date": ("Ende", "Datum bis", "bis"),
        "city": ("Ort", "Stadt"),
        "venue": ("Veranstaltungsort", "Tagungsort", "Location"),
        "source": ("Quelle",),
    },
    "sessions": {
        "id": ("ID", "Kennung", "Programmpunkt-ID"),
        "event_id": ("Veranstaltung", "Veranstaltungs-ID", "Veranstaltung-ID", "event"),
        "kind": ("Art", "Format", "Typ"),
        "title": ("Titel", "Name", "Bezeichnung"),
        "source": ("Quelle",),
        TOPICS_COLUMN: ("Themen", "Thema"),
    },
    "topics": {
        "id": ("ID", "Kennung", "Themen-ID"),
        "name": ("Name", "Thema", "Bezeichnung"),
    },
    "session_topics": {
        "session_id": ("Programmpunkt", "Programmpunkt-ID", "Sitzung", "Session"),
        "topic_id": ("Thema", "Themen-ID", "Thema-ID", "topic"),
    },
    "attendance": {
        "event_id": ("Veranstaltung", "Veranstaltungs-ID", "Veranstaltung-ID", "event"),
        "actor_id": ("Akteur", "Akteur-ID", "actor"),
        "session_id": ("Programmpunkt", "Programmpunkt-ID", "Sitzung", "session"),
        "role": ("Rolle",),
        "headcount": ("Anzahl", "Personen", "Anzahl Personen", "Personenzahl"),
        "source": ("Quelle",),
    },
    "links": {
        "source_id": ("Akteur A", "Akteur 1", "von Akteur", "source"),
        "target_id": ("Akteur B", "Akteur 2", "zu Akteur", "target"),
        "kind": ("Art", "Typ"),
        "since_year": ("seit", "seit Jahr", "von Jahr", "since"),
        "until_year": ("bis", "bis Jahr", "until"),
        "weight": ("Gewicht", "Stärke"),
        "source": ("Quelle",),
    },
}

VALUE_ALIASES: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    ("actors", "type"): {
        "kommune": ("Kommune", "Gemeinde", "Stadt", "Landkreis", "municipality"),
        "initiative": ("Initiative", "Bürgerinitiative"),
        "organisation": ("Organisation", "organization", "Verband", "Verein"),
        "stiftung": ("Stiftung", "foundation"),
        "netzwerk": ("Netzwerk", "network"),
    },
    ("sessions", "kind"): {
        "workshop": ("Workshop", "Werkstatt", "Arbeitsgruppe"),
        "panel": ("Panel", "Podium", "Podiumsdiskussion"),
        "keynote": ("Keynote", "Impuls", "Impulsvortrag", "Vortrag"),
        "stand": ("Stand", "Infostand", "Marktstand"),
        "get-together": ("Get-together", "Empfang", "Abendempfang"),
    },
    ("attendance", "role"): {
        "participant": ("Teilnehmer", "Teilnehmerin", "Teilnehmende", "Teilnahme", "Teilnehmer*in"),
        "speaker": (
            "Referent",
            "Referentin",
            "Sprecher",
            "Sprecherin",
            "Vortragende",
            "Referent*in",
        ),
        "exhibitor": ("Aussteller", "Ausstellerin", "Ausstellende", "Aussteller*in"),
        "organiser": ("Veranstalter", "Veranstalterin", "Ausrichter", "Gastgeber", "organizer"),
    },
    ("links", "kind"): {
        "kooperation": ("Kooperation", "cooperation", "Zusammenarbeit"),
        "austausch": ("Austausch", "exchange"),
        "projekt": ("Projekt", "project", "gemeinsames Projekt"),
    },
}

# Headers that name people or contact data. Such a column is refused: the dataset stores
# actors (municipalities, organisations) and headcounts, never persons.
_PERSONAL_PARTS = (
    "vorname",
    "nachname",
    "familienname",
    "ansprechp",
    "kontaktp",
    "kontaktdaten",
    "firstname",
    "lastname",
    "surname",
    "fullname",
    "geburt",
    "birth",
    "personenname",
    "teilnehmername",
    "nameperson",
    "namederperson",
    "privatadresse",
    "wohnort",
)
_PERSONAL_EXACT = ("person", "personen name", "kontakt", "contact", "contactperson")
_PHONE_PARTS = ("telefon", "phone", "handy", "faxnummer", "mobilnummer", "mobiltelefon")
_PHONE_EXACT = ("tel", "telnr", "fax", "mobil", "mobile", "cell")


def personal_data_kind(header: object) -> str | None:
    """ "email", "phone" or "person" when a header names personal data, else None."""
    folded = fold_compact(header)
    if not folded:
        return None
    if "mail" in folded:
        return "email"
    if folded in _PHONE_EXACT or any(part in folded for part in _PHONE_PARTS):
        return "phone"
    if folded in {fold_compact(e) for e in _PERSONAL_EXACT} or any(
        part in folded for part in _PERSONAL_PARTS
    ):
        return "person"
    return None


def table_for(name: object) -> str | None:
    """The canonical table a file or sheet name stands for ("Akteure.csv" stem → "actors")."""
    folded = fold_compact(name)
    for table in schema.LOAD_ORDER:
        if folded == fold_compact(table) or folded in {
            fold_compact(alias) for alias in TABLE_ALIASES[table]
        }:
            return table
    return None


def columns_of(table: str) -> tuple[str, ...]:
    """The columns a file for `table` may have: canonical ones plus import-only extras."""
    return tuple(COLUMN_ALIASES[table])


def column_for(table: str, header: object) -> str | None:
    """The canonical column a header names in `table`, or None."""
    folded = fold_compact(header)
    if not folded:
        return None
    for column in COLUMN_ALIASES[table]:
        if folded == fold_compact(column):
            return column
    for column, aliases in COLUMN_ALIASES[table].items():
        if folded in {fold_compact(alias) for alias in aliases}:
            return column
    return None


def german_header(table: str, column: str) -> str:
    return COLUMN_ALIASES[table][column][0]


def canonical_value(table: str, column: str, value: str) -> str | None:
    """The canonical category for `value` ("Podium" → "panel"), or None if unknown."""
    folded = fold_compact(value)
    for canonical, aliases in VALUE_ALIASES[(table, column)].items():
        if folded == fold_compact(canonical) or folded in {
            fold_compact(alias) for alias in aliases
        }:
            return canonical
    return None
