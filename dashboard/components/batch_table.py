"""/daten: the newest import batches with who, when, how many rows, and the undo button."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.db import repository
from dashboard.exchange.commit import undoable_batch_id
from dashboard.i18n import fmt_number, t
from dashboard.web.context import app_context

BATCHES_SHOWN = 20
LOCAL_TIME = ZoneInfo("Europe/Berlin")
UNDO_ID = "daten-undo"


def _local(value: dt.datetime | None, lang: str) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    pattern = "%d.%m.%Y %H:%M" if lang == "de" else "%d/%m/%Y %H:%M"
    return value.astimezone(LOCAL_TIME).strftime(pattern)


def _changed_rows(summary: dict) -> int | None:
    tables = summary.get("tables")
    if not isinstance(tables, dict):
        inserted = summary.get("inserted")
        return sum(inserted.values()) if isinstance(inserted, dict) else None
    return sum(c.get("new", 0) + c.get("changed", 0) + c.get("removed", 0) for c in tables.values())


def batch_table(lang: str):
    with app_context().engine.connect() as connection:
        batches = repository.batches(connection, BATCHES_SHOWN)
        undoable = undoable_batch_id(connection)
    if not batches:
        return html.P(t("data.batches.none", lang), className="text-muted")
    header = html.Thead(
        html.Tr(
            [
                html.Th(t(f"data.batches.{c}", lang))
                for c in ("id", "when", "user", "file", "rows", "status")
            ]
        )
    )
    rows = []
    for batch in batches:
        changed = _changed_rows(batch["summary"])
        status: Component
        if batch["reverted_at"] is not None:
            status = html.Span(
                t("data.batches.reverted", lang, when=_local(batch["reverted_at"], lang)),
                className="text-muted",
            )
        elif batch["id"] == undoable:
            status = dcc.ConfirmDialogProvider(
                dbc.Button(t("data.batches.undo", lang), color="outline-danger", size="sm"),
                id={"type": UNDO_ID, "batch": batch["id"]},
                message=t("data.batches.undo_confirm", lang, batch=batch["id"]),
            )
        else:
            status = html.Span(t("data.batches.active", lang))
        rows.append(
            html.Tr(
                [
                    html.Td(str(batch["id"])),
                    html.Td(_local(batch["created_at"], lang)),
                    html.Td(batch["user"] or ""),
                    html.Td(batch["file_name"] or "", className="text-break"),
                    html.Td(fmt_number(changed, lang) if changed is not None else ""),
                    html.Td(status),
                ],
                id=f"daten-batch-{batch['id']}",
            )
        )
    return dbc.Table(
        [header, html.Tbody(rows)], size="sm", hover=True, responsive=True, className="mb-0 small"
    )
