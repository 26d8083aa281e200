"""Presentation decks: the deck model, what each slide shows, and the bounded PDF renderer."""
