"""Cold filter changes for the load test: every change a simulated user makes is a filter
setting no user asked before in the run.

The harness writes each page's requests once, as JSON text with a placeholder where the
setting goes (`template`), and a pool of distinct settings; the locust users fill the
placeholder with the next setting of the pool (`fill`). Only the standard library: locust's
own virtualenv imports this module.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

# Stands where the query string goes in a request body: the location's `search` and `href`,
# and the stores the browser derives from the address. Plain ASCII, so that it reads the same
# inside JSON text as outside.
SEARCH_SLOT = "?netzwerkatlas-bench-setting"


def template(body: dict) -> str:
    """A request body built for SEARCH_SLOT, as the JSON text `fill` completes."""
    return json.dumps(body)


def fill(body_template: str, search: str) -> str:
    """The request body of `template` for the query string `search`."""
    return body_template.replace(SEARCH_SLOT, json.dumps(search)[1:-1])


def settings_needed(users: int, duration_s: float, think_min_s: float) -> int:
    """Enough settings that no user runs out: each user changes the filter at most once per
    shortest think time, plus the change a task in progress at the start or end makes."""
    # A zero think time is bounded by the answers' own time; half a second is far below it.
    changes_per_user = int(duration_s / max(think_min_s, 0.5)) + 2
    return users * changes_per_user


class SettingsPool:
    """Hands out each setting once, to whichever user asks next. Locust runs its users as
    greenlets of one process, and taking the next item never yields to another greenlet,
    so no two users get the same setting."""

    def __init__(self, searches: Sequence[str]) -> None:
        self._next = iter(searches)

    def take(self) -> str | None:
        """The next setting, or None when all are used."""
        return next(self._next, None)
