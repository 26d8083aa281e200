"""The 16 Bundesländer keyed by their 2-digit AGS prefix.

The AGS code is the canonical key everywhere in the app; names and abbreviations exist so
that imports can accept what people actually type ("NRW", "Nordrhein-Westfalen", "05").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class State:
    code: str
    name_de: str
    name_en: str
    abbr: str
    aliases: tuple[str, ...] = ()


STATES: dict[str, State] = {
    s.code: s
    for s in (
        State("01", "Schleswig-Holstein", "Schleswig-Holstein", "SH"),
        State("02", "Hamburg", "Hamburg", "HH"),
        State("03", "Niedersachsen", "Lower Saxony", "NI", ("NDS",)),
        State("04", "Bremen", "Bremen", "HB"),
        State("05", "Nordrhein-Westfalen", "North Rhine-Westphalia", "NW", ("NRW",)),
        State("06", "Hessen", "Hesse", "HE"),
        State("07", "Rheinland-Pfalz", "Rhineland-Palatinate", "RP", ("RLP",)),
        State("08", "Baden-Württemberg", "Baden-Württemberg", "BW"),
        State("09", "Bayern", "Bavaria", "BY"),
        State("10", "Saarland", "Saarland", "SL"),
        State("11", "Berlin", "Berlin", "BE"),
        State("12", "Brandenburg", "Brandenburg", "BB"),
        State("13", "Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania", "MV"),
        State("14", "Sachsen", "Saxony", "SN"),
        State("15", "Sachsen-Anhalt", "Saxony-Anhalt", "ST"),
        State("16", "Thüringen", "Thuringia", "TH"),
    )
}

# GeoNames admin1 codes for Germany differ from the AGS state codes.
GEONAMES_ADMIN1_TO_AGS: dict[str, str] = {
    "01": "08",
    "02": "09",
    "03": "04",
    "04": "02",
    "05": "06",
    "06": "03",
    "07": "05",
    "08": "07",
    "09": "10",
    "10": "01",
    "11": "12",
    "12": "13",
    "13": "14",
    "14": "15",
    "15": "16",
    "16": "11",
}


def state_name(code: str | None, lang: str = "de") -> str:
    """Display name of a state code; empty for unknown or missing codes."""
    state = STATES.get(code or "")
    if state is None:
        return ""
    return state.name_en if lang == "en" else state.name_de


def normalise_state(value: object) -> str | None:
    """Map a name, abbreviation or code to the 2-digit AGS code, or None if unknown."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit() and len(text) <= 2:
        code = text.zfill(2)
        return code if code in STATES else None
    folded = text.casefold()
    for state in STATES.values():
        names = (state.name_de, state.name_en, state.abbr, *state.aliases)
        if folded in (n.casefold() for n in names):
            return state.code
    return None
