"""Deterministic sample dataset ("Beispieldaten") grown around the documented 2017 event.

All randomness comes from one `numpy.random.default_rng(seed)` and every draw runs over
lists in a fixed order, so a seed always gives identical frames. Municipalities and their
coordinates are real (data/geo/places.csv); the other actors' names, event titles, venues,
dates, headcounts and links are invented and carry source="sample". The documented rows
(`dashboard.sample.seed.documented`) are contained unchanged: no sample session is added to 2017
and no sample row restates a documented one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.geo.data import districts, places
from dashboard.geo.states import STATES
from dashboard.i18n.folding import slug
from dashboard.sample.seed import conform, documented

FIRST_YEAR, LAST_YEAR = 2014, 2025
DOCUMENTED_YEAR = 2017
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
SAMPLE = schema.SOURCE_SAMPLE

# Candidate municipalities per state, spelled as `name_de` in the gazetteer: cities of every
# size from every Land, so maps and state comparisons have something to show everywhere.
_MUNICIPALITIES: dict[str, tuple[str, ...]] = {
    "01": (
        "Kiel",
        "Lübeck",
        "Flensburg",
        "Neumünster",
        "Norderstedt",
        "Elmshorn",
        "Husum",
        "Eckernförde",
        "Bad Segeberg",
        "Ratzeburg",
        "Plön",
    ),
    "02": ("Hamburg",),
    "03": (
        "Hannover",
        "Braunschweig",
        "Oldenburg",
        "Osnabrück",
        "Göttingen",
        "Wolfsburg",
        "Hildesheim",
        "Lüneburg",
        "Celle",
        "Emden",
        "Goslar",
        "Aurich",
        "Uelzen",
        "Wunstorf",
        "Wolfenbüttel",
    ),
    "04": ("Bremen", "Bremerhaven"),
    "05": (
        "Köln",
        "Düsseldorf",
        "Dortmund",
        "Essen",
        "Bielefeld",
        "Münster",
        "Bonn",
        "Gelsenkirchen",
        "Aachen",
        "Langenfeld",
        "Arnsberg",
        "Solingen",
        "Herne",
        "Gütersloh",
        "Detmold",
        "Siegen",
        "Moers",
        "Unna",
        "Bocholt",
        "Wesel",
        "Monheim am Rhein",
        "Hilden",
        "Soest",
        "Lünen",
        "Monschau",
    ),
    "06": (
        "Frankfurt am Main",
        "Wiesbaden",
        "Kassel",
        "Darmstadt",
        "Offenbach",
        "Marburg an der Lahn",
        "Gießen",
        "Fulda",
        "Hanau am Main",
        "Bad Homburg vor der Höhe",
        "Wetzlar",
        "Eschwege",
        "Alsfeld",
    ),
    "07": (
        "Mainz",
        "Ludwigshafen am Rhein",
        "Koblenz",
        "Trier",
        "Kaiserslautern",
        "Pirmasens",
        "Worms",
        "Neuwied",
        "Speyer",
        "Landau in der Pfalz",
        "Bad Kreuznach",
        "Zweibrücken",
        "Bitburg",
    ),
    "08": (
        "Stuttgart",
        "Mannheim",
        "Karlsruhe",
        "Freiburg",
        "Heidelberg",
        "Ulm",
        "Heilbronn",
        "Pforzheim",
        "Reutlingen",
        "Tübingen",
        "Ludwigsburg",
        "Konstanz",
        "Esslingen",
        "Schwäbisch Hall",
        "Ravensburg",
        "Offenburg",
        "Weinheim",
    ),
    "09": (
        "München",
        "Nürnberg",
        "Augsburg",
        "Regensburg",
        "Würzburg",
        "Ingolstadt",
        "Erlangen",
        "Fürth",
        "Bamberg",
        "Bayreuth",
        "Landshut",
        "Kempten (Allgäu)",
        "Rosenheim",
        "Passau",
        "Schweinfurt",
        "Coburg",
        "Memmingen",
        "Dachau",
        "Freising",
        "Neumarkt in der Oberpfalz",
        "Bad Tölz",
    ),
    "10": ("Saarbrücken", "Neunkirchen", "Saarlouis", "Homburg", "Sankt Ingbert", "Merzig"),
    "11": ("Berlin",),
    "12": (
        "Potsdam",
        "Cottbus",
        "Brandenburg an der Havel",
        "Frankfurt (Oder)",
        "Eberswalde",
        "Oranienburg",
        "Neuruppin",
        "Eisenhüttenstadt",
        "Luckenwalde",
        "Templin",
    ),
    "13": (
        "Rostock",
        "Schwerin",
        "Neubrandenburg",
        "Stralsund",
        "Wismar",
        "Güstrow",
        "Waren",
        "Ueckermünde",
    ),
    "14": (
        "Leipzig",
        "Dresden",
        "Chemnitz",
        "Zwickau",
        "Plauen",
        "Görlitz",
        "Bautzen",
        "Freiberg",
        "Pirna",
        "Hoyerswerda",
        "Meißen",
        "Annaberg-Buchholz",
    ),
    "15": (
        "Magdeburg",
        "Halle (Saale)",
        "Halberstadt",
        "Stendal",
        "Wernigerode",
        "Weißenfels",
        "Bernburg",
        "Quedlinburg",
    ),
    "16": (
        "Erfurt",
        "Jena",
        "Gera",
        "Weimar",
        "Gotha",
        "Nordhausen",
        "Eisenach",
        "Suhl",
        "Mühlhausen",
        "Ilmenau",
        "Saalfeld",
        "Sonneberg",
    ),
}

# (id, name, weight in 2014, weight in 2025): how likely a topic gets a workshop, moving in a
# straight line between the two years.
_TOPICS: tuple[tuple[str, str, float, float], ...] = (
    ("kompetenzen", "Kompetenzen", 1.3, 0.8),
    ("quartiersmanagement", "Quartiersmanagement", 1.5, 1.0),
    ("steuerung", "Steuerung", 1.4, 0.9),
    ("wirkung", "Wirkung", 0.6, 1.6),
    ("netzwerkmanagement", "Netzwerkmanagement", 1.2, 1.2),
    ("quartierskoordination", "Quartierskoordination", 0.8, 1.1),
    ("buergerbeteiligung", "Bürgerbeteiligung", 1.0, 1.5),
    ("digitalisierung", "Digitalisierung", 0.2, 4.0),
    ("engagementfoerderung", "Engagementförderung", 1.6, 1.2),
    ("integration", "Integration", 0.5, 0.7),
    ("demografie", "Demografie", 2.2, 0.4),
    ("finanzierung", "Finanzierung", 0.9, 1.1),
    ("nachhaltigkeit", "Nachhaltigkeit", 0.1, 2.5),
)
# Integration peaks in the years after the arrivals of refugees in 2015: (year, extra weight).
_TOPIC_PEAKS: dict[str, tuple[int, float]] = {"integration": (2016, 2.2)}

_WORKSHOP_TITLES: dict[str, tuple[str, ...]] = {
    "kompetenzen": (
        "Kompetenzen für die Netzwerkarbeit",
        "Was Engagement-Lotsen können müssen",
        "Qualifizierung im Ehrenamt",
    ),
    "quartiersmanagement": (
        "Quartiersmanagement zwischen Verwaltung und Nachbarschaft",
        "Lebendige Quartiere gestalten",
        "Quartiersarbeit im ländlichen Raum",
    ),
    "steuerung": (
        "Steuerung von Netzwerken in der Kommune",
        "Verwaltung als Netzwerkpartner",
        "Strategische Steuerung der Engagementförderung",
    ),
    "wirkung": (
        "Wirkung messen und zeigen",
        "Wirkungsorientierung in kommunalen Netzwerken",
        "Was wirkt? Evaluation vor Ort",
    ),
    "netzwerkmanagement": (
        "Netzwerke aufbauen und pflegen",
        "Fortbildung Netzwerkmanagement",
        "Rollen im Netzwerk klären",
    ),
    "quartierskoordination": (
        "Quartierskoordination in der Praxis",
        "Koordination im Stadtteil",
        "Quartiersbüros als Anlaufstelle",
    ),
    "buergerbeteiligung": (
        "Beteiligung, die ankommt",
        "Bürgerräte und Zukunftswerkstätten",
        "Jugendbeteiligung in der Kommune",
    ),
    "digitalisierung": (
        "Digitale Beteiligung vor Ort",
        "Digitale Werkzeuge für Ehrenamtliche",
        "Nachbarschaft digital vernetzen",
    ),
    "engagementfoerderung": (
        "Engagement fördern, aber wie?",
        "Freiwilligenagenturen als Drehscheibe",
        "Anerkennungskultur im Ehrenamt",
    ),
    "integration": (
        "Ankommen im Quartier",
        "Integration durch Engagement",
        "Patenschaften für Geflüchtete",
    ),
    "demografie": (
        "Demografischer Wandel vor Ort",
        "Älter werden im Quartier",
        "Daseinsvorsorge in schrumpfenden Regionen",
    ),
    "finanzierung": (
        "Fördermittel klug kombinieren",
        "Finanzierung von Netzwerken",
        "Stiftungen als Partner der Kommune",
    ),
    "nachhaltigkeit": (
        "Klimaschutz gemeinsam vor Ort",
        "Die nachhaltige Kommune",
        "Lokale Agenda und Engagement",
    ),
}

_EVENT_TITLES = (
    "Engagement vor Ort gestalten",
    "Gemeinsam im Quartier",
    "Kommunen im Netzwerk",
    "Wirkung sichtbar machen",
    "Netzwerke steuern",
    "Digital und vor Ort",
    "Zusammenhalt in Vielfalt",
    "Nachbarschaft neu denken",
    "Die Kommune der Zukunft",
    "Beteiligung, die wirkt",
    "Engagement braucht Partner",
    "Stark durch Vernetzung",
    "Wandel gemeinsam gestalten",
    "Orte des Miteinanders",
)
_VENUES = ("Rathaus", "Stadthalle", "Kongresszentrum", "Bürgerhaus")
_STANDS = ("Gallery Walk", "Marktplatz der Projekte")

# Local partners: (type, name pattern, how often the pattern is drawn).
_PARTNERS: tuple[tuple[str, str, float], ...] = (
    ("initiative", "Freiwilligenagentur {}", 3.0),
    ("initiative", "Nachbarschaftsinitiative {}", 2.0),
    ("initiative", "Mehrgenerationenhaus {}", 1.5),
    ("initiative", "Seniorenbüro {}", 1.0),
    ("organisation", "Volkshochschule {}", 1.5),
    ("organisation", "Stadtjugendring {}", 1.0),
    ("organisation", "Wohnungsgenossenschaft {}", 1.0),
    ("stiftung", "Bürgerstiftung {}", 3.0),
    ("stiftung", "Gemeinschaftsstiftung {}", 1.0),
    ("netzwerk", "Netzwerk Engagement {}", 1.5),
    ("netzwerk", "Lokales Bündnis für Familie {}", 1.5),
    ("netzwerk", "Integrationsnetzwerk {}", 1.0),
)
# Actors working nationwide: no place, so the map lists them as "ohne Ort".
_NATIONAL: tuple[tuple[str, str], ...] = (
    ("Bundesnetzwerk Quartiersarbeit", "netzwerk"),
    ("Stiftung Lebendige Nachbarschaft", "stiftung"),
    ("Plattform Engagement digital", "organisation"),
    ("Programm Kommune gemeinsam gestalten", "initiative"),
)
# Partners abroad (GeoNames coordinates of the city centre).
_ABROAD: tuple[tuple[str, str, str, float, float], ...] = (
    ("Freiwilligenzentrum Wien", "initiative", "Wien", 48.20849, 16.37208),
    ("Netzwerk Nachbarschaft Zürich", "netzwerk", "Zürich", 47.36667, 8.55),
)

_LINK_KIND_SHARES = (0.45, 0.35, 0.20)  # schema.LINK_KINDS: kooperation, austausch, projekt
_HOST_MIN_POPULATION = 150_000
# What follows a place's base name: "Oldenburg (Oldenburg), Stadt", "Frankfurt am Main".
_QUALIFIER = re.compile(r"\s*(?:[(,/]|\s(?:an|am|im|in|ob|bei|vor|auf)\s|\s[aiov]\.).*$")


@dataclass
class _Actor:
    row: dict
    population: int = 0
    interests: np.ndarray | None = None

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def type(self) -> str:
        return self.row["type"]


@dataclass(frozen=True)
class _Session:
    id: str
    kind: str
    title: str
    topics: tuple[int, ...]  # indices into _TOPICS


def _weights(values) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    return array / array.sum()


def _base_name(name: str) -> str:
    return _QUALIFIER.sub("", name).strip().casefold()


def _kreisfrei_ags(place: dict, district_rows: list[dict]) -> str | None:
    """The AGS of a kreisfreie Stadt: its 5-digit district key followed by "000".

    A district qualifies when it has the city's name in the same state and about its
    population. A Landkreis of the same name is several times larger, so a town inside a
    Landkreis (Göttingen) or a Region (Hannover) gets no key rather than a wrong one.
    """
    base = _base_name(place["name_de"])
    candidates = [
        d for d in district_rows if d["state"] == place["state"] and _base_name(d["name"]) == base
    ]
    if not candidates:
        return None
    best = min(candidates, key=lambda d: abs(d["population"] - place["population"]))
    if abs(best["population"] - place["population"]) > 0.3 * place["population"]:
        return None
    return best["ags"] + "000"


def _gazetteer() -> list[dict]:
    """The candidate municipalities as gazetteer records, the largest place of each name."""
    table = places().drop_duplicates(["state", "name_de"])
    wanted = {(state, name) for state, names in _MUNICIPALITIES.items() for name in names}
    by_key = {
        (r["state"], r["name_de"]): r
        for r in table.to_dict("records")
        if (r["state"], r["name_de"]) in wanted
    }
    district_rows = districts().to_dict("records")
    pool = []
    for state, names in _MUNICIPALITIES.items():
        for name in names:
            place = by_key.get((state, name))
            if place is None:
                raise LookupError(f"{name} ({state}) is missing from data/geo/places.csv")
            pool.append({**place, "ags": _kreisfrei_ags(place, district_rows)})
    return pool


def _topic_weights(year: int) -> np.ndarray:
    share = (year - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR)
    weights = np.array([start + (end - start) * share for _id, _name, start, end in _TOPICS])
    for topic_id, (peak_year, height) in _TOPIC_PEAKS.items():
        index = [t[0] for t in _TOPICS].index(topic_id)
        weights[index] += height * np.exp(-(((year - peak_year) / 1.5) ** 2))
    return weights


def _actor_row(
    name: str, actor_type: str, state=None, city=None, lat=None, lon=None, ags=None
) -> dict:
    return {
        "id": slug(name),
        "name": name,
        "type": actor_type,
        "ags": ags,
        "state": state,
        "city": city,
        "lat": lat,
        "lon": lon,
        "website": None,
        "source": SAMPLE,
    }


def _hosts(rng, pool: list[dict], documented_city: str) -> dict[int, int]:
    """Pool index of the host city per sample year: large cities, each once."""
    candidates = [
        i
        for i, place in enumerate(pool)
        if place["population"] >= _HOST_MIN_POPULATION and place["name_de"] != documented_city
    ]
    years = [year for year in YEARS if year != DOCUMENTED_YEAR]
    picked = rng.choice(candidates, size=len(years), replace=False)
    return {year: int(index) for year, index in zip(years, picked, strict=False)}


def _choose_municipalities(rng, pool: list[dict], required: list[int]) -> list[int]:
    """Pool indices: the required ones, at least one per state, then a random mix."""
    chosen = list(dict.fromkeys(required))
    for state in STATES:
        if not any(pool[i]["state"] == state for i in chosen):
            options = [i for i, place in enumerate(pool) if place["state"] == state]
            chosen.append(int(rng.choice(options)))
    rest = [i for i in range(len(pool)) if i not in chosen]
    # Bigger cities are somewhat more likely, small towns still come in.
    weights = _weights([pool[i]["population"] ** 0.35 for i in rest])
    size = max(0, int(rng.integers(85, 101)) - len(chosen))
    extra = rng.choice(rest, size=size, replace=False, p=weights)
    return sorted(chosen + [int(i) for i in extra])


def _actors(rng, documented: pd.DataFrame, pool: list[dict], required: list[int]):
    """All candidate actors, documented ones first, and the actor id of each pool index used."""
    place_index = {(p["state"], p["lat"], p["lon"]): i for i, p in enumerate(pool)}
    actors, ids = [], {}
    for row in documented.to_dict("records"):
        index = place_index.get((row["state"], row["lat"], row["lon"]))
        if row["type"] == "kommune" and index is not None:
            ids[index] = row["id"]
            actors.append(_Actor(row, pool[index]["population"]))
        else:
            actors.append(_Actor(row))

    chosen = _choose_municipalities(rng, pool, [*ids, *required])
    for index in chosen:
        if index not in ids:
            place = pool[index]
            row = _actor_row(
                place["name_de"],
                "kommune",
                place["state"],
                place["name_de"],
                place["lat"],
                place["lon"],
                place["ags"],
            )
            ids[index] = row["id"]
            actors.append(_Actor(row, place["population"]))

    taken = {actor.id for actor in actors}
    pattern_weights = _weights([share for _type, _pattern, share in _PARTNERS])
    city_weights = _weights([pool[i]["population"] ** 0.5 for i in chosen])
    wanted = len(actors) + int(rng.integers(45, 56))
    while len(actors) < wanted:
        actor_type, pattern, _share = _PARTNERS[int(rng.choice(len(_PARTNERS), p=pattern_weights))]
        place = pool[chosen[int(rng.choice(len(chosen), p=city_weights))]]
        row = _actor_row(
            pattern.format(place["name_de"]),
            actor_type,
            place["state"],
            place["name_de"],
            place["lat"],
            place["lon"],
        )
        if row["id"] not in taken:
            taken.add(row["id"])
            actors.append(_Actor(row))
    actors.extend(_Actor(_actor_row(name, actor_type)) for name, actor_type in _NATIONAL)
    actors.extend(
        _Actor(_actor_row(name, actor_type, None, city, lat, lon))
        for name, actor_type, city, lat, lon in _ABROAD
    )
    for actor in actors:
        actor.interests = np.zeros(len(_TOPICS))
        actor.interests[rng.choice(len(_TOPICS), size=3, replace=False)] = 1.0
    return actors, ids


def _events(rng, pool: list[dict], hosts: dict[int, int]) -> dict[int, dict]:
    titles = rng.permutation(len(_EVENT_TITLES))
    events = {}
    for number, (year, index) in enumerate(hosts.items()):
        city = pool[index]["name_de"]
        start = dt.date(year, int(rng.choice([6, 9])), int(rng.integers(1, 23)))
        while start.weekday() not in (1, 2, 3):  # Tuesday to Thursday
            start += dt.timedelta(days=1)
        days = 1 if rng.random() < 0.8 else 0
        venue = _VENUES[int(rng.integers(len(_VENUES)))]
        events[year] = {
            "id": f"{year}-{slug(city)}",
            "year": year,
            "title": _EVENT_TITLES[titles[number]],
            "start_date": start,
            "end_date": start + dt.timedelta(days=days),
            "city": city,
            "venue": f"{venue} {city}",
            "source": SAMPLE,
        }
    return events


def _event_sessions(rng, year: int) -> list[_Session]:
    """6–10 sessions, mostly workshops on topics drawn by that year's topic trend."""
    weights = _topic_weights(year)
    names = [name for _id, name, _start, _end in _TOPICS]
    get_together = rng.random() < 0.85
    panel = rng.random() < 0.9
    stand = rng.random() < 0.45
    count = max(3, int(rng.integers(6, 11)) - (1 + get_together + panel + stand))
    main = [
        int(t) for t in rng.choice(len(_TOPICS), size=count, replace=False, p=_weights(weights))
    ]
    leading = sorted(main, key=lambda t: -weights[t])

    sessions = []
    if get_together:
        sessions.append(
            _Session(f"{year}-get-together", "get-together", "Get-Together am Vorabend", ())
        )
    sessions.append(
        _Session(
            f"{year}-keynote",
            "keynote",
            f"Impulsvortrag zum Schwerpunkt {names[leading[0]]}",
            (leading[0],),
        )
    )
    for topic in main:
        topics = (topic,)
        if rng.random() < 0.35:
            others = [t for t in range(len(_TOPICS)) if t != topic]
            topics += (int(rng.choice(others, p=_weights(weights[others]))),)
        titles = _WORKSHOP_TITLES[_TOPICS[topic][0]]
        sessions.append(
            _Session(
                f"{year}-ws-{_TOPICS[topic][0]}",
                "workshop",
                titles[int(rng.integers(len(titles)))],
                topics,
            )
        )
    if panel:
        sessions.append(
            _Session(
                f"{year}-panel",
                "panel",
                f"Podiumsdiskussion: {names[leading[1]]} gemeinsam gestalten",
                (leading[1],),
            )
        )
    if stand:
        title = _STANDS[int(rng.integers(len(_STANDS)))]
        sessions.append(_Session(f"{year}-{slug(title)}", "stand", title, ()))
    return sessions


