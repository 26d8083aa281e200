"""Vergleich: 2–6 actors side by side, their charts and their rank among peers.

The chosen actors live in the URL parameter "akteure" (comma-separated ids) next to the
global filters, so a comparison is a link. No parameter means the default actors; an
empty one means the user removed them all. The picker writes the URL; everything else is
drawn from the URL.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard.analysis import compare
from dashboard.cache.callbacks import cached_callback
from dashboard.components.actor_search import matching_options, register_actor_search
from dashboard.components.attributes import aria
from dashboard.components.badges import sample_badge
from dashboard.components.chart_card import chart_card, chart_card_outputs
from dashboard.components.compare_tables import ranks_table, side_by_side_table
from dashboard.components.dropdown import dropdown_labels
from dashboard.components.frame import page_frame
from dashboard.components.page_search import PAGE_SEARCH_ID
from dashboard.components.state_notes import state_notes
from dashboard.components.view_card import view_card_values
from dashboard.geo.states import state_name
from dashboard.i18n import t
from dashboard.schema import SOURCE_DOCUMENTED
from dashboard.state.compare import CompareState
from dashboard.state.embed import Embed
from dashboard.state.filters import Filters
from dashboard.views import compare as views
from dashboard.views.per_version import compare_peer_groups, compare_populations
from dashboard.web.context import store

PATH = "/vergleich"
dash.register_page(
    __name__,
    path=PATH,
    name=t("nav.compare"),
    title=t("page.compare.title"),
    order=5,
    nav_key="nav.compare",
)

PICKER_ID = "compare-actors"
PER_YEAR_CARD = "compare-per-year"
TOPICS_CARD = "compare-topics"
ROLES_CARD = "compare-roles"
NOTES_ID = "compare-state-notes"


def _option_label(row, lang: str) -> str:
    """ "Name · Art · Ort · Bundesland", searchable by each; no commas, since the picker
    lists the chosen ones separated by commas."""
    place = row.city if isinstance(row.city, str) and row.city and row.city != row.name else None
    region = state_name(row.state if isinstance(row.state, str) else None, lang)
    parts = [row.name, t(f"type.{row.type}", lang), place, region]
    return " · ".join(part.replace(",", "") for part in parts if part)


def _labelled_options(snapshot, lang: str) -> pd.DataFrame:
    """Every actor, sorted and labelled for the picker: once per data version and language
    (folding and labelling 17,000 names took a third of a second per page view)."""

    def compute(tables):
        options = compare.actor_options(tables["actors"])
        return options.assign(
            label=[_option_label(row, lang) for row in options.itertuples(index=False)]
        )

    return snapshot.derived(f"compare.options.{lang}", compute)


def _candidates(snapshot, chosen: list[str], filters: Filters) -> pd.DataFrame:
    options = compare.narrow_options(_labelled_options(snapshot, filters.lang), chosen, filters)
    return pd.DataFrame({"value": options["id"].astype(str), "label": options["label"]})


def _candidates_of(url_search: str | None) -> pd.DataFrame:
    snapshot = store().snapshot()
    chosen = views.chosen_ids(snapshot, CompareState.from_search(url_search))
    return _candidates(snapshot, chosen, Filters.from_search(url_search))


register_actor_search(PICKER_ID, _candidates_of)


def layout(**query) -> html.Div:
    filters, notes = Filters.parse(query)
    state, own_notes = CompareState.parse(query)
    lang = filters.lang
    snapshot = store().snapshot()
    chosen = views.chosen_ids(snapshot, state)
    notes += own_notes + state.unknown_notes(set(snapshot.tables["actors"]["id"]))
    picker = dcc.Dropdown(
        id=PICKER_ID,
        options=matching_options(_candidates(snapshot, chosen, filters), None, chosen),
        value=chosen,
        multi=True,
        searchable=True,
        clearable=True,
        placeholder=t("compare.picker.placeholder", lang),
        labels=dropdown_labels(lang),
        className="compare-picker",
    )
    content = [
        html.Div(
            [
                html.H1(t("compare.heading", lang), className="h3 mb-0 me-3"),
                html.Div(id="compare-badge"),
            ],
            className="d-flex align-items-center mb-2",
        ),
        state_notes(notes, lang, NOTES_ID),
        dbc.Card(
            dbc.CardBody(
                [
                    # Named for screen readers; on screen the page heading and the help below
                    # say it, and the line saved keeps the first chart on a laptop's screen.
                    dbc.Label(
                        t("compare.picker.label", lang),
                        html_for=PICKER_ID,
                        className="visually-hidden",
                    ),
                    picker,
                    # What the page does and how to pick, under the one control that matters:
                    # a paragraph of its own above would push the first chart off a laptop.
                    dbc.FormText(
                        t("compare.intro", lang) + " " + t("compare.picker.help", lang),
                        className="compare-intro",
                    ),
                    html.Div(
                        id="compare-hint",
                        className="mt-2",
                        role="status",
                        **aria(live="polite"),
                    ),
                ],
                className="py-2",
            ),
            className="mb-3 compare-picker-card",
        ),
        dbc.Row(
            dbc.Col(
                chart_card(
                    PER_YEAR_CARD,
                    t("compare.chart.per_year.title", lang),
                    lang,
                    description=t("compare.chart.per_year.description", lang),
                ),
                xs=12,
            ),
            className="g-3 mb-3",
        ),
        dbc.Row(
            [
                dbc.Col(
                    chart_card(
                        TOPICS_CARD,
                        t("compare.chart.topics.title", lang),
                        lang,
                        description=t("compare.chart.topics.description", lang),
                    ),
                    lg=7,
                ),
                dbc.Col(
                    chart_card(
                        ROLES_CARD,
                        t("compare.chart.roles.title", lang),
                        lang,
                        description=t("compare.chart.roles.description", lang),
                    ),
                    lg=5,
                ),
            ],
            className="g-3 mb-3",
        ),
        dbc.Card(
            [
                dbc.CardHeader(html.H2(t("compare.table.title", lang), className="h5 mb-0")),
                dbc.CardBody(dcc.Loading(html.Div(id="compare-table"), type="dot")),
            ],
            className="mb-3",
        ),
        dbc.Card(
            [
                dbc.CardHeader(
                    [
                        html.H2(t("compare.ranks.title", lang), className="h5 mb-0"),
                        html.P(
                            t("compare.ranks.explained", lang),
                            className="compare-ranks-explained mb-0",
                        ),
                    ]
                ),
                dbc.CardBody(dcc.Loading(html.Div(id="compare-ranks"), type="dot")),
            ],
            className="mb-3",
        ),
    ]
    return page_frame(PATH, filters, content, embed=Embed.from_params(query))


# --- rendering helpers --------------------------------------------------------------------


def _hint(filters: Filters, chosen: list[str], requested: int, lang: str):
    messages = []
    if len(chosen) < compare.MIN_ACTORS:
        messages.append(
            dbc.Alert(
                t("compare.hint.too_few", lang),
                color="warning",
                id="compare-too-few",
                className="mb-2",
            )
        )
    if requested > compare.MAX_ACTORS or len(chosen) == compare.MAX_ACTORS:
        messages.append(dbc.Alert(t("compare.hint.too_many", lang), color="info", className="mb-2"))
    if filters.types or filters.states:
        messages.append(
            html.P(
                t("compare.hint.filters", lang),
                className="small text-muted mb-0",
                id="compare-filters-note",
            )
        )
    return messages or None


def _requested(search: str | None) -> int:
    value = compare.actors_param(search)
    return len([part for part in value.split(",") if part.strip()]) if value else 0


# --- callbacks ------------------------------------------------------------------------------


@callback(
    Output("url", "search", allow_duplicate=True),
    Output(PICKER_ID, "value"),
    Input(PICKER_ID, "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def write_selection_to_url(value, search):
    """The picker's choice into the URL; a seventh actor is taken out of the picker again."""
    ids = [str(v) for v in value] if isinstance(value, list) else []
    trimmed = ids[: compare.MAX_ACTORS]
    new_search = compare.search_with_actors(search, trimmed)
    return (
        no_update if new_search == (search or "") else new_search,
        trimmed if len(ids) > len(trimmed) else no_update,
    )


