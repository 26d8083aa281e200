"""Feedback survey results: per question of one event (for /veranstaltung/<id>), responses
per event (for /veranstaltungen) and one question across years and workshop topics.

Every number shown passes `analysis.evaluation.shown`, so a group of fewer than
MIN_RESPONSES answers reads "weniger als N Antworten" here and in every export of the tables.
"""

from __future__ import annotations

import pandas as pd

from dashboard import schema
from dashboard.analysis import evaluation as analysis
from dashboard.figures import evaluation as figures
from dashboard.i18n import fmt_number, t
from dashboard.store import Snapshot
from dashboard.views.result import ViewResult

OPTIONS = {
    "agree5": ("5", "4", "3", "2", "1"),
    "grade6": ("1", "2", "3", "4", "5", "6"),
    "yesno": ("yes", "no"),
}


def suppressed_text(min_responses: int, lang: str) -> str:
    return t("evaluation.suppressed", lang, count=fmt_number(min_responses, lang))


def _results(snapshot: Snapshot) -> pd.DataFrame:
    return snapshot.table("evaluation_results")


def _source(rows: pd.DataFrame, lang: str) -> str:
    sample = (rows["source"] == schema.SOURCE_SAMPLE).any()
    return t("evaluation.source.sample" if sample else "evaluation.source.survey", lang)


def event_evaluation(snapshot: Snapshot, event_id: str, lang: str) -> list[ViewResult]:
    """One result per question of the event: the answers per group as stacked bars, and the
    table behind them; empty when the event has no results (or is unknown)."""
    minimum = snapshot.min_responses
    results = _results(snapshot)
    rows = results[results["event_id"] == event_id]
    if rows.empty:
        return []
    sessions = snapshot.table("sessions")
    titles = dict(zip(sessions["id"], sessions["title"].astype(str), strict=True))
    events = snapshot.table("events")
    event = events[events["id"] == event_id]
    caption = (
        f"{event['title'].iloc[0]} {int(event['year'].iloc[0])}" if not event.empty else event_id
    )
    return question_results(rows, titles, minimum, caption, lang)


def question_results(
    rows: pd.DataFrame, titles: dict[str, str], minimum: int, caption: str, lang: str
) -> list[ViewResult]:
    """One result per question of `rows` (stored or about to be imported) as shown."""
    source = _source(rows, lang)
    return [
        _question_result(question, titles, minimum, caption, source, lang)
        for question in analysis.shown(rows, minimum)
    ]


def _question_result(
    question: analysis.Question,
    titles: dict[str, str],
    minimum: int,
    caption: str,
    source: str,
    lang: str,
) -> ViewResult:
    note = suppressed_text(minimum, lang)
    options = OPTIONS[question.scale]
    option_labels = [t(f"evaluation.option.{question.scale}.{o}", lang) for o in options]
    labels: list[str] = []
    shares: list[list[float | None]] = []
    records: list[dict[str, object]] = []
    for group in question.groups:
        name = (
            t("evaluation.whole_event", lang)
            if group.session_id is None
            else titles.get(group.session_id, group.session_id)
        )
        counts = dict(group.counts)
        if group.suppressed:
            labels.append(name)
            shares.append([None] * len(options))
        else:
            labels.append(f"{name} (n = {fmt_number(group.n, lang)})")
            shares.append([100 * counts.get(o, 0) / group.n if group.n else 0.0 for o in options])
        records.append(
            _table_row(
                name,
                group,
                dict(zip(options, option_labels, strict=True)),
                note,
                question.scale,
                lang,
            )
        )
    figure = figures.distribution(
        labels, option_labels, shares, [g.suppressed for g in question.groups], note, lang
    )
    return ViewResult(
        figure=figure,
        title=question.text,
        caption=caption,
        source=source,
        table=pd.DataFrame(records),
    )


def _mean_column(scale: str, lang: str) -> str:
    if scale == "yesno":
        return t("evaluation.column.share_yes", lang)
    return t(f"evaluation.column.mean_{scale}", lang)


