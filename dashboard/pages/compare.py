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
from dashboard.analysis.selection import participations_of
from dashboard.cache.responses import cached_callback
from dashboard.components.actor_search import matching_options, register_actor_search
from dashboard.components.badges import sample_badge
from dashboard.components.chart_card import chart_card, chart_card_outputs, chart_card_values
from dashboard.components.dropdown import dropdown_labels
from dashboard.components.frame import page_frame
from dashboard.figures import compare as figures
from dashboard.geo.states import state_name
from dashboard.i18n import fmt_number, t, tn
from dashboard.schema import ROLES, SOURCE_DOCUMENTED
from dashboard.state.filters import Filters
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


def _param(query: dict, name: str):
    value = query.get(name)
    return value[0] if isinstance(value, list) and value else value


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


def _chosen(snapshot, param) -> list[str]:
    if param is None:
        return snapshot.derived(
            "compare.defaults", lambda tables: compare.default_actor_ids(tables["actors"])
        )
    return compare.actor_ids_from_param(param, snapshot.tables["actors"])


def _candidates(snapshot, chosen: list[str], filters: Filters) -> pd.DataFrame:
    options = compare.narrow_options(_labelled_options(snapshot, filters.lang), chosen, filters)
    return pd.DataFrame({"value": options["id"].astype(str), "label": options["label"]})


def _chosen_in(snapshot, search: str | None) -> list[str]:
    return _chosen(snapshot, compare.actors_param(search))


def _candidates_of(url_search: str | None) -> pd.DataFrame:
    snapshot = store().snapshot()
    return _candidates(snapshot, _chosen_in(snapshot, url_search), Filters.from_search(url_search))


register_actor_search(PICKER_ID, _candidates_of)


