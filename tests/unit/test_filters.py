from __future__ import annotations

import pytest

from dashboard.state.filters import Filters


def test_flt001_default_filters_make_an_empty_query():
    assert Filters().to_search() == ""
    assert Filters.from_search("") == Filters()


def test_flt002_round_trip_through_the_query_string():
    filters = Filters(
        year_from=2015,
        year_to=2019,
        event="2017-duesseldorf",
        types=("kommune", "initiative"),
        states=("05", "07"),
        topic="wirkung",
        lang="en",
    )
    search = filters.to_search()
    assert (
        search
        == "?von=2015&bis=2019&veranstaltung=2017-duesseldorf&typ=kommune,initiative&land=05,07&thema=wirkung&lang=en"
    )
    assert Filters.from_search(search) == filters


def test_flt003_hand_edited_values_are_dropped_not_fatal():
    filters = Filters.from_search("?von=abc&bis=1800&typ=kommune,verein&land=05,99&lang=fr")
    assert filters == Filters(types=("kommune",), states=("05",))


def test_flt004_swapped_years_are_put_in_order():
    filters = Filters.from_search("?von=2020&bis=2015")
    assert (filters.year_from, filters.year_to) == (2015, 2020)


@pytest.mark.parametrize("forged", [{"von": "2020"}, ["?von=2020"], 7, None])
def test_flt005_a_forged_query_string_is_an_address_without_parameters(forged):
    # A store of the address (pages/attendance, pages/topics) can be sent any JSON.
    assert Filters.from_search(forged) == Filters()
