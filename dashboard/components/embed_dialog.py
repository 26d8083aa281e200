""" "Einbetten": the `<iframe>` code that shows a page or one chart card on another site.

The button sits beside "Link kopieren" (the page) and on every chart card (that card). The
code is written in the browser from the address shown at that moment, so it carries every
filter and page setting; `einbetten=1` (and `diagramm=<card id>` for a card) makes the
framed page an embedded view (components/embed_frame.py). Which sites may frame it is the
server's decision (EMBED_ORIGINS); the dialog says which ones.
"""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, dcc, html

from dashboard.components.attributes import aria
from dashboard.components.chart_card import EMBED, part_id
from dashboard.components.nav_button import nav_button_content
from dashboard.config import Settings
from dashboard.i18n import t
from dashboard.state.embed import EMBED_VALUE, PARAM_CARD, PARAM_EMBED

BUTTON_ID = "shell-embed"
DIALOG_ID = "embed-dialog"
TARGET_ID = "embed-target"
WIDTH_ID = "embed-width"
HEIGHT_ID = "embed-height"
CODE_ID = "embed-code"
COPY_ID = "embed-copy"
STATUS_ID = "embed-copy-status"
MESSAGES_ID = "embed-messages"
CLOSE_ID = "embed-close"
DEFAULT_WIDTH = "100%"
PAGE_HEIGHT = 700
CARD_HEIGHT = 560


def embed_button(lang: str) -> html.Button:
    return html.Button(
        nav_button_content("bi-code-slash", t("embed.button", lang)),
        id=BUTTON_ID,
        n_clicks=0,
        type="button",
        className="btn btn-outline-light btn-sm",
        title=t("embed.button_title", lang),
        **aria(label=t("embed.button", lang)),
    )


def _origins_note(settings: Settings, lang: str) -> str:
    if not settings.public_read:
        return t("embed.dialog.not_public", lang)
    if not settings.embed_origins:
        return t("embed.dialog.no_origins", lang)
    return t("embed.dialog.origins", lang, origins=", ".join(settings.embed_origins))


def embed_dialog(settings: Settings, lang: str) -> dbc.Modal:
    """The dialog with the size fields, the code and its copy button (one per page)."""
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(t("embed.dialog.title", lang), id="embed-title")),
            dbc.ModalBody(
                [
                    html.P(t("embed.dialog.intro", lang)),
                    dbc.Row(
                        [
                            dbc.Col(
                                [
                                    dbc.Label(t("embed.dialog.width", lang), html_for=WIDTH_ID),
                                    dbc.Input(
                                        id=WIDTH_ID, value=DEFAULT_WIDTH, type="text", maxLength=6
                                    ),
                                ]
                            ),
                            dbc.Col(
                                [
                                    dbc.Label(t("embed.dialog.height", lang), html_for=HEIGHT_ID),
                                    dbc.Input(
                                        id=HEIGHT_ID,
                                        value=PAGE_HEIGHT,
                                        type="number",
                                        min=200,
                                        max=3000,
                                        step=10,
                                    ),
                                ]
                            ),
                        ],
                        className="g-2 mb-2",
                    ),
                    dbc.Label(t("embed.dialog.code", lang), html_for=CODE_ID),
                    dbc.Textarea(
                        id=CODE_ID, readOnly=True, rows=4, className="font-monospace small"
                    ),
                    html.P(_origins_note(settings, lang), className="small text-muted mt-2 mb-0"),
                    dcc.Store(id=TARGET_ID),
                    dcc.Store(
                        id=MESSAGES_ID,
                        data={
                            "copied": t("embed.dialog.copied", lang),
                            "failed": t("embed.dialog.copy_failed", lang),
                        },
                    ),
                ]
            ),
            dbc.ModalFooter(
                [
                    html.Span(id=STATUS_ID, role="status", className="small me-auto"),
                    html.Button(
                        t("embed.dialog.copy", lang),
                        id=COPY_ID,
                        n_clicks=0,
                        type="button",
                        className="btn btn-primary",
                    ),
                    html.Button(
                        t("embed.dialog.close", lang),
                        id=CLOSE_ID,
                        n_clicks=0,
                        type="button",
                        className="btn btn-outline-secondary",
                    ),
                ]
            ),
        ],
        id=DIALOG_ID,
        is_open=False,
        size="lg",
    )


