"""Embed mode in the address: einbetten=1, an optional card, the full view's address."""

from __future__ import annotations

from dashboard.state.embed import Embed, full_view_search


def test_emb001_only_einbetten_1_turns_embed_mode_on():
    assert Embed.from_search("?einbetten=1") == Embed(on=True)
    assert Embed.from_search("?von=2020&einbetten=1&diagramm=attendance-events") == Embed(
        on=True, card="attendance-events"
    )
    for search in ("", "?einbetten=0", "?einbetten=ja", "?diagramm=attendance-events", None, 3):
        assert Embed.from_search(search) == Embed()


def test_emb002_a_card_id_that_is_no_card_name_shows_the_whole_page():
    for card in ("<script>", "Attendance-Events", "a" * 65, "-x", "a b"):
        assert Embed.from_params({"einbetten": "1", "diagramm": card}) == Embed(on=True)


def test_emb003_the_full_view_keeps_filters_and_page_settings_but_not_the_embed_params():
    search = "?von=2020&einbetten=1&jahr=2022&diagramm=map&typ=kommune,initiative"
    assert full_view_search(search) == "?von=2020&jahr=2022&typ=kommune,initiative"
    assert full_view_search("?einbetten=1") == ""


def test_emb004_any_einbetten_1_counts_so_a_second_value_cannot_turn_it_off():
    for search in (
        "?einbetten=1&einbetten=0",
        "?einbetten=0&einbetten=1",
        "?einbetten=&einbetten=1",
    ):
        assert Embed.from_search(search).on, search
    assert Embed.from_params({"einbetten": ["0", "1"]}).on
    assert not Embed.from_params({"einbetten": ["0", "ja"]}).on
