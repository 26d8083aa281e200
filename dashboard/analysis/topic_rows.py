"""Attendance at topic sessions as integer codes, once per data version.

Topics by year and by actor type used to merge the attendance rows with sessions, topics
and actors by text ids for every filter setting: at national scale 60-80 ms of each answer
nobody asked before, and the larger part of the topics page's slowest ones. The merge does
not depend on the filters, so it is done once per version (Snapshot.derived); a setting
then masks rows by the positions of its events and actors and groups integers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analysis.selection import Selection
from dashboard.analysis.selection_index import with_false_tail


@dataclass(frozen=True)
class TopicRows:
    """One entry per (attendance row at a session, topic of that session)."""

    topic: np.ndarray  # position in `topics`
    session_event: np.ndarray  # position of the session's event in tables["events"]
    pair: np.ndarray  # code of the attendance row's (event, actor)
    actor: np.ndarray  # position in tables["actors"], -1 when missing
    actor_type: np.ndarray  # position in `types`, -1 when missing
    headcount: np.ndarray  # float, NaN when unknown
    event_year: np.ndarray  # per event position: its year
    topics: pd.DataFrame  # topic_id, topic
    types: pd.Index
    events: pd.Index  # tables["events"]["id"]
    actors: pd.Index  # tables["actors"]["id"]

    @classmethod
    def of(cls, tables: Mapping[str, pd.DataFrame]) -> TopicRows:
        events = pd.Index(tables["events"]["id"])
        actors = pd.Index(tables["actors"]["id"])
        topics = tables["topics"].rename(columns={"id": "topic_id", "name": "topic"})
        on_topics = tables["session_topics"].merge(topics[["topic_id"]], on="topic_id")
        sessions = tables["sessions"][["id", "event_id"]].rename(
            columns={"id": "session_id", "event_id": "session_event"}
        )
        rows = (
            tables["attendance"][["event_id", "actor_id", "session_id", "headcount"]]
            .merge(sessions, on="session_id")
            .merge(on_topics, on="session_id")
        )
        type_codes, types = pd.factorize(tables["actors"]["type"])
        actor = actors.get_indexer(rows["actor_id"])
        pair, _ = pd.factorize(pd.MultiIndex.from_frame(rows[["event_id", "actor_id"]]))
        return cls(
            topic=pd.Index(topics["topic_id"]).get_indexer(rows["topic_id"]),
            session_event=events.get_indexer(rows["session_event"]),
            pair=pair,
            actor=actor,
            actor_type=np.append(type_codes, -1)[actor],
            headcount=pd.to_numeric(rows["headcount"], errors="coerce").to_numpy(float),
            event_year=tables["events"]["year"].to_numpy(),
            topics=topics[["topic_id", "topic"]].reset_index(drop=True),
            types=pd.Index(types),
            events=events,
            actors=actors,
        )

    def chosen(self, selection: Selection) -> pd.DataFrame:
        """The rows of the selection's events and actors: topic, year, pair, actor,
        actor_type (codes) and headcount (float, NaN unknown)."""
        events = with_false_tail(np.zeros(len(self.events), dtype=bool))
        events[self.events.get_indexer(pd.Index(selection.events["id"]))] = True
        actors = with_false_tail(np.zeros(len(self.actors), dtype=bool))
        actors[self.actors.get_indexer(pd.Index(selection.actors["id"]))] = True
        events[-1] = actors[-1] = False
        mask = events[self.session_event] & actors[self.actor]
        return pd.DataFrame(
            {
                "topic": self.topic[mask],
                "year": self.event_year[self.session_event[mask]],
                "pair": self.pair[mask],
                "actor": self.actor[mask],
                "actor_type": self.actor_type[mask],
                "headcount": self.headcount[mask],
            }
        )


def topic_rows_of(tables: Mapping[str, pd.DataFrame]) -> TopicRows:
    """TopicRows.of, in the form Snapshot.derived keeps per version."""
    return TopicRows.of(tables)
