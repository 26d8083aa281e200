"""KPI cards."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.attributes import aria


def kpi_card(card_id: str, label: str, value: str, note: str = "", icon: str = "") -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.I(className=f"bi {icon} me-2", **aria(hidden="true"))
                        if icon
                        else None,
                        label,
                    ],
                    className="kpi-label",
                ),
                html.Div(value, id=f"{card_id}-value", className="kpi-value"),
                html.Div(note, id=f"{card_id}-note", className="kpi-note"),
            ]
        ),
        id=card_id,
        className="kpi-card h-100",
    )
