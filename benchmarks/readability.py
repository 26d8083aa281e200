"""Readable and never frozen: every page at national scale, as a user on a laptop or a
projector sees it, in headless Debian Chromium.

Usage (the app already running on the national sample, e.g.
`DATABASE_URL=sqlite:////tmp/large.db PORT=8062 python app.py`):

    python -m benchmarks.readability http://127.0.0.1:8062 --out benchmarks/results-readability.json \
        --screenshots docs/screenshots/national

Per page and window size (1280×720 and 1920×1080) it measures:
- the longest main-thread task (PerformanceObserver "longtask") while the page loads, and
  after each of the page's main interactions, with the time until the page settled (no
  callback busy, no long task for half a second);
- where the main chart starts and how much of it is visible without scrolling;
- how far the page is wider than the window, and tables wider than their card or with a
  header word cut;
- pairs of chart text labels whose boxes overlap (tick labels, legend, annotations and
  texts on points; each chart on its own), and charts whose mode bar lies over their
  plotting area or a label.
A screenshot of each page and size is saved. Numbers are from one run: the longest task is
what a user feels, a median would hide it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.browser import make_driver

LONG_TASKS = """
window.__longTasks = [];
try {
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      window.__longTasks.push([entry.startTime, entry.duration]);
    }
  }).observe({type: 'longtask', buffered: true});
} catch (error) {}
"""

# The longest callback request since a moment: the server's share of the wait (answers
# never asked before are computed, not read from a cache).
SLOWEST_ANSWER = """
const calls = performance.getEntriesByType('resource')
  .filter(e => e.name.indexOf('_dash-update-component') >= 0 && e.startTime >= arguments[0]);
