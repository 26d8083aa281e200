"""The findings of an import as a table: severity, table, row, column, value, message."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import fmt_number, t

MAX_SHOWN_PROBLEMS = 300
COLUMNS = ("severity", "table", "row", "column", "value", "message")


def problems_table(problems, lang: str, element_id: str = "daten-problems") -> html.Div:
    """The first MAX_SHOWN_PROBLEMS findings; the rest are counted (the CSV has them all)."""
    header = html.Thead(html.Tr([html.Th(t(f"data.problems.{c}", lang)) for c in COLUMNS]))
    body = []
    for problem in problems[:MAX_SHOWN_PROBLEMS]:
        record = problem.as_row(lang)
        css = {"error": "table-danger", "warning": "table-warning"}.get(problem.severity, "")
        body.append(html.Tr([html.Td(record[c]) for c in COLUMNS], className=css))
    parts = [
        dbc.Table(
            [header, html.Tbody(body)],
            size="sm",
            responsive=True,
            className="small daten-problems",
            id=element_id,
        )
    ]
    if len(problems) > MAX_SHOWN_PROBLEMS:
        parts.append(
            html.P(
                t(
                    "data.problems.more",
                    lang,
                    count=fmt_number(len(problems) - MAX_SHOWN_PROBLEMS, lang),
                ),
                className="text-muted",
            )
        )
    return html.Div(parts)
