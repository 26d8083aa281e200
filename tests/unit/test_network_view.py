from dashboard.state.network import NetworkView, search_with_view


def test_view001_defaults_stay_out_of_the_address_and_the_rest_round_trips():
    assert NetworkView().to_params() == {}
    assert search_with_view("?von=2019&typ=kommune", NetworkView()) == "?von=2019&typ=kommune"
    view = NetworkView(
        year=2021,
        cumulative=False,
        size_by="headcount",
        colour_by="type",
        ego="pirmasens",
        steps=2,
        min_weight=3,
        min_degree=1,
        top_n="50",
    )
    search = search_with_view("?von=2019&jahr=2017&lang=en", view)
    assert (
        search.startswith("?von=2019&lang=en&")
        and "jahr=2021" in search
        and "jahr=2017" not in search
    )
    assert NetworkView.from_search(search) == view


def test_view002_hand_edited_values_fall_back_to_defaults():
    view = NetworkView.from_search(
        "?jahr=abc&modus=x&groesse=riesig&farbe=&schritte=9&min_gewicht=-1&top=0"
    )
    assert view == NetworkView()
    assert NetworkView.from_search("?ego=" + "x" * 200).ego == "x" * 64


def test_view003_parse_notes_every_value_it_ignored_and_none_for_good_ones():
    view, notes = NetworkView.parse({"jahr": "zwanzig", "farbe": "art", "top": "0", "ego": "bonn"})
    assert view == NetworkView(colour_by="type", ego="bonn")
    assert [(note.param, note.value) for note in notes] == [("jahr", "zwanzig"), ("top", "0")]
    assert NetworkView.parse({"jahr": "2021", "top": "alle", "schritte": "2"})[1] == ()
