"""A PDF download button with its live status line.

assets/pdf_download.js fetches the PDF itself, to say that it is being made and when that
failed or was refused; without script the button is a plain link.
"""

from __future__ import annotations

from dash import html

from dashboard.components.attributes import aria, data
from dashboard.i18n import t


def pdf_button(href: str, button_id: str, texts: str, lang: str) -> html.Div:
    """`texts` is the catalog prefix of the label and its `.busy` and `.failed` messages."""
    status_id = f"{button_id}-status"
    return html.Div(
        [
            html.A(
                [
                    html.I(className="bi bi-file-earmark-pdf me-1", **aria(hidden="true")),
                    t(texts, lang),
                ],
                href=href,
                id=button_id,
                className="btn btn-outline-primary btn-sm pdf-download",
                download="",
                **aria(describedby=status_id),
                **data(
                    busy=t(f"{texts}.busy", lang),
                    failed=t(f"{texts}.failed", lang),
                    status=status_id,
                ),
            ),
            html.Div(
                id=status_id,
                role="status",
                className="small text-muted mt-1 text-end",
                **aria(live="polite"),
            ),
        ]
    )
