"""/praesentation/pdf: a deck as one PDF, for visitors when PUBLIC_PDF allows it, refused over
MAX_SLIDES, told to come back when the renderer is busy, rate limited as costly work.
/akteur/<id>/steckbrief.pdf: an actor's Steckbrief, and /veranstaltung/<id>/dokumentation.pdf:
an event's documentation, under the same rule, limit and renderer."""

from __future__ import annotations

import re

from flask import Response, abort, request

from dashboard.i18n import fmt_number, normalise_language, t, tn
from dashboard.i18n.folding import slug
from dashboard.presentation.deck import MAX_SLIDES, PARAM_DECK, requested_slides
from dashboard.presentation.deck_pdf import cached_deck_pdf
from dashboard.presentation.event_pdf import cached_event_pdf
from dashboard.presentation.pdf import PDF_MEDIA_TYPE, RendererBusy
from dashboard.presentation.request import requested_deck
from dashboard.presentation.steckbrief_pdf import cached_steckbrief_pdf
from dashboard.web import auth
from dashboard.web.context import app_context
from dashboard.web.limits import costly_route, refusal

BUSY_RETRY_S = 30


def _not_allowed(lang: str) -> Response | None:
    """The refusal of a PDF to a visitor who is not logged in while PUBLIC_PDF is off."""
    if app_context().settings.public_pdf or auth.current_user() is not None:
        return None
    return refusal(403, t("presentation.pdf.login", lang))


def _busy(lang: str) -> Response:
    response = refusal(503, t("presentation.pdf.busy_server", lang))
    response.headers["Retry-After"] = str(BUSY_RETRY_S)
    return response


def _attachment(body: bytes, name: str, fallback: str) -> Response:
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or fallback
    response = Response(body, mimetype=PDF_MEDIA_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@costly_route("pdf")
def serve_pdf() -> Response:
    query = request.args.to_dict()
    lang = normalise_language(query.get("lang"))
    refused = _not_allowed(lang)
    if refused is not None:
        return refused
    asked = requested_slides(query.get(PARAM_DECK))
    if asked > MAX_SLIDES:
        return refusal(
            413,
            t(
                "presentation.pdf.too_long",
                lang,
                slides=tn("count.slides", asked, lang),
                max=fmt_number(MAX_SLIDES, lang),
            ),
        )
    deck, _named = requested_deck(app_context().engine, query)
    if not deck.slides:
        abort(404)
    try:
        body = cached_deck_pdf(deck, lang)
    except RendererBusy:
        return _busy(lang)
    return _attachment(body, deck.name, "praesentation")


@costly_route("pdf")
def serve_steckbrief(actor_id: str) -> Response:
    lang = normalise_language(request.args.get("lang"))
    refused = _not_allowed(lang)
    if refused is not None:
        return refused
    try:
        body = cached_steckbrief_pdf(actor_id, lang)
    except RendererBusy:
        return _busy(lang)
    if body is None:
        abort(404)
    return _attachment(body, f"steckbrief-{slug(actor_id)}", "steckbrief")


@costly_route("pdf")
def serve_event_pdf(event_id: str) -> Response:
    lang = normalise_language(request.args.get("lang"))
    refused = _not_allowed(lang)
    if refused is not None:
        return refused
    try:
        body = cached_event_pdf(event_id, lang)
    except RendererBusy:
        return _busy(lang)
    if body is None:
        abort(404)
    return _attachment(body, f"veranstaltung-{slug(event_id)}", "veranstaltung")
