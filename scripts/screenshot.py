"""Screenshots of app pages in headless Debian Chromium.

Usage: .venv/bin/python scripts/screenshot.py http://127.0.0.1:8050 OUT_DIR PATH [PATH ...]
Each PATH (e.g. "/" or "/?von=2020") becomes OUT_DIR/<name>.png at 1920×1080, the size of
a projector. Browser console errors are printed, so a broken page is noticed.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def browser(width: int = 1920, height: int = 1080) -> webdriver.Chrome:
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
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def file_name(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "start"


def main(base: str, out_dir: str, paths: list[str]) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    driver = browser()
    problems = 0
    try:
        for path in paths:
            driver.get(base.rstrip("/") + path)
            WebDriverWait(driver, 30).until(
                expected_conditions.presence_of_element_located((By.ID, "main"))
            )
            WebDriverWait(driver, 30).until(
                lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-dash-is-loading='true']")
            )
            time.sleep(1.5)  # let charts finish their transitions
            height = driver.execute_script("return document.body.scrollHeight")
            driver.set_window_size(1920, max(1080, height))
            time.sleep(1.0)  # responsive charts redraw after the resize
            target = out / f"{file_name(path)}.png"
            driver.save_screenshot(str(target))
            driver.set_window_size(1920, 1080)
            errors = driver.get_log("browser")
            problems += len(errors)
            print(target, "console errors:", errors or "none")
    finally:
        driver.quit()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
