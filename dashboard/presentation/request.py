"""The deck an address asks for: a saved deck (`satz`) or one carried in the link (`folien`)."""

from __future__ import annotations

from sqlalchemy import Engine

from dashboard.db.decks import load_deck
from dashboard.presentation.deck import PARAM_DECK, PARAM_SAVED, Deck, decode_deck


def param(query: dict, name: str) -> str:
    value = query.get(name)
    value = value[0] if isinstance(value, list) and value else value
    return str(value or "").strip()


def requested_deck(engine: Engine, query: dict) -> tuple[Deck, bool]:
    """(the deck named by the address, whether the address names one at all): a saved
    deck (`satz`) or one carried in the link (`folien`)."""
    saved = param(query, PARAM_SAVED)
    if saved:
        found = load_deck(engine, saved)
        return (found.deck if found else Deck()), True
    encoded = param(query, PARAM_DECK)
    return decode_deck(encoded), bool(encoded)
