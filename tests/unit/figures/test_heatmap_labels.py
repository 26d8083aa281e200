from __future__ import annotations

import numpy as np
import pytest

from dashboard.figures import cell_text
from dashboard.figures.cell_text import (
    CELL_PADDING,
    LARGEST_SIZE,
    SMALLEST_SIZE,
    fitting_size,
    heatmap_cell_text,
    text_width,
)


def _fits(size: int, chars: int, columns: int, width: float, gap: float = 2) -> bool:
    return text_width(chars, size) + CELL_PADDING <= width / columns - gap


def test_cell001_twenty_columns_of_three_digits_in_600_px_go_to_hover():
    # 28 px a cell (30 less the gap): "434" needs 3 × 0.65 × 12 + 4 = 27.4 px at 12 px;
    # "1.553" (5 characters) would need 36.5 px even at 10 px and is left to the hover.
    assert fitting_size(20, 10, 3, 600, 400) == 12
    assert fitting_size(20, 10, 5, 600, 400) is None
    # The national-scale cohort at 1280 px: about 400 px of cells for 20 years.
    assert fitting_size(20, 20, 3, 400, 640) is None


def test_cell002_few_columns_are_written_at_the_full_size():
    assert fitting_size(5, 5, 5, 600, 400) == LARGEST_SIZE
    assert fitting_size(5, 5, 0, 600, 400) == LARGEST_SIZE  # nothing to write


@pytest.mark.parametrize("columns", [3, 8, 12, 16, 20, 30, 45])
@pytest.mark.parametrize("chars", [1, 2, 3, 5, 6])
@pytest.mark.parametrize("width", [300, 450, 600, 900])
def test_cell003_a_chosen_size_fits_the_cell_and_is_readable(columns, chars, width):
    size = fitting_size(columns, 12, chars, width, 480)
    if size is None:
        assert not _fits(SMALLEST_SIZE, chars, columns, width)
    else:
        assert SMALLEST_SIZE <= size <= LARGEST_SIZE
        assert _fits(size, chars, columns, width)
        assert size == LARGEST_SIZE or not _fits(size + 1, chars, columns, width)


def test_cell004_short_rows_shrink_or_drop_the_text_too():
    assert fitting_size(3, 20, 1, 600, 200) is None  # 10 px a row: no line fits
    assert fitting_size(3, 20, 1, 600, 290) == 10  # 14.5 px a row - 2 gap ≥ 10 × 1.2


def test_cell005_no_cells_or_no_room_writes_nothing():
    assert fitting_size(0, 3, 3, 600, 400) is None
    assert fitting_size(3, 0, 3, 600, 400) is None
    assert fitting_size(3, 3, 3, -20, 400) is None


def test_cell006_dropped_text_keeps_the_hover_and_an_empty_template():
    shown = cell_text.cell_text("%{text}", 5, 5, 3, 600, 400)
    assert shown.trace_options() == {"texttemplate": "%{text}", "textfont": {"size": 13}}
    dropped = cell_text.cell_text("%{text}", 40, 5, 3, 600, 400)
    assert dropped.size is None and dropped.trace_options()["texttemplate"] == ""


def test_cell007_labels_and_colour_bar_take_their_width_from_the_cells():
    texts = np.array([["1", "22"], ["", "333"]], dtype=object)
    common = {
        "width": 600,
        "height": 300,
        "margin_top": 56,
        "margin_bottom": 48,
        "colorbar_title": "Akteure",
        "colorbar_tick": "1.500",
    }
    short = heatmap_cell_text(
        "%{text}", texts, ["2020"] * 10, ["A", "B"], row_title=False, **common
    )
    long = heatmap_cell_text(
        "%{text}", texts, ["2020"] * 10, ["Quartiersmanagement", "B"], row_title=True, **common
    )
    assert short.size == LARGEST_SIZE and long.size is not None and long.size < short.size
    left = cell_text.row_label_margin(len("Quartiersmanagement"), True)
    right = cell_text.colorbar_margin(len("Akteure"), len("1.500"))
    assert _fits(long.size, 3, 10, 600 - left - right)
    assert not _fits(long.size + 1, 3, 10, 600 - left - right)