def _documented_sessions(frames: dict[str, pd.DataFrame]) -> list[_Session]:
    topic_ids = [t[0] for t in _TOPICS]
    links = frames["session_topics"]
    return [
        _Session(
            row["id"],
            row["kind"],
            row["title"],
            tuple(
                topic_ids.index(t) for t in links.loc[links["session_id"] == row["id"], "topic_id"]
            ),
        )
        for row in frames["sessions"].to_dict("records")
    ]


def _presence(rng, actors: list[_Actor], forced: dict[int, list[int]]) -> dict[int, np.ndarray]:
    """Who comes each year: most return, some drop out (and may come back), newcomers fill up
    to a head count of actors that grows from about 30 to about 90."""
    n = len(actors)
    loyalty = rng.beta(7, 2, size=n)
    kommune = np.array([actor.type == "kommune" for actor in actors])
    pull = np.array([(max(a.population, 20_000) / 100_000) ** 0.3 for a in actors])
    targets = np.linspace(int(rng.integers(28, 37)), int(rng.integers(82, 101)), len(YEARS))
    targets[1:-1] += rng.normal(0, 2.5, len(YEARS) - 2)
    ever = np.zeros(n, dtype=bool)
    previous = np.zeros(n, dtype=bool)
    presence = {}
    for year, target in zip(YEARS, np.round(targets).astype(int), strict=False):
        present = previous & (rng.random(n) < loyalty)
        present |= ever & ~previous & (rng.random(n) < 0.2)
        present[forced.get(year, [])] = True
        # Municipalities make up the early network; initiatives and others join later on.
        appeal = pull * np.where(kommune, 1.0, 0.35 + 0.1 * (year - FIRST_YEAR))
        for group in (~ever, ever):  # newcomers first, then those who had stayed away
            options = np.flatnonzero(group & ~present)
            missing = int(target - present.sum())
            if missing > 0 and options.size:
                picked = rng.choice(
                    options,
                    size=min(missing, options.size),
                    replace=False,
                    p=_weights(appeal[options]),
                )
                present[picked] = True
        ever |= present
        previous = present
        presence[year] = present
    return presence


