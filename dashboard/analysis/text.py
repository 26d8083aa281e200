"""Text as people search and sort it: case, umlaut spelling and spacing do not matter."""

from __future__ import annotations

import math

import pandas as pd

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: object) -> str:
    """ "Düsseldorf " and "duesseldorf" alike; missing values become ""."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return " ".join(str(text).casefold().translate(_TRANSLITERATION).split())


def present(value: object) -> bool:
    """Whether a table cell holds something: not None, NaN, NA or blank text."""
    return (
        value is not None
        and not (isinstance(value, float) and math.isnan(value))
        and value is not pd.NA
        and str(value).strip() != ""
    )