def _table_row(
    name: str, group: analysis.Group, labels: dict[str, str], note: str, scale: str, lang: str
) -> dict[str, object]:
    """One group as a row of the exported table: a suppressed group has the note for its n
    and no count or mean."""
    counts = dict(group.counts)
    row: dict[str, object] = {
        t("evaluation.column.group", lang): name,
        t("evaluation.column.n", lang): note if group.suppressed else group.n,
    }
    for option, label in labels.items():
        row[label] = None if group.suppressed else counts.get(option, 0)
    mean = group.mean
    if scale == "yesno" and mean is not None:
        mean = mean * 100
    row[_mean_column(scale, lang)] = None if mean is None else round(mean, 2)
    return row


def response_counts(snapshot: Snapshot) -> dict[str, int | None]:
    """Event id → survey responses, None where fewer than MIN_RESPONSES; events without
    results are not in it."""
    return analysis.responses(_results(snapshot), snapshot.min_responses)


def questions(snapshot: Snapshot) -> list[tuple[str, str]]:
    """(key, text) of every rating question asked at some event, in the order first asked."""
    results = _results(snapshot)
    rated = results[results["scale"].isin(tuple(OPTIONS))]
    first = rated.drop_duplicates("question_key")
    return list(zip(first["question_key"].astype(str), first["question"].astype(str), strict=True))


def evaluation_across_years(snapshot: Snapshot, question_key: str, lang: str) -> ViewResult:
    """The question's mean (or share of yes) per year, over each year's events, with n."""
    minimum = snapshot.min_responses
    rows = _question_rows(snapshot, question_key)
    years = dict(zip(*(snapshot.table("events")[c] for c in ("id", "year")), strict=True))
    per_year: dict[int, list[analysis.Group]] = {}
    text, scale = question_key, ""
    for question in analysis.shown(rows, minimum):
        per_year.setdefault(int(years[question.event_id]), []).append(question.total)
        text, scale = question.text, question.scale
    points = {
        year: summed
        for year, groups in sorted(per_year.items())
        if (summed := analysis.summed(groups, scale)) is not None
    }
    return _measure(
        [str(year) for year in points], list(points.values()), "year", text, scale, rows, lang
    )


def evaluation_by_topic(snapshot: Snapshot, question_key: str, lang: str) -> ViewResult:
    """The question's mean (or share of yes) per workshop topic over all years: the shown
    session results of the topic's sessions added up."""
    minimum = snapshot.min_responses
    rows = _question_rows(snapshot, question_key)
    session_topics = snapshot.table("session_topics")
    topic_names = dict(zip(*(snapshot.table("topics")[c] for c in ("id", "name")), strict=True))
    topics_of: dict[str, list[str]] = {}
    for session, topic in zip(
        session_topics["session_id"], session_topics["topic_id"], strict=True
    ):
        topics_of.setdefault(str(session), []).append(str(topic_names.get(topic, topic)))
    per_topic: dict[str, list[analysis.Group]] = {}
    text, scale = question_key, ""
    for question in analysis.shown(rows, minimum):
        text, scale = question.text, question.scale
        for group in question.groups[1:]:
            for topic in topics_of.get(str(group.session_id), []):
                per_topic.setdefault(topic, []).append(group)
    points = {
        topic: summed
        for topic, groups in sorted(per_topic.items())
        if (summed := analysis.summed(groups, scale)) is not None
    }
    return _measure(list(points), list(points.values()), "topic", text, scale, rows, lang)


def _question_rows(snapshot: Snapshot, question_key: str) -> pd.DataFrame:
    results = _results(snapshot)
    return results[results["question_key"] == question_key]


def _measure(
    labels: list[str],
    groups: list[analysis.Group],
    by: str,
    text: str,
    scale: str,
    rows: pd.DataFrame,
    lang: str,
) -> ViewResult:
    percent = scale == "yesno"
    values = [(g.mean or 0.0) * (100 if percent else 1) for g in groups]
    axis = _mean_column(scale, lang) if scale else ""
    ns = [f"n = {fmt_number(g.n, lang)}" for g in groups]
    table = pd.DataFrame(
        {
            t(f"evaluation.column.{by}", lang): labels,
            t("evaluation.column.n", lang): [g.n for g in groups],
            axis or t("evaluation.column.mean_agree5", lang): [round(v, 2) for v in values],
        }
    )
    return ViewResult(
        figure=figures.measure(labels, values, ns, axis or "", lang, t("evaluation.empty", lang)),
        title=t(f"evaluation.{by}.title", lang, question=text),
        source=_source(rows, lang) if not rows.empty else "",
        table=table,
    )
