"""Which tool wrote a survey export, told by its headers; a sheet of no known tool is read
as typed by hand."""

from __future__ import annotations

from dashboard.exchange.evaluation import limesurvey, msforms, plain, sosci
from dashboard.exchange.evaluation.survey import Survey
from dashboard.exchange.lists.sheet import read_sheet

# The most specific signs first; `plain` takes every sheet.
_READERS = (limesurvey, sosci, msforms, plain)


def read_survey(data: bytes, file_name: str, sheet: str | None = None) -> Survey:
    """The survey in `data` (CSV or a workbook), read as the tool that wrote it writes."""
    found = read_sheet(data, file_name, sheet)
    if not found.ok:
        return Survey(
            file_name,
            headers=found.headers,
            sheet_names=found.sheet_names,
            problems=list(found.problems),
        )
    reader = next(reader for reader in _READERS if reader.matches(found.headers))
    return reader.read(found)
