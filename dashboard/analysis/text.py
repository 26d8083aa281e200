"""Text as people search and sort it: case, umlaut spelling and spacing do not matter."""

from __future__ import annotations

import math

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: object) -> str:
    """ "Düsseldorf " and "duesseldorf" alike; missing values become ""."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return " ".join(str(text).casefold().translate(_TRANSLITERATION).split())