@callback(
    Output("compare-hint", "children"),
    Output("compare-table", "children"),
    Output("compare-ranks", "children"),
    Output("compare-badge", "children"),
    Input(PAGE_SEARCH_ID, "data"),
)
@cached_callback
def update_compare(search):
    """The side-by-side table and the ranks (each chart has a callback of its own)."""
    filters = Filters.from_search(search)
    lang = filters.lang
    snapshot = store().snapshot()
    tables = snapshot.tables
    actors = tables["actors"]
    ids = views.chosen_ids(snapshot, CompareState.from_search(search))
    labels = views.labels_of(actors, ids)
    selection = views.compare_selection(snapshot, filters)
    population = compare_populations(snapshot)
    side = compare.side_by_side(tables, selection, ids, population)
    ranks = compare.peer_ranks(tables, selection, ids, population, compare_peer_groups(snapshot))
    # The ranks draw on every actor of the selection, the columns on the chosen ones.
    chosen_actors = actors[actors["id"].isin(ids)]
    has_sample = selection.has_sample_rows or bool(
        (chosen_actors["source"] != SOURCE_DOCUMENTED).any()
    )
    return (
        _hint(filters, ids, _requested(search), lang),
        side_by_side_table(side, labels, lang),
        ranks_table(ranks, side, labels, lang),
        sample_badge(lang, "compare-sample-badge") if has_sample else None,
    )


def _register_card(card_id: str, view, filename: str) -> None:
    """One callback per chart: the browser draws each answer as it comes, and no answer
    waits for the other charts (one answer for all took half a second at national scale)."""

    @callback(*chart_card_outputs(card_id), Input(PAGE_SEARCH_ID, "data"))
    @cached_callback
    def update_card(search):
        filters = Filters.from_search(search)
        snapshot = store().snapshot()
        state = CompareState.from_search(search)
        selection = views.compare_selection(snapshot, filters)
        return view_card_values(view(snapshot, filters, state, selection), filters.lang, filename)


_register_card(PER_YEAR_CARD, views.per_year, "vergleich-teilnahme-je-jahr")
_register_card(TOPICS_CARD, views.topics, "vergleich-themen")
_register_card(ROLES_CARD, views.roles, "vergleich-rollen")
