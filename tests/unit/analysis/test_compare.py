from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.analysis import compare, peers
from dashboard.state.filters import Filters, search_keeping_page_params
from dashboard.store import Snapshot
from dashboard.views.peer_ranks import actor_rank_lines
from tests.unit.analysis.frames import frame, tiny_tables

IDS = ["bonn", "kiel", "verein", "portal"]


def peer_tables() -> dict[str, pd.DataFrame]:
    """tiny_tables plus two NRW municipalities.

    essen (05): at all three events, headcount never known → 3 participations, people unknown
    koeln (05): never there → 0 participations, 0 people
    NRW then has bonn 3/6, essen 3/NA, verein 2/7, koeln 0/0 (participations/people).
    """
    tables = tiny_tables()
    extra = frame(
        "actors",
        [
            {"id": "essen", "name": "Essen", "type": "kommune", "state": "05", "source": "sample"},
            {"id": "koeln", "name": "Köln", "type": "kommune", "state": "05", "source": "sample"},
        ],
    )
    tables["actors"] = pd.concat([tables["actors"], extra], ignore_index=True)
    rows = frame(
        "attendance",
        [
            {
                "event_id": event,
                "actor_id": "essen",
                "role": "participant",
                "headcount": None,
                "source": "sample",
            }
            for event in ("e2016", "e2017", "e2018")
        ],
    )
    tables["attendance"] = pd.concat([tables["attendance"], rows], ignore_index=True)
    return tables


POPULATION = pd.Series(
    {"bonn": 300_000.0, "kiel": 250_000.0, "essen": 580_000.0, "koeln": 1_080_000.0}
)


def test_cmp001_rank_among_ties_share_the_better_rank():
    values = pd.Series({"a": 5, "b": 3, "c": 3, "d": 1, "e": None})
    assert peers.rank_among(values, "a") == (1, 4)
    assert peers.rank_among(values, "b") == (2, 4)
    assert peers.rank_among(values, "c") == (2, 4)
    assert peers.rank_among(values, "d") == (4, 4)
    assert peers.rank_among(values, "e") == (None, 4)  # unknown: no rank, not counted


def test_cmp002_peer_ranks_in_the_bundesland_with_ties_and_unknown_people():
    tables = peer_tables()
    selection = compare.compare_selection(tables, Filters())
    ranks = peers.peer_ranks(tables, selection, ["bonn", "essen", "verein", "koeln"], POPULATION)
    state = ranks[ranks["group"] == "state"].set_index(["actor_id", "measure"])
    assert set(state["group_key"]) == {"05"}
    # participations: bonn 3, essen 3, verein 2, koeln 0
    assert (
        state.loc[("bonn", "participations"), "rank"],
        state.loc[("bonn", "participations"), "of"],
    ) == (1, 4)
    assert state.loc[("essen", "participations"), "rank"] == 1
    assert state.loc[("verein", "participations"), "rank"] == 3
    assert state.loc[("koeln", "participations"), "rank"] == 4
    # people: verein 7, bonn 6, koeln 0, essen unknown (not ranked, not counted)
    assert state.loc[("verein", "headcount"), "rank"] == 1
    assert (state.loc[("bonn", "headcount"), "rank"], state.loc[("bonn", "headcount"), "of"]) == (
        2,
        3,
    )
    assert state.loc[("koeln", "headcount"), "rank"] == 3
    assert pd.isna(state.loc[("essen", "headcount"), "rank"])
    assert math.isnan(state.loc[("essen", "headcount"), "value"])


