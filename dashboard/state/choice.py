"""One page setting that is one of a few words ("kennzahl=personen"), parsed with a note."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.state.filters import raw_text
from dashboard.state.notes import Note, ignored


def parse_choice(
    params: Mapping[str, object], name: str, allowed: tuple[str, ...], default: str
) -> tuple[str, tuple[Note, ...]]:
    """The value of `name` if it is one of `allowed`; else `default`, with a note when a
    value was given."""
    text = raw_text(params.get(name))
    if text is None or text in allowed:
        return text or default, ()
    return default, ignored(name, text)
