"""The Steckbrief of one actor: one A4 page for a council, composed of the views the pages
show. Pure: snapshot and outlines in, the page's figures and where they go out; the
renderer (steckbrief_pdf) draws them.

The page is a figure of its own (name, key figures, section headings, the peer ranks, the
"Beispieldaten" marks) with the charts drawn at their own sizes and placed on it: the
participation per year and the topics from /vergleich's views for this one actor, the
partner map from the profile's view on the tile-free basemap. Sizes are CSS pixels of an
A4 page at 96 px per inch, as kaleido draws them.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.analysis.profile import Profile, actor_profile
from dashboard.figures.map import OFFLINE_STYLE
from dashboard.figures.theme import FONT_FAMILY, TEXT_COLOUR
from dashboard.geo.states import state_name
from dashboard.i18n import t
from dashboard.schema import SOURCE_DOCUMENTED
from dashboard.state.compare import CompareState
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from dashboard.views import compare
from dashboard.views.map import MapCanvas, MapSources
from dashboard.views.peer_ranks import actor_rank_lines
from dashboard.views.profile import profile_result

PAGE_WIDTH = 794  # A4: 210 mm at 96 px per inch
PAGE_HEIGHT = 1123  # 297 mm
MARGIN = 40
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
MUTED = "#5c636a"
RULE = "#adb5bd"
SAMPLE_FILL = "#fff3cd"
SAMPLE_LINE = "#997404"
# Characters of body text per line across the page and across the map's column.
WIDE_LINE = 110
MAP_WIDTH = 350
MAP_LINE = 64
MAX_PARTNER_NAMES = 10


@dataclass(frozen=True)
class Placed:
    """A chart drawn at `width` × `height` px with its top left corner at (`left`, `top`)."""

    figure: go.Figure
    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class Steckbrief:
    page: go.Figure  # the whole page without the charts, PAGE_WIDTH × PAGE_HEIGHT
    charts: tuple[Placed, ...]
    name: str


# Where each part sits (top edge in px).
_YEARS_TOP = 232
_YEARS_CHART = (MARGIN - 10, 252, CONTENT_WIDTH + 20, 200)
_PARTNERS_TOP = 470
_MAP = (MARGIN, 490, MAP_WIDTH, 240)
_RANKS_BOTTOM = 806
_RANKS_LEFT = MARGIN + MAP_WIDTH + 24
_TOPICS_TOP = 826
_TOPICS_CHART = (MARGIN - 10, 846, CONTENT_WIDTH + 20, 218)
_FOOTER_TOP = 1080


def steckbrief(
    snapshot: Snapshot, actor_id: str, lang: str, sources: MapSources
) -> Steckbrief | None:
    """The Steckbrief of `actor_id` over all years; None for an unknown id. `sources`: the
    outlines for a map drawn without the app (the GeoJSON itself)."""
    profile = actor_profile(snapshot.tables, actor_id)
    if profile is None:
        return None
    filters = Filters(lang=lang)
    state = CompareState(actors=(str(profile.actor["id"]),))
    selection = compare.compare_selection(snapshot, filters)
    per_year = compare.per_year(snapshot, filters, state, selection)
    topics = compare.topics(snapshot, filters, state, selection)
    left, top, width, height = _MAP
    canvas = MapCanvas(
        sources=sources, style=OFFLINE_STYLE, fit_size=(width, height), height=height
    )
    profile_view = profile_result(snapshot, profile, lang, canvas)
    ranks = actor_rank_lines(
        snapshot, selection, str(profile.actor["id"]), str(profile.actor["type"]), lang
    )
    sample = _sample_parts(profile, selection.has_sample_rows)

    marks = [
        *_header(profile, lang, any(sample.values())),
        *_facts(profile_view.facts),
        _text(MARGIN, 206, _years_line(profile, lang), 12),
        *_heading(
            _YEARS_TOP,
            f"{per_year.title} · {per_year.caption}",
            sample["years"],
            lang,
            CONTENT_WIDTH,
        ),
        *_heading(
            _PARTNERS_TOP, t("profile.partners.heading", lang), sample["partners"], lang, MAP_WIDTH
        ),
        _text(MARGIN, _MAP[1] + _MAP[3] + 8, _partner_names(profile, lang), 10, colour=MUTED),
        *_heading(
            _PARTNERS_TOP,
            t("compare.ranks.title", lang),
            sample["ranks"],
            lang,
            PAGE_WIDTH - MARGIN - _RANKS_LEFT,
            left=_RANKS_LEFT,
        ),
        *_heading(
            _TOPICS_TOP,
            f"{topics.title} · {t('compare.chart.sessions', lang)}",
            sample["topics"],
            lang,
            CONTENT_WIDTH,
        ),
        _text(
            MARGIN,
            _FOOTER_TOP,
            _wrap(t("steckbrief.footer", lang), WIDE_LINE + 20),
            9,
            colour=MUTED,
        ),
    ]
    page = go.Figure(_ranks_table(ranks), layout=_page_layout(lang))
    # A mark is a shape (it has a type) or a text.
    page.update_layout(
        annotations=[mark for mark in marks if "type" not in mark],
        shapes=[mark for mark in marks if "type" in mark],
    )
    charts = (
        _placed(per_year.figure, *_YEARS_CHART),
        _placed(profile_view.figure, left, top, width, height),
        _placed(_numbers_only(topics.figure), *_TOPICS_CHART),
    )
    return Steckbrief(page=page, charts=charts, name=str(profile.actor["name"]))


def _sample_parts(profile: Profile, peers_sample: bool) -> dict[str, bool]:
    """Which parts of the page show sample data (each gets the "Beispieldaten" mark)."""

    def sample(frame) -> bool:
        return bool((frame["source"] != SOURCE_DOCUMENTED).any()) if not frame.empty else False

    actor_sample = profile.actor.get("source") != SOURCE_DOCUMENTED
    return {
        "years": actor_sample or sample(profile.events),
        "topics": actor_sample or sample(profile.sessions),
        "partners": actor_sample or sample(profile.partners),
        "ranks": actor_sample or peers_sample,
    }


def _numbers_only(figure: go.Figure) -> go.Figure:
    """The heatmap without its colour bar: every cell carries its number, and at the page's
    height the bar's title does not fit beside it (the heading names the numbers)."""
    drawn = go.Figure(figure)
    drawn.update_traces(showscale=False, selector={"type": "heatmap"})
    return drawn