def test_cmp003_peer_ranks_in_the_size_class_only_for_municipalities():
    tables = peer_tables()
    selection = compare.compare_selection(tables, Filters())
    ranks = peers.peer_ranks(tables, selection, ["bonn", "kiel", "essen", "verein"], POPULATION)
    size = ranks[(ranks["group"] == "size") & (ranks["measure"] == "participations")].set_index(
        "actor_id"
    )
    # bonn and kiel: 100.000–500.000; essen alone with koeln in 500.000 and more
    assert size.loc["bonn", "group_key"] == "100k_500k" and (
        size.loc["bonn", "rank"],
        size.loc["bonn", "of"],
    ) == (1, 2)
    assert (size.loc["kiel", "rank"], size.loc["kiel", "of"]) == (2, 2)
    assert size.loc["essen", "group_key"] == "ge500k" and (
        size.loc["essen", "rank"],
        size.loc["essen", "of"],
    ) == (1, 2)
    assert pd.isna(size.loc["verein", "group_key"]) and pd.isna(
        size.loc["verein", "rank"]
    )  # an initiative
    # the ranks follow the year filter: in 2018 only bonn and essen came, kiel did not
    late = peers.peer_ranks(
        tables, compare.compare_selection(tables, Filters(year_from=2018)), ["kiel"], POPULATION
    )
    kiel = late.set_index(["group", "measure"])
    assert (
        kiel.loc[("size", "participations"), "rank"],
        kiel.loc[("size", "participations"), "of"],
    ) == (2, 2)
    assert (
        kiel.loc[("state", "participations"), "rank"],
        kiel.loc[("state", "participations"), "of"],
    ) == (1, 1)


@pytest.mark.parametrize(
    ("population", "key"),
    [
        (0, "lt20k"),
        (19_999, "lt20k"),
        (20_000, "20k_100k"),
        (99_999, "20k_100k"),
        (100_000, "100k_500k"),
        (499_999, "100k_500k"),
        (500_000, "ge500k"),
        (3_500_000, "ge500k"),
        (None, None),
        (float("nan"), None),
    ],
)
def test_cmp004_size_classes(population, key):
    assert peers.size_class(population) == key


def test_cmp005_population_from_the_gazetteer_by_name_and_state():
    actors = frame(
        "actors",
        [
            {
                "id": "pirmasens",
                "name": "Pirmasens",
                "type": "kommune",
                "ags": "07317000",
                "state": "07",
            },
            {
                "id": "langenfeld",
                "name": "Langenfeld (Rheinland)",
                "type": "kommune",
                "state": "05",
            },
            {"id": "hannover", "name": "Hannover", "type": "kommune", "state": "03"},
            {"id": "verein", "name": "Hannover", "type": "initiative", "state": "03"},
            {"id": "nowhere", "name": "Gibtesnichtstadt", "type": "kommune", "state": "05"},
        ],
    )
    population = peers.actor_populations(actors)
    assert population["pirmasens"] == 43_582
    assert (
        population["langenfeld"] == 59_112
    )  # the Rhineland one, not Langenfeld in Bavaria (1.022)
    assert peers.size_class(population["langenfeld"]) == "20k_100k"
    assert peers.size_class(population["hannover"]) == "ge500k"
    assert math.isnan(population["verein"])  # not a municipality
    assert math.isnan(population["nowhere"])


def test_cmp006_partners_count_distinct_partners_of_links_active_in_the_years():
    links = tiny_tables()["links"]
    # bonn–verein since 2017, bonn–kiel only 2016, kiel–verein from 2019
    assert compare.partner_counts(links, IDS, (2016, 2018)).to_dict() == {
        "bonn": 2,
        "kiel": 1,
        "verein": 1,
        "portal": 0,
    }
    assert compare.partner_counts(links, IDS, (2017, 2018)).to_dict() == {
        "bonn": 1,
        "kiel": 0,
        "verein": 1,
        "portal": 0,
    }
    assert compare.partner_counts(links, IDS, (2019, 2020)).to_dict() == {
        "bonn": 1,
        "kiel": 1,
        "verein": 2,
        "portal": 0,
    }
    assert compare.partner_counts(links, IDS, None).to_dict() == {
        "bonn": 0,
        "kiel": 0,
        "verein": 0,
        "portal": 0,
    }
    twice = pd.concat([links, links.assign(kind="projekt")], ignore_index=True)
    assert (
        compare.partner_counts(twice, ["bonn"], (2016, 2018))["bonn"] == 2
    )  # two links, one partner


