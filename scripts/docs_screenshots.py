"""Screenshots of every page for the README, made from a fresh seeded database.

Usage: .venv/bin/python scripts/docs_screenshots.py [OUT_DIR]   (default docs/screenshots)

Starts the app on a temporary SQLite database (created and seeded like a first start, with
OFFLINE set so the map shows the tile-free basemap that needs no network), logs in a
temporary editor for /daten and writes OUT_DIR/<page>.png at 1920×1080 (the projector size)
for every registered page. Console errors are printed and make the exit status 1.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import threading
import time
from pathlib import Path

import dash
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

# These modules are found only through the two sys.path lines above.
from screenshot import browser  # noqa: E402 - needs the sys.path lines above

from dashboard import create_app  # noqa: E402 - needs the sys.path lines above
from dashboard.config import Settings  # noqa: E402 - needs the sys.path lines above
from dashboard.db import accounts  # noqa: E402 - needs the sys.path lines above
from dashboard.db.engine import make_engine  # noqa: E402 - needs the sys.path lines above

EDITOR, PASSWORD = "doku", "nur für die Screenshots der Doku"
ACTOR = "pirmasens"  # documented in the 2017 report
EVENT = "2017-duesseldorf"  # the event the report documents
# Page parameters that show a page as it is used rather than empty.
EXAMPLE_QUERY = {"/vergleich": "?akteure=pirmasens,langenfeld-rheinland,hannover"}
SKIPPED = {"/404"}


def page_urls() -> dict[str, str]:
    """File name → path with query, for every registered page."""
    urls = {}
    for page in dash.page_registry.values():
        path = page.get("path_template") or page["path"]
        if path in SKIPPED:
            continue
        path = path.replace("<actor_id>", ACTOR).replace("<event_id>", EVENT)
        name = path.strip("/").split("/")[0] or "uebersicht"
        urls[name] = path + EXAMPLE_QUERY.get(path, "")
    return urls


def wait_until_drawn(driver) -> None:
    wait = WebDriverWait(driver, 60)
    wait.until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#main, .presentation"))
    )
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-dash-is-loading='true']"))
    wait.until(
        lambda d: all(
            d.execute_script("return !!arguments[0]._fullLayout", plot)
            for plot in d.find_elements(By.CSS_SELECTOR, ".js-plotly-plot")
        )
    )
    time.sleep(2.0)  # chart transitions and map tiles of the basemap layers


def log_in(driver, base: str) -> None:
    driver.get(base + "/login")
    WebDriverWait(driver, 60).until(
        expected_conditions.presence_of_element_located((By.ID, "login-name"))
    )
    driver.find_element(By.ID, "login-name").send_keys(EDITOR)
    driver.find_element(By.ID, "login-password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login-submit").click()
    WebDriverWait(driver, 60).until(lambda d: "/login" not in d.current_url)


def capture(driver, base: str, url: str, target: Path) -> int:
    """Save one page; returns the number of console errors it logged."""
    driver.get(base + url)
    wait_until_drawn(driver)
    driver.save_screenshot(str(target))
    errors = [entry["message"] for entry in driver.get_log("browser")]
    print(target, url, "console errors:", errors or "none")
    return len(errors)


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            database_url=f"sqlite:///{Path(tmp) / 'docs.db'}",
            offline=True,
            secret_key="docs-screenshots",
        )
        app = create_app(settings)
        engine = make_engine(settings.database_url)
        with engine.begin() as connection:
            accounts.create_user(connection, EDITOR, PASSWORD, "editor")
        engine.dispose()
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
        server = make_server("127.0.0.1", 0, app.server, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        driver = browser(1920, 1080)
        # --window-size counts the (invisible) window frame; the page itself gets 1920×1080.
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False},
        )
        problems = 0
        try:
            urls = page_urls()
            # /login while logged out; then every other page as the editor (/daten needs one).
            problems += capture(driver, base, urls.pop("login"), out / "login.png")
            log_in(driver, base)
            for name, url in urls.items():
                problems += capture(driver, base, url, out / f"{name}.png")
        finally:
            driver.quit()
            server.shutdown()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "docs" / "screenshots")))
