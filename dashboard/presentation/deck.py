"""Presentation decks: which views, in which order, under which names.

A slide is a view of the app (a page path plus its query string, so it keeps its own
filters), the chart of that page it shows, an optional title and optional speaker notes
(shown only in the presenter view). A deck is a name and
its slides. A deck travels in the URL of /praesentation as one parameter (`folien`):
compact JSON in URL-safe base64, so a deck works as a link without being saved.
Decoding never fails: anything that does not parse or names no known view is dropped,
because people shorten and edit links by hand.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

PARAM_DECK = "folien"
PARAM_SAVED = "satz"
PARAM_EDIT = "bearbeiten"
PARAM_PRESENTER = "referent"
PRESENTATION_PATH = "/praesentation"
ACTOR_PREFIX = "/akteur/"
EVENT_PREFIX = "/veranstaltung/"
MAX_SLIDES = 40
MAX_TEXT = 120
MAX_NOTES = 600
MAX_HREF = 600

# The charts a slide of each page can show, the page's main chart first.
SLIDE_CHARTS: dict[str, tuple[str, ...]] = {
    "/": ("headline",),
    "/karte": ("map",),
    "/teilnahme": ("events", "retention", "cohorts", "states", "roles", "top"),
    "/themen": ("heatmap", "trends", "by_type"),
    "/netzwerk": ("graph", "growth", "new_links"),
    "/vergleich": ("per_year", "topics", "roles"),
    "/akteur": ("profile",),
    # The sections of an event's page (views.event.SECTIONS).
    "/veranstaltung": ("programme", "who_came", "counts", "grew", "evaluation"),
}
# Pages of one thing each: the key of SLIDE_CHARTS by the prefix of their path.
_ITEM_PAGES = {ACTOR_PREFIX: "/akteur", EVENT_PREFIX: "/veranstaltung"}


def page_kind(path: str | None) -> str | None:
    """The key of SLIDE_CHARTS for a page path ("/akteur/bonn" → "/akteur",
    "/veranstaltung/2017-duesseldorf" → "/veranstaltung", "/" the overview), or None for a
    page that cannot be a slide."""
    if not path:
        return None
    path = path.rstrip("/") or "/"
    if path in SLIDE_CHARTS and path not in _ITEM_PAGES.values():
        return path
    for prefix, kind in _ITEM_PAGES.items():
        if path.startswith(prefix):
            item_id = path[len(prefix) :]
            return kind if item_id and "/" not in item_id else None
    return None


@dataclass(frozen=True)
class Slide:
    path: str
    search: str = ""
    chart: str = ""
    title: str = ""
    notes: str = ""

    @property
    def kind(self) -> str:
        return page_kind(self.path) or ""

    @property
    def href(self) -> str:
        return self.path + self.search

    @property
    def chart_key(self) -> str:
        """The chart shown: the stored one if the page has it, else the page's main chart."""
        charts = SLIDE_CHARTS.get(self.kind, ())
        return self.chart if self.chart in charts else (charts[0] if charts else "")

    @property
    def actor_id(self) -> str | None:
        return self.path[len(ACTOR_PREFIX) :] if self.kind == "/akteur" else None

    @property
    def event_id(self) -> str | None:
        return self.path[len(EVENT_PREFIX) :] if self.kind == "/veranstaltung" else None


@dataclass(frozen=True)
class Deck:
    name: str = ""
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    def __len__(self) -> int:
        return len(self.slides)


def _text(value: object, limit: int = MAX_TEXT) -> str:
    return str(value).strip()[:limit] if isinstance(value, (str, int, float)) else ""


def slide_from_href(
    href: object, chart: object = "", title: object = "", notes: object = ""
) -> Slide | None:
    """A slide from an app-internal address ("/karte?jahr=2019"); None for anything else
    (another host, a page that is not a view, an over-long address)."""
    if (
        not isinstance(href, str)
        or not href.startswith("/")
        or href.startswith("//")
        or len(href) > MAX_HREF
    ):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or page_kind(parts.path) is None:
        return None
    path = parts.path.rstrip("/") or "/"
    search = f"?{parts.query}" if parts.query else ""
    slide = Slide(path=path, search=search, title=_text(title), notes=_text(notes, MAX_NOTES))
    chart = _text(chart)
    return replace(slide, chart=chart if chart in SLIDE_CHARTS[slide.kind] else "")


def _slide_data(slide: Slide) -> dict:
    # Notes only when there are some: a slide without them keeps the form it had before
    # notes existed, so links and saved decks made since read the same in older copies.
    data = {"href": slide.href, "chart": slide.chart, "title": slide.title}
    return {**data, "notes": slide.notes} if slide.notes else data


