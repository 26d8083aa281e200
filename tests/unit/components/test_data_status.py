"""The note that the data is being updated: shown while the previous version answers,
asked again every few seconds, and a reload once another version answers."""

from __future__ import annotations

from dash import no_update

from dashboard.components.data_status import status_answer


def _text(note) -> str:
    return note.children if note is not None else ""


def test_dst001_a_page_drawn_while_updating_says_so_and_asks_again():
    note, poll_off, drawn, reload = status_answer(None, "v1", True, polled=False, lang="de")
    assert "aktualisiert" in _text(note) and "vorigen Stand" in _text(note)
    assert poll_off is False and drawn == "v1" and reload is no_update
    english = status_answer(None, "v1", True, polled=False, lang="en")[0]
    assert "being updated" in _text(english)


def test_dst002_still_the_same_version_keeps_asking_another_reloads():
    note, poll_off, drawn, reload = status_answer("v1", "v1", True, polled=True, lang="de")
    assert note is not None and poll_off is False and drawn is no_update and reload is no_update
    note, poll_off, drawn, reload = status_answer("v1", "v2", False, polled=True, lang="de")
    assert note is None and poll_off is True and reload is True


def test_dst003_a_page_drawn_from_current_data_shows_nothing_and_asks_nothing():
    note, poll_off, drawn, reload = status_answer("v0", "v1", False, polled=False, lang="de")
    assert note is None and poll_off is True and drawn == "v1" and reload is no_update