# Which view: the page (the button beside "Link kopieren") or the card whose button was
# pressed; its title names the frame for screen readers on the other site.
_OPEN_JS = """
function (pageClicks, cardClicks) {
    const nu = window.dash_clientside.no_update;
    const trigger = window.dash_clientside.callback_context.triggered_id;
    const pressed = (pageClicks || 0) + (cardClicks || []).reduce((a, b) => a + (b || 0), 0);
    if (!trigger || pressed === 0) { return [nu, nu, nu]; }
    if (typeof trigger === "object") {
        const heading = document.getElementById(trigger.card + "-title");
        const title = heading ? heading.textContent : document.title;
        return [true, {card: trigger.card, title: title}, CARD_HEIGHT];
    }
    return [true, {card: null, title: document.title}, PAGE_HEIGHT];
}
""".replace("CARD_HEIGHT", str(CARD_HEIGHT)).replace("PAGE_HEIGHT", str(PAGE_HEIGHT))

_CODE_JS = """
function (target, width, height) {
    if (!target) { return window.dash_clientside.no_update; }
    const url = new URL(window.location.href);
    url.searchParams.set(PARAM_EMBED, EMBED_VALUE);
    if (target.card) { url.searchParams.set(PARAM_CARD, target.card); }
    else { url.searchParams.delete(PARAM_CARD); }
    const attribute = text => String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;")
        .replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const w = /^[0-9]{1,4}(%|px)?$/.test(String(width || "").trim())
        ? String(width).trim().replace(/px$/, "") : DEFAULT_WIDTH;
    const h = Math.min(3000, Math.max(200, parseInt(height, 10) || DEFAULT_HEIGHT));
    return '<iframe src="' + attribute(url.toString()) + '" width="' + attribute(w) +
        '" height="' + h + '" title="' + attribute(target.title) +
        '" style="border:0;max-width:100%" loading="lazy"></iframe>';
}
"""
for name, value in {
    "PARAM_EMBED": PARAM_EMBED,
    "EMBED_VALUE": EMBED_VALUE,
    "PARAM_CARD": PARAM_CARD,
    "DEFAULT_WIDTH": DEFAULT_WIDTH,
    "DEFAULT_HEIGHT": PAGE_HEIGHT,
}.items():
    _CODE_JS = _CODE_JS.replace(name, json.dumps(value))

_COPY_JS = """
async function (clicks, messages) {
    const area = document.getElementById(CODE_ID);
    const code = area ? area.value : "";
    if (navigator.clipboard && window.isSecureContext) {
        try { await navigator.clipboard.writeText(code); return messages.copied; } catch (error) {}
    }
    if (area) {
        area.select();
        try { if (document.execCommand("copy")) { return messages.copied; } } catch (error) {}
    }
    return messages.failed;
}
""".replace("CODE_ID", json.dumps(CODE_ID))


def register_embed_callbacks(app: Dash) -> None:
    """The dialog's browser-side callbacks, once per app (called by the shell)."""
    app.clientside_callback(
        _OPEN_JS,
        Output(DIALOG_ID, "is_open"),
        Output(TARGET_ID, "data"),
        Output(HEIGHT_ID, "value"),
        Input(BUTTON_ID, "n_clicks"),
        Input(part_id(EMBED, ALL), "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        "function (clicks) { return false; }",
        Output(DIALOG_ID, "is_open", allow_duplicate=True),
        Input(CLOSE_ID, "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        _CODE_JS,
        Output(CODE_ID, "value"),
        Input(TARGET_ID, "data"),
        Input(WIDTH_ID, "value"),
        Input(HEIGHT_ID, "value"),
    )
    app.clientside_callback(
        _COPY_JS,
        Output(STATUS_ID, "children"),
        Input(COPY_ID, "n_clicks"),
        State(MESSAGES_ID, "data"),
        prevent_initial_call=True,
    )
