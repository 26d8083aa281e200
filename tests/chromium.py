"""One Chromium per test process, lent to each browser test and reset when it comes back.

Starting Chromium and its driver costs about a second per test; a browser test only needs a
browser that remembers nothing of the previous test. Every test server listens on a port of
its own, so local storage and permissions (kept per origin) never carry over; what is kept
per browser (cookies, extra windows, window size, the console log, the download folder) is
reset here.
"""

from __future__ import annotations

from collections.abc import Callable

from dash.testing.composite import DashComposite
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver

WINDOW_SIZE = (1600, 1200)


class Chromium:
    """The process's browser: started when first borrowed, started again if a test broke it."""

    def __init__(self, start: Callable[[], WebDriver]) -> None:
        self._start = start
        self._driver: WebDriver | None = None

    def borrow(self, download_path: str) -> WebDriver:
        if self._driver is None:
            self._driver = self._start()
        driver = self._driver
        driver.execute_cdp_cmd(
            "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": download_path}
        )
        driver.get_log("browser")  # what an earlier test left in the console is not this test's
        return driver

    def give_back(self) -> None:
        driver = self._driver
        if driver is None:
            return
        try:
            _reset(driver)
        except WebDriverException:
            self.quit()

    def quit(self) -> None:
        if self._driver is not None:
            try:
                self._driver.quit()
            finally:
                self._driver = None


def _reset(driver: WebDriver) -> None:
    first, *others = driver.window_handles
    for handle in others:
        driver.switch_to.window(handle)
        driver.close()
    driver.switch_to.window(first)
    driver.get("about:blank")
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.set_window_size(*WINDOW_SIZE)


class BorrowedBrowserComposite(DashComposite):
    """dash_duo on a borrowed Chromium: the same API, but leaving gives the browser back."""

    def __init__(self, server, chromium: Chromium, download_path: str, **kwargs) -> None:
        self._chromium = chromium
        self._borrowed = chromium.borrow(download_path)
        super().__init__(server, download_path=download_path, **kwargs)

    def get_webdriver(self) -> WebDriver:
        return self._borrowed

    def __exit__(self, exc_type, exc_val, traceback) -> None:
        self._chromium.give_back()