def _placed(figure: go.Figure, left: int, top: int, width: int, height: int) -> Placed:
    drawn = go.Figure(figure)
    drawn.update_layout(width=width, height=height, autosize=False)
    return Placed(drawn, left, top, width, height)


def _page_layout(lang: str) -> go.Layout:
    return go.Layout(
        width=PAGE_WIDTH,
        height=PAGE_HEIGHT,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        font={"family": FONT_FAMILY, "size": 12, "color": TEXT_COLOUR},
        separators=",." if lang == "de" else ".,",
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis={"visible": False, "range": [0, PAGE_WIDTH]},
        yaxis={"visible": False, "range": [PAGE_HEIGHT, 0]},
        showlegend=False,
    )


def _escape(text: str) -> str:
    """Plotly text takes a small HTML subset: data text must not become markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(text: str, width: int) -> str:
    return "<br>".join(_escape(line) for line in textwrap.wrap(text, width))


def _text(
    left: float, top: float, text: str, size: int, colour: str = TEXT_COLOUR, bold: bool = False
) -> dict:
    """An annotation whose top left corner is at (left, top) px of the page; `text` is
    escaped already (it may carry <br>)."""
    return {
        "text": f"<b>{text}</b>" if bold else text,
        "x": left,
        "y": top,
        "xref": "x",
        "yref": "y",
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "showarrow": False,
        "font": {"size": size, "color": colour},
    }


def _header(profile: Profile, lang: str, sample: bool) -> list[dict]:
    actor = profile.actor
    place = [
        t(f"type.{actor['type']}", lang),
        actor.get("city") or "",
        state_name(actor.get("state"), lang) or "",
    ]
    parts = [
        _text(MARGIN, 34, _escape(t("steckbrief.kicker", lang)), 11, colour=MUTED),
        _text(MARGIN, 52, _escape(str(actor["name"])), 26, bold=True),
        _text(MARGIN, 92, _escape(" · ".join(part for part in place if part)), 13, colour=MUTED),
    ]
    if sample:
        parts += _sample_box(PAGE_WIDTH - MARGIN - 150, 34, 150, lang)
    return parts


def _sample_box(left: float, top: float, width: float, lang: str) -> list[dict]:
    """The visible "Beispieldaten" mark, as on the pages' badges."""
    return [
        {
            "type": "rect",
            "xref": "x",
            "yref": "y",
            "x0": left,
            "x1": left + width,
            "y0": top,
            "y1": top + 20,
            "fillcolor": SAMPLE_FILL,
            "line": {"color": SAMPLE_LINE, "width": 1},
        },
        {
            **_text(left + width / 2, top + 3, _escape(t("badge.sample", lang)), 11, bold=True),
            "xanchor": "center",
        },
    ]


