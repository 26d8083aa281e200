"""A stand-in for `dashboard.ingest.matching` with its API, until the shared matcher lands
on main: exact names and aliases (case-insensitive) match, everything else is new. The
real matcher replaces it by being importable (see tests/conftest.py)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class NameQuery:
    name: str
    state: str | None = None
    ags: str | None = None
    city: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class Decision:
    decision: str
    actor_id: str | None
    score: float
    reason_key: str
    candidates: tuple = ()

    def reason(self, lang: str = "de") -> str:
        return {"exact": "Name stimmt überein.", "none": "Kein Akteur dieses Namens."}[self.reason_key]


class Matcher:
    def __init__(self, names: dict[str, str]) -> None:
        self._names = names

    @classmethod
    def from_tables(cls, tables: dict[str, pd.DataFrame]) -> "Matcher":
        names = {alias.casefold(): actor for alias, actor in zip(tables["actor_aliases"]["alias"], tables["actor_aliases"]["actor_id"])}
        names.update({name.casefold(): actor for name, actor in zip(tables["actors"]["name"], tables["actors"]["id"])})
        return cls(names)

    def decide(self, query: NameQuery) -> Decision:
        actor = self._names.get(query.name.casefold())
        if actor is None:
            return Decision("new", None, 0.0, "none")
        return Decision("matched", actor, 100.0, "exact")
