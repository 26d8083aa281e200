"""/daten: "Auswertung importieren" — the card, and what its preview shows.

Staff pick the event, upload a survey export, check the proposed meaning of each column
(which are dropped, and why), see the results as the pages will show them (small groups
suppressed), and commit one batch. The callbacks are in `evaluation_import_callbacks`.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.components.attributes import aria
from dashboard.components.problems_table import problems_table
from dashboard.components.upload import upload_limit_mb
from dashboard.exchange.evaluation.importer import RESULTS, EvaluationPreview
from dashboard.exchange.evaluation.mapping import KINDS
from dashboard.exchange.lists.sheet import WORKBOOK_SUFFIXES
from dashboard.i18n import t, tn
from dashboard.views.evaluation import question_results
from dashboard.web.context import app_context

ACCEPT = ".csv,.txt,.tsv," + ",".join(WORKBOOK_SUFFIXES)
KIND_ID = "auswertung-kind"


def card(lang: str, events: list[dict]) -> dbc.Card:
    """The card; `events` are the stored events (id, year, title), newest first."""
    settings = app_context().settings
    options = [{"label": f"{e['year']} – {e['title']}", "value": e["id"]} for e in events]
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(t("evaluation.import.heading", lang), className="h5 mb-0")),
            dbc.CardBody(
                [
                    html.P(t("evaluation.import.intro", lang, mb=upload_limit_mb(settings, lang))),
                    dbc.Label(
                        t("evaluation.import.event", lang),
                        html_for="auswertung-event",
                        className="fw-semibold",
                    ),
                    dcc.Dropdown(
                        id="auswertung-event",
                        options=options,
                        value=events[0]["id"] if events else None,
                        clearable=False,
                        className="mb-2",
                    ),
                    dcc.Upload(
                        id="auswertung-upload",
                        children=html.Div(
                            [
                                html.I(className="bi bi-upload me-2", **aria(hidden="true")),
                                t("evaluation.import.upload", lang),
                            ]
                        ),
                        accept=ACCEPT,
                        max_size=settings.upload_max_bytes,
                        multiple=False,
                        className="daten-upload mt-2",
                    ),
                    dcc.Loading(
                        html.Div(id="auswertung-mapping", className="mt-3"), delay_show=300
                    ),
                    dbc.Button(
                        t("evaluation.import.apply", lang),
                        id="auswertung-apply",
                        color="outline-primary",
                        size="sm",
                        style={"display": "none"},
                    ),
                    dcc.Loading(
                        html.Div(id="auswertung-preview", className="mt-3"), delay_show=300
                    ),
                    dbc.Button(
                        t("evaluation.import.commit", lang),
                        id="auswertung-commit",
                        color="primary",
                        disabled=True,
                        className="mt-3",
                    ),
                    dcc.Loading(html.Div(id="auswertung-result", className="mt-3"), delay_show=300),
                    dcc.Store(id="auswertung-state"),
                ]
            ),
        ],
        className="mb-3",
    )


def mapping_table(preview: EvaluationPreview, lang: str) -> dbc.Table:
    """One row per column: its header and a choice of meaning (proposed or remembered)."""
    options = [{"label": t(f"evaluation.kind.{kind}", lang), "value": kind} for kind in KINDS]
    rows = [
        html.Tr(
            [
                html.Td(header, className="text-break"),
                html.Td(
                    dcc.Dropdown(
                        id={"type": KIND_ID, "index": index},
                        options=options,
                        value=kind,
                        clearable=False,
                    ),
                    style={"minWidth": "18rem"},
                ),
            ]
        )
        for index, (header, kind) in enumerate(
            zip(preview.survey.headers, preview.kinds, strict=False)
        )
    ]
    header = html.Thead(
        html.Tr(
            [
                html.Th(t("evaluation.import.column", lang)),
                html.Th(t("evaluation.import.kind", lang)),
            ]
        )
    )
    return dbc.Table(
        [header, html.Tbody(rows)], size="sm", id="auswertung-mapping-table", className="small"
    )


def preview_view(preview: EvaluationPreview, sessions: pd.DataFrame, lang: str) -> html.Div:
    """What was read, what is dropped and why, every problem, and the results as shown."""
    parts: list = []
    if preview.survey.headers:
        parts.append(
            html.P(
                t(
                    "evaluation.import.read",
                    lang,
                    tool=t(f"evaluation.tool.{preview.survey.tool}", lang),
                    responses=tn("count.responses", preview.responses, lang),
                ),
                id="auswertung-summary",
            )
        )
    parts.append(_dropped(preview, lang))
    if preview.all_problems:
        parts.append(problems_table(preview.all_problems, lang, "auswertung-problems"))
    if preview.plan is not None:
        counts = preview.plan.changes[RESULTS].counts()
        parts.append(html.P(t("evaluation.import.plan", lang, **counts), id="auswertung-plan"))
        parts.append(_results(preview, sessions, lang))
    return html.Div(parts)


def _dropped(preview: EvaluationPreview, lang: str) -> html.Div:
    dropped = preview.dropped()
    heading = html.H3(t("evaluation.import.dropped", lang), className="h6 mt-2")
    if not dropped:
        return html.Div([heading, html.P(t("evaluation.import.none_dropped", lang))])
    items = [
        html.Li(
            [html.Span(header, className="fw-semibold"), " – ", t(f"evaluation.reason.{r}", lang)]
        )
        for header, r in dropped
    ]
    return html.Div([heading, html.Ul(items, id="auswertung-dropped", className="small")])


def _results(preview: EvaluationPreview, sessions: pd.DataFrame, lang: str) -> html.Div:
    titles = dict(zip(sessions["id"], sessions["title"].astype(str), strict=True))
    frame = pd.DataFrame(preview.rows).assign(source="")
    shown = question_results(frame, titles, app_context().settings.min_responses, "", lang)
    parts: list = [html.H3(t("evaluation.import.results", lang), className="h6 mt-3")]
    for result in shown:
        assert result.table is not None  # every question result has its table
        table = result.table.astype(object).where(result.table.notna(), "")
        parts += [
            html.Div(result.title, className="fw-semibold small mt-2"),
            dbc.Table.from_dataframe(table.astype(str), size="sm", className="small mb-1"),
        ]
    return html.Div(parts, id="auswertung-results")
