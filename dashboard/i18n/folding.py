"""Text as people type, search and sort German names: case, umlaut spelling and spacing do
not matter. The one folding for search, sorting, place lookup, list matching and ids.

No Dash and nothing but the standard library: exchange/, geo/, sample/ and analysis/ use it.
"""

from __future__ import annotations

import math
import re
import unicodedata

# casefold() already turns "ß" and "ẞ" into "ss"; the entry keeps the table the whole rule.
_SPELLING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_WORD = re.compile(r"[\W_]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: object) -> str:
    """ "Düsseldorf ", "DUESSELDORF" and "duesseldorf" alike; None and NaN become "".

    NFKC first: a list exported on a Mac writes "ü" as "u" plus a combining mark, and a
    PDF copy writes "ﬂ" for "fl". Accents other than umlauts stay ("é" is not "e"): two
    names that differ only there are rare, and search shows both either way."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    normal = unicodedata.normalize("NFKC", str(text))
    return " ".join(normal.casefold().translate(_SPELLING).split())


def fold_words(text: object) -> str:
    """`fold` with punctuation as word breaks, for comparing names word by word:
    "Langenfeld (Rhld.)" → "langenfeld rhld", "Seniorenbüro Gießen e.V." → "… e v".
    Letters of other scripts stay letters, so two Cyrillic names do not both become ""."""
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


def fold_compact(text: object) -> str:
    """`fold_words` without spaces, for headers: "Start_Date" and "Start Date" → "startdate"."""
    return fold_words(text).replace(" ", "")


def slug(text: object, fallback: str = "") -> str:
    """An ASCII id from a name: "Nürnberg" → "nuernberg", "Halle (Saale)" → "halle-saale",
    "Café Mitte" → "cafe-mitte"; `fallback` when no Latin letter or digit is left."""
    ascii_text = unicodedata.normalize("NFKD", fold(text)).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text).strip("-") or fallback
