"""The settings of /karte that live in its address beside the global filters.

A reload, a shared link or a slide of the map then shows the same frame: year, mode,
points or regions, basemap, focused actor, level of the regions, their measure and the
display of the links. Parameter names and values are German, as users see them in links;
settings at their default stay out of the address (the page's controls write it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dashboard.analysis.hexbins import Bounds
from dashboard.state.notes import Note, ignored
from dashboard.state.query import params_of

PARAM_YEAR = "jahr"
PARAM_MODE = "modus"
PARAM_VIEW = "ansicht"
PARAM_BASEMAP = "hintergrund"
PARAM_FOCUS = "akteur"
PARAM_LEVEL = "ebene"
PARAM_METRIC = "wert"
PARAM_LINKS = "linien"

MODES = ("jahr", "kumuliert")
VIEWS = ("punkte", "regionen")
LEVELS = ("land", "kreis", "gemeinde")
BASEMAP_PARAM = {"tiles": "karte", "plain": "ohne"}
METRIC_PARAM = {"headcount": "personen", "per_100k": "je100000", "actors": "akteure"}
LINK_PARAM = {"width": "breite", "opacity": "deckkraft", "off": "aus"}
DEFAULTS = {
    PARAM_MODE: "jahr",
    PARAM_VIEW: "punkte",
    PARAM_BASEMAP: "karte",
    PARAM_LEVEL: "land",
    PARAM_METRIC: "personen",
    PARAM_LINKS: "breite",
}
FOCUS_MAX_LENGTH = 64


@dataclass(frozen=True)
class MapView:
    """The page-local settings of /karte, parsed from the query string."""

    year: int | None = None
    mode: str = "jahr"
    view: str = "punkte"
    basemap: str = "tiles"
    focus: str | None = None
    level: str = "land"
    metric: str = "headcount"
    links: str = "width"

    @property
    def cumulative(self) -> bool:
        return self.mode == "kumuliert"

    @classmethod
    def parse(cls, params: Mapping[str, object]) -> tuple[MapView, tuple[Note, ...]]:
        """The settings in `params`, and a note for every present value that was not usable
        (it gives the default)."""
        notes: list[Note] = []

        def text(name: str) -> str:
            value = params.get(name)
            value = value[0] if isinstance(value, list) and value else value
            return str(value or "").strip()

        def choice(name: str, allowed: tuple[str, ...], default: str) -> str:
            value = text(name)
            if value in allowed:
                return value
            notes.extend(ignored(name, value))
            return default

        def reverse(name: str, mapping: dict[str, str], default: str) -> str:
            value = text(name)
            found = next((key for key, word in mapping.items() if word == value), None)
            if found is None:
                notes.extend(ignored(name, value))
            return found or default

        year_text = text(PARAM_YEAR)
        year = int(year_text) if year_text.isdigit() else None
        if year is not None and not 1900 <= year <= 2200:
            year = None
        if year is None:
            notes.extend(ignored(PARAM_YEAR, year_text))
        view = cls(
            year=year,
            mode=choice(PARAM_MODE, MODES, "jahr"),
            view=choice(PARAM_VIEW, VIEWS, "punkte"),
            basemap=reverse(PARAM_BASEMAP, BASEMAP_PARAM, "tiles"),
            focus=text(PARAM_FOCUS)[:FOCUS_MAX_LENGTH] or None,
            level=choice(PARAM_LEVEL, LEVELS, "land"),
            metric=reverse(PARAM_METRIC, METRIC_PARAM, "headcount"),
            links=reverse(PARAM_LINKS, LINK_PARAM, "width"),
        )
        return view, tuple(notes)

    @classmethod
    def from_params(cls, params: Mapping[str, object]) -> MapView:
        return cls.parse(params)[0]

    @classmethod
    def from_search(cls, search: object) -> MapView:
        return cls.from_params(params_of(search))


# The view the user zoomed or panned to: kept in the page (not the address), since it
# changes with every gesture; the map draws bins or single places for it.
VIEWPORT_ZOOM_RANGE = (0.0, 22.0)


@dataclass(frozen=True)
class Viewport:
    """Where the user looks: zoom, the area in view and its centre."""

    zoom: float
    bounds: Bounds
    center: dict[str, float]


def viewport_from(data: object) -> Viewport | None:
    """The view the browser reported, or None (the country-wide view) when there is none
    or it is not usable."""
    if not isinstance(data, Mapping):
        return None
    try:
        zoom = float(data["zoom"])
        bounds = Bounds(
            float(data["west"]), float(data["south"]), float(data["east"]), float(data["north"])
        )
        center = {"lat": float(data["lat"]), "lon": float(data["lon"])}
    except (KeyError, TypeError, ValueError):
        return None
    low, high = VIEWPORT_ZOOM_RANGE
    if not low <= zoom <= high or bounds.west >= bounds.east or bounds.south >= bounds.north:
        return None
    return Viewport(zoom, bounds, center)
