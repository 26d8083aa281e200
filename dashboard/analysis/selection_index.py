"""Integer positions of a data version's rows, so that a filter setting is a few numpy masks.

At national scale a selection compared text ids with `isin` over 300,000 participations,
50,000 links and 300,000 attendance rows, and merged frames by text keys: a fifth of every
answer to a filter setting nobody asked before. Each participation, link and attendance row
now carries the position of its event and its actors in their tables, computed once per data
version (Snapshot.derived); a setting then marks events and actors and reads the rows off by
indexing. A code of -1 (an id missing from its table) indexes the masks' last cell, which is
always False, so such rows drop out as they did with `isin`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class SelectionIndex:
    participation: pd.DataFrame  # selection.participations() of the whole data
    part_event: np.ndarray  # per participation: position of its event in tables["events"]
    part_actor: np.ndarray  # ... of its actor in tables["actors"]
    event_year: np.ndarray  # per event position: its year
    link_source: np.ndarray  # per link: position of source_id in tables["actors"]
    link_target: np.ndarray
    link_since: np.ndarray  # float, NaN when open
    link_until: np.ndarray
    session_ids: pd.Index  # the session ids attendance names
    attendance_session: np.ndarray  # per attendance row: position in session_ids, -1 none
    attendance_part: np.ndarray  # per attendance row: its participation's row

    @classmethod
    def of(cls, tables: Mapping[str, pd.DataFrame], participation: pd.DataFrame) -> SelectionIndex:
        events = pd.Index(tables["events"]["id"])
        actors = pd.Index(tables["actors"]["id"])
        links = tables["links"]
        attendance = tables["attendance"]
        session_codes, session_ids = pd.factorize(attendance["session_id"])
        part_rows = pd.MultiIndex.from_frame(participation[["event_id", "actor_id"]])
        return cls(
            participation=participation,
            part_event=events.get_indexer(participation["event_id"]),
            part_actor=actors.get_indexer(participation["actor_id"]),
            event_year=tables["events"]["year"].to_numpy(),
            link_source=actors.get_indexer(links["source_id"]),
            link_target=actors.get_indexer(links["target_id"]),
            link_since=pd.to_numeric(links["since_year"], errors="coerce").to_numpy(float),
            link_until=pd.to_numeric(links["until_year"], errors="coerce").to_numpy(float),
            session_ids=pd.Index(session_ids),
            attendance_session=session_codes,
            attendance_part=part_rows.get_indexer(
                pd.MultiIndex.from_frame(attendance[["event_id", "actor_id"]])
            ),
        )

    def attended_topic(self, session_ids: pd.Series) -> np.ndarray:
        """Per participation: whether its actor attended one of these sessions there."""
        rows = self.attendance_part[self._at_sessions(session_ids)]
        result = np.zeros(len(self.participation), dtype=bool)
        result[rows[rows >= 0]] = True
        return result

    def attendance_of(self, session_ids: pd.Series, actor_rows: np.ndarray) -> np.ndarray:
        """Per attendance row: whether it is at one of these sessions, by an actor marked in
        `actor_rows` (per position in tables["actors"])."""
        actors = with_false_tail(actor_rows)[self.part_actor]
        at: np.ndarray = (
            self._at_sessions(session_ids) & with_false_tail(actors)[self.attendance_part]
        )
        return at

    def _at_sessions(self, session_ids: pd.Series) -> np.ndarray:
        chosen = with_false_tail(np.zeros(len(self.session_ids), dtype=bool))
        chosen[self.session_ids.get_indexer(pd.Index(session_ids.unique()))] = True
        chosen[-1] = False
        at: np.ndarray = chosen[self.attendance_session]
        return at


def with_false_tail(mask: np.ndarray) -> np.ndarray:
    """`mask` and one more cell, False, which code -1 reads."""
    return np.append(mask, False)


def marked(codes: np.ndarray, size: int) -> np.ndarray:
    """Per position 0..size-1: whether some code names it."""
    return np.bincount(codes[codes >= 0], minlength=size)[:size] > 0
