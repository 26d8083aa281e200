"""The setting of /vergleich beside the global filters: the actors compared.

"akteure" holds comma-separated actor ids. No parameter means the default actors; an
empty one means the user removed them all, which stays empty.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from dashboard.state.filters import MAX_TEXT
from dashboard.state.notes import Note, ignored
from dashboard.state.query import params_of

PARAM_ACTORS = "akteure"


@dataclass(frozen=True)
class CompareState:
    # The ids as the address lists them (order kept, repeats dropped); None: the defaults.
    actors: tuple[str, ...] | None = None

    @classmethod
    def parse(cls, params: Mapping[str, object]) -> tuple[CompareState, tuple[Note, ...]]:
        value = params.get(PARAM_ACTORS)
        if value is None:
            return cls(), ()
        text = ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
        parts = [part.strip() for part in text.split(",") if part.strip()]
        too_long = [part for part in parts if len(part) > MAX_TEXT]
        ids = tuple(dict.fromkeys(part for part in parts if len(part) <= MAX_TEXT))
        notes = tuple(note for part in too_long for note in ignored(PARAM_ACTORS, part))
        return cls(actors=ids), notes

    @classmethod
    def from_search(cls, search: object) -> CompareState:
        return cls.parse(params_of(search, keep_blank_values=True))[0]

    def unknown_notes(self, known: Collection[str]) -> tuple[Note, ...]:
        """A note for each listed id that names no actor (a link from before an import)."""
        return tuple(
            note
            for actor_id in self.actors or ()
            if actor_id not in known
            for note in ignored(PARAM_ACTORS, actor_id)
        )
