"""The actors of the national sample: every gazetteer place as a kommune, generated partners."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.geo.data import districts, places
from dashboard.geo.states import STATES
from dashboard.i18n.folding import slug
from dashboard.sample.draws import probabilities
from dashboard.sample.small import base_name, kreisfrei_ags
from dashboard.sample.vocabulary import ABROAD, NATIONAL, PARTNERS

SAMPLE = schema.SOURCE_SAMPLE
_ID_LENGTH = 64  # tables.ID


def _unique_ids(bases: list[str], fallbacks: list[list[str]], taken: set[str]) -> list[str | None]:
    """The first of base, *fallbacks that is free (at most 64 characters), else None."""
    result = []
    for base, others in zip(bases, fallbacks, strict=False):
        chosen = None
        for candidate in (base, *others):
            trimmed = candidate[:_ID_LENGTH].strip("-")
            if trimmed and trimmed not in taken:
                chosen = trimmed
                break
        if chosen is not None:
            taken.add(chosen)
        result.append(chosen)
    return result


def municipality_rows(known_actors: pd.DataFrame, limit: int | None):
    """Every gazetteer place as a kommune (documented ones keep their documented row)."""
    table = places()
    if limit is not None:
        table = table.head(limit)
    table = table.reset_index(drop=True)
    district_rows: dict[tuple[str, str], list[dict]] = {}
    for row in districts().to_dict("records"):
        district_rows.setdefault((row["state"], base_name(row["name"])), []).append(row)

    documented_at = {
        (row["state"], row["lat"], row["lon"]): row
        for row in known_actors.to_dict("records")
        if row["type"] == "kommune"
    }
    records = table.to_dict("records")
    matched = [documented_at.get((p["state"], p["lat"], p["lon"])) for p in records]
    taken = set(known_actors["id"])
    bases = [slug(p["name_de"]) for p in records]
    fallbacks = [
        [
            f"{b}-{STATES[p['state']].abbr.lower()}" if p["state"] in STATES else b,
            f"{b}-{p['geonameid']}",
        ]
        for b, p in zip(bases, records, strict=False)
    ]
    ids = _unique_ids(
        [b if m is None else "" for b, m in zip(bases, matched, strict=False)],
        [f if m is None else [] for f, m in zip(fallbacks, matched, strict=False)],
        taken,
    )
    rows, population = [], []
    for place, known, actor_id in zip(records, matched, ids, strict=False):
        if known is not None:
            rows.append(known)
        elif actor_id is not None:
            candidates = district_rows.get((place["state"], base_name(place["name_de"])), [])
            rows.append(
                {
                    "id": actor_id,
                    "name": place["name_de"],
                    "type": "kommune",
                    "ags": kreisfrei_ags(place, candidates) if candidates else None,
                    "state": place["state"],
                    "city": place["name_de"],
                    "lat": place["lat"],
                    "lon": place["lon"],
                    "website": None,
                    "source": SAMPLE,
                }
            )
        else:
            continue
        population.append(int(place["population"]))
    return rows, np.array(population, dtype=np.int64), taken


def draw_partners(rng, count: int, gazetteer: pd.DataFrame, taken: set[str]) -> list[dict]:
    """`count` local partners named after a pattern and a place, bigger places more often."""
    pattern_weights = probabilities([share for _type, _pattern, share in PARTNERS])
    place_weights = np.sqrt(np.maximum(gazetteer["population"].to_numpy(dtype=float), 500.0))
    place_weights /= place_weights.sum()
    names = gazetteer["name_de"].to_numpy(dtype=object)
    rows: list[dict] = []
    for _attempt in range(100):
        if len(rows) >= count:
            break
        batch = max(64, 2 * (count - len(rows)))
        patterns = rng.choice(len(PARTNERS), size=batch, p=pattern_weights)
        where = rng.choice(len(gazetteer), size=batch, p=place_weights)
        for p, w in zip(patterns.tolist(), where.tolist(), strict=False):
            actor_type, pattern, _share = PARTNERS[p]
            name = pattern.format(names[w])
            actor_id = slug(name)[:_ID_LENGTH].strip("-")
            if actor_id in taken:
                continue
            taken.add(actor_id)
            place = gazetteer.iloc[w]
            rows.append(
                {
                    "id": actor_id,
                    "name": name,
                    "type": actor_type,
                    "ags": None,
                    "state": place["state"],
                    "city": place["name_de"],
                    "lat": float(place["lat"]),
                    "lon": float(place["lon"]),
                    "website": None,
                    "source": SAMPLE,
                }
            )
            if len(rows) == count:
                break
    if len(rows) < count:
        raise ValueError(
            f"only {len(rows)} distinct partner names for {count} wanted: use more municipalities"
        )
    return rows


def national_and_abroad_rows(taken: set[str]) -> list[dict]:
    rows: list[dict] = []
    for name, actor_type in NATIONAL:
        rows.append(
            {
                "id": slug(name),
                "name": name,
                "type": actor_type,
                "ags": None,
                "state": None,
                "city": None,
                "lat": None,
                "lon": None,
                "website": None,
                "source": SAMPLE,
            }
        )
    for name, actor_type, city, lat, lon in ABROAD:
        rows.append(
            {
                "id": slug(name),
                "name": name,
                "type": actor_type,
                "ags": None,
                "state": None,
                "city": city,
                "lat": lat,
                "lon": lon,
                "website": None,
                "source": SAMPLE,
            }
        )
    rows = [row for row in rows if row["id"] not in taken]
    taken.update(row["id"] for row in rows)
    return rows