def deck_to_data(deck: Deck) -> dict:
    """The plain form kept in the browser (dcc.Store) and in the database."""
    return {"name": deck.name, "slides": [_slide_data(s) for s in deck.slides]}


def deck_from_data(data: object) -> Deck:
    """The deck from its plain form; malformed parts are dropped."""
    if not isinstance(data, dict):
        return Deck()
    raw = data.get("slides")
    slides = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            slide = slide_from_href(
                item.get("href"),
                item.get("chart", ""),
                item.get("title", ""),
                item.get("notes", ""),
            )
            if slide is not None:
                slides.append(slide)
    return Deck(name=_text(data.get("name", "")), slides=tuple(slides[:MAX_SLIDES]))


def encode_deck(deck: Deck) -> str:
    """The value of the `folien` URL parameter: short keys, no padding, URL-safe."""
    rows = [[s.href, s.chart, s.title, *([s.notes] if s.notes else [])] for s in deck.slides]
    compact = {"n": deck.name, "s": rows}
    raw = json.dumps(compact, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decoded(value: object) -> dict:
    """The compact form of a `folien` value ({"n": name, "s": rows}); {} when it does not parse."""
    if not isinstance(value, str) or not value.strip():
        return {}
    text = value.strip()
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        compact = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return {}
    return compact if isinstance(compact, dict) else {}


def requested_slides(value: object) -> int:
    """How many slides a `folien` value asks for, before decode_deck drops and cuts: what a
    costly consumer (the PDF) must refuse rather than silently shorten."""
    rows = _decoded(value).get("s")
    return len(rows) if isinstance(rows, list) else 0


def decode_deck(value: object) -> Deck:
    """The deck from a `folien` value; an empty deck when it does not parse."""
    compact = _decoded(value)
    rows = compact.get("s")
    slides = []
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, list) and row:
            slides.append(
                {
                    "href": row[0],
                    "chart": row[1] if len(row) > 1 else "",
                    "title": row[2] if len(row) > 2 else "",
                    "notes": row[3] if len(row) > 3 else "",
                }
            )
    return deck_from_data({"name": compact.get("n", ""), "slides": slides})


def presentation_href(
    deck: Deck, lang: str = "de", edit: bool = False, presenter: bool = False
) -> str:
    """The address of the slide show of `deck` (of its editor with `edit`, of its presenter
    view with `presenter`)."""
    params = [f"{PARAM_DECK}={encode_deck(deck)}"]
    if edit:
        params.append(f"{PARAM_EDIT}=1")
    if presenter:
        params.append(f"{PARAM_PRESENTER}=1")
    if lang != "de":
        params.append(f"lang={lang}")
    return f"{PRESENTATION_PATH}?{'&'.join(params)}"


def add_slide(deck: Deck, slide: Slide) -> Deck:
    if len(deck.slides) >= MAX_SLIDES:
        return deck
    return replace(deck, slides=(*deck.slides, slide))


def move_slide(deck: Deck, index: int, step: int) -> Deck:
    """Swap slide `index` with its neighbour `step` (-1 up, +1 down); out of range: no change."""
    target = index + step
    if not (0 <= index < len(deck.slides) and 0 <= target < len(deck.slides)):
        return deck
    slides = list(deck.slides)
    slides[index], slides[target] = slides[target], slides[index]
    return replace(deck, slides=tuple(slides))


def remove_slide(deck: Deck, index: int) -> Deck:
    if not 0 <= index < len(deck.slides):
        return deck
    return replace(deck, slides=deck.slides[:index] + deck.slides[index + 1 :])


def edit_slide(
    deck: Deck, index: int, *, title: object = None, chart: object = None, notes: object = None
) -> Deck:
    """Rename a slide, pick another chart of its page (an unknown chart is ignored) or
    change its speaker notes."""
    if not 0 <= index < len(deck.slides):
        return deck
    slide = deck.slides[index]
    if title is not None:
        slide = replace(slide, title=_text(title))
    if notes is not None:
        slide = replace(slide, notes=_text(notes, MAX_NOTES))
    if chart is not None and _text(chart) in SLIDE_CHARTS[slide.kind]:
        slide = replace(slide, chart=_text(chart))
    slides = list(deck.slides)
    slides[index] = slide
    return replace(deck, slides=tuple(slides))


def rename_deck(deck: Deck, name: object) -> Deck:
    return replace(deck, name=_text(name))
