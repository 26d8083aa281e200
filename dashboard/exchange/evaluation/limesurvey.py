"""LimeSurvey's response export (CSV, UTF-8 with byte order mark, comma).

Headings are question codes (`G01Q01[SQ001]`), the full question text ("Frage [Teilfrage]",
the default) or both ("G01Q01[SQ001]. Frage [Teilfrage]"). The response's metadata comes
first; its names depend on the heading choice and the export language.
"""

from __future__ import annotations

import re

from dashboard.exchange.evaluation.survey import LIMESURVEY, Survey
from dashboard.exchange.lists.sheet import Sheet
from dashboard.i18n.folding import fold_compact

TOOL = LIMESURVEY
METADATA = frozenset(
    fold_compact(header)
    for header in (
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "token",
        "startdate",
        "datestamp",
        "ipaddr",
        "refurl",
        "interviewtime",
        "Antwort ID",
        "Datum Abgeschickt",
        "Letzte Seite",
        "Start-Sprache",
        "Zufallsstartwert",
        "Zugangsschlüssel",
        "Datum gestartet",
        "Datum letzte Aktivität",
        "IP-Adresse",
        "Verweis-URL",
        "Response ID",
        "Date submitted",
        "Last page",
        "Start language",
        "Date started",
        "Date last action",
        "IP address",
        "Referrer URL",
    )
)
_SIGNS = {fold_compact(h) for h in ("submitdate", "lastpage", "startlanguage", "Letzte Seite")}
_SIGNS |= {fold_compact(h) for h in ("Start-Sprache", "Datum Abgeschickt", "Date submitted")}
# "G01Q01[SQ001]. Frage [Teilfrage]": the code, then the question's text.
_CODE_AND_TEXT = re.compile(r"([A-Za-z][A-Za-z0-9_]*(?:\[[^\]]+\])?)\.\s+(.+)", re.DOTALL)


def matches(headers: list[str]) -> bool:
    return len(_SIGNS & {fold_compact(header) for header in headers}) >= 2


def read(sheet: Sheet) -> Survey:
    questions = []
    for header in sheet.headers:
        both = _CODE_AND_TEXT.fullmatch(header)
        questions.append(both.group(2).strip() if both else header)
    return Survey(
        sheet.file_name,
        TOOL,
        list(sheet.headers),
        questions,
        sheet.rows,
        sheet.row_numbers,
        sheet.sheet_names,
        sheet.sheet,
        METADATA,
        list(sheet.problems),
    )