def test_cmp007_side_by_side_first_last_year_headcount_roles_topics():
    tables = tiny_tables()
    side = compare.side_by_side(
        tables, compare.compare_selection(tables, Filters()), IDS, pd.Series(dtype=float)
    ).set_index("actor_id")
    assert list(side.index) == IDS
    assert (side.loc["bonn", "first_year"], side.loc["bonn", "last_year"]) == (2016, 2018)
    assert (side.loc["kiel", "first_year"], side.loc["kiel", "last_year"]) == (2017, 2017)
    assert side.loc["bonn", "years"] == (2016, 2017, 2018)
    assert side.loc["bonn", "participations"] == 3
    assert side.loc["bonn", "headcount"] == 6 and side.loc["bonn", "headcount_unknown"] == 1
    assert pd.isna(side.loc["portal", "headcount"]) and side.loc["portal", "headcount_unknown"] == 1
    assert side.loc["bonn", "roles"] == {
        "participant": 2,
        "speaker": 1,
        "exhibitor": 0,
        "organiser": 0,
    }
    assert side.loc["bonn", "topics"] == ("Wirkung",)
    assert side.loc["verein", "topics"] == ("Steuerung",)
    assert side.loc["bonn", "partners"] == 2


def test_cmp008_side_by_side_follows_the_years_and_ignores_type_and_state_filters():
    tables = tiny_tables()
    filters = Filters(year_from=2018, types=("initiative",), states=("01",))
    side = compare.side_by_side(
        tables, compare.compare_selection(tables, filters), ["kiel", "bonn"], pd.Series(dtype=float)
    ).set_index("actor_id")
    # kiel did not come in 2018: no first/last year, 0 participations and 0 people (not unknown)
    assert side.loc["kiel", "participations"] == 0
    assert pd.isna(side.loc["kiel", "first_year"]) and pd.isna(side.loc["kiel", "last_year"])
    assert side.loc["kiel", "headcount"] == 0
    # bonn (a kommune in NRW) is still compared although the filters name initiatives in SH
    assert side.loc["bonn", "participations"] == 1 and pd.isna(side.loc["bonn", "headcount"])


def test_cmp009_per_year_has_every_event_year_and_keeps_unknown_apart_from_zero():
    tables = tiny_tables()
    per_year = compare.per_year(compare.compare_selection(tables, Filters()), ["bonn", "kiel"])
    rows = {(r["actor_id"], r["year"]): r for r in per_year.to_dict("records")}
    assert list(per_year["year"]) == [2016, 2017, 2018, 2016, 2017, 2018]
    assert rows[("bonn", 2017)]["headcount"] == 3
    assert pd.isna(rows[("bonn", 2018)]["headcount"]) and rows[("bonn", 2018)]["unknown"] == 1
    assert rows[("kiel", 2016)]["participations"] == 0 and rows[("kiel", 2016)]["headcount"] == 0


def test_cmp010_topic_and_role_counts():
    tables = tiny_tables()
    selection = compare.compare_selection(tables, Filters())
    topics = compare.topic_counts(tables, selection, ["bonn", "kiel", "verein"])
    assert list(topics["topic"].unique()) == [
        "Wirkung",
        "Steuerung",
    ]  # 2 sessions on Wirkung, 1 on Steuerung
    counts = topics.set_index(["actor_id", "topic_id"])["sessions"]
    assert counts[("bonn", "wirkung")] == 1 and counts[("kiel", "wirkung")] == 1
    assert counts[("verein", "steuerung")] == 1 and counts[("verein", "wirkung")] == 0
    roles = compare.role_counts(selection, ["bonn", "portal"]).set_index(["actor_id", "role"])[
        "participations"
    ]
    assert roles[("bonn", "speaker")] == 1 and roles[("bonn", "participant")] == 2
    assert roles[("portal", "exhibitor")] == 1 and roles.sum() == 4