def layout(**query) -> html.Div:
    filters = Filters.from_params(query)
    lang = filters.lang
    snapshot = store().snapshot()
    chosen = _chosen(snapshot, _param(query, compare.PARAM_ACTORS))
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
        html.P(t("compare.intro", lang), className="lead compare-intro"),
        dbc.Card(
            dbc.CardBody(
                [
                    dbc.Label(
                        t("compare.picker.label", lang), html_for=PICKER_ID, className="fw-semibold"
                    ),
                    picker,
                    dbc.FormText(t("compare.picker.help", lang)),
                    html.Div(
                        id="compare-hint",
                        className="mt-2",
                        role="status",
                        **{"aria-live": "polite"},
                    ),
                ]
            ),
            className="mb-3 compare-picker-card",
        ),
        dbc.Card(
            [
                dbc.CardHeader(html.H2(t("compare.table.title", lang), className="h5 mb-0")),
                dbc.CardBody(dcc.Loading(html.Div(id="compare-table"), type="dot")),
            ],
            className="mb-3",
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
    return page_frame(PATH, filters, content)


# --- rendering helpers --------------------------------------------------------------------


def _labels(actors: pd.DataFrame, ids: list[str]) -> dict[str, str]:
    """Display name per chosen actor; a name shared by two chosen actors gets its city."""
    by_id = actors.set_index("id")
    names = {actor_id: str(by_id.at[actor_id, "name"]) for actor_id in ids}
    labels = {}
    for actor_id, name in names.items():
        city = by_id.at[actor_id, "city"]
        shared = list(names.values()).count(name) > 1
        labels[actor_id] = f"{name} ({city})" if shared and isinstance(city, str) and city else name
    if len(set(labels.values())) < len(labels):
        labels = {actor_id: f"{label} [{actor_id}]" for actor_id, label in labels.items()}
    return labels


def _swatch(colour: str) -> html.Span:
    return html.Span(
        className="compare-swatch", style={"backgroundColor": colour}, **{"aria-hidden": "true"}
    )


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def _year(value, lang: str) -> str:
    return t("common.unknown", lang) if _missing(value) else str(int(value))


def _size_text(key, lang: str) -> str:
    return (
        t(f"compare.size.{key}", lang)
        if isinstance(key, str) and key
        else t("common.unknown", lang)
    )


def _side_by_side_table(frame: pd.DataFrame, labels: dict[str, str], lang: str):
    if frame.empty:
        return dbc.Alert(t("compare.empty.no_actors", lang), color="light", className="mb-0")
    colours = figures.actor_colours(labels)
    dash_text = t("compare.none", lang)

    def roles(value: dict) -> str:
        parts = [
            f"{t(f'compare.role.{role}', lang)}: {fmt_number(count, lang)}"
            for role, count in value.items()
            if count
        ]
        return " · ".join(parts) or dash_text

    def population(row) -> str:
        if row.type != "kommune":
            return t("compare.not_applicable", lang)
        return fmt_number(None if _missing(row.population) else int(row.population), lang)

    rows_spec = [
        ("type", lambda r: t(f"type.{r.type}", lang)),
        (
            "state",
            lambda r: (
                state_name(r.state if isinstance(r.state, str) else None, lang)
                or t("common.unknown", lang)
            ),
        ),
        ("population", population),
        (
            "size_class",
            lambda r: (
                _size_text(r.size_class, lang)
                if r.type == "kommune"
                else t("compare.not_applicable", lang)
            ),
        ),
        ("participations", lambda r: fmt_number(int(r.participations), lang)),
        ("years", lambda r: ", ".join(str(y) for y in r.years) or dash_text),
        ("first_year", lambda r: _year(r.first_year, lang) if r.participations else dash_text),
        ("last_year", lambda r: _year(r.last_year, lang) if r.participations else dash_text),
        (
            "headcount",
            lambda r: fmt_number(None if _missing(r.headcount) else int(r.headcount), lang),
        ),
        ("headcount_unknown", lambda r: fmt_number(int(r.headcount_unknown), lang)),
        ("roles", lambda r: roles(r.roles)),
        ("topics", lambda r: ", ".join(r.topics) or dash_text),
        ("partners", lambda r: fmt_number(int(r.partners), lang)),
    ]
    header = html.Thead(
        html.Tr(
            [html.Th(t("compare.row.metric", lang), scope="col")]
            + [
                html.Th(
                    [_swatch(colours[row.actor_id]), labels[row.actor_id]],
                    scope="col",
                    id=f"compare-col-{row.actor_id}",
                )
                for row in frame.itertuples(index=False)
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [html.Th(t(f"compare.row.{key}", lang), scope="row")]
                + [html.Td(render(row)) for row in frame.itertuples(index=False)],
                id=f"compare-row-{key}",
            )
            for key, render in rows_spec
        ]
    )
    return dbc.Table(
        [
            html.Caption(t("compare.table.caption", lang), className="caption-top compare-caption"),
            header,
            body,
        ],
        bordered=False,
        striped=True,
        hover=True,
        responsive=True,
        className="mb-0 compare-table",
        id="compare-side-by-side",
    )


def _ranks_table(ranks: pd.DataFrame, side: pd.DataFrame, labels: dict[str, str], lang: str):
    if side.empty:
        return dbc.Alert(t("compare.empty.no_actors", lang), color="light", className="mb-0")
    colours = figures.actor_colours(labels)
    ids = list(side["actor_id"])
    kinds = side.set_index("actor_id")["type"]
    indexed = ranks.set_index(["actor_id", "group", "measure"])

    def group_cell(actor_id: str, group: str) -> str:
        row = indexed.loc[(actor_id, group, "participations")]
        key = row["group_key"]
        if not isinstance(key, str) or not key:
            if group == "state":
                return t("compare.ranks.no_state", lang)
            return (
                t("compare.ranks.not_municipality", lang)
                if kinds[actor_id] != "kommune"
                else t("compare.ranks.population_unknown", lang)
            )
        count = int(row["of"])
        if group == "state":
            actors = tn("count.actors", count, lang)
            return t("compare.ranks.group_actors", lang, group=state_name(key, lang), actors=actors)
        return t(
            "compare.ranks.group_municipalities",
            lang,
            group=_size_text(key, lang),
            municipalities=tn("count.municipalities", count, lang),
        )

    def rank_cell(actor_id: str, group: str, measure: str) -> str:
        row = indexed.loc[(actor_id, group, measure)]
        if not isinstance(row["group_key"], str) or not row["group_key"]:
            return t("compare.not_applicable", lang)
        if _missing(row["rank"]):
            return t("compare.ranks.headcount_unknown", lang)
        return t(
            "compare.ranks.rank",
            lang,
            rank=fmt_number(int(row["rank"]), lang),
            of=fmt_number(int(row["of"]), lang),
        )

    rows = []
    for group in compare.PEER_GROUPS:
        rows.append(
            html.Tr(
                [html.Th(t(f"compare.ranks.{group}_group", lang), scope="row")]
                + [html.Td(group_cell(actor_id, group)) for actor_id in ids],
                id=f"compare-ranks-{group}",
                className="compare-ranks-group",
            )
        )
        for measure in compare.MEASURES:
            rows.append(
                html.Tr(
                    [html.Th(t(f"compare.ranks.{group}_{measure}", lang), scope="row")]
                    + [html.Td(rank_cell(actor_id, group, measure)) for actor_id in ids],
                    id=f"compare-ranks-{group}-{measure}",
                )
            )
    header = html.Thead(
        html.Tr(
            [html.Th(t("compare.row.metric", lang), scope="col")]
            + [
                html.Th([_swatch(colours[actor_id]), labels[actor_id]], scope="col")
                for actor_id in ids
            ]
        )
    )
    return dbc.Table(
        [
            html.Caption(t("compare.ranks.caption", lang), className="caption-top compare-caption"),
            header,
            html.Tbody(rows),
        ],
        striped=False,
        hover=True,
        responsive=True,
        className="mb-0 compare-table compare-ranks-table",
        id="compare-ranks-table",
    )


def _per_year_frame(per_year: pd.DataFrame, labels: dict[str, str], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("compare.col.actor", lang): per_year["actor_id"].map(labels),
            t("compare.col.year", lang): per_year["year"].astype(int),
            t("compare.col.participations", lang): per_year["participations"].astype(int),
            t("compare.col.headcount", lang): per_year["headcount"].astype("Int64"),
            t("compare.col.unknown", lang): per_year["unknown"].astype(int),
        }
    )


