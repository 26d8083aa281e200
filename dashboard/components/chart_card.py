"""A chart with its data: the graph, an accessible table under a toggle, CSV/XLSX download.

Layout (all ids derived from `card_id`):

- ``f"{card_id}-graph"``: the dcc.Graph (inside dcc.Loading); the page's callback fills its
  ``figure``.
- ``{"type": "chart-card-data", "card": card_id}``: a dcc.Store the page's callback fills
  with :func:`table_data`: the frame (for the downloads) and the table's text, formatted
  on the server (:func:`table_view`: caption, headers, German numbers).
- ``f"{card_id}-table"``: a real ``<table>`` (caption, ``<th scope="col">``, a
  ``<th scope="row">`` per row), drawn in the browser from the store only while it is open.
  A table is a Dash component per cell; thousands of them, closed or not, made every later
  update of the page take seconds in the browser.
- ``{"type": "chart-card-toggle", "card": card_id}``: the "Daten als Tabelle" button
  (a real ``<button>`` with ``aria-expanded``/``aria-controls``) that opens
  ``{"type": "chart-card-collapse", "card": card_id}``.
- ``{"type": "chart-card-embed", "card": card_id}``: "Einbetten", the `<iframe>` code of
  this card alone (components/embed_dialog.py);
- ``{"type": "chart-card-csv" | "chart-card-xlsx", "card": card_id}``: download buttons;
  ``{"type": "chart-card-download", "card": card_id}``: their dcc.Download.

A page's callback usually returns both at once::

    @callback(*chart_card_outputs("attendance-events"), Input(PAGE_SEARCH_ID, "data"))
    def update(search):
        ...
        return chart_card_values(figure, frame, lang, caption=t("attendance.events.title", lang),
                                 filename="teilnahme-je-veranstaltung")

The toggle and table (clientside) and download (server) callbacks are pattern-matching and
defined once per app by :func:`register_chart_card_callbacks`, which app_factory calls.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import MATCH, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.dependencies import Wildcard
from dash.development.base_component import Component

from dashboard.components.attributes import aria
from dashboard.components.graph_config import (
    BLANK_FIGURE,
    IMAGE_EXPORT_JS,
    image_options,
)
from dashboard.components.graph_config import (
    graph_config as base_graph_config,
)
from dashboard.exchange.export import (
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    frame_to_csv_bytes,
    frame_to_xlsx_bytes,
)
from dashboard.i18n import fmt_number, t, tn

TOGGLE = "chart-card-toggle"
COLLAPSE = "chart-card-collapse"
TABLE = "chart-card-table"
DATA = "chart-card-data"
CSV = "chart-card-csv"
XLSX = "chart-card-xlsx"
DOWNLOAD = "chart-card-download"
SVG = "chart-card-svg"
PNG = "chart-card-png"
IMAGE = "chart-card-image"
EMBED = "chart-card-embed"

_YEAR_WORDS = ("jahr", "year")
TABLE_CLASS = "table table-sm table-striped chart-card-table"


def graph_id(card_id: str) -> str:
    return f"{card_id}-graph"


def part_id(kind: str, card_id: str | Wildcard) -> dict[str, str | Wildcard]:
    """The pattern-matching id of one part of a card (kind: one of the constants above)."""
    return {"type": kind, "card": card_id}


def data_id(card_id: str | Wildcard) -> dict[str, str | Wildcard]:
    return part_id(DATA, card_id)


def _download_button(
    card_id: str, part: str, key: str, icon: str, label: str, title: str, lang: str
) -> html.Button:
    """One of the card's PNG/SVG/CSV/XLSX buttons, named for screen readers with the chart's title."""
    return html.Button(
        [html.I(className=f"bi {icon} me-1", **aria(hidden="true")), label],
        id=part_id(part, card_id),
        n_clicks=0,
        type="button",
        className="btn btn-outline-secondary btn-sm",
        title=t(f"chart_card.download_{key}", lang),
        **aria(label=t(f"chart_card.download_{key}_label", lang, title=title)),
    )


def chart_card(
    card_id: str,
    title: str,
    lang: str,
    graph_config: dict[str, Any] | None = None,
    *,
    description: str | None = None,
    controls=None,
    class_name: str = "",
    table_open: bool = False,
    values: tuple[Any, ...] | None = None,
) -> dbc.Card:
    """The card. `description` is a sentence under the title that says what the chart
    shows (also the graph's accessible description); `controls` are page-local controls
    placed between the title and the graph; `table_open` shows the table from the start
    (for a list that matters as much as its chart); `values` (chart_card_values) fill it
    in the layout, for a page drawn whole on the server, instead of a callback."""
    figure, data = values if values is not None else (BLANK_FIGURE, None)
    # No plotly mode bar over a card's chart: it covered the first bar or legend entry, and
    # the card's own buttons below the chart save it as PNG or SVG. Dragging still zooms
    # and a double click resets.
    config = base_graph_config(card_id, **{"displayModeBar": False, **(graph_config or {})})
    region_id = f"{card_id}-table-region"
    description_id = f"{card_id}-description"
    header: list[Component] = [html.H2(title, className="h5 mb-0", id=f"{card_id}-title")]
    if description:
        header.append(
            html.P(description, id=description_id, className="chart-card-description mb-0")
        )
    body: list[Component] = []
    if controls is not None:
        body.append(html.Div(controls, className="chart-card-controls mb-2"))
    body.append(
        dcc.Loading(
            # Height comes from the figure (layout.height), width follows the card. Without
            # an explicit style Dash gives a responsive graph "height: 100%", which inside a
            # stretched row can resolve to 0 and let the plot spill over the next card.
            dcc.Graph(
                id=graph_id(card_id),
                figure=figure,
                config=config,
                className="chart-card-graph",
                style={"height": "auto", "minHeight": "300px"},
            ),
            type="dot",
        )
    )
    body.append(
        html.Div(
            [
                html.Button(
                    [
                        html.I(className="bi bi-table me-1", **aria(hidden="true")),
                        t("chart_card.show_table", lang),
                    ],
                    id=part_id(TOGGLE, card_id),
                    n_clicks=0,
                    type="button",
                    className="btn btn-outline-primary btn-sm chart-card-toggle",
                    **aria(expanded="true" if table_open else "false", controls=region_id),
                ),
                html.Div(
                    [
                        _download_button(card_id, PNG, "png", "bi-image", "PNG", title, lang),
                        _download_button(
                            card_id, SVG, "svg", "bi-filetype-svg", "SVG", title, lang
                        ),
                        dcc.Store(id=part_id(IMAGE, card_id), data=image_options(card_id)),
                    ],
                    className="btn-group ms-auto",
                    role="group",
                    **aria(label=t("chart_card.images", lang)),
                ),
                html.Div(
                    [
                        _download_button(card_id, CSV, "csv", "bi-download", "CSV", title, lang),
                        _download_button(card_id, XLSX, "xlsx", "bi-download", "XLSX", title, lang),
                    ],
                    className="btn-group",
                    role="group",
                    **aria(label=t("chart_card.downloads", lang)),
                ),
                html.Button(
                    [
                        html.I(className="bi bi-code-slash me-1", **aria(hidden="true")),
                        t("embed.button", lang),
                    ],
                    id=part_id(EMBED, card_id),
                    n_clicks=0,
                    type="button",
                    className="btn btn-outline-secondary btn-sm chart-card-embed",
                    title=t("embed.button_title", lang),
                    **aria(label=t("embed.card_button_label", lang, title=title)),
                ),
                dcc.Download(id=part_id(DOWNLOAD, card_id)),
            ],
            className="d-flex align-items-center flex-wrap gap-2 pt-2 chart-card-actions",
        )
    )
    body.append(
        dbc.Collapse(
            html.Div(
                html.Div(id=part_id(TABLE, card_id)),
                id=region_id,
                className="table-responsive mt-2 chart-card-table-region",
            ),
            id=part_id(COLLAPSE, card_id),
            is_open=table_open,
        )
    )
    body.append(dcc.Store(id=data_id(card_id), data=data))
    graph_section = aria(describedby=description_id) if description else {}
    return dbc.Card(
        [dbc.CardHeader(header), dbc.CardBody(html.Div(body, **graph_section))],
        id=card_id,
        className=f"chart-card h-100 {class_name}".strip(),
    )


def _is_year_column(name: object) -> bool:
    text = str(name).lower()
    return any(word in text for word in _YEAR_WORDS)


def _cell_text(value: object, lang: str, plain: bool, missing: str | None = None) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return t("common.unknown", lang) if missing is None else missing
    if isinstance(value, bool):
        return t("chart_card.yes" if value else "chart_card.no", lang)
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, (int, float)):
        if plain:
            return str(int(value)) if float(value).is_integer() else str(value)
        if isinstance(value, float) and not value.is_integer():
            return fmt_number(value, lang, digits=1)
        return fmt_number(int(value), lang)
    return str(value)


def table_view(
    df: pd.DataFrame,
    lang: str,
    caption: str | None = None,
    plain: Iterable[str] = (),
    max_rows: int | None = None,
    missing: str | None = None,
) -> dict[str, Any]:
    """The table's text as the browser draws it: caption, column headers, which columns are
    numbers (right-aligned), the rows as text and a closing note (no data, or rows cut).

    The column names of `df` are the visible headers (give it translated labels). Numbers
    are formatted for `lang` ("1.234"); columns named in `plain` and columns whose name
    contains "Jahr"/"year" show integers without separators (2017, not 2.017). Missing
    values read "unbekannt" (unknown), or `missing` when a gap means something else
    (e.g. "–" for "not applicable"). `max_rows` cuts long tables (the download has every
    row).
    """
    plain_columns = set(plain) | {column for column in df.columns if _is_year_column(column)}
    numeric = [
        pd.api.types.is_numeric_dtype(df[column]) and not pd.api.types.is_bool_dtype(df[column])
        for column in df.columns
    ]
    shown = df if max_rows is None else df.head(max_rows)
    rows = [
        [
            _cell_text(value, lang, column in plain_columns, missing)
            for column, value in zip(df.columns, record, strict=False)
        ]
        for record in shown.itertuples(index=False, name=None)
    ]
    note = None
    if df.empty:
        note = t("empty.no_data", lang)
    elif max_rows is not None and len(df) > max_rows:
        note = tn("chart_card.rows_cut", len(df), lang, shown=fmt_number(max_rows, lang))
    return {
        "caption": caption,
        "columns": [str(column) for column in df.columns],
        "numeric": numeric,
        "rows": rows,
        "note": note,
        "empty": df.empty,
    }


def table_data(
    df: pd.DataFrame,
    filename: str,
    sheet_name: str | None = None,
    table: dict[str, Any] | None = None,
) -> dict:
    """What the card's dcc.Store holds: the frame in pandas' "split" layout (columns and
    rows, so column order and empty frames survive JSON), the download file name (without
    extension), the worksheet name and the table's text (:func:`table_view`)."""
    clean = df.astype(object).where(df.notna(), None)
    return {
        "columns": [str(column) for column in df.columns],
        "data": clean.to_numpy().tolist(),
        "filename": _safe_filename(filename),
        "sheet": sheet_name or filename,
        "table": table,
    }


def frame_from_data(data: dict | None) -> pd.DataFrame:
    """The frame back from the dcc.Store content written by :func:`table_data`."""
    if not isinstance(data, dict) or not data:  # the store's content comes back from the browser
        return pd.DataFrame()
    return pd.DataFrame(data.get("data") or [], columns=data.get("columns") or [])


def chart_card_outputs(card_id: str) -> list[Output]:
    """The two outputs a page's callback fills for one card: the figure and the data (which
    the table is drawn from)."""
    return [Output(graph_id(card_id), "figure"), Output(data_id(card_id), "data")]


def chart_card_values(
    figure,
    df: pd.DataFrame,
    lang: str,
    caption: str,
    filename: str,
    plain: Iterable[str] = (),
    max_rows: int | None = None,
    missing: str | None = None,
) -> tuple:
    """The values for :func:`chart_card_outputs`, in the same order."""
    table = table_view(df, lang, caption=caption, plain=plain, max_rows=max_rows, missing=missing)
    return figure, table_data(df, filename, sheet_name=caption, table=table)


def _safe_filename(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9äöüÄÖÜß._-]+", "-", str(name or "")).strip("-.")
    return stem[:80] or "daten"


# The open table, drawn from the text the server formatted; a closed one keeps its caption
# only, so the page holds no element per cell while nobody reads the table. The table is
# written into its holder as plain DOM, outside React: every component a callback adds to a
# page makes Dash's renderer notify every component of the page once, so a table of 50 rows
# drawn as components held the browser for most of a second. The holder has no children of
# its own, so React leaves what is written into it alone. Texts go in as text, never HTML.
_TABLE_JS = """
function (isOpen, data, box) {
    const table = data && data.table;
    const nu = window.dash_clientside.no_update;
    const key = "{" + Object.keys(box).sort()
        .map(name => JSON.stringify(name) + ":" + JSON.stringify(box[name])).join(",") + "}";
    const holder = document.getElementById(key);
    if (!table || !holder) {
        return nu;
    }
    const element = (tag, text, className) => {
        const node = document.createElement(tag);
        if (text !== undefined && text !== null) { node.textContent = String(text); }
        if (className) { node.className = className; }
        return node;
    };
    const align = index => (table.numeric[index] ? "text-end" : undefined);
    const result = element("table", null, TABLE_CLASS);
    result.id = box.card + "-table";
    result.appendChild(element("caption", table.caption));
    let rows = 0;
    if (isOpen) {
        const head = element("tr");
        table.columns.forEach((name, index) => {
            const cell = element("th", name, align(index));
            cell.scope = "col";
            head.appendChild(cell);
        });
        result.appendChild(element("thead")).appendChild(head);
        const body = element("tbody");
        table.rows.forEach(row => {
            const line = element("tr");
            row.forEach((text, index) => {
                const cell = element(index === 0 ? "th" : "td", text, align(index));
                if (index === 0) { cell.scope = "row"; }
                line.appendChild(cell);
            });
            body.appendChild(line);
        });
        rows = table.rows.length;
        if (table.note) {
            const cell = element("td", table.note, table.empty ? undefined : "text-muted");
            cell.colSpan = Math.max(table.columns.length, 1);
            body.appendChild(element("tr")).appendChild(cell);
        }
        result.appendChild(body);
    }
    holder.replaceChildren(result);
    return String(rows);
}
""".replace("TABLE_CLASS", json.dumps(TABLE_CLASS))

_TOGGLE_JS = """
function (clicks, isOpen) {
    const open = !isOpen;
    return [open, open ? "true" : "false"];
}
"""


def register_chart_card_callbacks(app: Dash) -> None:
    """The callbacks every chart card shares, once per app (called by app_factory)."""
    app.clientside_callback(
        _TOGGLE_JS,
        Output(part_id(COLLAPSE, MATCH), "is_open"),
        Output(part_id(TOGGLE, MATCH), "aria-expanded"),
        Input(part_id(TOGGLE, MATCH), "n_clicks"),
        State(part_id(COLLAPSE, MATCH), "is_open"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        _TABLE_JS,
        Output(part_id(TABLE, MATCH), "data-rows"),
        Input(part_id(COLLAPSE, MATCH), "is_open"),
        Input(data_id(MATCH), "data"),
        State(part_id(TABLE, MATCH), "id"),
    )

    # PNG/SVG of the chart, made by plotly in the browser (works offline).
    app.clientside_callback(
        IMAGE_EXPORT_JS,
        Output(part_id(IMAGE, MATCH), "modified_timestamp"),
        Input(part_id(SVG, MATCH), "n_clicks"),
        Input(part_id(PNG, MATCH), "n_clicks"),
        State(part_id(IMAGE, MATCH), "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(part_id(DOWNLOAD, MATCH), "data"),
        Input(part_id(CSV, MATCH), "n_clicks"),
        Input(part_id(XLSX, MATCH), "n_clicks"),
        State(data_id(MATCH), "data"),
        prevent_initial_call=True,
    )
    def download_chart_data(_csv, _xlsx, data):
        if (
            not isinstance(data, dict) or not data or not ctx.triggered_id
        ):  # the store comes back from the browser
            return no_update
        frame = frame_from_data(data)
        stem = _safe_filename(str(data.get("filename") or "daten"))
        if ctx.triggered_id["type"] == XLSX:
            return dcc.send_bytes(
                frame_to_xlsx_bytes(frame, data.get("sheet") or stem),
                f"{stem}.xlsx",
                type=XLSX_MEDIA_TYPE,
            )
        return dcc.send_bytes(frame_to_csv_bytes(frame), f"{stem}.csv", type=CSV_MEDIA_TYPE)


__all__ = [
    "chart_card",
    "chart_card_outputs",
    "chart_card_values",
    "data_id",
    "frame_from_data",
    "graph_id",
    "part_id",
    "register_chart_card_callbacks",
    "table_data",
    "table_view",
]
