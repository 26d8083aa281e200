"""The two tables of /vergleich: the chosen actors side by side, and their ranks among
peers. Each actor's column carries the colour swatch its lines have in the charts."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.analysis import compare
from dashboard.components.attributes import aria
from dashboard.figures import compare as figures
from dashboard.geo.states import state_name
from dashboard.i18n import fmt_number, t
from dashboard.views.peer_ranks import group_text, indexed, missing, rank_text, size_text


def _swatch(colour: str) -> html.Span:
    return html.Span(
        className="compare-swatch", style={"backgroundColor": colour}, **aria(hidden="true")
    )


def _year(value, lang: str) -> str:
    return t("common.unknown", lang) if missing(value) else str(int(value))


def side_by_side_table(frame: pd.DataFrame, labels: dict[str, str], lang: str):
    if frame.empty:
        return dbc.Alert(t("compare.empty.no_actors", lang), color="light", className="mb-0")
    colours = figures.actor_colours(labels)
    dash_text = t("compare.none", lang)

    def roles(value: dict) -> str:
        parts = [
            f"{t(f'role.{role}', lang)}: {fmt_number(count, lang)}"
            for role, count in value.items()
            if count
        ]
        return " · ".join(parts) or dash_text

    def population(row) -> str:
        if row.type != "kommune":
            return t("compare.not_applicable", lang)
        return fmt_number(None if missing(row.population) else int(row.population), lang)

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
                size_text(r.size_class, lang)
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
            lambda r: fmt_number(None if missing(r.headcount) else int(r.headcount), lang),
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
                    [_swatch(colours[actor_id]), labels[actor_id]],
                    scope="col",
                    id=f"compare-col-{actor_id}",
                )
                for actor_id in map(str, frame["actor_id"])
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


def ranks_table(ranks: pd.DataFrame, side: pd.DataFrame, labels: dict[str, str], lang: str):
    if side.empty:
        return dbc.Alert(t("compare.empty.no_actors", lang), color="light", className="mb-0")
    colours = figures.actor_colours(labels)
    ids = list(side["actor_id"])
    kinds = side.set_index("actor_id")["type"]
    by_key = indexed(ranks)

    rows = []
    for group in compare.PEER_GROUPS:
        rows.append(
            html.Tr(
                [html.Th(t(f"compare.ranks.{group}_group", lang), scope="row")]
                + [
                    html.Td(group_text(by_key, actor_id, kinds[actor_id], group, lang))
                    for actor_id in ids
                ],
                id=f"compare-ranks-{group}",
                className="compare-ranks-group",
            )
        )
        for measure in compare.MEASURES:
            rows.append(
                html.Tr(
                    [html.Th(t(f"compare.ranks.{group}_{measure}", lang), scope="row")]
                    + [
                        html.Td(rank_text(by_key, actor_id, group, measure, lang))
                        for actor_id in ids
                    ],
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
