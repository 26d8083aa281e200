"""Who comes to the national sample's events and to which of their sessions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.sample.draws import gumbel_top
from dashboard.sample.national_programme import topic_trend
from dashboard.sample.small import DOCUMENTED_YEAR
from dashboard.sample.vocabulary import PLENARY_SHARE

SAMPLE = schema.SOURCE_SAMPLE
_UNKNOWN_HEADCOUNT_SHARE = 0.01  # event-wide rows whose headcount nobody wrote down


def participation_targets(
    rng, rows_per_event: np.ndarray, total_rows: int, actor_count: int
) -> np.ndarray:
    """Participations per event: growing from about 0.4 to 1.6 times the mean, with noise."""
    years = len(rows_per_event)
    shape = np.linspace(0.4, 1.6, years) if years > 1 else np.ones(1)
    shape = shape * (1 + rng.normal(0, 0.04, years))
    parts = shape / shape.sum() * total_rows / rows_per_event
    return np.clip(np.round(parts), 1, actor_count).astype(np.int64)


def draw_presence(rng, targets, appeal_by_year, forced, actor_count) -> list[np.ndarray]:
    """Who comes each year: most return, some drop out (and may come back), newcomers fill up."""
    loyalty = rng.beta(7, 2, size=actor_count)
    ever = np.zeros(actor_count, dtype=bool)
    previous = np.zeros(actor_count, dtype=bool)
    result = []
    for target, appeal, must in zip(targets, appeal_by_year, forced, strict=False):
        present = previous & (rng.random(actor_count) < loyalty)
        present |= ever & ~previous & (rng.random(actor_count) < 0.2)
        surplus = int(present.sum()) - int(target)
        if surplus > 0:
            drop = np.flatnonzero(present)[gumbel_top(rng, np.ones(int(present.sum())), surplus)]
            present[drop] = False
        present[must] = True
        for group in (~ever, ever):  # newcomers first, then those who had stayed away
            options = np.flatnonzero(group & ~present)
            missing = int(target - present.sum())
            if missing > 0 and options.size:
                present[options[gumbel_top(rng, appeal[options], missing)]] = True
        ever |= present
        previous = present
        result.append(present)
    return result


def _headcounts(rng, kinds: np.ndarray, population: np.ndarray) -> np.ndarray:
    """People an actor sends (float, NaN = unknown): big cities send more."""
    low = np.where(
        kinds & (population >= 500_000), 3, np.where(kinds & (population >= 100_000), 2, 1)
    )
    high = np.where(
        kinds & (population >= 500_000), 9, np.where(kinds & (population >= 100_000), 6, 4)
    )
    head = rng.integers(low, high).astype(float)
    head[rng.random(head.size) < _UNKNOWN_HEADCOUNT_SHARE] = np.nan
    return head


def _session_heads(rng, head: np.ndarray, cap: int) -> np.ndarray:
    top = np.where(np.isnan(head), 1, np.minimum(np.nan_to_num(head, nan=1), cap)).astype(np.int64)
    values = rng.integers(1, top + 1).astype(float)
    values[np.isnan(head)] = np.nan
    return values


def _stack(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    return {key: np.concatenate([p[key] for p in parts]) for key in parts[0]} if parts else {}


def draw_attendance(
    rng,
    event_rows,
    programme,
    presence,
    host_position,
    topics_of,
    is_kommune,
    population,
    interests,
):
    """Attendance of every event as parts for `attendance_frame`, and the workshop visits.

    A workshop visit is (event index, session code, actor); `draw_links` pairs up who met.
    """
    parts = []
    workshop_parts = []  # (event index, session code, actor) of every workshop visit, for links
    session_codes: dict[str, int] = {}
    for e, year in enumerate(event_rows):
        idx = np.flatnonzero(presence[e])
        m = idx.size
        head = _headcounts(rng, is_kommune[idx], population[idx])
        roles = np.full(m, "participant", dtype=object)
        sessions = programme[year]
        stands = [s for s in sessions if s["kind"] == "stand"]
        if year != DOCUMENTED_YEAR:  # the documented event keeps the roles the source states
            weight = np.where(is_kommune[idx], 1.0, 3.0)
            if stands:
                roles[gumbel_top(rng, weight, max(1, m // 50))] = "exhibitor"
            speakers = np.flatnonzero(roles == "participant")
            roles[speakers[gumbel_top(rng, np.ones(speakers.size), max(1, m // 100))]] = "speaker"
            host = host_position.get(year)
            if host is not None:
                at = np.flatnonzero(idx == host)
                roles[at] = "organiser"
                head[at] = np.minimum(8, np.nan_to_num(head[at], nan=1) + 2)
        parts.append(_rows(e, idx, None, roles, head))
        for session in sessions:
            share = PLENARY_SHARE.get(session["kind"])
            if share is not None:
                came = rng.random(m) < share
                parts.append(
                    _rows(
                        e,
                        idx[came],
                        session["id"],
                        "participant",
                        _session_heads(rng, head[came], 8),
                    )
                )
            elif session["kind"] == "stand":
                came = roles == "exhibitor"
                parts.append(
                    _rows(
                        e, idx[came], session["id"], "exhibitor", _session_heads(rng, head[came], 2)
                    )
                )
        workshops = [s for s in sessions if s["kind"] == "workshop"]
        if workshops and m:
            trend = topic_trend(year)
            first = np.array([topics_of.get(s["id"], [0])[0] for s in workshops])
            second = np.array([topics_of.get(s["id"], [0])[-1] for s in workshops])
            liking = np.maximum(interests[idx][:, first], interests[idx][:, second])
            weight = (1.0 + 3.0 * liking) * trend[first]
            keys = rng.exponential(size=weight.shape) / weight  # per row: draws without replacement
            order = np.argsort(keys, axis=1)
            visits = np.minimum(rng.integers(1, 3, size=m), len(workshops))
            for rank in range(int(visits.max())):
                going = visits > rank
                chosen = order[going, rank]
                heads = _session_heads(rng, head[going], 3)
                for w, workshop in enumerate(workshops):
                    at = chosen == w
                    if not at.any():
                        continue
                    parts.append(_rows(e, idx[going][at], workshop["id"], "participant", heads[at]))
                    code = session_codes.setdefault(workshop["id"], len(session_codes))
                    workshop_parts.append(
                        (np.full(int(at.sum()), e), np.full(int(at.sum()), code), idx[going][at])
                    )
    return parts, workshop_parts


def attendance_frame(parts, event_rows, actor_ids, known_attendance: pd.DataFrame) -> pd.DataFrame:
    """The documented attendance and the drawn one, without rows restating documented ones."""
    table = _stack(parts)
    event_id_of = np.array([event["id"] for event in event_rows.values()], dtype=object)
    attendance = pd.DataFrame(
        {
            "event_id": event_id_of[table["event"]],
            "actor_id": actor_ids[table["actor"]],
            "session_id": table["session"],
            "role": table["role"],
            "headcount": table["headcount"],
            "source": SAMPLE,
        }
    )
    attendance["headcount"] = attendance["headcount"].astype("Int64")
    key = ["event_id", "actor_id", "session_id", "role"]
    known_keys = pd.MultiIndex.from_frame(known_attendance[key].fillna({"session_id": ""}))
    restated = pd.MultiIndex.from_frame(attendance[key].fillna({"session_id": ""})).isin(known_keys)
    return pd.concat([known_attendance, attendance[~restated]], ignore_index=True)


def _rows(event_index, actors, session_id, role, heads) -> dict[str, np.ndarray]:
    return {
        "event": np.full(actors.size, event_index, dtype=np.int64),
        "actor": actors,
        "session": np.full(actors.size, session_id, dtype=object),
        "role": role if isinstance(role, np.ndarray) else np.full(actors.size, role, dtype=object),
        "headcount": heads,
    }