def _topics_frame(topics: pd.DataFrame, labels: dict[str, str], lang: str) -> pd.DataFrame:
    actor = t("compare.col.actor", lang)
    if topics.empty:
        return pd.DataFrame({actor: list(labels.values())})
    wide = topics.pivot_table(
        index="actor_id",
        columns="topic",
        values="sessions",
        aggfunc="sum",
        fill_value=0,
        sort=False,
    )
    wide = wide.reindex(
        index=[a for a in labels if a in wide.index],
        columns=list(dict.fromkeys(topics["topic"])),
        fill_value=0,
    )
    wide.columns = [str(column) for column in wide.columns]
    wide = wide.astype(int)
    wide.insert(0, actor, [labels[a] for a in wide.index])
    return wide.reset_index(drop=True)


def _roles_frame(roles: pd.DataFrame, labels: dict[str, str], lang: str) -> pd.DataFrame:
    actor = t("compare.col.actor", lang)
    wide = roles.pivot_table(
        index="actor_id",
        columns="role",
        values="participations",
        aggfunc="sum",
        fill_value=0,
        sort=False,
    )
    columns = [role for role in ROLES if role in wide.columns]
    wide = wide.reindex(index=list(labels), columns=columns, fill_value=0).astype(int)
    frame = pd.DataFrame({actor: [labels[a] for a in wide.index]})
    for role in columns:
        frame[t(f"compare.role.{role}", lang)] = wide[role].to_numpy()
    frame[t("compare.col.total", lang)] = wide.sum(axis=1).to_numpy()
    return frame


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
    *chart_card_outputs(PER_YEAR_CARD),
    *chart_card_outputs(TOPICS_CARD),
    *chart_card_outputs(ROLES_CARD),
    Output("compare-ranks", "children"),
    Output("compare-badge", "children"),
    Input("url", "search"),
)
@cached_callback
def update_compare(search):
    filters = Filters.from_search(search)
    lang = filters.lang
    snapshot = store().snapshot()
    tables = snapshot.tables
    actors = tables["actors"]
    ids = _chosen_in(snapshot, search)
    labels = _labels(actors, ids)
    selection = compare.compare_selection(
        tables, filters, snapshot.derived("participations", participations_of)
    )
    population = snapshot.derived("compare.populations", compare.populations_of)

    side = compare.side_by_side(tables, selection, ids, population)
    per_year = compare.per_year(selection, ids)
    topics = compare.topic_counts(tables, selection, ids)
    roles = compare.role_counts(selection, ids)
    ranks = compare.peer_ranks(tables, selection, ids, population)

    # The ranks draw on every actor of the selection, the columns on the chosen ones.
    chosen_actors = actors[actors["id"].isin(ids)]
    has_sample = selection.has_sample_rows or bool(
        (chosen_actors["source"] != SOURCE_DOCUMENTED).any()
    )
    return (
        _hint(filters, ids, _requested(search), lang),
        _side_by_side_table(side, labels, lang),
        *chart_card_values(
            figures.participation_per_year(per_year, labels, lang),
            _per_year_frame(per_year, labels, lang),
            lang,
            caption=t("compare.chart.per_year.title", lang),
            filename="vergleich-teilnahme-je-jahr",
        ),
        *chart_card_values(
            figures.topic_heatmap(topics, labels, lang),
            _topics_frame(topics, labels, lang),
            lang,
            caption=t("compare.chart.topics.title", lang),
            filename="vergleich-themen",
        ),
        *chart_card_values(
            figures.roles_stacked(roles, labels, lang),
            _roles_frame(roles, labels, lang),
            lang,
            caption=t("compare.chart.roles.title", lang),
            filename="vergleich-rollen",
        ),
        _ranks_table(ranks, side, labels, lang),
        sample_badge(lang, "compare-sample-badge") if has_sample else None,
    )
