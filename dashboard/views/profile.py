"""The profile of one actor (/akteur/<id>): key figures and the map of its partners, for
the page, its slide and the deck PDF."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.analysis import geography, overview
from dashboard.analysis.profile import Profile, actor_profile, profile_map
from dashboard.analysis.selection import participations_of
from dashboard.figures.map import OFFLINE_STYLE, network_map
from dashboard.i18n import fmt_number, t
from dashboard.store import Snapshot
from dashboard.views.map import MapCanvas, fitted_view
from dashboard.views.result import ViewResult


def profile_view(
    snapshot: Snapshot, actor_id: str | None, lang: str, canvas: MapCanvas
) -> ViewResult | None:
    """The actor's map, name, kind and place, and key figures; None for an unknown id."""
    profile = actor_profile(snapshot.tables, actor_id)
    return None if profile is None else profile_result(snapshot, profile, lang, canvas)


def profile_result(
    snapshot: Snapshot, profile: Profile, lang: str, canvas: MapCanvas
) -> ViewResult:
    never = t("profile.never", lang)
    facts = (
        (t("kpi.events", lang), fmt_number(len(profile.events), lang)),
        (t("kpi.headcount", lang), fmt_number(profile.headcount, lang)),
        (t("profile.first", lang), str(profile.first_year) if profile.first_year else never),
        (t("profile.last", lang), str(profile.last_year) if profile.last_year else never),
        (t("profile.partners", lang), fmt_number(profile.partners["id"].nunique(), lang)),
    )
    kind = t(f"type.{profile.actor['type']}", lang)
    place = profile.actor.get("city") or ""
    return ViewResult(
        partner_map(snapshot, profile, lang, canvas),
        str(profile.actor["name"]),
        caption=" · ".join(part for part in (kind, place) if part),
        table=profile.partners,
        facts=facts,
    )


def partner_map(snapshot: Snapshot, profile: Profile, lang: str, canvas: MapCanvas) -> go.Figure:
    """The actor, its partners and their links, fitted to the canvas (to Germany when no
    size is given), on the headcount and weight scales of the whole map."""
    participation = snapshot.derived("participations", participations_of)
    points, links = profile_map(snapshot.tables, profile, participation)
    fitted = fitted_view(points, canvas)
    sources = canvas.sources
    figure = network_map(
        points,
        links,
        sources.states,
        lang,
        overview.headcount_scale(participation),
        geography.weight_scale(snapshot.tables["links"]),
        style=canvas.style,
        focus=profile.actor["id"],
        neighbours_geojson=sources.neighbours if canvas.style == OFFLINE_STYLE else None,
        height=canvas.height,
        empty_message=t("profile.map_empty", lang),
        **fitted,
    )
    figure.update_layout(showlegend=False)
    return figure
