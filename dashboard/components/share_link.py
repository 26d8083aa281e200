"""The "Link kopieren" button of every view: copies the page's full address to the clipboard.

Filters and page settings already live in the query string, so the address is the view.
The copy runs in the browser (a clientside callback), the confirmation is announced in a
live region. `navigator.clipboard` exists only in secure contexts (https, localhost); on a
venue laptop reached by its LAN address the callback falls back to a hidden textarea and
`execCommand("copy")`, and when that fails too it shows the address to copy by hand.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, dcc, html

from dashboard.components.attributes import aria
from dashboard.components.nav_button import nav_button_content
from dashboard.i18n import t

BUTTON_ID = "shell-copy-link"
STATUS_ID = "shell-copy-link-status"
MESSAGES_ID = "shell-copy-link-messages"

_COPY_JS = """
async function (clicks, messages) {
    const href = window.location.href;
    const viaTextarea = () => {
        const area = document.createElement("textarea");
        area.value = href;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        let copied = false;
        try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
        document.body.removeChild(area);
        return copied;
    };
    let copied = false;
    if (navigator.clipboard && window.isSecureContext) {
        try { await navigator.clipboard.writeText(href); copied = true; } catch (error) { copied = false; }
    }
    if (!copied) { copied = viaTextarea(); }
    return copied ? messages.copied : messages.failed + " " + href;
}
"""


def share_link_button(lang: str) -> html.Div:
    """The button, its live status and the (translated) messages the callback shows."""
    return html.Div(
        [
            html.Button(
                nav_button_content("bi-link-45deg", t("share.copy_link", lang)),
                id=BUTTON_ID,
                n_clicks=0,
                type="button",
                className="btn btn-outline-light btn-sm",
                title=t("share.copy_link_title", lang),
                **aria(label=t("share.copy_link", lang)),
            ),
            html.Span(id=STATUS_ID, role="status", className="share-link-status small ms-2"),
            dcc.Store(
                id=MESSAGES_ID,
                data={"copied": t("share.copied", lang), "failed": t("share.copy_failed", lang)},
            ),
        ],
        className="d-flex align-items-center share-link",
    )


def register_share_link_callback(app: Dash) -> None:
    app.clientside_callback(
        _COPY_JS,
        Output(STATUS_ID, "children"),
        Input(BUTTON_ID, "n_clicks"),
        State(MESSAGES_ID, "data"),
        prevent_initial_call=True,
    )
