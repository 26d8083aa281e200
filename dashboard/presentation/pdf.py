"""A whole deck as one PDF, made on the server: each slide drawn by kaleido with Debian's
chromium (kaleido never downloads a browser of its own here), the one-page PDFs joined
with pypdf. The Steckbrief is drawn the same way, its charts placed on its one page.
Nothing is fetched from outside: plotly.js comes from the installed plotly package, MathJax
is switched off, and the maps use the tile-free basemap with the outlines passed in the
figure.

Rendering is costly (a chromium, about a second per slide), so it is bounded per process:
`PdfRenderer` keeps one browser open between decks (with `SLOTS` tabs) and lets at most
`SLOTS` decks be made at once; a request that finds every slot taken waits up to `WAIT_S`
and is then told to come back (RendererBusy). With gunicorn every worker process has its
own renderer, so the bound for a server is SLOTS × workers (sync workers make one deck at a
time each anyway). The browser closes after `IDLE_S` without a deck and at exit.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from io import BytesIO

import kaleido
import plotly.graph_objects as go
from pypdf import PdfReader, PdfWriter, Transformation

from dashboard.figures.presentation import PAGE_HEIGHT, PAGE_WIDTH

DEFAULT_CHROMIUM = "/usr/bin/chromium"
PDF_MEDIA_TYPE = "application/pdf"
SLOTS = 2
WAIT_S = 60.0
IDLE_S = 300.0
CLOSE_WAIT_S = 10.0
EXIT_WAIT_S = 2.0


class RendererBusy(RuntimeError):
    """Every slot stayed taken for WAIT_S."""


def browser_path() -> str:
    """BROWSER_PATH (kaleido's and choreographer's own setting) or Debian's chromium."""
    return os.environ.get("BROWSER_PATH") or DEFAULT_CHROMIUM


def place_pages(
    base: bytes, placed: Sequence[tuple[bytes, float, float]], base_width: float
) -> bytes:
    """`base` (a one-page PDF drawn `base_width` px wide) with each (one-page PDF, left px,
    top px) drawn on it, in order: a page composed of figures drawn at their own sizes."""
    writer = PdfWriter(clone_from=BytesIO(base))
    page = writer.pages[0]
    scale = float(page.mediabox.width) / base_width  # PDF points per px
    top = float(page.mediabox.top)
    for part, left, upper in placed:
        overlay = PdfReader(BytesIO(part)).pages[0]
        height = float(overlay.mediabox.height)
        page.merge_transformed_page(
            overlay, Transformation().translate(left * scale, top - upper * scale - height)
        )
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def join_pages(pages: Sequence[bytes]) -> bytes:
    """One PDF of the one-page PDFs, in order."""
    writer = PdfWriter()
    for page in pages:
        writer.append(PdfReader(BytesIO(page)))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


class PdfRenderer:
    """One long-lived chromium for this process and at most `slots` decks at a time.

    The browser lives on an event loop in a thread of its own; request threads hand it
    their figures and wait for the pages. `decks` (decks started), `peak` (most decks at
    once) and `browsers` (browsers started) are counted for the tests and the benchmark.
    """

    def __init__(self, slots: int = SLOTS, wait_s: float = WAIT_S, idle_s: float = IDLE_S) -> None:
        self._slots = threading.BoundedSemaphore(slots)
        self._tabs = slots
        self._wait_s = wait_s
        self._idle_s = idle_s
        self._counts = threading.Lock()
        self._loop_lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        # Touched only on the loop's thread:
        self._browser: kaleido.Kaleido | None = None
        self._browser_lock = asyncio.Lock()
        self._using = 0
        self._broken = False
        self._idle_timer: asyncio.TimerHandle | None = None
        self.active = 0
        self.peak = 0
        self.decks = 0
        self.browsers = 0

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the slots while a deck is made (its figures built and drawn)."""
        if not self._slots.acquire(timeout=self._wait_s):
            raise RendererBusy()
        with self._counts:
            self.active += 1
            self.decks += 1
            self.peak = max(self.peak, self.active)
        try:
            yield
        finally:
            with self._counts:
                self.active -= 1
            self._slots.release()

    def pdf(self, figures: Sequence[go.Figure]) -> bytes:
        """One PDF with one slide-sized page per figure, in order. Call it inside `slot()`."""
        return join_pages(self.pages([(figure, PAGE_WIDTH, PAGE_HEIGHT) for figure in figures]))

    def pages(self, sized: Sequence[tuple[go.Figure, int, int]]) -> list[bytes]:
        """A one-page PDF of each (figure, width px, height px), in order. Call it inside
        `slot()`."""
        future = asyncio.run_coroutine_threadsafe(self._pages(sized), self._running_loop())
        return future.result()

    def close(self, wait_s: float = CLOSE_WAIT_S) -> None:
        """Close the browser now (it opens again for the next deck)."""
        if self._loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._close_browser(), self._loop).result(wait_s)
        except Exception:
            # At interpreter exit the thread pools choreographer closes with are gone already.
            self._kill_browser()

    def _kill_browser(self) -> None:
        process = getattr(self._browser, "subprocess", None)
        if process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(
                    process.pid, signal.SIGKILL
                )  # chromium runs in a process group of its own

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._loop_lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, name="pdf-renderer", daemon=True).start()
                self._loop = loop
                # A chromium left behind would outlive the worker.
                atexit.register(self.close, EXIT_WAIT_S)
            return self._loop

    async def _pages(self, sized: Sequence[tuple[go.Figure, int, int]]) -> list[bytes]:
        async with self._browser_lock:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
            if self._browser is None:
                browser = kaleido.Kaleido(n=self._tabs, path=browser_path(), mathjax=False)
                await browser.open()
                self._browser = browser
                self.browsers += 1
            self._using += 1
        try:
            return [
                await self._browser.calc_fig(
                    figure, opts={"format": "pdf", "width": width, "height": height}
                )
                for figure, width, height in sized
            ]
        except Exception:
            # Perhaps the browser died: start a fresh one once no other deck is using it.
            self._broken = True
            raise
        finally:
            self._using -= 1
            if self._using == 0:
                if self._broken:
                    await self._close_browser(when_idle=True)
                else:
                    self._idle_timer = asyncio.get_running_loop().call_later(
                        self._idle_s,
                        lambda: asyncio.ensure_future(self._close_browser(when_idle=True)),
                    )

    async def _close_browser(self, when_idle: bool = False) -> None:
        async with self._browser_lock:
            if when_idle and self._using:  # a deck started meanwhile
                return
            browser, self._browser, self._broken = self._browser, None, False
            if browser is not None:
                await browser.close()