def _facts(facts: tuple[tuple[str, str], ...]) -> list[dict]:
    """The key figures in a row of boxes, as on the page."""
    width = CONTENT_WIDTH / max(len(facts), 1)
    parts: list[dict] = []
    for index, (label, value) in enumerate(facts):
        left = MARGIN + index * width
        parts += [
            {
                "type": "rect",
                "xref": "x",
                "yref": "y",
                "x0": left + 2,
                "x1": left + width - 2,
                "y0": 122,
                "y1": 192,
                "line": {"color": RULE, "width": 1},
            },
            _text(left + 10, 130, _escape(value), 20, bold=True),
            _text(left + 10, 162, _escape(label), 10, colour=MUTED),
        ]
    return parts


def _years_line(profile: Profile, lang: str) -> str:
    years = sorted({int(year) for year in profile.events["year"]})
    listed = ", ".join(map(str, years)) if years else t("profile.never", lang)
    return _wrap(t("steckbrief.years", lang, years=listed), WIDE_LINE)


def _heading(
    top: float, title: str, sample: bool, lang: str, width: float, left: float = MARGIN
) -> list[dict]:
    """A section's title with a rule under it and, where its data is sample, the mark."""
    parts = [
        _text(left, top - 4, _escape(title), 14, bold=True),
        {
            "type": "line",
            "xref": "x",
            "yref": "y",
            "x0": left,
            "x1": left + width,
            "y0": top + 16,
            "y1": top + 16,
            "line": {"color": RULE, "width": 1},
        },
    ]
    if sample:
        parts += _sample_box(left + width - 110, top - 6, 110, lang)
    return parts


def _partner_names(profile: Profile, lang: str) -> str:
    """The partners by name (the map's points carry no labels on paper)."""
    names = list(dict.fromkeys(str(name) for name in profile.partners["name"]))
    if not names:
        return _escape(t("profile.no_partners", lang))
    shown = ", ".join(names[:MAX_PARTNER_NAMES])
    if len(names) > MAX_PARTNER_NAMES:
        shown += " " + t("steckbrief.more_partners", lang, count=len(names) - MAX_PARTNER_NAMES)
    return _wrap(t("steckbrief.partners", lang, names=shown), MAP_LINE)


def _ranks_table(lines: list[tuple[str, str]]) -> go.Table:
    """The peer groups and ranks, two columns, in the right column beside the map."""
    top, bottom = _MAP[1], _RANKS_BOTTOM
    return go.Table(
        domain={
            "x": [_RANKS_LEFT / PAGE_WIDTH, (PAGE_WIDTH - MARGIN) / PAGE_WIDTH],
            "y": [1 - bottom / PAGE_HEIGHT, 1 - top / PAGE_HEIGHT],
        },
        columnwidth=[0.48, 0.52],
        header={"values": ["", ""], "height": 0, "line": {"width": 0}, "fill": {"color": "white"}},
        cells={
            "values": [[line[0] for line in lines], [line[1] for line in lines]],
            "align": "left",
            "font": {"size": 9, "color": TEXT_COLOUR},
            "fill": {"color": "white"},
            "line": {"color": "#dee2e6", "width": 1},
            # Nine rows (three peer groups, two ranks each) fit the column beside the map.
            "height": 22,
        },
    )
