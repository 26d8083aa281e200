"""WCAG AA contrast (4.5:1 for normal text) of the app's own colours: the text colours in
assets/*.css on the surfaces they sit on, and the chart theme's text on the chart background.
(Bootstrap's own colour pairs are Bootstrap's; links and muted text are the app's.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.figures.theme import TEXT_COLOUR, base_layout, empty_figure

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
AA_TEXT = 4.5
WHITE = "#ffffff"  # cards, the filter bar, chart backgrounds
NAVBAR = "#212529"  # Bootstrap's bg-dark, the navbar's background

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_DECLARATION = re.compile(r"([\w-]+)\s*:\s*([^;]+)")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def _rgb(colour: str) -> tuple[float, float, float]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _luminance(colour: str) -> float:
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _stylesheets() -> list[Path]:
    """The stylesheets of the app's light theme. The slide show (presentation.css) paints
    its own black and white surfaces, nested inside each other, so its pairs cannot be
    told from the selectors alone; it is not part of this check."""
    return [path for path in sorted(ASSETS.glob("*.css")) if path.name != "presentation.css"]


def _rules() -> list[tuple[str, dict[str, str]]]:
    rules = []
    for path in _stylesheets():
        css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        for selector, body in _RULE.findall(css):
            declarations = {
                name.strip(): value.strip() for name, value in _DECLARATION.findall(body)
            }
            rules.append((f"{path.name}: {selector.strip()}", declarations))
    return rules


def _variables() -> dict[str, str]:
    return {
        name: value
        for selector, declarations in _rules()
        if selector.endswith(":root")
        for name, value in declarations.items()
        if name.startswith("--")
    }


def _resolve(value: str, variables: dict[str, str]) -> str | None:
    """A hex colour from a CSS value: literal, var(--x) or var(--x, #fallback); None for
    anything else (keywords, translucent rgba overlays on a known surface)."""
    match = re.fullmatch(r"var\((--[\w-]+)(?:\s*,\s*(.+))?\)", value)
    if match:
        value = variables.get(match.group(1)) or match.group(2) or ""
    found = _HEX.fullmatch(value.strip())
    return found.group(0) if found else None


def _surfaces() -> set[str]:
    """Every opaque background the app's CSS paints, and the white of cards."""
    variables = _variables()
    found = {WHITE}
    for _selector, declarations in _rules():
        for name in ("background", "background-color"):
            colour = _resolve(declarations.get(name, ""), variables)
            if colour:
                found.add(colour)
    return found


def _text_pairs() -> list[tuple[str, str, str]]:
    """(where, text colour, background) for every text colour the CSS sets: on the rule's own
    background when it has one, in the navbar on its dark background, else on every surface."""
    variables = _variables()
    surfaces = _surfaces()
    pairs = []
    for selector, declarations in _rules():
        colour = _resolve(declarations.get("color", ""), variables)
        if not colour:
            continue
        own = _resolve(
            declarations.get("background", declarations.get("background-color", "")), variables
        )
        if own:
            backgrounds = {own}
        elif selector.split(": ", 1)[1].startswith(".navbar"):
            backgrounds = {NAVBAR}
        else:
            backgrounds = surfaces
        pairs += [(selector, colour, background) for background in sorted(backgrounds)]
    for name in ("--na-muted", "--bs-link-color", "--bs-link-hover-color"):
        pairs += [(name, variables[name], background) for background in sorted(surfaces)]
    return pairs


def test_a11y001_contrast_formula_matches_wcag_reference_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#0d6efd", "#f8f9fa") < AA_TEXT  # why the app darkens Bootstrap's link blue


def test_a11y002_css_text_colours_reach_aa_on_their_backgrounds():
    pairs = _text_pairs()
    assert len(pairs) > 10, "the CSS parser found too few colours"
    failing = [
        (where, fg, bg, round(contrast(fg, bg), 2))
        for where, fg, bg in pairs
        if contrast(fg, bg) < AA_TEXT
    ]
    assert failing == []


def test_a11y003_chart_text_reaches_aa_on_the_chart_background():
    layout = base_layout("de", title="Titel")
    for background in (layout.paper_bgcolor, layout.plot_bgcolor):
        assert contrast(layout.font.color, _hex(background)) >= AA_TEXT
    assert layout.font.color == TEXT_COLOUR
    message = empty_figure("Keine Daten", "de").layout
    assert contrast(message.annotations[0].font.color, _hex(message.paper_bgcolor)) >= AA_TEXT


def _hex(colour: str) -> str:
    return WHITE if colour == "white" else colour


def test_a11y004_outline_buttons_reach_aa_on_every_surface_and_when_filled():
    """Bootstrap's outline buttons take their colours from --bs-btn-* variables: the text
    colour on every surface, and the white text of a hovered or pressed button on its fill."""
    variables = _variables()
    surfaces = _surfaces()
    pairs = []
    for selector, declarations in _rules():
        colours = {
            name: _resolve(value, variables)
            for name, value in declarations.items()
            if name.startswith("--bs-btn-")
        }
        if colours.get("--bs-btn-color"):
            pairs += [(selector, colours["--bs-btn-color"], bg) for bg in sorted(surfaces)]
        for state in ("hover", "active"):
            text, fill = colours.get(f"--bs-btn-{state}-color"), colours.get(f"--bs-btn-{state}-bg")
            if text and fill:
                pairs.append((f"{selector} ({state})", text, fill))
    assert {selector.split(": ", 1)[1] for selector, _, _ in pairs} >= {
        ".btn-outline-primary",
        ".btn-outline-secondary",
    }
    failing = [(where, fg, bg, round(contrast(fg, bg), 2)) for where, fg, bg in pairs]
    assert [row for row in failing if row[3] < AA_TEXT] == []
