"""Who comes to the small sample's events, in which role, and who links up afterwards."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dashboard import schema
from dashboard.sample.draws import probabilities
from dashboard.sample.vocabulary import (
    FIRST_YEAR,
    LAST_YEAR,
    LINK_KIND_SHARES,
    PLENARY_SHARE,
    topic_weights,
)

SAMPLE = schema.SOURCE_SAMPLE
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))


@dataclass
class Actor:
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
class Session:
    id: str
    kind: str
    title: str
    topics: tuple[int, ...]  # indices into TOPICS


def draw_presence(rng, actors: list[Actor], forced: dict[int, list[int]]) -> dict[int, np.ndarray]:
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
                    p=probabilities(appeal[options]),
                )
                present[picked] = True
        ever |= present
        previous = present
        presence[year] = present
    return presence


def _headcount(rng, actor: Actor) -> int:
    if actor.type == "kommune" and actor.population >= 500_000:
        return int(rng.integers(3, 9))
    if actor.type == "kommune" and actor.population >= 100_000:
        return int(rng.integers(2, 6))
    return int(rng.integers(1, 4))


def _roles(
    rng, actors, present: list[int], sessions: list[Session], organiser: int | None
) -> dict[int, str]:
    roles = dict.fromkeys(present, "participant")
    if organiser is None:
        return roles
    roles[organiser] = "organiser"
    if any(s.kind == "stand" for s in sessions):
        others = [i for i in present if roles[i] == "participant"]
        weights = probabilities([1.0 if actors[i].type == "kommune" else 3.0 for i in others])
        for i in rng.choice(others, size=int(rng.integers(4, 9)), replace=False, p=weights):
            roles[int(i)] = "exhibitor"
    others = [i for i in present if roles[i] == "participant"]
    for i in rng.choice(others, size=int(rng.integers(1, 4)), replace=False):
        roles[int(i)] = "speaker"
    return roles


def draw_attendance(rng, actors, presence, sessions_by_year, event_ids, organisers):
    """Attendance rows, and for each pair of actors who shared a workshop: first year, count."""
    rows = []
    meetings: dict[tuple[str, str], list[int]] = {}
    for year in YEARS:
        event_id = event_ids[year]
        sessions = sessions_by_year[year]
        workshops = [s for s in sessions if s.kind == "workshop"]
        # Trending topics draw larger crowds, on top of each actor's own interests.
        trend = topic_weights(year)
        present = [int(i) for i in np.flatnonzero(presence[year])]
        # The documented event gets participants only: its roles are what the source says.
        roles = _roles(rng, actors, present, sessions, organisers.get(year))
        members: dict[str, list[str]] = {s.id: [] for s in workshops}
        for i in present:
            actor = actors[i]
            head = _headcount(rng, actor)
            if roles[i] == "organiser":
                head = min(8, head + 2)
            rows.append(_attendance_row(event_id, actor.id, None, roles[i], head))
            for session in sessions:
                if session.kind in PLENARY_SHARE and rng.random() < PLENARY_SHARE[session.kind]:
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
                rng.choice(len(workshops), size=visits, replace=False, p=probabilities(interest))
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


def draw_links(rng, actors: list[Actor], meetings: dict[tuple[str, str], list[int]]) -> list[dict]:
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
    for index in np.sort(
        rng.choice(len(candidates), size=size, replace=False, p=probabilities(scores))
    ):
        a, b = candidates[int(index)]
        first, count = meetings[(a, b)]
        since = min(first + int(rng.choice(4, p=[0.1, 0.65, 0.17, 0.08])), LAST_YEAR)
        kind = schema.LINK_KINDS[int(rng.choice(len(schema.LINK_KINDS), p=LINK_KIND_SHARES))]
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
