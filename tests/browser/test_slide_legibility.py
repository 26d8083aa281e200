"""Every slide reads at the back of a hall: a deck of every chart a slide can show, at a
projector's 1280×720 and at 1920×1080, measured in Chromium slide by slide. No text on the
slide (its HTML title, filter line and key figures, and every label plotly draws: ticks,
legend, axis and colour bar titles, annotations, labels on the chart) is under 18 px as
drawn, and no legend, colour bar or label reaches out of its chart, nor the slide out of the
window. Hover labels are not measured: they are not on the screen until a pointer asks."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import create_app
from dashboard.presentation.deck import SLIDE_CHARTS, Deck, encode_deck, slide_from_href

WAIT = 40
SIZES = ((1280, 720), (1920, 1080))
SMALLEST_PX = 18
# Where each kind of slide points (an actor for /akteur, three actors to compare).
HREFS = {
    "/akteur": "/akteur/pirmasens",
    "/veranstaltung": "/veranstaltung/2025-magdeburg",  # a sample event with an evaluation
    "/vergleich": "/vergleich?akteure=pirmasens,mannheim,hannover",
}

# The slide shown, measured in the page: is it drawn, and what falls short or sticks out.
MEASURE = """
const index = arguments[0], smallest = arguments[1];
const slide = document.querySelector('.presentation-main .presentation-slide');
const holder = slide && slide.querySelector('.presentation-graph');
const plot = holder && holder.querySelector('.js-plotly-plot');
if (!plot || !plot._fullLayout || JSON.parse(holder.id).index !== index) { return null; }
const plotBox = plot.getBoundingClientRect(), holderBox = holder.getBoundingClientRect();
if (Math.abs(plotBox.width - holderBox.width) > 2 || Math.abs(plotBox.height - holderBox.height) > 2) {
    return null;  // the responsive plot has not taken its container's size yet
}
const shown = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
    && el.getBoundingClientRect().width > 0;
const ownText = el => Array.from(el.childNodes)
    .filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim();
const name = el => (el.getAttribute('class') || el.tagName) + ': ' + el.textContent.trim().slice(0, 40);
const inside = (box, outer) => box.left >= outer.left - 1 && box.right <= outer.right + 1
    && box.top >= outer.top - 1 && box.bottom <= outer.bottom + 1;
const small = [], outside = [];
// Plotly's own text (the hover layer only shows under a pointer): the size as drawn, the
// font size times the scale of the SVG transforms above it.
for (const el of plot.querySelectorAll('text, tspan')) {
    if (el.closest('.hoverlayer') || !ownText(el) || !shown(el)) { continue; }
    const ctm = el.getScreenCTM();
    const px = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(ctm.a, ctm.b);
    if (px < smallest - 0.01) { small.push(name(el) + ' ' + px.toFixed(1) + ' px'); }
    if (!inside(el.getBoundingClientRect(), plotBox)) { outside.push(name(el)); }
}
// The HTML around the chart (title, filter line, key figures) and any HTML in the chart.
for (const el of slide.querySelectorAll('*')) {
    if (el instanceof SVGElement || !ownText(el) || !shown(el)) { continue; }
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < smallest - 0.01) { small.push(name(el) + ' ' + px.toFixed(1) + ' px'); }
    if (!inside(el.getBoundingClientRect(), slide.getBoundingClientRect())) { outside.push(name(el)); }
}
for (const box of plot.querySelectorAll('.legend > .bg, .colorbar')) {
    if (shown(box) && !inside(box.getBoundingClientRect(), plotBox)) { outside.push(name(box)); }
}
// A legend taller than the chart scrolls: some of its entries are not on the screen.
const scrolled = Array.from(plot.querySelectorAll('.legend .scrollbar'))
    .some(bar => bar.getBoundingClientRect().height > 0);
const bar = document.querySelector('.presentation-bar').getBoundingClientRect();
return {
    small: small, outside: outside, legendScrolls: scrolled,
    slideFits: slide.scrollHeight <= slide.clientHeight + 1 && slide.getBoundingClientRect().bottom <= bar.top + 1,
    chartHeight: Math.round(plotBox.height), title: slide.querySelector('h1').textContent
};
"""


def _every_chart() -> Deck:
    slides = [
        slide_from_href(HREFS.get(kind, kind), chart)
        for kind, charts in SLIDE_CHARTS.items()
        for chart in charts
    ]
    return Deck(name="Alle Folienarten", slides=tuple(slide for slide in slides if slide))


@pytest.fixture
def window(dash_duo):
    """Set the window's size as a projector has it; taken back after the test (the browser
    is shared with other tests)."""

    def resize(width: int, height: int) -> None:
        dash_duo.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    yield resize
    dash_duo.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_prs110_every_slide_reads_at_the_back_of_a_hall(dash_duo, settings, window):
    deck = _every_chart()
    assert len(deck.slides) == sum(len(charts) for charts in SLIDE_CHARTS.values())
    dash_duo.start_server(create_app(settings))
    problems = []
    for width, height in SIZES:
        window(width, height)
        dash_duo.wait_for_page(
            url=f"{dash_duo.server_url}/praesentation?folien={encode_deck(deck)}"
        )
        for index in range(len(deck.slides)):
            if index:
                dash_duo.find_element("body").send_keys(Keys.PAGE_DOWN)
            found = WebDriverWait(dash_duo.driver, WAIT).until(
                lambda driver, shown=index: driver.execute_script(MEASURE, shown, SMALLEST_PX)
            )
            where = f"{width}×{height} slide {index + 1} ({found['title']})"
            problems += [f"{where}: under {SMALLEST_PX} px: {text}" for text in found["small"]]
            problems += [f"{where}: out of its box: {text}" for text in found["outside"]]
            if found["legendScrolls"]:
                problems.append(f"{where}: the legend scrolls")
            if not found["slideFits"]:
                problems.append(f"{where}: the slide is taller than the window")
            if found["chartHeight"] < height * 0.35:
                problems.append(f"{where}: the chart is {found['chartHeight']} px high")
    assert problems == []
    assert dash_duo.get_logs() == []
