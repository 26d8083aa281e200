"""Numbers written into heatmap cells: at a size that fits the cell, or not at all.

Plotly writes a heatmap's texttemplate into every cell at one font size and does not care
whether it fits: with twenty years of national data the numbers run into each other
("434334288259") and into the row labels. The figure is built on the server, before the
browser knows the chart's width, so the rule here works on an expected width (the
narrowest the page gives the chart) and estimates text widths on the high side. Where no
readable size fits, the cells stay empty and the value is left to the hover (and to the
table behind the chart).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

# Width of one character in em. DejaVu Sans, the fallback of `system-ui` on many Linux
# systems, draws digits 0.64 em wide; most fonts draw them narrower. Erring wide keeps a
# little space between the numbers of neighbouring cells.
CHAR_WIDTH = 0.65
LINE_HEIGHT = 1.2  # the height of a line of text, in em
LARGEST_SIZE = 13  # the size the heatmaps have always used
SMALLEST_SIZE = 10  # below this, numbers are hard to read at projector distance
CELL_PADDING = 4  # px left empty beside a number (2 px each side), besides the cell gap
AXIS_FONT_SIZE = 14  # theme.base_layout's font: tick labels and titles
AXIS_TITLE_BAND = 24  # px an axis title takes beside its tick labels
LABEL_STANDOFF = 6  # px between a row label and the first cell
EDGE = 16  # px of margin outside labels and colour bar (theme.base_layout's right margin)
COLORBAR_THICKNESS = 14
COLORBAR_GAP = 16  # px between the cells and the colour bar (plotly places it at x=1.02)
COLORBAR_PAD = 20  # plotly's colour-bar xpad, both sides


@dataclass(frozen=True)
class CellText:
    """How a heatmap shows its values: `size` px in the cells, or (size None) hover only."""

    size: int | None
    template: str

    def trace_options(self) -> dict[str, Any]:
        """texttemplate and textfont for go.Heatmap: an empty template writes nothing."""
        return {"texttemplate": self.template, "textfont": {"size": self.size or LARGEST_SIZE}}


def text_width(chars: int, size: float) -> float:
    """Estimated width in px of `chars` characters at font `size` px (on the wide side)."""
    return chars * CHAR_WIDTH * size


def longest(texts: Iterable[object]) -> int:
    """Characters of the longest text (0 for none)."""
    return max((len(str(text)) for text in texts), default=0)


def fitting_size(
    columns: int,
    rows: int,
    chars: int,
    width: float,
    height: float,
    gap: float = 2,
    largest: int = LARGEST_SIZE,
) -> int | None:
    """The largest whole font size up to `largest` at which a value of `chars` characters
    fits a cell of a `columns` × `rows` grid over `width` × `height` px (the cells' area,
    without margins and colour bar); None when not even SMALLEST_SIZE fits."""
    if columns <= 0 or rows <= 0:
        return None
    if chars <= 0:
        return largest  # nothing to write: nothing can collide
    cell_width = width / columns - gap - CELL_PADDING
    cell_height = height / rows - gap
    room = min(largest, cell_width / (chars * CHAR_WIDTH), cell_height / LINE_HEIGHT)
    size = math.floor(room + 1e-9)  # 39 / 3.9 is 9.999…: a size that fits exactly, fits
    return size if size >= SMALLEST_SIZE else None


def cell_text(
    template: str,
    columns: int,
    rows: int,
    chars: int,
    width: float,
    height: float,
    gap: float = 2,
    largest: int = LARGEST_SIZE,
) -> CellText:
    """The cell text of a heatmap: `template` at the size that fits, or hover only."""
    size = fitting_size(columns, rows, chars, width, height, gap, largest)
    return CellText(size=size, template=template if size is not None else "")


def row_label_margin(chars: int, titled: bool) -> float:
    """The left margin plotly's automargin makes for row labels of `chars` characters (and
    the axis title, if any), estimated on the high side."""
    title = AXIS_TITLE_BAND if titled else 0
    return text_width(chars, AXIS_FONT_SIZE) + LABEL_STANDOFF + title + EDGE


def colorbar_margin(title_chars: int, tick_chars: int) -> float:
    """The width right of the cells that a vertical colour bar takes: the wider of its title
    (written above it) and bar plus tick labels, with plotly's gap and padding."""
    bar = COLORBAR_THICKNESS + LABEL_STANDOFF + text_width(tick_chars, AXIS_FONT_SIZE)
    title = text_width(title_chars, AXIS_FONT_SIZE)
    return COLORBAR_GAP + COLORBAR_PAD + max(bar, title) + EDGE


def heatmap_cell_text(
    template: str,
    texts: npt.ArrayLike,
    columns: Sequence[str],
    rows: Sequence[str],
    *,
    width: float,
    height: float,
    margin_top: float,
    margin_bottom: float,
    row_title: bool,
    colorbar_title: str,
    colorbar_tick: str,
) -> CellText:
    """The cell text of a heatmap `width` × `height` px with column labels on top, row labels
    on the left and a vertical colour bar: its cells get what the labels leave over.

    `texts` are the cells' texts (any shape). `margin_top` and `margin_bottom` are the
    layout's margins; the column labels are counted upright (plotly turns them when
    crowded). `colorbar_tick` is the colour bar's widest tick label.
    """
    left = row_label_margin(longest(rows), row_title)
    right = colorbar_margin(len(colorbar_title), len(colorbar_tick))
    top = margin_top + text_width(longest(columns), AXIS_FONT_SIZE)
    return cell_text(
        template,
        len(columns),
        len(rows),
        longest(np.asarray(texts, dtype=object).ravel()),
        width - left - right,
        height - top - margin_bottom,
    )
