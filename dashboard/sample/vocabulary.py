"""What the sample generators name things with: topics and their trend, titles, venues, partners.

The small sample (`dashboard.sample.small`) and the national one (`dashboard.sample.national`)
draw from the same lists, so both read alike. All names here are invented.
"""

from __future__ import annotations

import numpy as np

FIRST_YEAR, LAST_YEAR = 2014, 2025

# (id, name, weight in 2014, weight in 2025): how likely a topic gets a workshop, moving in a
# straight line between the two years.
TOPICS: tuple[tuple[str, str, float, float], ...] = (
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
TOPIC_PEAKS: dict[str, tuple[int, float]] = {"integration": (2016, 2.2)}

WORKSHOP_TITLES: dict[str, tuple[str, ...]] = {
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

EVENT_TITLES = (
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
VENUES = ("Rathaus", "Stadthalle", "Kongresszentrum", "Bürgerhaus")
STANDS = ("Gallery Walk", "Marktplatz der Projekte")

# Local partners: (type, name pattern, how often the pattern is drawn).
PARTNERS: tuple[tuple[str, str, float], ...] = (
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
NATIONAL: tuple[tuple[str, str], ...] = (
    ("Bundesnetzwerk Quartiersarbeit", "netzwerk"),
    ("Stiftung Lebendige Nachbarschaft", "stiftung"),
    ("Plattform Engagement digital", "organisation"),
    ("Programm Kommune gemeinsam gestalten", "initiative"),
)
# Partners abroad (GeoNames coordinates of the city centre).
ABROAD: tuple[tuple[str, str, str, float, float], ...] = (
    ("Freiwilligenzentrum Wien", "initiative", "Wien", 48.20849, 16.37208),
    ("Netzwerk Nachbarschaft Zürich", "netzwerk", "Zürich", 47.36667, 8.55),
)
LINK_KIND_SHARES = (0.45, 0.35, 0.20)  # schema.LINK_KINDS: kooperation, austausch, projekt
# Share of an event's participants who also sit in each kind of plenary session.
PLENARY_SHARE = {"get-together": 0.6, "keynote": 0.85, "panel": 0.7}


def topic_weights(year: int) -> np.ndarray:
    """How likely each topic of TOPICS gets a workshop in `year` (not normalised)."""
    share = (year - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR)
    weights = np.array([start + (end - start) * share for _id, _name, start, end in TOPICS])
    for topic_id, (peak_year, height) in TOPIC_PEAKS.items():
        index = [t[0] for t in TOPICS].index(topic_id)
        weights[index] += height * np.exp(-(((year - peak_year) / 1.5) ** 2))
    return weights