return Math.round(Math.max(0, ...calls.map(e => e.responseEnd - e.startTime)));
"""

BUSY = "return Boolean(document.querySelector('[data-dash-is-loading=\"true\"]'));"

LAYOUT = """
const W = document.documentElement.clientWidth, H = window.innerHeight;
const chart = document.querySelector('#main .js-plotly-plot');
const box = chart ? chart.getBoundingClientRect() : null;
// A label's four corners on screen: its own box through its transform, so a tick label
// turned by 45 degrees is a turned rectangle, not the upright box around it.
function corners(el) {
  const b = el.getBBox(), m = el.getScreenCTM();
  return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
    .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
}
// Separating axis test of two convex quadrilaterals, with a pixel of tolerance.
function overlap(p, q) {
  for (const poly of [p, q]) {
    for (let i = 0; i < 4; i++) {
      const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4];
      const nx = y2 - y1, ny = x1 - x2, len = Math.hypot(nx, ny) || 1;
      const proj = pts => pts.map(([x, y]) => (x * nx + y * ny) / len);
      const a = proj(p), b = proj(q);
      if (Math.min(...a) >= Math.max(...b) - 1 || Math.min(...b) >= Math.max(...a) - 1) return false;
    }
  }
  return true;
}
const overlaps = [];
for (const plot of document.querySelectorAll('#main .js-plotly-plot')) {
  const texts = Array.from(plot.querySelectorAll(
      'g.xtick text, g.ytick text, text.legendtext, g.annotation text, text.textpoint, '
      + 'g.textpoint text, g.slicetext text, text.cbtitle, g.colorbar text, text.heatmap-label'))
    .filter(el => (el.textContent || '').trim() && el.getBoundingClientRect().width > 0)
    .map(el => [el.textContent.trim(), corners(el)]);
  for (let i = 0; i < texts.length; i++) {
    for (let j = 0; j < i; j++) {
      if (overlap(texts[i][1], texts[j][1])) {
        overlaps.push([plot.closest('[id]') && plot.closest('[id]').id, texts[i][0], texts[j][0]]);
      }
    }
  }
}
// The mode bar (shown on hover, laid out always) over the plotting area or a label.
const toolbar = [];
for (const plot of document.querySelectorAll('#main .js-plotly-plot')) {
  const bar = plot.querySelector('.modebar');
  if (!bar) continue;
  const b = bar.getBoundingClientRect();
  const hit = r => r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top;
  const covered = Array.from(plot.querySelectorAll(
      '.nsewdrag, text.legendtext, g.xtick text, g.ytick text, g.annotation text, text.textpoint, g.textpoint text'))
    .filter(el => hit(el.getBoundingClientRect()));
  if (covered.length) {
    const first = covered[0];
    toolbar.push([plot.closest('[id]') && plot.closest('[id]').id,
                  first.getAttribute('class') || first.textContent]);
  }
}
// Tables wider than their card (scrolled sideways) and header words cut in the middle.
const cut = [];
for (const box of document.querySelectorAll('#main .table-responsive')) {
  const table = box.querySelector('table[id]');
  if (box.scrollWidth > box.clientWidth + 1) cut.push([table ? table.id : 'table', box.scrollWidth - box.clientWidth]);
}
for (const text of document.querySelectorAll('#main .ag-header-cell-text')) {
  if (text.scrollWidth > text.clientWidth + 1) cut.push([text.textContent, text.scrollWidth - text.clientWidth]);
}
return {
  overflow_px: document.documentElement.scrollWidth - W,
  cut_tables: cut.length,
  cut_examples: cut.slice(0, 3),
  toolbar_overlaps: toolbar.length,
  toolbar_examples: toolbar.slice(0, 3),
  chart_top_px: box ? Math.round(box.top + window.scrollY) : null,
  chart_visible_px: box ? Math.max(0, Math.round(Math.min(H, box.bottom) - Math.max(0, box.top))) : null,
  overlaps: overlaps.length,
  overlap_examples: overlaps.slice(0, 3),
};
"""


def _click(selector: str) -> Callable:
    def act(driver) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        element = driver.find_element("css selector", selector)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        ActionChains(driver).move_to_element(element).pause(0.2).click().perform()

    return act


def _script(source: str) -> Callable:
    def act(driver) -> None:
        driver.execute_script(source)

    return act


ZOOM_IN = (
    "const gd = document.querySelector('#map-graph .js-plotly-plot');"
    "Plotly.relayout(gd, {'map.center': {lat: 51.23, lon: 6.78}, 'map.zoom': 8.5});"
)

# Page, address, and its main interactions (name, action).
PAGES: list[tuple[str, str, list[tuple[str, Callable]]]] = [
    ("uebersicht", "/?hintergrund=ohne", []),
    ("karte", "/karte?hintergrund=ohne", [("Hineinzoomen (Düsseldorf)", _script(ZOOM_IN))]),
    (
        "teilnahme",
        "/teilnahme",
        [
            (
                "Zählen nach: Akteure",
                _click("label[for='_dbcprivate_radioitems_attendance-metric_input_actors']"),
            )
        ],
    ),
    (
        "themen",
        "/themen",
        [
            (
                "Zählen nach: Personen",
                _click("label[for='_dbcprivate_radioitems_topics-metric_input_headcount']"),
            )
        ],
    ),
    (
        "netzwerk",
        "/netzwerk",
        [
            (
                "Klick auf eine Gemeinschaft",
                _click("#network-graph .scatterlayer .trace:last-child .point"),
            )
        ],
    ),
    ("vergleich", "/vergleich", []),
    ("akteur", "/akteur/pirmasens?hintergrund=ohne", []),
    ("praesentation", "/praesentation", []),
    ("daten", "/daten", []),
]
# Pages without a chart of their own: an empty deck, and the data page (to an anonymous
# visitor, who is asked to log in).
WITHOUT_CHART = frozenset({"praesentation", "daten"})
SIZES = ((1280, 720), (1920, 1080))
WARM_UP = "/akteur/langenfeld?hintergrund=ohne"
SETTLE_QUIET_S = 0.5
TIMEOUT_S = 60.0


def settle(driver, since: float) -> tuple[float, float]:
    """Wait until no callback is busy and no long task came for SETTLE_QUIET_S; (settled
    after ms, longest task ms) counted from `since` (performance.now())."""
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        busy = driver.execute_script(BUSY)
        tasks = driver.execute_script("return window.__longTasks || [];")
        now = driver.execute_script("return performance.now();")
        recent = [start + duration for start, duration in tasks if start + duration > since]
        last = max(recent, default=since)
        if not busy and now - last >= SETTLE_QUIET_S * 1000:
            longest = max((d for s, d in tasks if s + d > since), default=0.0)
            return round(last - since, 1), round(longest, 1)
        time.sleep(0.1)
    tasks = driver.execute_script("return window.__longTasks || [];")
    return float("inf"), round(max((d for s, d in tasks if s + d > since), default=0.0), 1)


def measure_page(driver, base: str, name: str, path: str, interactions, shot: Path | None) -> dict:
    driver.get(base.rstrip("/") + path)
    deadline = time.monotonic() + (0 if name in WITHOUT_CHART else TIMEOUT_S)
    while time.monotonic() < deadline:
        state = driver.execute_script("return window.__netzwerkatlasBench || {};") or {}
        if state.get("all") is not None:
            break
        time.sleep(0.1)
    load_settled, load_longest = settle(driver, 0.0)
    layout = driver.execute_script(LAYOUT)
    if shot is not None:
        driver.save_screenshot(str(shot))
    result = {"load_settled_ms": load_settled, "load_longest_task_ms": load_longest, **layout}
    result["interactions"] = []
    # Every page also switches its language: all texts of all charts are drawn anew.
    for label, act in [*interactions, ("English", _click("a.lang-switch"))]:
        since = driver.execute_script("return performance.now();")
        try:
            act(driver)
        except Exception as error:  # a broken interaction is a finding, not a crash
            result["interactions"].append({"name": label, "problem": str(error)[:200]})
            continue
        settled, longest = settle(driver, since)
        result["interactions"].append(
            {
                "name": label,
                "settled_ms": settled,
                "longest_task_ms": longest,
                "slowest_answer_ms": driver.execute_script(SLOWEST_ANSWER, since),
            }
        )
    return result


def run(base: str, screenshots: Path | None, only: frozenset[str] | None = None) -> dict:
    results: dict = {}
    for width, height in SIZES:
        driver = make_driver(width, height)
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LONG_TASKS})
        try:
            # The first navigation of a browser compiles the app's JavaScript, and its first
            # chart and map compile plotly's and the map library's: once per browser, not a
            # page's cost, so a page of no interest (another actor's profile) takes it.
            driver.get(base.rstrip("/") + WARM_UP)
            settle(driver, 0.0)
            for name, path, interactions in PAGES:
                if only and name not in only:
                    continue
                shot = screenshots / f"{name}-{width}.png" if screenshots else None
                results.setdefault(name, {})[f"{width}x{height}"] = measure_page(
                    driver, base, name, path, interactions, shot
                )
                print(name, width, json.dumps(results[name][f"{width}x{height}"]), flush=True)
        finally:
            driver.quit()
    return results


def _longest(entry: dict) -> float:
    """The longest task of a page at one size: on load or after any interaction."""
    tasks = [entry.get("load_longest_task_ms", 0.0)]
    tasks += [step.get("longest_task_ms", 0.0) for step in entry.get("interactions", [])]
    return max(tasks)


def table(results: dict, before: dict | None = None) -> str:
    """A markdown table of the results (and of an earlier run beside them)."""
    lines = [
        "| Page | Size | Longest task (load / after clicks) |"
        " Settled after the slowest click (its slowest answer) |"
        " Chart top / visible | Wider than window | Overlapping labels | Toolbar over chart |"
        " Tables cut |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for page, sizes in results.items():
        for size, entry in sizes.items():
            steps = entry.get("interactions", [])
            after = max((step.get("longest_task_ms", 0.0) for step in steps), default=0.0)
            slowest = max(steps, key=lambda step: step.get("settled_ms", 0.0), default={})
            settled = slowest.get("settled_ms", 0.0)
            answer = slowest.get("slowest_answer_ms")
            longest = f"{entry['load_longest_task_ms']:.0f} / {after:.0f} ms"
            if before and size in before.get(page, {}):
                longest += f" (before: {_longest(before[page][size]):.0f} ms)"
            lines.append(
                f"| {page} | {size} | {longest} | {settled:.0f} ms"
                + (f" ({answer:.0f} ms)" if answer is not None else "")
                + " | "
                f"{entry['chart_top_px']} / {entry['chart_visible_px']} px | "
                f"{entry['overflow_px']} px | {entry['overlaps']} | "
                f"{entry.get('toolbar_overlaps', 'not measured')} | "
                f"{entry.get('cut_tables', 'not measured')} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", nargs="?", help="URL of the running app (national sample)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results-readability.json"))
    parser.add_argument("--screenshots", type=Path, default=None)
    parser.add_argument("--table", type=Path, help="print the table of a results file, run nothing")
    parser.add_argument("--before", type=Path, help="an earlier results file, shown beside")
    parser.add_argument("--pages", help="comma-separated page names to measure (default: all)")
    args = parser.parse_args(argv)
    if args.table:
        before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else None
        print(table(json.loads(args.table.read_text(encoding="utf-8")), before))
        return 0
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    only = frozenset(args.pages.split(",")) if args.pages else None
    results = run(args.base, args.screenshots, only)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