def test_cmp011_defaults_found_by_name_missing_ones_skipped():
    actors = frame(
        "actors",
        [
            {"id": "x-hannover", "name": "Integrationsnetzwerk Hannover", "type": "netzwerk"},
            {"id": "hannover-netz", "name": "Hannover", "type": "netzwerk"},
            {"id": "hannover", "name": "Hannover", "type": "kommune"},
            {"id": "lf", "name": "Langenfeld", "type": "kommune"},
            {"id": "ps", "name": "PIRMASENS", "type": "kommune"},
            {"id": "change2", "name": "Change2 Mannheim", "type": "initiative"},
        ],
    )
    # no actor is called Mannheim: skipped; the Kommune Hannover wins over the network
    assert compare.default_actor_ids(actors) == ["ps", "lf", "hannover"]
    both = pd.concat(
        [
            actors,
            frame(
                "actors",
                [
                    {"id": "lf-rh", "name": "Langenfeld (Rheinland)", "type": "kommune"},
                    {"id": "ma", "name": "Mannheim", "type": "kommune"},
                ],
            ),
        ]
    )
    assert compare.default_actor_ids(both) == ["ps", "lf-rh", "hannover", "ma"]
    assert compare.default_actor_ids(actors.iloc[0:0]) == []


def test_cmp012_actor_param_and_url():
    actors = peer_tables()["actors"]
    assert compare.actor_ids_from_param(
        None, frame("actors", [{"id": "h", "name": "Hannover", "type": "kommune"}])
    ) == ["h"]
    assert compare.actor_ids_from_param("", actors) == []  # removed by the user: stays empty
    assert compare.actor_ids_from_param("kiel,unbekannt,kiel, bonn", actors) == ["kiel", "bonn"]
    assert compare.actor_ids_from_param(
        ",".join(["bonn", "kiel", "verein", "portal", "essen", "koeln"]) + ",bonn", actors
    ) == ["bonn", "kiel", "verein", "portal", "essen", "koeln"]
    assert compare.actors_param("?von=2017&akteure=kiel,bonn") == "kiel,bonn"
    assert (
        compare.actors_param("?von=2017&akteure=") == ""
        and compare.actors_param("?von=2017") is None
    )
    assert (
        compare.search_with_actors("?von=2016&lang=en", ["bonn", "kiel"])
        == "?von=2016&lang=en&akteure=bonn,kiel"
    )
    assert (
        compare.search_with_actors("?akteure=bonn&von=2016", ["kiel"]) == "?akteure=kiel&von=2016"
    )
    assert compare.search_with_actors("", []) == "?akteure="


def test_cmp013_writing_the_global_filters_keeps_the_page_params():
    search = "?von=2016&akteure=bonn,kiel"
    assert (
        search_keeping_page_params(Filters(year_from=2018, lang="en"), search)
        == "?von=2018&lang=en&akteure=bonn,kiel"
    )
    assert search_keeping_page_params(Filters(), "?akteure=") == "?akteure="
    assert search_keeping_page_params(Filters(), "?von=2016") == ""


def test_cmp014_picker_options_narrowed_by_type_and_state_but_keep_the_chosen():
    actors = tiny_tables()["actors"]
    options = compare.narrow_options(
        compare.actor_options(actors), keep=["kiel"], filters=Filters(types=("initiative",))
    )
    assert list(options["id"]) == ["verein", "kiel"]  # sorted by name: Bürgerverein, Kiel
    assert list(compare.actor_options(actors)["name"]) == ["Bonn", "Bürgerverein", "Kiel", "Portal"]


def test_cmp013_peer_ranks_among_actors_of_the_same_type():
    tables = peer_tables()
    selection = compare.compare_selection(tables, Filters())
    ranks = peers.peer_ranks(tables, selection, ["bonn", "verein"], POPULATION)
    kind = ranks[(ranks["group"] == "type") & (ranks["measure"] == "participations")]
    kind = kind.set_index("actor_id")
    actors = tables["actors"].set_index("id")
    counted = selection.participation.groupby("actor_id").size()
    for actor_id in ("bonn", "verein"):
        same = actors.index[actors["type"] == actors.loc[actor_id, "type"]]
        values = counted.reindex(same, fill_value=0)
        assert kind.loc[actor_id, "group_key"] == actors.loc[actor_id, "type"]
        assert kind.loc[actor_id, "of"] == len(same)
        assert kind.loc[actor_id, "rank"] == int((values > values[actor_id]).sum()) + 1
    lines = dict(actor_rank_lines(Snapshot("v", tables), selection, "bonn", "kommune", "de"))
    assert lines["Vergleichsgruppe Akteursart"].startswith("Kommune (")
