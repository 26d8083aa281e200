"""What a page did with a value in its address that it could not use.

People shorten and edit links by hand; a value that does not parse gives the default and
a note the page shows, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import t


@dataclass(frozen=True)
class Note:
    """`param` had `value`, which is not one of the allowed values: the default was used."""

    param: str
    value: str

    def message(self, lang: str) -> str:
        return t("state.note.ignored", lang, param=self.param, value=self.value[:40])


def ignored(param: str, value: object) -> tuple[Note, ...]:
    """A note for a present, non-empty value that was not used; nothing for an absent one."""
    text = "" if value is None else str(value).strip()
    return (Note(param, text),) if text else ()
