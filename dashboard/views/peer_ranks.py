"""The words of an actor's rank among comparable peers (analysis.peers): the peer group it
is ranked in and its rank per measure. /vergleich puts them in its table, the Steckbrief
on its page."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import peers
from dashboard.analysis.selection import Selection
from dashboard.geo.states import state_name
from dashboard.i18n import fmt_number, t, tn
from dashboard.store import Snapshot
from dashboard.views.per_version import compare_peer_groups, compare_populations


def missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def size_text(key: object, lang: str) -> str:
    return (
        t(f"compare.size.{key}", lang)
        if isinstance(key, str) and key
        else t("common.unknown", lang)
    )


def indexed(ranks: pd.DataFrame) -> pd.DataFrame:
    """peer_ranks' rows looked up by (actor, group, measure)."""
    return ranks.set_index(["actor_id", "group", "measure"])


def group_text(ranks: pd.DataFrame, actor_id: str, kind: str, group: str, lang: str) -> str:
    """The peer group `group` of the actor (of type `kind`) with its size, or why it has none;
    `ranks` as `indexed` gives them."""
    row = ranks.loc[(actor_id, group, peers.MEASURES[0])]  # type: ignore[index]  # stubs: no MultiIndex row key
    key = row["group_key"]
    if not isinstance(key, str) or not key:
        if group == "state":
            return t("compare.ranks.no_state", lang)
        if group == "type":
            return t("common.unknown", lang)
        return (
            t("compare.ranks.not_municipality", lang)
            if kind != "kommune"
            else t("compare.ranks.population_unknown", lang)
        )
    count = int(row["of"])
    if group in ("state", "type"):
        name = state_name(key, lang) if group == "state" else t(f"type.{key}", lang)
        actors = tn("count.actors", count, lang)
        return t("compare.ranks.group_actors", lang, group=name, actors=actors)
    return t(
        "compare.ranks.group_municipalities",
        lang,
        group=size_text(key, lang),
        municipalities=tn("count.municipalities", count, lang),
    )


def rank_text(ranks: pd.DataFrame, actor_id: str, group: str, measure: str, lang: str) -> str:
    """ "Rang 3 von 25", or why there is none; `ranks` as `indexed` gives them."""
    row = ranks.loc[(actor_id, group, measure)]  # type: ignore[index]  # stubs: no MultiIndex row key
    if not isinstance(row["group_key"], str) or not row["group_key"]:
        return t("compare.not_applicable", lang)
    if missing(row["rank"]):
        return t("compare.ranks.headcount_unknown", lang)
    return t(
        "compare.ranks.rank",
        lang,
        rank=fmt_number(int(row["rank"]), lang),
        of=fmt_number(int(row["of"]), lang),
    )


def actor_rank_lines(
    snapshot: Snapshot, selection: Selection, actor_id: str, kind: str, lang: str
) -> list[tuple[str, str]]:
    """(label, text) of the actor's peer groups and ranks in them, in /vergleich's order."""
    ranks = peers.peer_ranks(
        snapshot.tables,
        selection,
        [actor_id],
        compare_populations(snapshot),
        compare_peer_groups(snapshot),
    )
    by_key = indexed(ranks)
    lines = []
    for group in peers.PEER_GROUPS:
        lines.append(
            (
                t(f"compare.ranks.{group}_group", lang),
                group_text(by_key, actor_id, kind, group, lang),
            )
        )
        lines += [
            (
                t(f"compare.ranks.{group}_{measure}", lang),
                rank_text(by_key, actor_id, group, measure, lang),
            )
            for measure in peers.MEASURES
        ]
    return lines