def _headcount(rng, actor: _Actor) -> int:
    if actor.type == "kommune" and actor.population >= 500_000:
        return int(rng.integers(3, 9))
    if actor.type == "kommune" and actor.population >= 100_000:
        return int(rng.integers(2, 6))
    return int(rng.integers(1, 4))


_PLENARY_SHARE = {"get-together": 0.6, "keynote": 0.85, "panel": 0.7}


def _roles(
    rng, actors, present: list[int], sessions: list[_Session], organiser: int | None
) -> dict[int, str]:
    roles = dict.fromkeys(present, "participant")
    if organiser is None:
        return roles
    roles[organiser] = "organiser"
    if any(s.kind == "stand" for s in sessions):
        others = [i for i in present if roles[i] == "participant"]
        weights = _weights([1.0 if actors[i].type == "kommune" else 3.0 for i in others])
        for i in rng.choice(others, size=int(rng.integers(4, 9)), replace=False, p=weights):
            roles[int(i)] = "exhibitor"
    others = [i for i in present if roles[i] == "participant"]
    for i in rng.choice(others, size=int(rng.integers(1, 4)), replace=False):
        roles[int(i)] = "speaker"
    return roles


def _attendance(rng, actors, presence, sessions_by_year, event_ids, organisers):
    """Attendance rows, and for each pair of actors who shared a workshop: first year, count."""
    rows = []
    meetings: dict[tuple[str, str], list[int]] = {}
    for year in YEARS:
        event_id = event_ids[year]
        sessions = sessions_by_year[year]
        workshops = [s for s in sessions if s.kind == "workshop"]
        # Trending topics draw larger crowds, on top of each actor's own interests.
        trend = _topic_weights(year)
        present = [int(i) for i in np.flatnonzero(presence[year])]
        # The documented event gets participants only: its roles are what the source says.
        roles = _roles(rng, actors, present, sessions, organisers.get(year))
        members = {s.id: [] for s in workshops}
        for i in present:
            actor = actors[i]
            head = _headcount(rng, actor)
            if roles[i] == "organiser":
                head = min(8, head + 2)
            rows.append(_attendance_row(event_id, actor.id, None, roles[i], head))
            for session in sessions:
                if session.kind in _PLENARY_SHARE and rng.random() < _PLENARY_SHARE[session.kind]:
                    rows.append(
                        _attendance_row(
                            event_id,
                            actor.id,
                            session.id,
                            "participant",
                            int(rng.integers(1, head + 1)),
                        )
                    )
                elif session.kind == "stand" and roles[i] == "exhibitor":
                    rows.append(
                        _attendance_row(
                            event_id,
                            actor.id,
                            session.id,
                            "exhibitor",
                            int(rng.integers(1, min(head, 2) + 1)),
                        )
                    )
            interest = [
                (1.0 + 3.0 * max(actor.interests[t] for t in s.topics)) * trend[s.topics[0]]
                for s in workshops
            ]
            visits = min(len(workshops), int(rng.integers(1, 3)))
            for j in np.sort(
                rng.choice(len(workshops), size=visits, replace=False, p=_weights(interest))
            ):
                workshop = workshops[int(j)]
                rows.append(
                    _attendance_row(
                        event_id,
                        actor.id,
                        workshop.id,
                        "participant",
                        int(rng.integers(1, min(head, 3) + 1)),
                    )
                )
                members[workshop.id].append(actor.id)
        for member_ids in members.values():
            for position, a in enumerate(member_ids):
                for b in member_ids[position + 1 :]:
                    pair = (a, b) if a < b else (b, a)
                    if pair in meetings:
                        meetings[pair][1] += 1
                    else:
                        meetings[pair] = [year, 1]
    return rows, meetings


