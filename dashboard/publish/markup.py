"""The HTML of a published page. Every text, from the catalogs or from data, is escaped:
text from data is rendered as text, never as HTML."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from dashboard.i18n import t
from dashboard.publish.charts import PublishedPage
from dashboard.views.result import ViewResult

PLOTLY_JS = "assets/plotly.min.js"
DRAW_JS = "assets/draw.js"
ACTIVE = ' active" aria-current="page'
STYLESHEETS = ("assets/bootstrap.min.css", "assets/app.css", "assets/site.css")


@dataclass(frozen=True)
class SiteLink:
    file: str
    label: str


@dataclass(frozen=True)
class PageFile:
    """A page to write: its file name, what it shows and where each chart's figure lies."""

    file: str
    page: PublishedPage
    figure_files: tuple[str, ...]


def page_html(entry: PageFile, links: Sequence[SiteLink], stamp: str, lang: str) -> str:
    page = entry.page
    head = "".join(f'<link rel="stylesheet" href="{href}">' for href in STYLESHEETS)
    badge = (
        f' <span class="badge text-bg-warning sample-badge" id="sample-badge"'
        f' title="{escape(t("badge.sample_explained", lang))}">{escape(t("badge.sample", lang))}'
        "</span>"
        if page.sample
        else ""
    )
    caption = f'<p class="text-muted small mb-3" id="page-caption">{escape(page.caption)}</p>'
    charts = "".join(
        _chart_card(chart.key, chart.title, _source_line(page.caption, chart.view), figure, lang)
        for chart, figure in zip(page.charts, entry.figure_files, strict=True)
    )
    title = f"{page.heading} – {t('app.name', lang)}"
    return (
        "<!doctype html>"
        f'<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # No icon file: the browser would ask the server for /favicon.ico.
        '<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title>{head}</head>"
        '<body class="published">'
        f"{_navbar(entry.file, links, lang)}"
        '<main class="container-fluid py-3" id="main">'
        '<div class="d-flex align-items-center flex-wrap gap-2 mb-1">'
        f'<h1 class="h3 mb-0">{escape(page.heading)}</h1>{badge}</div>'
        f"{caption if page.caption else ''}{charts}</main>"
        f"{_footer(stamp, lang)}"
        f'<script src="{PLOTLY_JS}"></script><script src="{DRAW_JS}"></script>'
        "</body></html>\n"
    )


def _navbar(current: str, links: Sequence[SiteLink], lang: str) -> str:
    items = "".join(
        '<li class="nav-item">'
        f'<a class="nav-link{ACTIVE if link.file == current else ""}" href="{link.file}">'
        f"{escape(link.label)}</a></li>"
        for link in links
    )
    return (
        '<header class="navbar navbar-expand navbar-dark bg-primary published-navbar">'
        '<div class="container-fluid flex-wrap">'
        f'<a class="navbar-brand" href="index.html">{escape(t("app.name", lang))}</a>'
        f'<nav aria-label="{escape(t("publish.site.nav", lang))}">'
        f'<ul class="navbar-nav flex-wrap">{items}</ul></nav></div></header>'
    )


def _chart_card(key: str, title: str, source: str, figure: str, lang: str) -> str:
    failed = t("publish.site.not_drawn", lang)
    line = (
        f'<p class="small text-muted mb-0 mt-2 published-source">{escape(source)}</p>'
        if source
        else ""
    )
    return (
        f'<section class="card mb-3 published-card" id="card-{escape(key)}">'
        f'<div class="card-header"><h2 class="h6 mb-0">{escape(title)}</h2></div>'
        '<div class="card-body">'
        f'<div class="published-chart" role="img" aria-label="{escape(title)}"'
        f' data-figure="{escape(figure)}" data-name="{escape(title)}"'
        f' data-failed="{escape(failed)}"></div>{line}'
        "</div></section>"
    )


def _source_line(page_caption: str, view: ViewResult) -> str:
    """The chart's own filters line where it differs from the page's, and its source."""
    caption = view.caption if view.caption != page_caption else ""
    return " · ".join(part for part in (caption, view.source) if part)


def _footer(stamp: str, lang: str) -> str:
    return (
        '<footer class="app-footer mt-4 py-3"><div class="container-fluid">'
        f'<p class="mb-1" id="published-stamp">{escape(stamp)}</p>'
        f'<p class="mb-1">{escape(t("footer.about", lang))}</p>'
        f'<p class="mb-0 small">{escape(t("footer.attribution", lang))}</p>'
        "</div></footer>"
    )
