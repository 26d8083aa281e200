"""The answer scales a rating column can have and how survey tools write their answers.

Agreement is stored as 1 (not at all) to 5 (fully), school grades as 1 (sehr gut) to 6
(ungenügend), yes/no as "yes" and "no". Texts, LimeSurvey's answer codes (A1, AO01) and
numbers are all read; SoSci Survey's negative codes (-9 "nicht beantwortet", -1 "weiß nicht")
and "keine Angabe" are a missing answer, as an empty cell is.
"""

from __future__ import annotations

import re

from dashboard.exchange import values
from dashboard.i18n.folding import fold

AGREE5 = "agree5"
GRADE6 = "grade6"
YESNO = "yesno"
RATING_SCALES = (AGREE5, GRADE6, YESNO)
OPTIONS: dict[str, tuple[str, ...]] = {
    AGREE5: ("1", "2", "3", "4", "5"),
    GRADE6: ("1", "2", "3", "4", "5", "6"),
    YESNO: ("yes", "no"),
}
# Scales whose options are numbers, so that a mean says something.
NUMERIC = (AGREE5, GRADE6)

_AGREE_WORDS = {
    "5": (
        "stimme voll zu",
        "stimme voll und ganz zu",
        "trifft voll zu",
        "trifft voll und ganz zu",
        "voll und ganz",
        "sehr zufrieden",
        "strongly agree",
        "completely agree",
    ),
    "4": ("stimme eher zu", "trifft eher zu", "stimme zu", "trifft zu", "zufrieden", "agree"),
    "3": ("teils/teils", "teils teils", "teils-teils", "weder noch", "neutral", "teilweise"),
    "2": (
        "stimme eher nicht zu",
        "trifft eher nicht zu",
        "stimme nicht zu",
        "trifft nicht zu",
        "unzufrieden",
        "disagree",
    ),
    "1": (
        "stimme gar nicht zu",
        "stimme überhaupt nicht zu",
        "trifft gar nicht zu",
        "trifft überhaupt nicht zu",
        "sehr unzufrieden",
        "strongly disagree",
    ),
}
_GRADE_WORDS = {
    "1": ("sehr gut", "very good"),
    "2": ("gut", "good"),
    "3": ("befriedigend", "satisfactory"),
    "4": ("ausreichend", "sufficient"),
    "5": ("mangelhaft", "poor"),
    "6": ("ungenügend", "insufficient"),
}
_YESNO_WORDS = {"yes": ("ja", "j", "yes", "y", "true", "wahr"), "no": ("nein", "n", "no", "false")}
_MISSING_WORDS = {
    fold(word)
    for word in (
        "keine Angabe",
        "k. A.",
        "k.A.",
        "weiß nicht",
        "kann ich nicht beurteilen",
        "N/A",
        "no answer",
        "keine Antwort",
        "nicht beantwortet",
        "prefer not to say",
    )
}
_WORDS = {
    AGREE5: {fold(w): option for option, words in _AGREE_WORDS.items() for w in words},
    GRADE6: {fold(w): option for option, words in _GRADE_WORDS.items() for w in words},
    YESNO: {fold(w): option for option, words in _YESNO_WORDS.items() for w in words},
}
# LimeSurvey's answer codes when answers are exported as codes: A1…A5 or AO01…AO05.
_CODE = re.compile(r"a(?:o)?0*([1-9])")
_GRADE_HEADER = ("note", "schulnote", "grade", "zensur")


class BadAnswer(ValueError):
    """A cell that is no answer of the column's scale."""


def is_missing(cell: object) -> bool:
    if values.is_empty(cell):
        return True
    folded = fold(values.text(cell))
    if folded in _MISSING_WORDS:
        return True
    try:
        return values.integer(cell) < 0
    except values.BadValue:
        return False


def answer(scale: str, cell: object) -> str | None:
    """The option `cell` stands for on `scale`; None for a missing answer; BadAnswer else."""
    if is_missing(cell):
        return None
    folded = fold(values.text(cell))
    found = _WORDS[scale].get(folded)
    if found is not None:
        return found
    if scale in NUMERIC:
        code = _CODE.fullmatch(folded)
        number = code.group(1) if code else _number(cell)
        if number in OPTIONS[scale]:
            return number
    raise BadAnswer(folded)


def _number(cell: object) -> str | None:
    try:
        return str(values.integer(cell))
    except values.BadValue:
        return None


def guess(header: str, cells: list[object]) -> str | None:
    """The scale every answer of a column fits, or None (free text, or no answer at all)."""
    given = [cell for cell in cells if not is_missing(cell)]
    if not given:
        return None
    fitting = [scale for scale in (YESNO, AGREE5, GRADE6) if _all_fit(scale, given)]
    if not fitting:
        return None
    folded = fold(header)
    if GRADE6 in fitting and any(word in folded.split() for word in _GRADE_HEADER):
        return GRADE6
    words_only = [scale for scale in fitting if all(_is_word(scale, cell) for cell in given)]
    return (words_only or fitting)[0]


def _all_fit(scale: str, cells: list[object]) -> bool:
    """Whether the column is on `scale`, allowing a slip or two ("9", "sehr lecker"): it is
    still proposed as a rating, and the import names the cells that do not fit."""
    misfits = 0
    for cell in cells:
        try:
            answer(scale, cell)
        except BadAnswer:
            misfits += 1
    return misfits == 0 or (misfits * 10 <= len(cells) and misfits < len(cells))


def _is_word(scale: str, cell: object) -> bool:
    return fold(values.text(cell)) in _WORDS[scale]
