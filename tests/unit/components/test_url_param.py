from dashboard.components.url_param import search_with_param


def test_param001_set_replace_and_drop_the_default():
    assert (
        search_with_param("?von=2019", "kennzahl", "actors", "headcount")
        == "?von=2019&kennzahl=actors"
    )
    assert (
        search_with_param("?kennzahl=actors&von=2019", "kennzahl", "headcount", "headcount")
        == "?von=2019"
    )
    assert search_with_param("", "kennzahl", None, "headcount") == ""
    assert (
        search_with_param("?typ=kommune,initiative", "sitzungen", "e-2017", None)
        == "?typ=kommune,initiative&sitzungen=e-2017"
    )
