"""A single card of a page shown embedded: the card, the components around it, and
everything else hidden (still in the page, for the callbacks that fill it)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.embed_frame import HIDDEN, ON_PATH, TARGET, focus_card


def _classes(component) -> set[str]:
    return set((getattr(component, "className", None) or "").split())


def test_emb301_focus_card_marks_the_card_its_path_and_hides_the_rest():
    wanted = dbc.Card("Rollen", id="attendance-roles", className="chart-card h-100")
    beside = dbc.Card("Je Veranstaltung", id="attendance-events")
    heading = html.H1("Teilnahme")
    store = dcc.Store(id="attendance-filters")
    row = dbc.Row([dbc.Col(beside, xl=8), dbc.Col(wanted, xl=4)], className="g-3")
    other_row = dbc.Row([dbc.Col(dbc.Card("Top", id="attendance-top"))])
    content = [store, heading, row, other_row]

    assert focus_card(content, "attendance-roles")

    assert _classes(wanted) == {"chart-card", "h-100", TARGET}
    assert ON_PATH in _classes(row) and ON_PATH in _classes(row.children[1])
    assert HIDDEN in _classes(row.children[0]) and HIDDEN in _classes(heading)
    assert HIDDEN in _classes(other_row)
    assert HIDDEN not in _classes(beside)  # hidden with its column, left as it was
    assert not hasattr(store, "className")  # a store has no class to hide it by, nor needs one


def test_emb302_an_unknown_card_leaves_the_page_as_it_is():
    heading = html.H1("Teilnahme", className="h3")
    assert not focus_card([heading, dbc.Card("x", id="attendance-top")], "nope")
    assert _classes(heading) == {"h3"}
