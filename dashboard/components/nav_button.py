"""The navbar's buttons: icon and word, the word left out where the bar is tight.

From 1200 px the bar shows every page in one row; between 1200 and 1400 px the page
names, "Link kopieren" and "Einbetten" together are wider than the window, so the two
buttons show their icon alone there (named by aria-label and title). In the folded menu
below 1200 px and from 1400 px the word is shown.
"""

from __future__ import annotations

from dash import html

from dashboard.components.attributes import aria


def nav_button_content(icon: str, text: str) -> list:
    return [
        html.I(className=f"bi {icon} me-xl-0 me-xxl-1 me-1", **aria(hidden="true")),
        html.Span(text, className="d-inline d-xl-none d-xxl-inline"),
    ]
