"""Actors whose place name fits several towns: one dropdown each to choose the right one."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.exchange.placing import NO_PLACE
from dashboard.i18n import t


def place_choices(plan, lang: str, dropdown_type: str, element_id: str) -> html.Div | None:
    """The plan's ambiguities; a dropdown's id is {"type": dropdown_type, "actor": id}."""
    if plan is None or not plan.ambiguities:
        return None
    items = [
        html.H3(t("data.places.heading", lang), className="h6 mt-3"),
        html.P(t("data.places.intro", lang), className="small"),
    ]
    for ambiguity in plan.ambiguities:
        label = t(
            "data.places.actor",
            lang,
            name=ambiguity.actor_name,
            row=ambiguity.row or "",
            query=ambiguity.query,
        )
        options = [{"label": c.label(lang), "value": c.geonameid} for c in ambiguity.candidates]
        options.append({"label": t("data.places.none", lang), "value": NO_PLACE})
        items.append(
            dbc.Row(
                [
                    dbc.Col(html.Span(label), md=5),
                    dbc.Col(
                        dcc.Dropdown(
                            id={"type": dropdown_type, "actor": ambiguity.actor_id},
                            options=options,
                            placeholder=t("data.places.placeholder", lang),
                            clearable=True,
                        ),
                        md=7,
                    ),
                ],
                className="mb-2 align-items-center",
            )
        )
    return html.Div(items, id=element_id)
