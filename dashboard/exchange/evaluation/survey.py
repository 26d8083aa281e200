"""A survey export as read: one row per response, one column per question."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.exchange.lists.sheet import Sheet
from dashboard.exchange.problems import Problem

LIMESURVEY = "limesurvey"
SOSCI = "sosci"
MSFORMS = "msforms"
PLAIN = "plain"
TOOLS = (LIMESURVEY, SOSCI, MSFORMS, PLAIN)


@dataclass
class Survey:
    """`headers` as the file writes them; `questions` the question text of each column
    (a label row's or a heading's text part; else the header)."""

    file_name: str
    tool: str = PLAIN
    headers: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    rows: list[list[object]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    sheet_names: list[str] = field(default_factory=list)
    sheet: str | None = None
    # Folded headers the tool writes about a response rather than as an answer.
    metadata: frozenset[str] = frozenset()
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(problem.is_error for problem in self.problems)

    def column(self, index: int) -> list[object]:
        return [row[index] for row in self.rows]

    @classmethod
    def as_written(cls, sheet: Sheet, tool: str, metadata: frozenset[str]) -> Survey:
        """A sheet whose headings are the questions themselves (Microsoft Forms, a sheet
        typed by hand)."""
        return cls(
            sheet.file_name,
            tool,
            list(sheet.headers),
            list(sheet.headers),
            sheet.rows,
            sheet.row_numbers,
            sheet.sheet_names,
            sheet.sheet,
            metadata,
            list(sheet.problems),
        )