def _attendance_row(event_id, actor_id, session_id, role, headcount) -> dict:
    return {
        "event_id": event_id,
        "actor_id": actor_id,
        "session_id": session_id,
        "role": role,
        "headcount": headcount,
        "source": SAMPLE,
    }


def _until(rng, kind: str, since: int) -> int | None:
    if rng.random() >= (0.5 if kind == "projekt" else 0.07):
        return None
    until = since + int(rng.integers(1, 4))
    return until if until <= LAST_YEAR else None


def _links(rng, actors: list[_Actor], meetings: dict[tuple[str, str], list[int]]) -> list[dict]:
    """Links between actors who met in a workshop, mostly from the following year on.

    Pairs who met more often, share a state or differ in type are likelier to link up.
    """
    rows_by_id = {actor.id: actor.row for actor in actors}
    candidates = sorted(pair for pair, (first, _count) in meetings.items() if first < LAST_YEAR)
    scores = []
    for a, b in candidates:
        x, y = rows_by_id[a], rows_by_id[b]
        same_state = x["state"] is not None and x["state"] == y["state"]
        scores.append(
            (meetings[(a, b)][1] + 0.8 * same_state + 0.6 * (x["type"] != y["type"])) ** 2
        )
    size = min(int(rng.integers(160, 241)), len(candidates))
    rows = []
    for index in np.sort(rng.choice(len(candidates), size=size, replace=False, p=_weights(scores))):
        a, b = candidates[int(index)]
        first, count = meetings[(a, b)]
        since = min(first + int(rng.choice(4, p=[0.1, 0.65, 0.17, 0.08])), LAST_YEAR)
        kind = schema.LINK_KINDS[int(rng.choice(len(schema.LINK_KINDS), p=_LINK_KIND_SHARES))]
        weight = min(5, 1 + count // 2 + int(rng.integers(0, 2)))
        rows.append(_link_row(a, b, kind, since, _until(rng, kind, since), weight))
        if rng.random() < 0.12:  # a pair that works together in a second way later on
            other = [k for k in schema.LINK_KINDS if k != kind][int(rng.integers(2))]
            later = min(since + int(rng.integers(1, 4)), LAST_YEAR)
            rows.append(
                _link_row(a, b, other, later, _until(rng, other, later), int(rng.integers(1, 4)))
            )
    return rows


def _link_row(a, b, kind, since, until, weight) -> dict:
    return {
        "source_id": a,
        "target_id": b,
        "kind": kind,
        "since_year": since,
        "until_year": until,
        "weight": float(weight),
        "source": SAMPLE,
    }


def generate(seed: int = 2017) -> dict[str, pd.DataFrame]:
    """The documented rows plus a sample network 2014–2025; the same seed, the same frames."""
    rng = np.random.default_rng(seed)
    known = documented()
    known_event = known["events"].to_dict("records")[0]
    pool = _gazetteer()
    names = [place["name_de"] for place in pool]

    hosts = _hosts(rng, pool, known_event["city"])
    # Mannheim (home of Change2 Mannheim) and the host city also come to the documented event.
    joined_2017 = [names.index("Mannheim"), names.index(known_event["city"])]
    actors, actor_of_pool = _actors(rng, known["actors"], pool, [*joined_2017, *hosts.values()])
    position = {actor.id: i for i, actor in enumerate(actors)}

    events = {**_events(rng, pool, hosts), DOCUMENTED_YEAR: known_event}
    event_ids = {year: events[year]["id"] for year in YEARS}
    sessions = {
        year: _documented_sessions(known) if year == DOCUMENTED_YEAR else _event_sessions(rng, year)
        for year in YEARS
    }
    organisers = {year: position[actor_of_pool[index]] for year, index in hosts.items()}
    forced = {year: [i] for year, i in organisers.items()}
    forced[DOCUMENTED_YEAR] = [
        *(position[actor_id] for actor_id in known["attendance"]["actor_id"]),
        *(position[actor_of_pool[index]] for index in joined_2017),
    ]
    presence = _presence(rng, actors, forced)
    attendance, meetings = _attendance(rng, actors, presence, sessions, event_ids, organisers)
    links = _links(rng, actors, meetings)

    came = np.logical_or.reduce([presence[year] for year in YEARS])
    session_rows, session_topic_rows = [], []
    for year in YEARS:
        if year == DOCUMENTED_YEAR:
            session_rows.extend(known["sessions"].to_dict("records"))
            continue
        for session in sessions[year]:
            session_rows.append(
                {
                    "id": session.id,
                    "event_id": event_ids[year],
                    "kind": session.kind,
                    "title": session.title,
                    "source": SAMPLE,
                }
            )
            session_topic_rows.extend(
                {"session_id": session.id, "topic_id": _TOPICS[t][0]} for t in session.topics
            )
    known_topics = set(known["topics"]["id"])
    rows = {
        # Sample actors who never came to an event would only be dots without a story.
        "actors": [
            actor.row
            for i, actor in enumerate(actors)
            if came[i] or actor.row["source"] == schema.SOURCE_DOCUMENTED
        ],
        "actor_aliases": known["actor_aliases"].to_dict("records"),
        "events": [events[year] for year in YEARS],
        "sessions": session_rows,
        "topics": known["topics"].to_dict("records")
        + [
            {"id": topic_id, "name": name}
            for topic_id, name, _start, _end in _TOPICS
            if topic_id not in known_topics
        ],
        "session_topics": known["session_topics"].to_dict("records") + session_topic_rows,
        "attendance": known["attendance"].to_dict("records") + attendance,
        "links": links,
    }
    return {
        table: conform(table, pd.DataFrame(rows[table], columns=list(schema.TABLE_COLUMNS[table])))
        for table in schema.LOAD_ORDER
    }
