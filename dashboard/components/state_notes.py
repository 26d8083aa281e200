"""The visible note under a page's controls when its address held values it ignored."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import t
from dashboard.state.notes import Note


def state_notes(notes: Sequence[Note], lang: str, component_id: str = "state-notes") -> html.Div:
    """An info alert listing every ignored value, or an empty container when all were used."""
    if not notes:
        return html.Div(id=component_id)
    return html.Div(
        dbc.Alert(
            [
                html.Strong(t("state.note.heading", lang)),
                html.Ul([html.Li(note.message(lang)) for note in notes], className="mb-0"),
            ],
            color="info",
            className="py-2 small",
        ),
        id=component_id,
    )
