"""Präsentation in headless Chromium: keyboard navigation of a deck from a link, and a
deck collected on a page, shown and left again with Esc."""

from __future__ import annotations

import re
import threading

import pytest
from flask import request
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import create_app
from dashboard.presentation.deck import MAX_SLIDES, Deck, encode_deck, slide_from_href

# Generous waits: the test machine is shared; nothing here measures time.
WAIT = 40
COUNTER = ".presentation-counter"
TITLE = "#presentation-slide-title"


def _press(dash_duo, key: str) -> None:
    dash_duo.find_element("body").send_keys(key)


def test_prs101_keys_move_through_a_three_slide_deck(dash_duo, settings):
    deck = Deck(
        name="Drei Folien",
        slides=(
            slide_from_href("/teilnahme?von=2017", "retention"),
            slide_from_href("/themen", "heatmap"),
            slide_from_href("/netzwerk", "growth", "Wie das Netz wächst"),
        ),
    )
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/praesentation?folien={encode_deck(deck)}")

    dash_duo.wait_for_text_to_equal(COUNTER, "1 / 3", timeout=WAIT)
    dash_duo.wait_for_text_to_equal(TITLE, "Neue und wiederkehrende Akteure je Jahr", timeout=WAIT)
    assert not dash_duo.find_elements(".navbar")  # nothing but the slide
    dash_duo.wait_for_element(".presentation-graph .main-svg", timeout=WAIT)

    _press(dash_duo, Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal(COUNTER, "2 / 3", timeout=WAIT)
    dash_duo.wait_for_text_to_equal(TITLE, "Themen je Jahr", timeout=WAIT)

    _press(dash_duo, Keys.ARROW_LEFT)
    dash_duo.wait_for_text_to_equal(COUNTER, "1 / 3", timeout=WAIT)
    dash_duo.wait_for_text_to_equal(TITLE, "Neue und wiederkehrende Akteure je Jahr", timeout=WAIT)

    _press(dash_duo, Keys.PAGE_DOWN)
    dash_duo.wait_for_text_to_equal(COUNTER, "2 / 3", timeout=WAIT)
    _press(dash_duo, Keys.PAGE_DOWN)
    dash_duo.wait_for_text_to_equal(COUNTER, "3 / 3", timeout=WAIT)
    dash_duo.wait_for_text_to_equal(TITLE, "Wie das Netz wächst", timeout=WAIT)
    _press(dash_duo, Keys.PAGE_DOWN)  # a clicker pressed once too often stays on the last slide
    _press(dash_duo, Keys.PAGE_UP)
    dash_duo.wait_for_text_to_equal(COUNTER, "2 / 3", timeout=WAIT)

    assert dash_duo.get_logs() == []


def test_prs102_a_view_added_on_its_page_is_shown_and_esc_leaves_to_the_editor(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/themen?von=2018")
    dash_duo.wait_for_text_to_equal("#deck-count", "0", timeout=WAIT)

    dash_duo.find_element("#deck-add").click()
    dash_duo.wait_for_text_to_equal("#deck-status", "Folie 1 hinzugefügt", timeout=WAIT)
    dash_duo.wait_for_text_to_equal("#deck-count", "1", timeout=WAIT)

    dash_duo.find_element("#deck-open").click()
    dash_duo.wait_for_element("#presentation-row-0", timeout=WAIT)
    assert "/themen?von=2018" in dash_duo.find_element("#presentation-row-0 a").get_attribute(
        "href"
    )
    WebDriverWait(dash_duo.driver, WAIT).until(
        lambda _: "folien=" in dash_duo.find_element("#presentation-link").get_attribute("value")
    )

    dash_duo.find_element("#presentation-start").click()
    dash_duo.wait_for_text_to_equal(COUNTER, "1 / 1", timeout=WAIT)
    dash_duo.wait_for_text_to_equal(TITLE, "Themen je Jahr", timeout=WAIT)
    assert dash_duo.find_element(".presentation-subtitle").text.startswith("2018")

    _press(dash_duo, Keys.ESCAPE)
    dash_duo.wait_for_element("#presentation-row-0", timeout=WAIT)
    assert "bearbeiten=1" in dash_duo.driver.current_url

    assert dash_duo.get_logs() == []


def test_prs103_png_and_svg_buttons_export_the_cards_chart_in_the_browser(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/themen")
    dash_duo.wait_for_element("#topics-heatmap-graph .main-svg", timeout=WAIT)
    # Record the export instead of saving a file: what matters is what plotly is asked for.
    dash_duo.driver.execute_script(
        "window.exported = [];"
        "window.Plotly.downloadImage = (gd, options) => {"
        "  window.exported.push([gd.closest('[id]').id, options]); return Promise.resolve(); };"
    )
    buttons = dash_duo.find_elements(".chart-card-actions button")
    svg = next(b for b in buttons if b.text == "SVG" and "topics-heatmap" in b.get_attribute("id"))
    png = next(b for b in buttons if b.text == "PNG" and "topics-heatmap" in b.get_attribute("id"))
    svg.click()
    png.click()
    WebDriverWait(dash_duo.driver, WAIT).until(
        lambda d: len(d.execute_script("return window.exported")) == 2
    )
    exported = dash_duo.driver.execute_script("return window.exported")
    assert [options["format"] for _, options in exported] == ["svg", "png"]
    assert all(
        options["scale"] == 3 and options["filename"] == "topics-heatmap" for _, options in exported
    )
    assert all(graph_id == "topics-heatmap-graph" for graph_id, _ in exported)

    assert dash_duo.get_logs() == []


@pytest.mark.console_errors(r"/praesentation/pdf\?")
def test_prs104_the_pdf_button_says_while_the_pdf_is_made_and_when_it_failed(dash_duo, settings):
    deck = Deck(name="Jahrestreffen", slides=(slide_from_href("/themen?von=2018", "heatmap"),))
    app = create_app(settings)
    answered = []
    app.server.after_request(
        lambda response: answered.append((request.path, response.status_code)) or response
    )
    # The PDF is held back until the test has seen the busy state: no race with a fast server.
    release = threading.Event()

    @app.server.before_request
    def hold_the_pdf():
        if request.path == "/praesentation/pdf":
            release.wait(WAIT)

    dash_duo.start_server(app)
    dash_duo.wait_for_page(
        url=f"{dash_duo.server_url}/praesentation?folien={encode_deck(deck)}&bearbeiten=1"
    )
    WebDriverWait(dash_duo.driver, WAIT).until(
        lambda _: "folien=" in dash_duo.find_element("#presentation-pdf").get_attribute("href")
    )
    # Record what the page saves instead of writing a file.
    dash_duo.driver.execute_script(
        "window.saved = []; const create = URL.createObjectURL;"
        "URL.createObjectURL = blob => { window.saved.push([blob.type, blob.size]); return create(blob); };"
        "HTMLAnchorElement.prototype.click = function () { window.saved.push(this.download); };"
    )

    dash_duo.find_element("#presentation-pdf").click()
    dash_duo.wait_for_text_to_equal(
        "#presentation-pdf-status",
        "Das PDF wird erstellt … (einige Sekunden je Folie)",
        timeout=WAIT,
    )
    assert "pdf-busy" in dash_duo.find_element("#presentation-pdf").get_attribute("class")
    release.set()
    WebDriverWait(dash_duo.driver, 120).until(
        lambda d: len(d.execute_script("return window.saved")) == 2
    )
    (media_type, size), name = dash_duo.driver.execute_script("return window.saved")
    assert media_type == "application/pdf" and size > 1000 and name == "Jahrestreffen.pdf"
    dash_duo.wait_for_text_to_equal("#presentation-pdf-status", "", timeout=WAIT)
    assert "pdf-busy" not in dash_duo.find_element("#presentation-pdf").get_attribute("class")
    assert ("/praesentation/pdf", 200) in answered

    # A deck that is gone by the time of the click (deleted meanwhile): the server says 404.
    dash_duo.driver.execute_script(
        "document.getElementById('presentation-pdf').setAttribute('href', '/praesentation/pdf?satz=4711');"
    )
    dash_duo.find_element("#presentation-pdf").click()
    dash_duo.wait_for_text_to_equal(
        "#presentation-pdf-status",
        "Das PDF konnte nicht erstellt werden. Bitte später noch einmal versuchen.",
        timeout=WAIT,
    )
    assert len(dash_duo.driver.execute_script("return window.saved")) == 2

    # A refusal the server explains is shown in its words: here a deck over the slide limit.
    too_long = Deck(
        name="Lang",
        slides=tuple(slide_from_href(f"/themen?von={2000 + i}") for i in range(MAX_SLIDES + 1)),
    )
    dash_duo.driver.execute_script(
        "document.getElementById('presentation-pdf')"
        f".setAttribute('href', '/praesentation/pdf?folien={encode_deck(too_long)}');"
    )
    dash_duo.find_element("#presentation-pdf").click()
    dash_duo.wait_for_text_to_equal(
        "#presentation-pdf-status",
        f"Dieser Satz hat {MAX_SLIDES + 1} Folien; ein PDF kann höchstens {MAX_SLIDES} haben. "
        "Bitte den Satz kürzen oder teilen.",
        timeout=WAIT,
    )
    assert len(dash_duo.driver.execute_script("return window.saved")) == 2


def _unavailable(dash_duo) -> dict[str, bool]:
    start = dash_duo.find_element("#presentation-start")
    pdf = dash_duo.find_element("#presentation-pdf")
    return {
        "start": "disabled" in start.get_attribute("class").split(),
        "pdf": "disabled" in pdf.get_attribute("class").split()
        and pdf.get_attribute("aria-disabled") == "true",
        "clear": not dash_duo.find_element("#presentation-clear").is_enabled(),
    }


def test_prs105_start_pdf_and_clear_are_unavailable_until_the_deck_has_a_slide(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/praesentation")
    dash_duo.wait_for_element("#presentation-no-slides", timeout=WAIT)
    WebDriverWait(dash_duo.driver, WAIT).until(
        lambda _: _unavailable(dash_duo) == {"start": True, "pdf": True, "clear": True}
    )

    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/themen")
    dash_duo.find_element("#deck-add").click()
    dash_duo.wait_for_text_to_equal("#deck-count", "1", timeout=WAIT)
    dash_duo.find_element("#deck-open").click()
    dash_duo.wait_for_element("#presentation-row-0", timeout=WAIT)
    WebDriverWait(dash_duo.driver, WAIT).until(
        lambda _: _unavailable(dash_duo) == {"start": False, "pdf": False, "clear": False}
    )


def test_prs106_a_ready_deck_starts_with_one_click_and_moves_by_page_down(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/praesentation")
    name = dash_duo.wait_for_element("#presentation-ready-0 .fw-semibold", timeout=WAIT).text
    year = re.fullmatch(r"Jahresrückblick (\d{4})", name).group(1)

    dash_duo.find_element("#presentation-ready-0-show").click()
    dash_duo.wait_for_text_to_equal(COUNTER, "1 / 6", timeout=WAIT)
    dash_duo.wait_for_text_to_equal(TITLE, f"{year} in Zahlen", timeout=WAIT)
    facts = dash_duo.find_elements(".presentation-fact-label")
    assert [fact.text for fact in facts][:2] == ["Akteure", "davon zum ersten Mal dabei"]
    assert dash_duo.find_element(".presentation-sample").text == "Beispieldaten"

    _press(dash_duo, Keys.PAGE_DOWN)
    dash_duo.wait_for_text_to_equal(COUNTER, "2 / 6", timeout=WAIT)
    dash_duo.wait_for_text_to_equal(TITLE, f"Wer {year} dabei war", timeout=WAIT)
    subtitle = dash_duo.find_element(".presentation-subtitle").text
    assert subtitle.startswith(year) and subtitle.endswith("Beispieldaten")

    assert dash_duo.get_logs() == []


def _blanked(dash_duo) -> bool:
    """Whether the show is covered in black (the root's overlay, as the browser draws it)."""
    return dash_duo.driver.execute_script(
        "const root = document.getElementById('presentation-root');"
        "return getComputedStyle(root, '::after').backgroundColor === 'rgb(0, 0, 0)'"
        " && getComputedStyle(root, '::after').position === 'fixed';"
    )


def _three_slides() -> Deck:
    return Deck(
        name="Drei Folien",
        slides=(
            slide_from_href("/teilnahme?von=2017", "retention", "Erste", "Hallo sagen."),
            slide_from_href("/themen", "heatmap", "Zweite", "Auf Wirkung zeigen."),
            slide_from_href("/netzwerk", "growth", "Dritte"),
        ),
    )


def test_prs107_b_blanks_the_screen_and_b_or_a_move_key_brings_it_back(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    deck = encode_deck(_three_slides())
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/praesentation?folien={deck}")
    dash_duo.wait_for_text_to_equal(TITLE, "Erste", timeout=WAIT)
    assert not _blanked(dash_duo)

    _press(dash_duo, "b")
    WebDriverWait(dash_duo.driver, WAIT).until(lambda _: _blanked(dash_duo))
    _press(dash_duo, "B")
    WebDriverWait(dash_duo.driver, WAIT).until(lambda _: not _blanked(dash_duo))

    _press(dash_duo, "b")
    WebDriverWait(dash_duo.driver, WAIT).until(lambda _: _blanked(dash_duo))
    _press(dash_duo, Keys.PAGE_DOWN)  # back to the slide the audience last saw, not the next
    WebDriverWait(dash_duo.driver, WAIT).until(lambda _: not _blanked(dash_duo))
    assert dash_duo.find_element(COUNTER).text == "1 / 3"
    _press(dash_duo, Keys.PAGE_DOWN)
    dash_duo.wait_for_text_to_equal(COUNTER, "2 / 3", timeout=WAIT)

    assert dash_duo.get_logs() == []


def test_prs108_the_presenter_view_follows_the_show_and_leads_it(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    deck = encode_deck(_three_slides())
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/praesentation?folien={deck}")
    dash_duo.wait_for_text_to_equal(TITLE, "Erste", timeout=WAIT)
    driver = dash_duo.driver
    show = driver.current_window_handle

    dash_duo.find_element("#presentation-presenter-open").click()
    WebDriverWait(driver, WAIT).until(lambda d: len(d.window_handles) == 2)
    presenter = next(handle for handle in driver.window_handles if handle != show)
    try:
        driver.switch_to.window(presenter)
        assert "referent=1" in driver.current_url
        dash_duo.wait_for_text_to_equal(COUNTER, "1 / 3", timeout=WAIT)
        dash_duo.wait_for_text_to_equal(TITLE, "Erste", timeout=WAIT)
        dash_duo.wait_for_text_to_equal("#presenter-next-slide-title", "Zweite", timeout=WAIT)
        dash_duo.wait_for_text_to_equal(".presenter-notes", "Hallo sagen.", timeout=WAIT)

        driver.switch_to.window(show)
        _press(dash_duo, Keys.PAGE_DOWN)
        dash_duo.wait_for_text_to_equal(COUNTER, "2 / 3", timeout=WAIT)
        _press(dash_duo, "b")

        driver.switch_to.window(presenter)
        dash_duo.wait_for_text_to_equal(COUNTER, "2 / 3", timeout=WAIT)
        dash_duo.wait_for_text_to_equal(TITLE, "Zweite", timeout=WAIT)
        dash_duo.wait_for_text_to_equal(".presenter-notes", "Auf Wirkung zeigen.", timeout=WAIT)
        WebDriverWait(driver, WAIT).until(
            lambda _: dash_duo.find_element("#presenter-blank").is_displayed()
        )
        assert re.fullmatch(r"\d\d:\d\d", dash_duo.find_element("#presenter-timer").text)

        # The clicker's key may reach the presenter view: the show moves with it.
        _press(dash_duo, Keys.PAGE_DOWN)  # brings the picture back first
        WebDriverWait(driver, WAIT).until(
            lambda _: not dash_duo.find_element("#presenter-blank").is_displayed()
        )
        _press(dash_duo, Keys.PAGE_DOWN)
        dash_duo.wait_for_text_to_equal(COUNTER, "3 / 3", timeout=WAIT)
        dash_duo.wait_for_text_to_equal(".presenter-notes", "Keine Notizen zu dieser Folie.")
        assert dash_duo.get_logs() == []
    finally:
        driver.close()
        driver.switch_to.window(show)
    dash_duo.wait_for_text_to_equal(COUNTER, "3 / 3", timeout=WAIT)
    assert not _blanked(dash_duo)
    assert dash_duo.get_logs() == []


def _chart_drawn(dash_duo, index: int) -> bool:
    """Whether the show draws slide `index`'s chart: plotly's plot with traces, on screen."""
    return dash_duo.driver.execute_script(
        "const holder = document.querySelector('.presentation-main .presentation-graph');"
        "const plot = holder && holder.querySelector('.js-plotly-plot');"
        "if (!plot || !plot.querySelector('.main-svg')) { return false; }"
        "const box = plot.getBoundingClientRect();"
        "return JSON.parse(holder.id).index === arguments[0]"
        " && plot.data.length > 0 && box.width > 300 && box.height > 200;",
        index,
    )


@pytest.mark.console_errors(r"/praesentation - Failed to load resource")
def test_prs109_a_deck_opened_once_goes_on_when_the_server_is_gone(dash_duo, settings):
    dash_duo.start_server(create_app(settings))
    deck = encode_deck(_three_slides())
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/praesentation?folien={deck}")
    dash_duo.wait_for_text_to_equal(TITLE, "Erste", timeout=WAIT)
    WebDriverWait(dash_duo.driver, WAIT).until(
        lambda _: dash_duo.find_element(".presentation-all-kept").is_displayed()
    )
    assert not dash_duo.find_element(".presentation-offline").is_displayed()

    dash_duo.server.stop()
    WebDriverWait(dash_duo.driver, WAIT).until(
        lambda _: dash_duo.find_element(".presentation-offline").is_displayed()
    )
    assert dash_duo.find_element(".presentation-offline").text == (
        "Verbindung unterbrochen – die Folien laufen aus dem Zwischenspeicher weiter"
    )
    for index, title in ((1, "Zweite"), (2, "Dritte")):
        _press(dash_duo, Keys.PAGE_DOWN)
        dash_duo.wait_for_text_to_equal(COUNTER, f"{index + 1} / 3", timeout=WAIT)
        dash_duo.wait_for_text_to_equal(TITLE, title, timeout=WAIT)
        WebDriverWait(dash_duo.driver, WAIT).until(
            lambda _, shown=index: _chart_drawn(dash_duo, shown)
        )
    _press(dash_duo, Keys.PAGE_UP)
    dash_duo.wait_for_text_to_equal(TITLE, "Zweite", timeout=WAIT)
    WebDriverWait(dash_duo.driver, WAIT).until(lambda _: _chart_drawn(dash_duo, 1))
