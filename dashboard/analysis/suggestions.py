"""Partner suggestions: "Wer sollte wen treffen?"

For each actor in scope, the actors it has never had a link with, ranked by a score that
can be explained in words. The score is a weighted sum of four parts, each in [0, 1]:

- shared workshop topics (Jaccard overlap of the topics of sessions attended),
- common partners (c / (c + 1) for c partners both already work with),
- nearness (exp(-km / 150), from the actors' coordinates; no coordinates, no part),
- complementary experience (half for different actor types, half when one has been to at
  least two more events than the other).

A candidate is only suggested when at least one part gives a reason worth saying. Reasons
are i18n keys with values, so they read in either language (`reason_text`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from dashboard.analysis.network import scope_links, scope_participation
from dashboard.analysis.selection import Selection
from dashboard.i18n import fmt_number, t

WEIGHTS = {"topics": 0.35, "partners": 0.30, "distance": 0.20, "complement": 0.15}
DISTANCE_SCALE_KM = 150.0
NEAR_KM = 100.0
EXPERIENCE_GAP = 2
TOP_DEFAULT = 5
MAX_NAMES = 3
EARTH_RADIUS_KM = 6371.0088

SUGGESTION_COLUMNS = [
    "actor_id",
    "actor_name",
    "rank",
    "partner_id",
    "partner_name",
    "partner_type",
    "score",
    "topics_score",
    "partners_score",
    "distance_score",
    "complement_score",
    "distance_km",
    "reasons",
]


@dataclass(frozen=True)
class Reason:
    """One reason in words: an i18n key and the values for its placeholders."""

    key: str
    values: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Profiles:
    """What the score needs to know about the actors in scope."""

    actors: pd.DataFrame  # id, name, type, lat, lon, experience; sorted by id
    topics: Mapping[str, frozenset[str]]  # actor id → topic names
    partners: Mapping[str, frozenset[str]]  # actor id → ids of its partners (any actor)
    names: Mapping[str, str]  # every actor id → name (for common partners outside the scope)
    existing: frozenset[tuple[str, str]]  # (a, b) with a < b: pairs that ever had a link


def profiles(
    selection: Selection,
    tables: Mapping[str, pd.DataFrame],
    year: int | None = None,
    cumulative: bool = True,
) -> Profiles:
    """Profiles of the actors in the scope of the selection (see analysis.network)."""
    part = scope_participation(selection, year, cumulative)
    ids = sorted(part["actor_id"].astype(str).unique())
    history = scope_participation(selection, year, True)
    experience = history.groupby("actor_id")["event_id"].nunique()
    actors = (
        selection.actors.assign(id=selection.actors["id"].astype(str)).set_index("id").reindex(ids)
    )
    frame = pd.DataFrame(
        {
            "id": ids,
            "name": [
                str(v) if isinstance(v, str) else i
                for i, v in zip(ids, actors["name"], strict=False)
            ],
            "type": actors["type"].fillna("").astype(str).to_numpy(),
            "lat": pd.to_numeric(actors["lat"], errors="coerce").to_numpy(dtype="float64"),
            "lon": pd.to_numeric(actors["lon"], errors="coerce").to_numpy(dtype="float64"),
            "experience": np.array([int(experience.get(i, 0)) for i in ids], dtype="int64"),
        }
    )
    events = history["event_id"].unique()
    all_links = tables["links"]
    known = scope_links(all_links, year, True)
    return Profiles(
        actors=frame,
        topics=actor_topics(tables, events, ids),
        partners=_neighbours(known),
        names=dict(
            zip(
                tables["actors"]["id"].astype(str),
                tables["actors"]["name"].astype(str),
                strict=False,
            )
        ),
        existing=frozenset(_pairs(all_links)),
    )


def actor_topics(
    tables: Mapping[str, pd.DataFrame], event_ids: Iterable[str], actor_ids: Iterable[str]
) -> dict[str, frozenset[str]]:
    """Topic names of the sessions each actor attended at the given events."""
    attendance = tables["attendance"]
    rows = attendance[
        attendance["event_id"].isin(event_ids)
        & attendance["actor_id"].isin(actor_ids)
        & attendance["session_id"].notna()
    ]
    named = (
        rows[["actor_id", "session_id"]]
        .merge(tables["session_topics"], on="session_id")
        .merge(tables["topics"].rename(columns={"id": "topic_id", "name": "topic"}), on="topic_id")
    )
    return {
        str(actor): frozenset(group["topic"].astype(str))
        for actor, group in named.groupby("actor_id")
    }


def _pairs(links: pd.DataFrame) -> set[tuple[str, str]]:
    a, b = links["source_id"].astype(str), links["target_id"].astype(str)
    return {(min(x, y), max(x, y)) for x, y in zip(a, b, strict=False) if x != y}


def _neighbours(links: pd.DataFrame) -> dict[str, frozenset[str]]:
    result: dict[str, set[str]] = {}
    for a, b in _pairs(links):
        result.setdefault(a, set()).add(b)
        result.setdefault(b, set()).add(a)
    return {node: frozenset(partners) for node, partners in result.items()}


def haversine_km(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """Great-circle distance in km; works on numpy arrays (broadcasting), NaN stays NaN."""
    phi1, lambda1, phi2, lambda2 = (
        np.radians(np.asarray(v, dtype="float64")) for v in (lat1, lon1, lat2, lon2)
    )
    a = (
        np.sin((phi2 - phi1) / 2) ** 2
        + np.cos(phi1) * np.cos(phi2) * np.sin((lambda2 - lambda1) / 2) ** 2
    )
    distance: npt.NDArray[np.float64] = (
        2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    )
    return distance


@dataclass(frozen=True)
class _Parts:
    topics: np.ndarray
    partners: np.ndarray
    distance: np.ndarray
    complement: np.ndarray
    km: np.ndarray
    shared_topics: np.ndarray
    common: np.ndarray
    types_differ: np.ndarray
    gap: np.ndarray
    allowed: np.ndarray

    @property
    def score(self) -> np.ndarray:
        return (
            WEIGHTS["topics"] * self.topics
            + WEIGHTS["partners"] * self.partners
            + WEIGHTS["distance"] * self.distance
            + WEIGHTS["complement"] * self.complement
        )


def _parts(p: Profiles) -> _Parts:
    ids = p.actors["id"].tolist()
    n = len(ids)
    topic_names = sorted({name for i in ids for name in p.topics.get(i, ())})
    topic_index = {name: k for k, name in enumerate(topic_names)}
    topic_matrix = np.zeros((n, len(topic_names)), dtype="float64")
    for row, actor in enumerate(ids):
        for name in p.topics.get(actor, ()):
            topic_matrix[row, topic_index[name]] = 1.0
    shared = topic_matrix @ topic_matrix.T
    sizes = topic_matrix.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - shared
    topics = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)

    partner_ids = sorted({q for i in ids for q in p.partners.get(i, ())})
    partner_index = {q: k for k, q in enumerate(partner_ids)}
    partner_matrix = np.zeros((n, len(partner_ids)), dtype="float64")
    for row, actor in enumerate(ids):
        for q in p.partners.get(actor, ()):
            partner_matrix[row, partner_index[q]] = 1.0
    common = partner_matrix @ partner_matrix.T
    partners = common / (common + 1.0)

    lat, lon = p.actors["lat"].to_numpy(), p.actors["lon"].to_numpy()
    km = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    distance = np.where(np.isnan(km), 0.0, np.exp(-np.nan_to_num(km) / DISTANCE_SCALE_KM))

    types = p.actors["type"].to_numpy()
    types_differ = (
        (types[:, None] != types[None, :]) & (types[:, None] != "") & (types[None, :] != "")
    )
    experience = p.actors["experience"].to_numpy()
    gap = np.abs(experience[:, None] - experience[None, :])
    complement = 0.5 * types_differ + 0.5 * (gap >= EXPERIENCE_GAP)

    index = {actor: k for k, actor in enumerate(ids)}
    allowed = ~np.eye(n, dtype=bool)
    for a, b in p.existing:
        if a in index and b in index:
            allowed[index[a], index[b]] = allowed[index[b], index[a]] = False
    said = (shared > 0) | (common > 0) | (km <= NEAR_KM) | types_differ | (gap >= EXPERIENCE_GAP)
    return _Parts(
        topics,
        partners,
        distance,
        complement,
        km,
        shared,
        common,
        types_differ,
        gap,
        allowed & said,
    )


def suggest(p: Profiles, actor_id: str | None = None, top: int = TOP_DEFAULT) -> pd.DataFrame:
    """The `top` suggestions per actor (or for one actor) with SUGGESTION_COLUMNS.

    Ordered by actor name, then rank; within an actor by score (desc), partner name, id.
    `reasons` holds a tuple of Reason, strongest first.
    """
    ids = p.actors["id"].tolist()
    if not ids or (actor_id is not None and actor_id not in ids):
        return pd.DataFrame(columns=SUGGESTION_COLUMNS)
    parts = _parts(p)
    score = np.round(parts.score, 9)
    names = p.actors["name"].to_numpy()
    rows_for = [ids.index(actor_id)] if actor_id is not None else np.argsort(names, kind="stable")
    rows = []
    for i in rows_for:
        candidates = np.flatnonzero(parts.allowed[i])
        if candidates.size == 0:
            continue
        order = candidates[
            np.lexsort(
                (np.array(ids, dtype=object)[candidates], names[candidates], -score[i, candidates])
            )
        ]
        for rank, j in enumerate(order[:top], start=1):
            rows.append(
                {
                    "actor_id": ids[i],
                    "actor_name": names[i],
                    "rank": rank,
                    "partner_id": ids[j],
                    "partner_name": names[j],
                    "partner_type": p.actors["type"].iat[j],
                    "score": float(score[i, j]),
                    "topics_score": float(parts.topics[i, j]),
                    "partners_score": float(parts.partners[i, j]),
                    "distance_score": float(parts.distance[i, j]),
                    "complement_score": float(parts.complement[i, j]),
                    "distance_km": float(parts.km[i, j]),
                    "reasons": _reasons(p, parts, ids, i, j),
                }
            )
    return pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)


def _reasons(p: Profiles, parts: _Parts, ids: list[str], i: int, j: int) -> tuple[Reason, ...]:
    a, b = ids[i], ids[j]
    found: list[tuple[float, Reason]] = []
    if parts.shared_topics[i, j] > 0:
        shared = sorted(p.topics.get(a, frozenset()) & p.topics.get(b, frozenset()))
        found.append(
            (
                WEIGHTS["topics"] * parts.topics[i, j],
                Reason(
                    "network.reason.topics",
                    (("count", len(shared)), ("topics", ", ".join(shared[:MAX_NAMES]))),
                ),
            )
        )
    if parts.common[i, j] > 0:
        common = sorted(
            p.partners.get(a, frozenset()) & p.partners.get(b, frozenset()),
            key=lambda q: (p.names.get(q, q), q),
        )
        found.append(
            (
                WEIGHTS["partners"] * parts.partners[i, j],
                Reason(
                    "network.reason.partners",
                    (
                        ("count", len(common)),
                        ("names", ", ".join(p.names.get(q, q) for q in common[:MAX_NAMES])),
                    ),
                ),
            )
        )
    if parts.km[i, j] <= NEAR_KM:
        found.append(
            (
                WEIGHTS["distance"] * parts.distance[i, j],
                Reason("network.reason.near", (("km", round(float(parts.km[i, j]))),)),
            )
        )
    if parts.types_differ[i, j]:
        found.append(
            (
                WEIGHTS["complement"] * 0.5,
                Reason(
                    "network.reason.types",
                    (("type_a", p.actors["type"].iat[i]), ("type_b", p.actors["type"].iat[j])),
                ),
            )
        )
    if parts.gap[i, j] >= EXPERIENCE_GAP:
        experience = p.actors["experience"].to_numpy()
        experienced, newer = (i, j) if experience[i] > experience[j] else (j, i)
        found.append(
            (
                WEIGHTS["complement"] * 0.5,
                Reason(
                    "network.reason.experience",
                    (
                        ("name", p.actors["name"].iat[experienced]),
                        ("more", int(experience[experienced])),
                        ("fewer", int(experience[newer])),
                    ),
                ),
            )
        )
    found.sort(key=lambda item: -item[0])
    return tuple(reason for _, reason in found)


def reason_text(reason: Reason, lang: str) -> str:
    """The reason in words. Values named type_* are actor types; numbers get the locale's format."""
    values = {}
    for name, value in reason.values:
        if name.startswith("type_"):
            values[name] = t(f"type.{value}", lang) if value else t("common.unknown", lang)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            values[name] = fmt_number(value, lang)
        else:
            values[name] = str(value)
    return t(reason.key, lang, **values)


