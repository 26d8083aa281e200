"""Placing actors without coordinates from the gazetteer (data/geo/places.csv).

The state narrows the search: from the `state` column or from the first two digits of the
AGS. The query is the actor's `city`; for a municipality (type kommune) also its name;
for a kreisfreie Stadt (AGS ending in 000) also the district's name. One match places the
actor; several are an ambiguity the user resolves; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.geo.data import districts, find_place
from dashboard.geo.states import STATES, state_name
from dashboard.i18n import fmt_number, t

PLACED = "placed"
AMBIGUOUS = "ambiguous"
NOT_FOUND = "not_found"
SKIPPED = "skipped"
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class Candidate:
    geonameid: str
    name: str
    state: str
    lat: float
    lon: float
    population: int

    def label(self, lang: str = "de") -> str:
        state = state_name(self.state, lang) or t("common.abroad_or_unknown", lang)
        people = t("ingest.geo_population", lang, count=fmt_number(self.population, lang))
        return f"{self.name}, {state} ({people})"

    def short(self) -> str:
        """Language-neutral label for messages: "Langenfeld (NW)"."""
        state = STATES.get(self.state)
        return f"{self.name} ({state.abbr})" if state else self.name

    def as_dict(self) -> dict:
        return {
            "geonameid": self.geonameid,
            "name": self.name,
            "state": self.state,
            "lat": self.lat,
            "lon": self.lon,
            "population": self.population,
        }


@dataclass(frozen=True)
class Lookup:
    status: str
    query: str | None = None
    candidates: tuple[Candidate, ...] = ()


def _district_name(ags: str) -> str | None:
    if not ags.endswith("000"):
        return None
    frame = districts()
    match = frame.loc[frame["ags"] == ags[:5], "name"]
    return str(match.iloc[0]) if len(match) else None


def _queries(
    name: str | None, actor_type: str | None, city: str | None, ags: str | None
) -> list[str]:
    queries = []
    if city:
        queries.append(city)
    if actor_type == "kommune" and name:
        queries.append(name)
    if ags:
        district = _district_name(ags)
        if district:
            queries.append(district)
    unique = []
    for query in queries:
        if query not in unique:
            unique.append(query)
    return unique


def locate(
    name: str | None, actor_type: str | None, city: str | None, state: str | None, ags: str | None
) -> Lookup:
    """Where the gazetteer puts an actor, or why it cannot."""
    code = state if state in STATES else (ags[:2] if ags and ags[:2] in STATES else None)
    queries = _queries(name, actor_type, city, ags)
    if not queries:
        return Lookup(SKIPPED)
    for query in queries:
        results = find_place(query, code)
        if not results:
            continue
        exact = [r for r in results if r["match"] == "exact"]
        chosen = exact or results
        candidates = tuple(
            Candidate(
                str(r["geonameid"]),
                r["name_de"] or r["name"],
                r["state"],
                float(r["lat"]),
                float(r["lon"]),
                int(r["population"]),
            )
            for r in chosen[:MAX_CANDIDATES]
        )
        if len(chosen) == 1:
            return Lookup(PLACED, query, candidates)
        return Lookup(AMBIGUOUS, query, candidates)
    return Lookup(NOT_FOUND, queries[0])
