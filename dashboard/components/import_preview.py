"""/daten: what the preview of an uploaded data file shows (counts per table, a summary)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.exchange.plan import REPLACE
from dashboard.exchange.problems import ERROR
from dashboard.i18n import fmt_number, t, tn


def counts_table(plan, lang: str) -> dbc.Table:
    columns = ("new", "changed", "unchanged", "removed")
    header = html.Thead(
        html.Tr(
            [html.Th(t("data.preview.table", lang))]
            + [html.Th(t(f"data.preview.{c}", lang), className="text-end") for c in columns]
        )
    )
    rows = []
    for name, counts in plan.counts().items():
        cells = [html.Td(t(f"ingest.table.{name}", lang))]
        for column in columns:
            value = counts[column]
            emphasis = (
                " fw-bold text-danger"
                if column == "removed" and value
                else (" fw-bold" if column in ("new", "changed") and value else "")
            )
            cells.append(html.Td(fmt_number(value, lang), className="text-end" + emphasis))
        rows.append(html.Tr(cells, id=f"daten-count-{name}"))
    return dbc.Table(
        [header, html.Tbody(rows)],
        size="sm",
        bordered=True,
        className="daten-counts",
        id="daten-counts",
    )


def summary(parsed, plan, lang: str) -> dbc.Alert:
    problems = plan.problems if plan is not None else parsed.problems
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = sum(1 for p in problems if p.severity == "warning")
    if errors:
        return dbc.Alert(
            t(
                "data.preview.rejected",
                lang,
                errors=tn("count.errors", errors, lang),
                warnings=tn("count.warnings", warnings, lang),
            ),
            color="danger",
            id="daten-summary",
        )
    if not plan.has_changes:
        return dbc.Alert(t("data.preview.nothing", lang), color="secondary", id="daten-summary")
    key = "data.preview.ready_replace" if plan.mode == REPLACE else "data.preview.ready"
    return dbc.Alert(
        t(key, lang, warnings=tn("count.warnings", warnings, lang)),
        color="success",
        id="daten-summary",
    )
