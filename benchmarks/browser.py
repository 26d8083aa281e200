"""Time from navigation to the first chart drawn, in headless Debian Chromium (selenium).

A script injected before any page script runs (DevTools `Page.addScriptToEvaluateOnNewDocument`)
watches the document every 10 ms and notes `performance.now()` (milliseconds since the
navigation started) when the first plotly chart with at least one trace is drawn, and when
every graph on the page is drawn and no dcc.Loading is busy any more. Each navigation is a
full page load (`driver.get`), like opening a link.
"""

from __future__ import annotations

import statistics
import time

WATCH = """
(function () {
  const state = {first: null, all: null};
  window.__netzwerkatlasBench = state;
  function drawn(el) {
    return Array.isArray(el.data) && el.data.length > 0 && el._fullLayout && el.querySelector('.main-svg');
  }
  const timer = setInterval(function () {
    const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
    const done = plots.filter(drawn).length;
    if (state.first === null && done > 0) { state.first = performance.now(); }
    const graphs = document.querySelectorAll('.dash-graph').length;
    const busy = document.querySelector('[data-dash-is-loading="true"]');
    if (state.first !== null && !busy && done >= graphs) { state.all = performance.now(); clearInterval(timer); }
  }, 10);
})();
"""

# Where the time went: the document's DOMContentLoaded, and start/end of every callback request.
TIMING = """
const nav = performance.getEntriesByType('navigation')[0];
const calls = performance.getEntriesByType('resource')
  .filter(e => e.name.indexOf('_dash-update-component') >= 0)
  .map(e => [e.startTime, e.responseEnd]);
return {dom: nav ? nav.domContentLoadedEventEnd : null, callbacks: calls};
"""

CHROMIUM = "/usr/bin/chromium"
SLOW_MS = 15_000
CHROMEDRIVER = "/usr/bin/chromedriver"


def make_driver(width: int = 1920, height: int = 1080):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(10)
    driver.set_page_load_timeout(120)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    return driver


def _script(driver, script: str) -> dict | None:
    """Run `script`; None while the page's main thread is too busy to answer (a huge figure
    being drawn blocks it), instead of failing the measurement."""
    from selenium.common.exceptions import WebDriverException

    try:
        return driver.execute_script(script) or {}
    except WebDriverException:
        return None


def navigate(driver, url: str, timeout_s: float) -> dict:
    from selenium.common.exceptions import WebDriverException

    started = time.monotonic()
    deadline = started + timeout_s
    problem = None
    try:
        driver.get(url)
    except WebDriverException as error:  # page load timeout: the document itself did not load
        problem = f"navigation: {error.msg if hasattr(error, 'msg') else error}"
    state = {}
    while problem is None and time.monotonic() < deadline:
        state = _script(driver, "return window.__netzwerkatlasBench || {};") or state
        if state.get("all") is not None:
            break
        time.sleep(0.05)
    timing = _script(driver, TIMING) or {}
    try:
        errors = [entry.get("message", "") for entry in driver.get_log("browser")]
    except WebDriverException:
        errors = []
    first = None if state.get("first") is None else round(float(state["first"]), 1)
    callbacks = [end for start, end in timing.get("callbacks", []) if first is None or end <= first]
    return {
        "first_chart_ms": first,
        "all_charts_ms": None if state.get("all") is None else round(float(state["all"]), 1),
        "dom_content_loaded_ms": _round(timing.get("dom")),
        "callback_requests": len(timing.get("callbacks", [])),
        "callbacks_answered_before_first_chart_ms": _round(max(callbacks)) if callbacks else None,
        "console_errors": errors,
        "problem": problem,
    }


def _round(value):
    return None if value is None else round(float(value), 1)


def time_pages(
    base: str, pages: list[tuple[str, str]], repeats: int, timeout_s: float = 60.0, restart=None
) -> dict:
    """{page name: {first_chart_ms (median), all_charts_ms (median), runs, cold_first_chart_ms}}.

    The first navigation of the session loads the JavaScript bundles (cold browser cache);
    it is reported on its own and not in the medians.
    """
    try:
        driver = make_driver()
    except Exception as error:  # no chromium / driver on this machine
        return {"error": f"browser not available: {error}"}
    results: dict = {}
    try:
        cold = navigate(driver, base.rstrip("/") + (pages[0][1] if pages else "/"), timeout_s)
        results["_cold_first_navigation"] = {"page": pages[0][0] if pages else "/", **cold}
        for name, path in pages:
            try:
                results[name] = _time_page(driver, base, path, repeats, timeout_s)
            except Exception as error:  # one broken page does not end the measurement
                results[name] = {
                    "path": path,
                    "first_chart_ms": None,
                    "all_charts_ms": None,
                    "runs": [],
                    "console_errors": [],
                    "note": f"failed: {error!r}"[:300],
                }
            if restart is not None and results[name]["all_charts_ms"] is None:
                driver.get("about:blank")
                restart()  # its unfinished callbacks would slow down the next pages
    finally:
        driver.quit()
    return results


def _time_page(driver, base: str, path: str, repeats: int, timeout_s: float) -> dict:
    runs = []
    for _ in range(repeats):
        runs.append(navigate(driver, base.rstrip("/") + path, timeout_s))
        slow = runs[-1]["all_charts_ms"]
        if slow is None or slow > SLOW_MS:  # a page this slow is not timed again
            break
    firsts = [r["first_chart_ms"] for r in runs if r["first_chart_ms"] is not None]
    alls = [r["all_charts_ms"] for r in runs if r["all_charts_ms"] is not None]
    return {
        "path": path,
        "first_chart_ms": round(statistics.median(firsts), 1) if firsts else None,
        "all_charts_ms": round(statistics.median(alls), 1) if alls else None,
        "runs": [{k: v for k, v in r.items() if k != "console_errors"} for r in runs],
        "console_errors": sorted({e for r in runs for e in r["console_errors"]})[:5],
        "note": None
        if firsts
        else (runs[-1].get("problem") or f"no chart drawn within {timeout_s:.0f} s"),
    }
