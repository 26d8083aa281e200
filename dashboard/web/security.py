"""HTTP security headers, the Content-Security-Policy and the reverse-proxy setup.

The policy is as strict as Dash allows:

- script-src: only this site's files plus the SHA-256 hashes of Dash's inline scripts
  (`app.csp_hashes()`: the renderer bootstrap and every clientside callback). No
  'unsafe-inline' and no 'unsafe-eval': neither dash-renderer nor the plotly.js bundle
  Dash serves evaluates strings (the browser tests run every page under this policy and
  fail on any console error).
- style-src keeps 'unsafe-inline': React renders `style` attributes and plotly.js and
  MapLibre insert <style> elements at run time; none of them can carry a nonce or hash.
  Styles cannot run code, so this leaves script injection closed.
- img-src and worker-src allow data: and blob:: plotly draws its mode bar icons and
  downloads as data: URLs, MapLibre builds its web worker and tile images from blobs.
- frame-ancestors: the app itself; an embedded view (`einbetten=1`) also the sites named
  in EMBED_ORIGINS (web/embed.py). X-Frame-Options says the same to older browsers and is
  left off where other sites may frame the page (it knows no list of sites).
- Only with BASEMAP=tiles (and OFFLINE off) may the map's online basemap (Carto) be fetched
  from its servers; by default nothing outside this site is allowed at all.

The hashes are computed per HTML response from the app's inline scripts at that moment, so
clientside callbacks registered by pages imported late are covered too.
"""

from __future__ import annotations

from dash import Dash
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard.config import Settings
from dashboard.web import embed

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
# The online basemap style carto-positron: its style JSON, tiles, glyphs and sprites.
BASEMAP_ORIGINS = ("https://basemaps.cartocdn.com", "https://*.basemaps.cartocdn.com")


def content_security_policy(
    script_hashes: list[str], offline: bool, frame_ancestors: list[str] | None = None
) -> str:
    remote = [] if offline else list(BASEMAP_ORIGINS)
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *remote],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", *remote],
        "worker-src": ["'self'", "blob:"],
        "child-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": frame_ancestors or ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def register_security_headers(app: Dash, settings: Settings) -> None:
    server = app.server

    @server.after_request
    def security_headers(response):
        ancestors = embed.frame_ancestors(settings)
        for name, value in SECURITY_HEADERS.items():
            if name != "X-Frame-Options" or ancestors == ["'self'"]:
                response.headers.setdefault(name, value)
        if response.mimetype == "text/html":
            policy = content_security_policy(
                list(app.csp_hashes()), not settings.tiles_allowed, ancestors
            )
            response.headers.setdefault("Content-Security-Policy", policy)
        return response


def trust_proxies(server: Flask, settings: Settings) -> None:
    """Behind `proxy_count` reverse proxies, take the client address, scheme and host from
    their X-Forwarded-* headers: the login rate limit counts per real address, and the
    same-origin check and Secure cookies see the public https host. Never set it without a
    proxy in front: anyone could then claim any address."""
    if settings.proxy_count > 0:
        count = settings.proxy_count
        server.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way to wrap the app in middleware
            server.wsgi_app, x_for=count, x_proto=count, x_host=count
        )
