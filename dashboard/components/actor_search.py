"""Actor dropdowns that stay light with tens of thousands of actors.

The browser receives only the chosen actors and the first few matches; typing asks the
server for the matches of what was typed (Dash's `search_value`). A national network would
otherwise send every actor's name with every page and every filter change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd
from dash import Input, Output, State, callback

from dashboard.i18n.folding import fold

MAX_OPTIONS = 40


def matching_options(
    candidates: pd.DataFrame,
    search: str | None,
    chosen: Iterable[str] = (),
    limit: int = MAX_OPTIONS,
) -> list[dict]:
    """Dropdown options: the `chosen` values first (a value must stay among the options to
    stay shown), then up to `limit` candidates whose label contains every word of `search`,
    ignoring case and umlaut spelling. `candidates` has the columns value and label, in the
    order to offer them."""
    chosen = [value for value in dict.fromkeys(chosen or ()) if value]
    mask = ~candidates["value"].isin(chosen)
    words = fold(search or "").split()
    if words:
        keys = candidates["label"].map(fold)
        for word in words:
            mask &= keys.str.contains(word, regex=False)
    picked = candidates[candidates["value"].isin(chosen)].set_index("value")["label"]
    found = candidates[mask].head(limit)
    return [{"label": str(picked.get(value, value)), "value": value} for value in chosen] + [
        {"label": str(label), "value": value}
        for value, label in zip(found["value"], found["label"], strict=False)
    ]


def register_actor_search(
    dropdown_id: str, candidates: Callable[[str | None], pd.DataFrame]
) -> None:
    """Let the dropdown `dropdown_id` search `candidates(url_search)` on the server."""

    @callback(
        Output(dropdown_id, "options", allow_duplicate=True),
        Input(dropdown_id, "search_value"),
        State(dropdown_id, "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def search_actors(search_value, value, url_search):
        chosen = value if isinstance(value, list) else [value] if value else []
        return matching_options(candidates(url_search), search_value, chosen)
