"""The settings of /netzwerk that live in its address beside the global filters.

A copied link, a reload or a presentation slide then shows exactly the same network: the
same year, scope, sizes, colours, ego actor and pruning. Only settings that differ from the
defaults are written, so the plain page keeps a plain address.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from dashboard.state.notes import Note, ignored
from dashboard.state.query import params_of

ALL = "alle"
SIZE_BY = {"degree": "grad", "headcount": "personen"}
COLOUR_BY = {"community": "gemeinschaft", "type": "art"}
PARAMS = (
    "jahr",
    "modus",
    "groesse",
    "farbe",
    "ego",
    "schritte",
    "min_gewicht",
    "min_grad",
    "top",
    "gemeinschaft",
)
SINGLE_YEAR = "einzeln"
# A community's number is its rank among the communities of the filtered network: other
# filters number them anew, so the number is dropped when the filters change.
BOUND_TO_FILTERS = ("gemeinschaft",)
_DEFAULTS = {
    "jahr": None,
    "modus": None,
    "groesse": "grad",
    "farbe": "gemeinschaft",
    "ego": None,
    "schritte": "1",
    "min_gewicht": "0",
    "min_grad": "0",
    "top": ALL,
    "gemeinschaft": None,
}


@dataclass(frozen=True)
class NetworkView:
    year: int | None = None
    cumulative: bool = True
    size_by: str = "degree"
    colour_by: str = "community"
    ego: str | None = None
    steps: int = 1
    min_weight: int = 0
    min_degree: int = 0
    top_n: str = ALL
    # The community whose own network is shown (its number on the overview), or None.
    community: int | None = None

    @classmethod
    def from_search(cls, search: object) -> NetworkView:
        return cls.from_params(params_of(search))

    @classmethod
    def from_params(cls, params: Mapping[str, object]) -> NetworkView:
        return cls.parse(params)[0]

    @classmethod
    def parse(cls, params: Mapping[str, object]) -> tuple[NetworkView, tuple[Note, ...]]:
        """The settings in `params`, and a note for every present value that was not usable
        (it gives the default)."""
        notes: list[Note] = []

        def text(name: str) -> str:
            value = params.get(name)
            value = value[0] if isinstance(value, list) and value else value
            return str(value or "").strip()[:64]

        def number(name: str, low: int, high: int) -> int | None:
            value = text(name)
            if value.isdigit() and low <= int(value) <= high:
                return int(value)
            notes.extend(ignored(name, value))
            return None

        def reverse(name: str, mapping: dict[str, str], default: str) -> str:
            value = text(name)
            found = next((key for key, word in mapping.items() if word == value), None)
            if found is None:
                notes.extend(ignored(name, value))
            return found or default

        def one_of(name: str, allowed: tuple[str, ...]) -> str:
            value = text(name)
            if value not in allowed:
                notes.extend(ignored(name, value))
            return value

        top = text("top")
        top_valid = top.isdigit() and 0 < int(top) <= 10_000
        if not top_valid and top != ALL:
            notes.extend(ignored("top", top))
        view = cls(
            year=number("jahr", 1900, 2200),
            cumulative=one_of("modus", (SINGLE_YEAR,)) != SINGLE_YEAR,
            size_by=reverse("groesse", SIZE_BY, "degree"),
            colour_by=reverse("farbe", COLOUR_BY, "community"),
            ego=text("ego") or None,
            steps=2 if one_of("schritte", ("1", "2")) == "2" else 1,
            min_weight=number("min_gewicht", 0, 1000) or 0,
            min_degree=number("min_grad", 0, 1000) or 0,
            top_n=top if top_valid else ALL,
            community=number("gemeinschaft", 1, 100_000),
        )
        # In the order of the address's parameters, as a reader of the link sees them.
        return view, tuple(sorted(notes, key=lambda note: PARAMS.index(note.param)))

    def to_params(self) -> dict[str, str]:
        """The settings that differ from the defaults, as query parameters."""
        values = {
            "jahr": str(self.year) if self.year is not None else None,
            "modus": None if self.cumulative else SINGLE_YEAR,
            "groesse": SIZE_BY.get(self.size_by),
            "farbe": COLOUR_BY.get(self.colour_by),
            "ego": self.ego,
            "schritte": str(self.steps),
            "min_gewicht": str(self.min_weight),
            "min_grad": str(self.min_degree),
            "top": self.top_n,
            "gemeinschaft": str(self.community) if self.community is not None else None,
        }
        return {
            name: value
            for name, value in values.items()
            if value is not None and value != _DEFAULTS[name]
        }


def search_with_view(search: str | None, view: NetworkView) -> str:
    """`search` with its network settings replaced by `view`'s (filters and others kept)."""
    kept = [
        (key, value)
        for key, value in parse_qsl((search or "").lstrip("?"), keep_blank_values=True)
        if key not in PARAMS
    ]
    pairs = kept + list(view.to_params().items())
    return "?" + urlencode(pairs, safe=",") if pairs else ""
