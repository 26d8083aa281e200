"""Saved presentation decks: save under a name (again under the same name replaces it),
list, load by id or by name."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select, update

from dashboard.db import repository
from dashboard.db.tables import decks
from dashboard.presentation.deck import Deck, deck_from_data, deck_to_data

MAX_ID_DIGITS = 9  # below 2**31: every database's INTEGER holds it


@dataclass(frozen=True)
class SavedDeck:
    id: int
    name: str
    deck: Deck


def save_deck(engine: Engine, deck: Deck, user_name: str | None) -> int:
    """Store `deck` under its name in one transaction and return its id. The caller has
    checked the role; an unnamed or empty deck is refused."""
    if not deck.name or not deck.slides:
        raise ValueError("a saved deck needs a name and at least one slide")
    body = json.dumps(deck_to_data(deck), ensure_ascii=False)
    with engine.begin() as connection:
        existing = connection.execute(
            select(decks.c.id).where(decks.c.name == deck.name)
        ).scalar_one_or_none()
        if existing is not None:
            connection.execute(
                update(decks)
                .where(decks.c.id == existing)
                .values(slides=body, user_name=user_name, updated_at=func.now())
            )
            return int(existing)
        result = connection.execute(
            insert(decks).values(name=deck.name, slides=body, user_name=user_name)
        )
        return repository.inserted_id(result)


def list_decks(engine: Engine) -> list[tuple[int, str]]:
    """(id, name) of every saved deck, by name."""
    with engine.connect() as connection:
        rows = connection.execute(select(decks.c.id, decks.c.name).order_by(decks.c.name)).all()
    return [(int(row.id), str(row.name)) for row in rows]


def load_deck(engine: Engine, key: object) -> SavedDeck | None:
    """A saved deck by id (a number, or its digits) or else by name; None if unknown."""
    text = str(key or "").strip()
    if not text:
        return None
    # Only ASCII digits that fit the id column are an id ("²" is a digit to Python, and a
    # 20-digit number overflows the database's integer): anything else is looked up as a name.
    by_id = text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS
    condition = decks.c.id == int(text) if by_id else decks.c.name == text
    with engine.connect() as connection:
        row = connection.execute(
            select(decks.c.id, decks.c.name, decks.c.slides).where(condition)
        ).first()
    if row is None:
        return None
    try:
        data = json.loads(row.slides)
    except ValueError:
        data = {}
    deck = deck_from_data(data)
    return SavedDeck(
        id=int(row.id), name=str(row.name), deck=Deck(name=str(row.name), slides=deck.slides)
    )
