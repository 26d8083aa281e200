"""Texts and values of the actor form, without a browser."""

from __future__ import annotations

from dashboard.components.actor_editor import (
    decimal_text,
    form_values,
    merge_question,
    problem_messages,
)
from dashboard.exchange.actor_changes import edit_plan
from tests.unit.exchange.test_actor_changes import _current, _fields


def test_aed001_form_shows_the_stored_actor_as_typed_in_each_language():
    actor = {
        "id": "bonn",
        "name": "Bonn",
        "type": "kommune",
        "state": "05",
        "ags": None,
        "city": None,
        "lat": 50.7374,
        "lon": 7.0982,
    }
    assert form_values(actor, "de") == {
        "name": "Bonn",
        "type": "kommune",
        "city": "",
        "state": "05",
        "ags": "",
        "lat": "50,7374",
        "lon": "7,0982",
    }
    assert form_values(actor, "en")["lat"] == "50.7374"
    assert decimal_text(None, "de") == ""


def test_aed002_problems_name_the_field_and_the_value_entered():
    plan = edit_plan(_current(), "bonn", _fields(ags="0731", lon=""), [])
    assert problem_messages(plan.errors, "de") == [
        "Gemeindeschlüssel (AGS) „0731“: Kein gültiger Amtlicher Gemeindeschlüssel "
        "(8 Ziffern, beginnend mit dem Länderschlüssel 01–16).",
        "Längengrad: Breiten- und Längengrad gehören zusammen: nur einer von beiden ist angegeben.",
    ]
    assert problem_messages(plan.errors, "en")[0].startswith("Municipality key (AGS) “0731”: ")


def test_aed003_merge_question_says_what_moves_and_what_is_dropped():
    counts = {"attendance": 3, "links": 2, "aliases": 1, "self_links": 0}
    text = merge_question("Bonn", "Bürgerverein", counts, "de")
    assert text.startswith(
        "„Bürgerverein“ wird in „Bonn“ übernommen. Es gehen über: 3 Teilnahmen, 2 Verbindungen, 1 Schreibweise "
    )
    assert "entfallen" not in text
    assert merge_question("Bonn", "B", {**counts, "self_links": 1}, "de").endswith(
        "Verbindungen zwischen den beiden Einträgen entfallen (1)."
    )
