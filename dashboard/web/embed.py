"""Embed mode on the server: which requests belong to an embedded view, who may frame it,
and the refusal when reading is not public.

- The page itself is a GET with `einbetten=1` in its address. The browser checks framing on
  that HTML document only, so it alone gets `frame-ancestors 'self'` plus EMBED_ORIGINS
  (security.py); every other response keeps `'self'`.
- The framed page's callbacks are POSTs to Dash's one route. The document that was loaded
  embedded marks each of its requests with EMBED_HEADER (assets/embed_guard.js), whatever
  address it shows later, so a Referer stripped by a proxy or a link that moved the frame
  on cannot bring a staff session into the frame; a Referer that names an embedded address
  counts too. Such a request is served as a visitor's (auth.current_user): it shows only
  what anyone may see and no write callback runs there.
- With PUBLIC_READ off nothing is public, so nothing is embedded: 403 with a message.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from flask import Flask, Response, has_request_context, request

from dashboard.config import Settings
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from dashboard.presentation.deck import page_kind
from dashboard.state.embed import EMBED_VALUE, PARAM_EMBED, Embed, any_embed

DISPATCH_PATH = "/_dash-update-component"
EMBED_HEADER = "X-Netzwerkatlas-Embed"


def requested() -> bool:
    """Whether this request comes from (or is) an embedded view."""
    if not has_request_context():
        return False
    if request.headers.get(EMBED_HEADER) == EMBED_VALUE:
        return True
    if request.path == DISPATCH_PATH:
        return Embed.from_search(urlsplit(request.headers.get("Referer") or "").query).on
    return any_embed(request.args.getlist(PARAM_EMBED))


def frame_ancestors(settings: Settings) -> list[str]:
    """Who may show this response in a frame: the app itself, and for an embedded view of a
    page that shows a chart the configured sites (none while reading needs a login)."""
    embeddable = page_kind(request.path) is not None
    if settings.public_read and request.method in ("GET", "HEAD") and embeddable and requested():
        return ["'self'", *settings.embed_origins]
    return ["'self'"]


def _refusal(lang: str) -> Response:
    text = escape(t("embed.refused", lang))
    body = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(t('app.name', lang))}</title></head><body><p>{text}</p></body></html>"
    )
    return Response(body, status=403, mimetype="text/html")


def register_embed_guard(server: Flask, settings: Settings) -> None:
    """Before the login guard: an embedded view with PUBLIC_READ off is refused outright,
    not sent to the login page (which no frame could show)."""

    @server.before_request
    def refuse_embed_unless_public():
        if settings.public_read or not requested():
            return None
        lang = request.args.get("lang")
        return _refusal(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
