"""Which known actor a name in a list stands for: matched, new, or a question for the user.

A wrong match is worse than a question: it silently adds one body's attendance to
another's. So a name is only matched when the evidence is plain (a known spelling, the same
AGS, the same name in normal form, or a close spelling of a name that is no place of its
own), and every name that several actors or several German places share goes to review
unless Bundesland, AGS or place settle it. Scores come from rapidfuzz.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz, process

from dashboard.exchange.lists.names import NameKey, name_key
from dashboard.geo.data import find_place
from dashboard.i18n import fmt_number, is_plural, t, tn
from dashboard.i18n.folding import fold_words

MATCHED = "matched"
NEW = "new"
REVIEW = "review"
DECISIONS = (MATCHED, NEW, REVIEW)

# Defaults of the MATCH_SCORE and REVIEW_SCORE settings (rapidfuzz scores, 0–100).
MATCH_SCORE = 85.0
REVIEW_SCORE = 75.0
# A close spelling is only taken when the next candidate is this much further away.
MARGIN = 5.0
# Shorter names are too easily one letter from another real name ("Hamm", "Haan").
MIN_FUZZY_LENGTH = 6
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class NameQuery:
    name: str
    state: str | None = None  # 2-digit AGS state code
    ags: str | None = None
    city: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class Candidate:
    actor_id: str
    name: str
    state: str | None
    city: str | None
    score: float
    years: tuple[int, ...] = ()


@dataclass(frozen=True)
class Decision:
    decision: str
    actor_id: str | None
    score: float
    reason_key: str
    reason_params: dict = field(default_factory=dict)
    candidates: tuple[Candidate, ...] = ()

    def reason(self, lang: str | None = "de") -> str:
        params = dict(self.reason_params)
        if "score" in params:
            params["score"] = fmt_number(params["score"], lang)
        key = f"ingest.match.{self.reason_key}"
        if is_plural(key):
            return tn(key, params.pop("count"), lang, **params)
        return t(key, lang, **params)


@dataclass(frozen=True)
class _Actor:
    actor_id: str
    name: str
    state: str | None
    city: str | None
    ags: str | None
    key: NameKey


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


class Matcher:
    """An index of the stored actors, built once per list; `decide` answers one name."""

    def __init__(
        self,
        actors: pd.DataFrame,
        aliases: pd.DataFrame | None = None,
        years: dict[str, tuple[int, ...]] | None = None,
        match_score: float = MATCH_SCORE,
        review_score: float = REVIEW_SCORE,
    ) -> None:
        self.match_score = match_score
        self.review_score = review_score
        self.years = years or {}
        self.actors: dict[str, _Actor] = {}
        self.by_spelling: dict[str, set[str]] = defaultdict(set)
        self.by_full: dict[str, list[str]] = defaultdict(list)
        self.by_compact: dict[str, list[str]] = defaultdict(list)
        self.by_base: dict[str, list[str]] = defaultdict(list)
        self.by_form: dict[str, set[str]] = defaultdict(set)  # full and base, for spellings
        self.by_ags: dict[str, list[str]] = defaultdict(list)
        for row in actors[["id", "name", "state", "city", "ags"]].itertuples(index=False):
            actor = _Actor(
                str(row.id),
                str(row.name),
                _text(row.state),
                _text(row.city),
                _text(row.ags),
                name_key(str(row.name)),
            )
            self.actors[actor.actor_id] = actor
            self.by_full[actor.key.full].append(actor.actor_id)
            self.by_compact[actor.key.compact].append(actor.actor_id)
            self.by_base[actor.key.base].append(actor.actor_id)
            self.by_form[actor.key.full].add(actor.actor_id)
            self.by_form[actor.key.base].add(actor.actor_id)
            if actor.ags:
                self.by_ags[actor.ags].append(actor.actor_id)
        if aliases is not None:
            for alias, actor_id in aliases[["alias", "actor_id"]].itertuples(index=False):
                if str(actor_id) in self.actors:
                    self.by_spelling[fold_words(alias)].add(str(actor_id))
        self._choices = list(self.by_form)

    @classmethod
    def from_tables(
        cls,
        tables: dict[str, pd.DataFrame],
        years: dict[str, tuple[int, ...]] | None = None,
        **settings,
    ) -> Matcher:
        """From the store's frames: actors, actor_aliases, and the years each candidate took
        part (shown in review) — given, or counted from attendance and events."""
        if years is not None:
            return cls(tables["actors"], tables.get("actor_aliases"), years, **settings)
        years = {}
        attendance, events = tables.get("attendance"), tables.get("events")
        if attendance is not None and events is not None and not attendance.empty:
            year_of = dict(zip(events["id"], events["year"], strict=False))
            pairs = {
                (a, int(year_of[e]))
                for a, e in zip(attendance["actor_id"], attendance["event_id"], strict=False)
                if e in year_of
            }
            grouped: dict[str, list[int]] = defaultdict(list)
            for actor_id, year in pairs:
                grouped[actor_id].append(year)
            years = {actor_id: tuple(sorted(found)) for actor_id, found in grouped.items()}
        return cls(tables["actors"], tables.get("actor_aliases"), years, **settings)

    # --- the decision -----------------------------------------------------------------

    def decide(self, query: NameQuery) -> Decision:
        key = name_key(query.name)
        known = self._known_spelling(query)
        if known is not None:
            return known
        by_ags = self._same_ags(query, key)
        if by_ags is not None:
            return by_ags
        named = self._same_name(query, key)
        if named is not None:
            return named
        return self._similar(query, key)

    def _candidate(self, actor_id: str, score: float) -> Candidate:
        actor = self.actors[actor_id]
        return Candidate(
            actor_id,
            actor.name,
            actor.state,
            actor.city,
            round(score, 1),
            self.years.get(actor_id, ()),
        )

    def _review(self, ids, key: str, score: float = 0.0, **params) -> Decision:
        candidates = tuple(self._candidate(actor_id, score) for actor_id in ids)[:MAX_CANDIDATES]
        return Decision(REVIEW, None, round(score, 1), key, params, candidates)

    def _conflicts(self, query: NameQuery, actor: _Actor) -> bool:
        """State or AGS say these are two bodies."""
        if query.state and actor.state and query.state != actor.state:
            return True
        return bool(query.ags and actor.ags and query.ags != actor.ags)

    def _known_spelling(self, query: NameQuery) -> Decision | None:
        ids = [
            i
            for i in sorted(self.by_spelling.get(fold_words(query.name), ()))
            if not self._conflicts(query, self.actors[i])
        ]
        if len(ids) == 1:
            return Decision(MATCHED, ids[0], 100.0, "known_spelling")
        return None

    def _same_ags(self, query: NameQuery, key: NameKey) -> Decision | None:
        """The AGS names a municipality: it decides for a name that is the municipality's
        own, not for a body that merely sits there ("Bürgerstiftung Hamburg", 02000000)."""
        if not query.ags:
            return None
        ids = [
            i
            for i in self.by_ags.get(query.ags, ())
            if self.actors[i].key.compatible(key)
            and (key.base == self.actors[i].key.base or _is_place(key))
        ]
        if len(ids) == 1:
            return Decision(MATCHED, ids[0], 100.0, "same_ags")
        if len(ids) > 1:
            return self._review(ids, "several_actors", 100.0)
        return None

    def _same_name(self, query: NameQuery, key: NameKey) -> Decision | None:
        exact = [
            i for i in self.by_compact.get(key.compact, ()) if self.actors[i].key.compatible(key)
        ]
        loose = [
            i
            for i in self.by_base.get(key.base, ())
            if i not in exact
            and self.actors[i].key.compatible(key)
            # "Frankfurt am Main" and "Frankfurt (Oder)" share a base but not a place.
            and not (key.suffixed and self.actors[i].key.suffixed)
        ]
        district_or_town = [
            i
            for i in self.by_compact.get(key.compact, ())
            if not self.actors[i].key.compatible(key)
        ]
        ids = [i for i in exact + loose if not self._conflicts(query, self.actors[i])]
        if not ids:
            if district_or_town and not (exact or loose):
                return self._review(district_or_town, "district_or_town", 90.0)
            return None
        if len(ids) > 1:
            return self._review(ids, "several_actors", 100.0)
        actor = self.actors[ids[0]]
        score = 100.0 if ids[0] in exact else 95.0
        if ids[0] not in exact and not _is_place(actor.key):
            # "Engagierte Stadt in Wiesbaden" is a local initiative, not the national network.
            return self._review(ids, "similar_names", score)
        places = _places_sharing(key.base)
        if places > 1 and not self._settled(query, key, actor):
            return self._review(ids, "ambiguous_place", score, count=places)
        return Decision(MATCHED, actor.actor_id, score, *_name_reason(key, actor, ids[0] in exact))

    def _settled(self, query: NameQuery, key: NameKey, actor: _Actor) -> bool:
        """Whether the other columns point to one place among several of that name."""
        if query.ags and query.ags == actor.ags:
            return True
        if key.suffixed and key.full == actor.key.full:
            return True
        if not query.state or query.state != actor.state:
            return False
        return _places_sharing(key.base, query.state) <= 1

    def _may_be(self, query: NameQuery, key: NameKey, actor: _Actor) -> bool:
        return (
            actor.key.compatible(key)
            and not self._conflicts(query, actor)
            and not _names_another_place(key, actor)
        )

    def _new(self, query: NameQuery, key: NameKey) -> Decision:
        """New to the network, unless the name is a place that several towns share and
        nothing says which one is meant ("Neustadt")."""
        if key.suffixed and _places_named_exactly(query.name) == 1:
            return Decision(NEW, None, 0.0, "new")
        places = _places_sharing(key.base)
        if places > 1 and not query.ags and _places_sharing(key.base, query.state) != 1:
            return Decision(REVIEW, None, 0.0, "ambiguous_place", {"count": places})
        return Decision(NEW, None, 0.0, "new")

    def _similar(self, query: NameQuery, key: NameKey) -> Decision:
        found = process.extract(
            key.full,
            self._choices,
            scorer=fuzz.token_sort_ratio,
            limit=MAX_CANDIDATES * 3,
            score_cutoff=self.review_score,
        )
        scored: dict[str, float] = {}
        for choice, score, _index in found:
            for actor_id in sorted(self.by_form[choice]):
                actor = self.actors[actor_id]
                if self._may_be(query, key, actor):
                    scored[actor_id] = max(scored.get(actor_id, 0.0), float(score))
        if not scored:
            return self._new(query, key)
        ranked = sorted(scored.items(), key=lambda item: (-item[1], self.actors[item[0]].name))
        best_id, best = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        typo = (
            best >= self.match_score
            and best - runner_up >= MARGIN
            and len(key.full) >= MIN_FUZZY_LENGTH
            and _word_for_word(key, self.actors[best_id].key)
        )
        if typo:
            return Decision(
                MATCHED, best_id, round(best, 1), "similar_spelling", {"score": round(best)}
            )
        return self._review([actor_id for actor_id, _ in ranked], "similar_names", best)


def _places_sharing(name: str, state: str | None = None) -> int:
    """How many German places answer to this name (two Ahams in Bavaria are two)."""
    return len({p["geonameid"] for p in find_place(name, state)})


def _is_place(key: NameKey) -> bool:
    return key.kind is not None or bool(find_place(key.base))


def _places_named_exactly(name: str) -> int:
    return len({p["geonameid"] for p in find_place(name) if p["match"] == "exact"})


# Two words count as one misspelt when this close (rapidfuzz ratio).
WORD_TYPO_SCORE = 85.0


def _word_for_word(key: NameKey, other: NameKey) -> bool:
    """A typo changes letters, not words: same number of words, each close to its partner,
    beginning alike and with the same digits. "Seniorenbüro Gießen-Nord" is another office
    than "Seniorenbüro Gießen", "Landesnetzwerk" another than "Bundesnetzwerk", "Change3"
    another than "Change2", and "Bad Iburg" another town than "Bad Driburg"."""
    mine, theirs = key.full.split(), other.full.split()
    if len(mine) != len(theirs):
        return False
    for a, b in zip(sorted(mine), sorted(theirs), strict=False):
        if a == b:
            continue
        digits = [c for c in a if c.isdigit()] != [c for c in b if c.isdigit()]
        if digits or a[0] != b[0] or fuzz.ratio(a, b) < WORD_TYPO_SCORE:
            return False
    return True


def _names_another_place(key: NameKey, actor: _Actor) -> bool:
    """Whether a word that sets the name apart from the actor's is a place of its own:
    "Aalen" is no typo of "Ahlen", nor "Bürgerstiftung Hameln" of "Bürgerstiftung Hamm"."""
    own = set(actor.key.full.split())
    for word in key.full.split():
        if word in own or len(word) < 4:
            continue
        for place in find_place(word):
            if (
                fold_words(place["name_de"] or place["name"])
                not in (actor.key.base, actor.key.full)
                and fold_words(place["name"]) not in own
            ):
                return True
    return False


def _name_reason(key: NameKey, actor: _Actor, exact: bool) -> tuple[str, dict]:
    if not exact:
        return "without_suffix", {}
    if fold_words(key.prefix or "") != fold_words(actor.key.prefix or ""):
        return "without_prefix", {"prefix": key.prefix or actor.key.prefix}
    if key.legal_form or actor.key.legal_form:
        return "without_legal_form", {}
    return "same_name", {}
