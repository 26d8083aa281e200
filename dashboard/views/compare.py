"""Vergleich: the chosen actors' participations per year, the topics they attended and
their roles. Each view gives the chart and the table behind it (the chart's CSV download).

The comparison uses the global filters for when and what, not for who (see
analysis.compare): the actors were picked by hand.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import compare as analysis
from dashboard.analysis.selection import Selection, select_in
from dashboard.figures import compare as figures
from dashboard.i18n import t
from dashboard.schema import ROLES
from dashboard.state.compare import CompareState
from dashboard.state.filters import Filters
from dashboard.store import Snapshot
from dashboard.views.caption import filters_line
from dashboard.views.result import ViewResult


def chosen_ids(snapshot: Snapshot, state: CompareState) -> list[str]:
    """The actors compared: the known ones the address lists, or the defaults when it
    lists none (the defaults found once per data version)."""
    if state.actors is None:
        defaults: list[str] = snapshot.derived(
            "compare.defaults", lambda tables: analysis.default_actor_ids(tables["actors"])
        )
        return defaults
    return analysis.clean_actor_ids(state.actors, snapshot.tables["actors"])


def labels_of(actors: pd.DataFrame, ids: list[str]) -> dict[str, str]:
    """Display name per chosen actor; a name shared by two chosen actors gets its city."""
    by_id = actors.set_index("id")
    names = {actor_id: str(by_id.at[actor_id, "name"]) for actor_id in ids}
    labels = {}
    for actor_id, name in names.items():
        city = by_id.at[actor_id, "city"]
        shared = list(names.values()).count(name) > 1
        labels[actor_id] = f"{name} ({city})" if shared and isinstance(city, str) and city else name
    if len(set(labels.values())) < len(labels):
        labels = {actor_id: f"{label} [{actor_id}]" for actor_id, label in labels.items()}
    return labels


def compare_selection(snapshot: Snapshot, filters: Filters) -> Selection:
    """`analysis.compare_selection`, kept per filters like every selection: the page's
    table and each of its charts ask for it at once."""
    return select_in(snapshot, analysis.comparison_filters(filters))


def _result(
    snapshot: Snapshot, filters: Filters, key: str, figure: go.Figure, table: pd.DataFrame
) -> ViewResult:
    return ViewResult(
        figure=figure,
        title=t(f"compare.chart.{key}.title", filters.lang),
        caption=filters_line(snapshot, filters),
        table=table,
    )


def _chosen(snapshot: Snapshot, state: CompareState) -> tuple[list[str], dict[str, str]]:
    ids = chosen_ids(snapshot, state)
    return ids, labels_of(snapshot.tables["actors"], ids)


def per_year(
    snapshot: Snapshot, filters: Filters, state: CompareState, selection: Selection | None = None
) -> ViewResult:
    """Participations of each chosen actor per year."""
    lang = filters.lang
    ids, labels = _chosen(snapshot, state)
    frame = analysis.per_year(selection or compare_selection(snapshot, filters), ids)
    table = pd.DataFrame(
        {
            t("compare.col.actor", lang): frame["actor_id"].map(labels),
            t("compare.col.year", lang): frame["year"].astype(int),
            t("compare.col.participations", lang): frame["participations"].astype(int),
            t("compare.col.headcount", lang): frame["headcount"].astype("Int64"),
            t("compare.col.unknown", lang): frame["unknown"].astype(int),
        }
    )
    figure = figures.participation_per_year(frame, labels, lang)
    return _result(snapshot, filters, "per_year", figure, table)


def topics(
    snapshot: Snapshot, filters: Filters, state: CompareState, selection: Selection | None = None
) -> ViewResult:
    """Sessions each chosen actor attended per topic."""
    lang = filters.lang
    ids, labels = _chosen(snapshot, state)
    selection = selection or compare_selection(snapshot, filters)
    frame = analysis.topic_counts(snapshot.tables, selection, ids)
    figure = figures.topic_heatmap(frame, labels, lang)
    return _result(snapshot, filters, "topics", figure, _topics_table(frame, labels, lang))


def _topics_table(frame: pd.DataFrame, labels: Mapping[str, str], lang: str) -> pd.DataFrame:
    actor = t("compare.col.actor", lang)
    if frame.empty:
        return pd.DataFrame({actor: list(labels.values())})
    wide = frame.pivot_table(
        index="actor_id",
        columns="topic",
        values="sessions",
        aggfunc="sum",
        fill_value=0,
        sort=False,
    )
    wide = wide.reindex(
        index=[a for a in labels if a in wide.index],
        columns=list(dict.fromkeys(frame["topic"])),
        fill_value=0,
    )
    wide.columns = [str(name) for name in wide.columns]
    wide = wide.astype(int)
    wide.insert(0, actor, [labels[a] for a in wide.index])
    return wide.reset_index(drop=True)


def roles(
    snapshot: Snapshot, filters: Filters, state: CompareState, selection: Selection | None = None
) -> ViewResult:
    """Each chosen actor's participations by role."""
    lang = filters.lang
    ids, labels = _chosen(snapshot, state)
    frame = analysis.role_counts(selection or compare_selection(snapshot, filters), ids)
    figure = figures.roles_stacked(frame, labels, lang)
    return _result(snapshot, filters, "roles", figure, _roles_table(frame, labels, lang))


def _roles_table(frame: pd.DataFrame, labels: Mapping[str, str], lang: str) -> pd.DataFrame:
    wide = frame.pivot_table(
        index="actor_id",
        columns="role",
        values="participations",
        aggfunc="sum",
        fill_value=0,
        sort=False,
    )
    present = [role for role in ROLES if role in wide.columns]
    wide = wide.reindex(index=list(labels), columns=present, fill_value=0).astype(int)
    table = pd.DataFrame({t("compare.col.actor", lang): [labels[a] for a in wide.index]})
    for role in present:
        table[t(f"role.{role}", lang)] = wide[role].to_numpy()
    table[t("compare.col.total", lang)] = wide.sum(axis=1).to_numpy()
    return table