def reasons_text(reasons: Iterable[Reason], lang: str, separator: str = "; ") -> str:
    return separator.join(reason_text(reason, lang) for reason in reasons)


def export_frame(suggestions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The suggestions as a plain table with headers in `lang`, for the planning download."""
    columns = {
        "actor_name": "network.csv.actor",
        "rank": "network.csv.rank",
        "partner_name": "network.csv.partner",
        "partner_type": "network.csv.partner_type",
        "score": "network.csv.score",
        "reasons": "network.csv.reasons",
        "actor_id": "network.csv.actor_id",
        "partner_id": "network.csv.partner_id",
    }
    frame = pd.DataFrame(
        {
            "actor_name": suggestions["actor_name"],
            "rank": suggestions["rank"],
            "partner_name": suggestions["partner_name"],
            "partner_type": [
                t(f"type.{v}", lang) if v else "" for v in suggestions["partner_type"]
            ],
            "score": [round(100 * float(v)) for v in suggestions["score"]],
            "reasons": [reasons_text(r, lang) for r in suggestions["reasons"]],
            "actor_id": suggestions["actor_id"],
            "partner_id": suggestions["partner_id"],
        }
    )
    return frame.rename(columns={key: t(value, lang) for key, value in columns.items()})


def score_points(score: float) -> int:
    """The score as 0–100 points for display."""
    return round(100 * score) if not math.isnan(score) else 0
