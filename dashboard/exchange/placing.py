"""Where the actors of an import are: kept, looked up in the gazetteer, or chosen by the user.

Blank coordinates never erase stored ones: an actor keeps its stored place unless its city,
state or AGS changed. New actors and actors whose place changed are looked up (`geocode`);
an ambiguous name waits for the user's choice and becomes an `Ambiguity` of the plan.
"""

from __future__ import annotations

from dashboard.exchange import geocode
from dashboard.exchange.changes import Ambiguity, Plan, same_value
from dashboard.exchange.columns import ROW
from dashboard.exchange.problems import INFO, WARNING, make

_PLACE_COLUMNS = ("city", "state", "ags")
# The only way to say "no place" for an ambiguous actor in `choices`.
NO_PLACE = "none"


def place_actors(
    proposals: list[tuple[dict | None, dict]], plan: Plan, choices: dict[str, str], headers: dict
) -> None:
    lat_header = headers.get(("actors", "lat"), "lat")
    city_header = headers.get(("actors", "city"), "city")
    for before, actor in proposals:
        if actor.get("lat") is not None and actor.get("lon") is not None:
            continue
        if before is not None:
            moved = any(not same_value(before.get(c), actor.get(c)) for c in _PLACE_COLUMNS)
            if not moved:
                # Blank coordinates in the file keep the stored ones.
                actor["lat"], actor["lon"] = before.get("lat"), before.get("lon")
                continue
        actor["lat"] = actor["lon"] = None
        lookup = geocode.locate(
            actor.get("name"),
            actor.get("type"),
            actor.get("city"),
            actor.get("state"),
            actor.get("ags"),
        )
        row, actor_id = actor.get(ROW), actor["id"]
        if lookup.status == geocode.PLACED:
            _apply_place(actor, lookup.candidates[0])
            plan.problems.append(
                make(
                    "actors",
                    row,
                    lat_header,
                    actor.get("name"),
                    "geo_placed",
                    INFO,
                    place=lookup.candidates[0].short(),
                )
            )
        elif lookup.status == geocode.AMBIGUOUS:
            choice = choices.get(actor_id)
            chosen = next((c for c in lookup.candidates if c.geonameid == choice), None)
            if chosen is not None:
                _apply_place(actor, chosen)
                plan.problems.append(
                    make(
                        "actors",
                        row,
                        lat_header,
                        actor.get("name"),
                        "geo_chosen",
                        INFO,
                        place=chosen.short(),
                    )
                )
            else:
                assert lookup.query is not None, "locate() names the query of an ambiguous lookup"
                plan.ambiguities.append(
                    Ambiguity(
                        row,
                        actor_id,
                        actor.get("name") or actor_id,
                        lookup.query,
                        lookup.candidates,
                    )
                )
                plan.problems.append(
                    make(
                        "actors",
                        row,
                        lat_header,
                        lookup.query,
                        "geo_ambiguous",
                        WARNING,
                        count=len(lookup.candidates),
                        places="; ".join(c.short() for c in lookup.candidates),
                    )
                )
        elif lookup.status == geocode.NOT_FOUND:
            plan.problems.append(
                make("actors", row, city_header, lookup.query, "geo_not_found", WARNING)
            )


def _apply_place(actor: dict, candidate: geocode.Candidate) -> None:
    actor["lat"], actor["lon"] = candidate.lat, candidate.lon
    if actor.get("state") is None:
        actor["state"] = candidate.state
