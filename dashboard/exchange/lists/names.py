"""How organisation and place names are compared: one folding, one normal form.

An office list writes "Stadt Pirmasens", "Landeshauptstadt Hannover", "Langenfeld (Rhld.)"
or "Seniorenbüro Gießen e.V." where the network knows "Pirmasens", "Hannover",
"Langenfeld (Rheinland)" and "Seniorenbüro Gießen". `name_key` takes off what does not tell
two actors apart (case, umlaut spelling, punctuation, legal forms, administrative prefixes)
and spells official suffixes one way, but keeps whether a name is a district ("Landkreis
Göttingen") or a town ("Stadt Göttingen"): those are two actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.i18n.folding import fold_words

TOWN = "stadt"
DISTRICT = "kreis"

# Administrative prefixes, longest first, each with the kind of body it names.
_PREFIXES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        (
            (("freie", "und", "hansestadt"), TOWN),
            (("freie", "hansestadt"), TOWN),
            (("grosse", "kreisstadt"), TOWN),
            (("kreisfreie", "stadt"), TOWN),
            (("stadtverwaltung",), TOWN),
            (("landeshauptstadt",), TOWN),
            (("hansestadt",), TOWN),
            (("universitaetsstadt",), TOWN),
            (("kreisstadt",), TOWN),
            (("bundesstadt",), TOWN),
            (("wissenschaftsstadt",), TOWN),
            (("lutherstadt",), TOWN),
            (("stadt",), TOWN),
            (("gemeindeverwaltung",), TOWN),
            (("gemeinde",), TOWN),
            (("ortsgemeinde",), TOWN),
            (("markt",), TOWN),
            (("marktgemeinde",), TOWN),
            (("kreisverwaltung",), DISTRICT),
            (("landkreis",), DISTRICT),
            (("kreis",), DISTRICT),
            (("lk",), DISTRICT),
            (("lkr",), DISTRICT),
        ),
        key=lambda entry: -len(entry[0]),
    )
)
# A district named the other way round: "Rhein-Kreis Neuss", "Märkischer Kreis".
_DISTRICT_WORDS = frozenset({"kreis", "landkreis"})
# A district told by a bracket: "Dachau (Lkr.)", "Soest (Kr.)", "Dachau (Land)".
_DISTRICT_BRACKETS = frozenset({"lkr", "lk", "kr", "krs", "land", "kreis", "landkreis"})

# Legal forms, wherever they stand ("e.V." folds to the words "e v").
_LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            ("e", "v"),
            ("ev",),
            ("eingetragener", "verein"),
            ("ggmbh",),
            ("gmbh",),
            ("g", "gmbh"),
            ("mbh",),
            ("aoer",),
            ("ag",),
            ("gag",),
            ("gug",),
            ("ug",),
            ("haftungsbeschraenkt",),
            ("eg",),
            ("e", "g"),
            ("gbr",),
            ("kg",),
            ("kdoer",),
            ("k", "d", "oe", "r"),
        ),
        key=lambda form: -len(form),
    )
)

# Abbreviations of official suffixes, spelled out: "(Rhld.)", "a. M.", "i. d. OPf.".
_ABBREVIATIONS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("a", "m"), ("am", "main")),
    (("a", "d"), ("an", "der")),
    (("i", "d"), ("in", "der")),
    (("v", "d"), ("vor", "der")),
    (("rhld",), ("rheinland",)),
    (("opf",), ("oberpfalz",)),
    (("westf",), ("westfalen",)),
    (("st",), ("sankt",)),
    (("b",), ("bei",)),
)
# Words that begin an official suffix after the base name: "Frankfurt am Main", "Halle (Saale)".
_SUFFIX_STARTS = frozenset({"am", "an", "im", "in", "ob", "bei", "vor", "auf"})
# Small words that "Halle an der Saale", "Halle (Saale)" and "Halle/Saale" do not share.
_CONNECTORS = _SUFFIX_STARTS | {"der", "dem", "den", "die"}


@dataclass(frozen=True)
class NameKey:
    """A name in normal form.

    `full` keeps an official suffix ("langenfeld rheinland"); `base` drops it
    ("langenfeld"); `kind` is TOWN, DISTRICT or None; `prefix` the administrative prefix
    as written ("Landeshauptstadt") and `legal_form` whether one was taken off, for the
    reason a match gives; `suffixed` whether the name carries an official suffix.
    """

    full: str
    base: str
    kind: str | None
    prefix: str | None
    legal_form: bool
    suffixed: bool

    @property
    def compact(self) -> str:
        """Without spaces: "Change 2 Mannheim" and "Change2 Mannheim" are one spelling."""
        return self.full.replace(" ", "")

    def compatible(self, other: NameKey) -> bool:
        """Whether two names may stand for one body: a district never equals a town, but a
        name without prefix may be either ("Pirmasens" = "Stadt Pirmasens")."""
        if self.kind == DISTRICT or other.kind == DISTRICT:
            return self.kind == other.kind
        return True


def _strip_prefix(words: list[str]) -> tuple[list[str], str | None, tuple[str, ...] | None]:
    for prefix, kind in _PREFIXES:
        rest = words[len(prefix) :]
        # "Stadt und Land Wohnbauten": a company, not the town "und Land".
        if tuple(words[: len(prefix)]) == prefix and rest and rest[0] not in _CONNECTORS | {"und"}:
            return rest, kind, prefix
    return words, None, None


def _strip_legal_forms(words: list[str]) -> tuple[list[str], tuple[str, ...] | None]:
    dropped = None
    changed = True
    while changed and len(words) > 1:
        changed = False
        for form in _LEGAL_FORMS:
            if tuple(words[-len(form) :]) == form and len(words) > len(form):
                words, dropped, changed = words[: -len(form)], form, True
                break
    return words, dropped


def _spell_out(words: list[str]) -> list[str]:
    result: list[str] = []
    index = 0
    while index < len(words):
        for short, long in _ABBREVIATIONS:
            # "a. M." only ever follows a name; "St." also begins one ("St. Ingbert").
            if tuple(words[index : index + len(short)]) == short and (
                index > 0 or short == ("st",)
            ):
                result.extend(long)
                index += len(short)
                break
        else:
            result.append(words[index])
            index += 1
    return result


def _base_of(words: list[str], had_brackets: bool) -> tuple[list[str], bool]:
    if had_brackets:
        return words, True
    for index, word in enumerate(words[1:], start=1):
        if word in _SUFFIX_STARTS:
            return words[:index], True
    return words, False


_BRACKETS = re.compile(r"\s*[(\[].*?[)\]]\s*|\s*/.*$")
_BRACKET_CONTENT = re.compile(r"[(\[](.*?)[)\]]")


def _bracketed(text: str) -> list[str]:
    return [word for part in _BRACKET_CONTENT.findall(text) for word in fold_words(part).split()]


_WORD = re.compile(r"\w+")


def prefix_first(text: str) -> str:
    """The statistical offices' order, "Hannover, Landeshauptstadt", turned round."""
    head, comma, tail = text.partition(",")
    if comma and tail.strip():
        words = fold_words(tail).split()
        if any(tuple(words) == prefix for prefix, _kind in _PREFIXES):
            return f"{tail.strip()} {head.strip()}"
    return text


