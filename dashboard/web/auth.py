"""Staff login for the web app: Flask session, roles, PUBLIC_READ, and the checks for writes.

- Login and logout are plain form POSTs to Flask routes (/auth/login, /auth/logout); the
  session cookie (signed with SECRET_KEY, HttpOnly, SameSite=Lax, Secure with
  COOKIE_SECURE) holds only the user id and the user's session version,
  and the user, role and version are read from the database on every request, so a disabled
  account or a changed role takes effect at once, and logout or a new password ends every
  session of that user (on every device), not only the cookie at hand.
- With PUBLIC_READ=false every page and callback needs a login, except the login page itself
  and the static files the browser needs to show it.
- Every POST whose Origin (or Referer) names another site is refused (CSRF).
- Write actions check the role on the server through one helper, `writer(role)`: every
  callback that changes stored data asks it first and records the name of the user it
  returns; `route_requires(role)` puts the same check on routes. Hiding a button is never
  the check, but a control a role cannot use is not shown to it (`shows_writes(role)`).
  tests/integration/test_write_guard.py calls every registered callback and route as a
  visitor and as a viewer and asserts that no table changed.
- When SECRET_KEY is empty, a random key is created once and kept in instance/secret_key
  (readable only by its owner), so sessions survive restarts and all workers share it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

import dash
from flask import Flask, abort, g, has_request_context, jsonify, redirect, request, session

from dashboard.config import ROOT, Settings
from dashboard.db import accounts
from dashboard.web import embed
from dashboard.web.callback_check import request_json
from dashboard.web.context import app_context

SESSION_KEY = "uid"
VERSION_KEY = "sv"
SECRET_FILE = ROOT / "instance" / "secret_key"
LOGIN_PATH = "/login"
LOGIN_ROUTE = "/auth/login"
LOGOUT_ROUTE = "/auth/logout"
SESSION_LIFETIME = dt.timedelta(hours=12)
# What the browser needs to show the login page when reading is not public.
_OPEN_PREFIXES = (
    "/assets/",
    "/vendor/",
    "/_dash-component-suites/",
    "/_dash-layout",
    "/_dash-dependencies",
    "/_favicon",
    "/_reload-hash",
    "/auth/",
    "/favicon",
)
ERROR_PARAM = "fehler"
NEXT_PARAM = "weiter"
EDITOR = "editor"  # imports, undo, boundaries, saved decks, the full export
DISPATCH_PATH = "/_dash-update-component"

log = logging.getLogger(__name__)
LOCAL_TIME = ZoneInfo("Europe/Berlin")


def secret_key(settings: Settings, path: Path = SECRET_FILE) -> str:
    """SECRET_KEY from the settings, else the persisted one, else a new persisted one."""
    if settings.secret_key:
        return settings.secret_key
    try:
        existing = path.read_text(encoding="ascii").strip()
        if existing:
            return existing
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    try:
        os.link(partial, path)  # atomic: fails if another worker was first
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
    finally:
        os.unlink(partial)
    return key


def current_user() -> accounts.User | None:
    """The logged-in user of this request, or None (always None for an embedded view:
    it shows what any visitor sees and writes nothing, see web/embed.py)."""
    if "netzwerkatlas_user" in g:
        return g.netzwerkatlas_user
    user = None
    user_id = session.get(SESSION_KEY)
    if isinstance(user_id, int) and not embed.requested():
        with app_context().engine.connect() as connection:
            user = accounts.get_user(connection, user_id)
        if user is None or session.get(VERSION_KEY) != user.session_version:
            user = None  # disabled, logged out elsewhere or the password changed
            session.clear()
    g.netzwerkatlas_user = user
    return user


def _holder(role: str) -> accounts.User | None:
    user = current_user()
    return user if user is not None and user.can(role) else None


def writer(role: str = EDITOR) -> accounts.User | None:
    """The user who may make a write that needs `role` (or a higher one); None: refuse it.

    The one check of every callback and route that changes stored data, made on the server
    before the upload or any other input is used: whatever the page showed, a visitor can
    post any payload to any callback. The caller records the returned user's name with what
    it writes. Refusals are logged, because a refused write is someone trying a door.
    """
    user = _holder(role)
    if user is None:
        who = current_user()
        log.warning(
            "write refused (needs %s): %s %s from %s as %s",
            role,
            request.method,
            request.path,
            client_ip(),
            who.name if who else "visitor",
        )
    return user


def building_validation_layout() -> bool:
    """Dash builds a validation layout from every page at its first request (a GET) and
    sends it to every browser to check callbacks against; a page shown to a visitor is
    rendered by the page router, a callback."""
    return request.path != DISPATCH_PATH


def shows_writes(role: str = EDITOR) -> bool:
    """Whether a page built now shows controls that write with `role`: the validation
    layout gets every control (but no data, see the pages), a visitor only those of a
    role they hold."""
    return building_validation_layout() or _holder(role) is not None


def can_read() -> bool:
    return app_context().settings.public_read or current_user() is not None


def client_ip() -> str | None:
    return request.remote_addr


def route_requires(role: str):
    """Decorator for Flask routes: anonymous → to the login page, too low a role → 403."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if current_user() is None:
                return redirect(login_url(request.full_path.rstrip("?")))
            if writer(role) is None:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def safe_next(target: str | None, default: str = "/") -> str:
    """Only paths of this site: no scheme, no host, no "//" (open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


def login_url(next_path: str | None = None, **params: str | None) -> str:
    query = {k: v for k, v in params.items() if v}
    if next_path:
        query[NEXT_PARAM] = safe_next(next_path)
    return LOGIN_PATH + ("?" + urlencode(query) if query else "")


def login_action(next_path: str, lang: str) -> str:
    """Where the login form posts to; where to go next and the language ride in the URL."""
    return LOGIN_ROUTE + "?" + urlencode({NEXT_PARAM: safe_next(next_path), "lang": lang})


def logout_action(lang: str) -> str:
    return LOGOUT_ROUTE + "?" + urlencode({"lang": lang})


def _lang_arg() -> str | None:
    lang = request.args.get("lang")
    return lang if lang in ("de", "en") else None


def _same_origin() -> bool:
    """A form POST must come from this site (login CSRF); browsers send Origin or Referer."""
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if not origin:
        return True
    return urlsplit(origin).netloc == request.host


def _is_login_render(body: object) -> bool:
    """The pages router rendering /login: the one callback an anonymous visitor may run when
    reading is not public."""
    if not isinstance(body, dict) or "_pages_content.children" not in str(body.get("output", "")):
        return False
    for item in body.get("inputs") or []:
        if (
            isinstance(item, dict)
            and item.get("id") == "_pages_location"
            and item.get("property") == "pathname"
        ):
            return item.get("value") == LOGIN_PATH
    return False


_CONFIG_SCRIPT = re.compile(
    r'(<script id="_dash-config" type="application/json">)(.*?)(</script>)', re.DOTALL
)


def _skeleton(node: object) -> object:
    """Components reduced to their type and id: what the browser needs to check callbacks."""
    if isinstance(node, list):
        kept = [_skeleton(item) for item in node]
        return [item for item in kept if item is not None]
    if isinstance(node, dict) and {"type", "namespace", "props"} <= node.keys():
        props = {"id": node["props"]["id"]} if "id" in node["props"] else {}
        for name, value in node["props"].items():
            if name != "id" and isinstance(value, (dict, list)):
                inner = _skeleton(value)
                if inner:
                    props[name] = inner
        return {"type": node["type"], "namespace": node["namespace"], "props": props}
    return None


def strip_validation_layout(index: str) -> str:
    """The index page with Dash's validation layout reduced to component types and ids.

    Dash puts the layout of every page, as built at the first request, into the config of
    every index page (the browser checks callbacks against it). Those layouts hold data
    (event titles, actor names in the filter options), which a visitor who may not read yet
    must not receive with the login page.
    """
    match = _CONFIG_SCRIPT.search(index)
    if match is None:
        return index
    try:
        config = json.loads(match.group(2))
    except ValueError:
        return index
    if "validation_layout" not in config:
        return index
    config["validation_layout"] = _skeleton(config["validation_layout"])
    text = json.dumps(config).replace("</", "<\\/")
    return index[: match.start(2)] + text + index[match.end(2) :]


@dash.hooks.index()
def _hide_data_from_anonymous(index: str) -> str:
    """Registered for every app in this process; acts only where reading needs a login."""
    if not has_request_context():
        return index
    try:
        settings = app_context().settings
    except (KeyError, RuntimeError):
        return index
    if settings.public_read or current_user() is not None:
        return index
    return strip_validation_layout(index)


def register_auth(server: Flask, settings: Settings) -> None:
    server.secret_key = secret_key(settings)
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.cookie_secure,
        SESSION_COOKIE_NAME="netzwerkatlas_session",
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
    )

    @server.before_request
    def refuse_cross_site_posts():
        # Every write (login, logout, upload, commit, undo: the last three are POSTs to
        # Dash's callback route) must come from a page of this site. SameSite=Lax already
        # keeps the session cookie off cross-site POSTs; this refuses them outright, so a
        # foreign page can neither act in a staff member's name nor log them in as someone else.
        if request.method == "POST" and not _same_origin():
            abort(403)

    @server.before_request
    def require_login_unless_public():
        if settings.public_read or current_user() is not None:
            return None
        path = request.path
        if path.startswith(_OPEN_PREFIXES) or path == LOGIN_PATH:
            return None
        if path == DISPATCH_PATH and _is_login_render(request_json()):
            return None
        if request.method == "GET":
            return redirect(login_url(request.full_path.rstrip("?")))
        return jsonify({"error": "login required"}), 401

    @server.post(LOGIN_ROUTE)
    def login():
        form = request.form
        target = safe_next(request.args.get(NEXT_PARAM), "/daten")
        lang = _lang_arg()
        if not _same_origin():
            abort(403)
        try:
            user = accounts.authenticate(
                app_context().engine, form.get("name", ""), form.get("password", ""), client_ip()
            )
        except accounts.AccountError as error:
            params = {ERROR_PARAM: error.key.rsplit(".", 1)[-1], "lang": lang}
            until = error.params.get("until")
            if isinstance(until, dt.datetime):
                params["minuten"] = str(error.params["minutes"])
                params["bis"] = until.astimezone(LOCAL_TIME).strftime("%H:%M")
            return redirect(login_url(target, **params))
        session.clear()
        session[SESSION_KEY] = user.id
        session[VERSION_KEY] = user.session_version
        session.permanent = True
        return redirect(target)

    @server.post(LOGOUT_ROUTE)
    def logout():
        if not _same_origin():
            abort(403)
        user = current_user()
        if user is not None:
            with app_context().engine.begin() as connection:
                accounts.end_sessions(connection, user.id)  # on every device, not only this one
                accounts.record(connection, user.name, accounts.LOGOUT, {}, client_ip())
        session.clear()
        return redirect(login_url(None, abgemeldet="1", lang=_lang_arg()))
