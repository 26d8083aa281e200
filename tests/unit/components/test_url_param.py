from dashboard.components.url_param import param_value, search_with_param


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


def test_param002_only_allowed_values_are_read():
    assert (
        param_value({"kennzahl": "actors"}, "kennzahl", ("headcount", "actors"), "headcount")
        == "actors"
    )
    assert (
        param_value({"kennzahl": "<script>"}, "kennzahl", ("headcount", "actors"), "headcount")
        == "headcount"
    )
    assert (
        param_value({"kennzahl": ["actors"]}, "kennzahl", ("headcount", "actors"), "headcount")
        == "actors"
    )
    assert param_value({}, "kennzahl", ("headcount",), "headcount") == "headcount"
