"""Load-test users for locust (run by benchmarks/run.py in its own virtualenv).

Each simulated person opens a page now and then and otherwise changes the global filters:
every change fires the page's real `/_dash-update-component` requests (the ones the
browser sends when `url.search` changes), then the person looks at the charts for a
while (`think_seconds`). Cold mode: each change is a setting no user asked before, taken
from the plan's pool; warm mode: one of the fixed settings. The plan with the requests comes
from the harness (NETZWERKATLAS_BENCH_PLAN, JSON); this file needs nothing but locust, the
standard library and benchmarks.load_pool (the harness puts the repository on PYTHONPATH).
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

from benchmarks.load_pool import SettingsPool, fill

with open(os.environ["NETZWERKATLAS_BENCH_PLAN"], encoding="utf-8") as handle:
    PLAN = json.load(handle)

# One pool for all users of this process: no setting is asked twice.
POOL = SettingsPool(PLAN["searches"])

HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip, deflate"}


class Visitor(HttpUser):
    wait_time = between(*PLAN["think_seconds"])

    def on_start(self) -> None:
        self.page = random.choice(PLAN["pages"])
        self._open(self.page)

    def _open(self, page: dict) -> None:
        self.client.get(page["path"], name="GET page", headers={"Accept-Encoding": "gzip, deflate"})
        self._post(page["route"], "router (page layout)")

    def _post(self, body: dict | str, name: str) -> None:
        with self.client.post(
            "/_dash-update-component",
            data=body if isinstance(body, str) else json.dumps(body),
            headers=HEADERS,
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 204):
                response.failure(f"HTTP {response.status_code}")

    @task(4)
    def change_filter(self) -> None:
        if PLAN["mode"] == "cold":
            self._change_to_new_setting()
            return
        requests = random.choice(self.page["requests"])  # one filter combination
        for name, body in requests:
            self._post(body, f"{self.page['name']}: {name}")

    def _change_to_new_setting(self) -> None:
        search = POOL.take()
        if search is None:
            # Counted as a failure: a run whose pool ran dry was not all cold.
            self.environment.events.request.fire(
                request_type="POOL",
                name="cold settings used up",
                response_time=0,
                response_length=0,
                exception=RuntimeError("the plan's pool of settings ran dry"),
                context={},
            )
            return
        for name, body_template in self.page["templates"]:
            self._post(fill(body_template, search), f"{self.page['name']}: {name}")

    @task(1)
    def open_other_page(self) -> None:
        self.page = random.choice(PLAN["pages"])
        self._open(self.page)
        self.change_filter()