def _without_connectors(words: list[str]) -> list[str]:
    return words[:1] + [word for word in words[1:] if word not in _CONNECTORS]


@lru_cache(maxsize=65536)
def name_key(name: str) -> NameKey:
    """The normal form of an organisation or place name."""
    text = prefix_first(str(name))
    words, legal = _strip_legal_forms(fold_words(text).split())
    if legal:
        # A body with a legal form is no municipality: "Stadt Land Fluss e.V." keeps "Stadt".
        kind, prefix = None, None
    else:
        words, kind, prefix = _strip_prefix(words)
    if kind is None and set(_bracketed(text)) & _DISTRICT_BRACKETS:
        kind = DISTRICT
    if kind is None and len(words) > 1 and _DISTRICT_WORDS & set(words):
        kind = DISTRICT
    unbracketed = _BRACKETS.sub(" ", text)
    had_brackets = fold_words(unbracketed) != fold_words(text)
    base_words, _legal = _strip_legal_forms(fold_words(unbracketed).split())
    if not legal:
        base_words, _kind, _prefix = _strip_prefix(base_words)
    base_words, suffixed = _base_of(_spell_out(base_words), had_brackets)
    full = " ".join(_without_connectors(_spell_out(words)))
    dropped = " ".join(_WORD.findall(text)[: len(prefix)]) if prefix else None
    base = " ".join(_without_connectors(base_words))
    return NameKey(full, base or full, kind, dropped, bool(legal), suffixed)
