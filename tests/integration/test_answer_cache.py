"""Whole callback answers kept per data version and served again (dashboard/cache/answers.py):
real requests to `/_dash-update-component`, the overview's callback counted as it runs."""

from __future__ import annotations

import contextvars
import dataclasses
import gzip
import json

import pytest

from benchmarks import dash_protocol as dp
from dashboard import create_app
from dashboard.analysis import overview
from dashboard.config import Settings
from dashboard.web.context import EXTENSION_KEY
from tests import services
from tests.integration.db_state import run_cli

RENAMED = "Pirmasens (Südwestpfalz)"


class Client:
    """Flask's test client for one app. Each request runs in a copy of the caller's context:
    Dash sets its current app in a context variable while answering and leaves it set, so
    the next app built in this thread would otherwise add its pages' routes to this one."""

    def __init__(self, settings: Settings) -> None:
        self.app = create_app(settings)
        self.http = self.app.server.test_client()
        callbacks = dp.callbacks_from_dependencies(
            self._isolated(self.http.get, "/_dash-dependencies").get_json()
        )
        self.callbacks = callbacks
        self.router = dp.router(callbacks)

    def overview_body(self, search: str, output: str = "overview-kpis.children") -> dict:
        """The request of the overview's callback for `output`, as the browser sends it after
        loading `/{search}`."""
        page = self.post(dp.route_payload(self.router, "/", search), gzip_ok=False).get_json()
        tree = page["response"][dp.PAGES_CONTENT]["children"]
        layout = dp.Layout.from_tree(tree)
        callback = next(
            cb for cb in dp.page_callbacks(self.callbacks, layout) if output in cb.output
        )
        return dp.payload(callback, layout, "/", search, "http://localhost")

    def post(self, body: dict, gzip_ok: bool = True, accept: str | None = None):
        headers = {"Accept-Encoding": accept or ("gzip, deflate" if gzip_ok else "identity")}
        return self._isolated(
            self.http.post,
            "/_dash-update-component",
            data=json.dumps(body),
            content_type="application/json",
            headers=headers,
        )

    @staticmethod
    def _isolated(request, *args, **kwargs):
        return contextvars.copy_context().run(request, *args, **kwargs)


def _text(response) -> str:
    raw = (
        gzip.decompress(response.data)
        if response.headers.get("Content-Encoding") == "gzip"
        else response.data
    )
    return raw.decode("utf-8")


@pytest.fixture
def kpi_calls(monkeypatch) -> list[int]:
    """How often the overview callback really ran (it computes the KPIs once per run)."""
    calls: list[int] = []
    original = overview.kpis

    def counting(selection):
        calls.append(1)
        return original(selection)

    monkeypatch.setattr(overview, "kpis", counting)
    return calls


def test_answers001_a_repeated_request_is_served_from_the_stored_answer(settings, kpi_calls):
    client = Client(settings)
    body = client.overview_body("")
    first = client.post(body)
    assert first.status_code == 200 and len(kpi_calls) == 1
    second = client.post(body)
    assert second.status_code == 200 and len(kpi_calls) == 1
    assert (
        second.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in second.headers["Vary"]
    )
    assert second.headers["X-Content-Type-Options"] == "nosniff"  # the security headers still apply
    assert _text(second) == _text(first)
    answer = json.loads(_text(second))["response"]
    assert answer["overview-attendance"]["figure"]["data"][0]["type"] == "bar"

    plain = client.post(body, gzip_ok=False)
    assert "Content-Encoding" not in plain.headers and plain.data.decode("utf-8") == _text(first)
    assert len(kpi_calls) == 1


def test_answers002_other_inputs_get_their_own_answer(settings, kpi_calls):
    client = Client(settings)
    everyone = client.overview_body("")
    municipalities = client.overview_body("?typ=kommune")
    answers = [
        _text(client.post(body)) for body in (everyone, municipalities, everyone, municipalities)
    ]
    assert len(kpi_calls) == 2
    assert answers[0] == answers[2] and answers[1] == answers[3] and answers[0] != answers[1]


def test_answers003_an_import_makes_the_stored_answers_unreachable(settings, kpi_calls, tmp_path):
    client = Client(settings)
    body = client.overview_body("")
    map_body = client.overview_body("", "overview-map.figure")
    client.post(body)
    before = _text(client.post(map_body))
    assert "Pirmasens" in before and RENAMED not in before

    file = tmp_path / "actors.csv"
    file.write_text(
        f"id,name,type,ags,state,city,lat,lon\npirmasens,{RENAMED},kommune,07317000,07,Pirmasens,49.20145,7.60529\n",
        encoding="utf-8",
    )
    result = run_cli(settings.database_url, "import", str(file))
    assert result.returncode == 0, result.stderr

    after = _text(client.post(map_body))
    assert RENAMED in after and _text(client.post(map_body)) == after
    client.post(body)
    client.post(body)
    assert len(kpi_calls) == 2


def test_answers004_an_anonymous_visitor_gets_no_stored_answer_when_reading_needs_a_login(
    settings, kpi_calls
):
    open_client = Client(settings)
    body = open_client.overview_body("")
    assert open_client.post(body).status_code == 200

    closed = Client(dataclasses.replace(settings, public_read=False, secret_key="answers-test"))
    refused = closed.post(body)
    assert refused.status_code == 401 and b"figure" not in refused.data


@pytest.mark.skipif(services.redis_problem() is not None, reason=services.redis_problem() or "")
def test_answers005_two_apps_on_one_redis_share_their_answers(tmp_path, kpi_calls):
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'shared.db'}", redis_url=services.redis_url()
    )
    first, second = Client(settings), Client(settings)
    body = first.overview_body("")
    answer = _text(first.post(body))
    assert len(kpi_calls) == 1
    assert _text(second.post(body)) == answer and len(kpi_calls) == 1


def test_answers006_without_a_working_cache_every_request_is_still_answered(settings, kpi_calls):
    class Unavailable:
        def get(self, key):
            raise ConnectionError("redis is down")

        def set(self, key, value):
            raise ConnectionError("redis is down")

    client = Client(settings)
    body = client.overview_body("")
    client.app.server.extensions[EXTENSION_KEY].cache.shared = Unavailable()
    answers = [client.post(body) for _ in range(2)]
    assert [answer.status_code for answer in answers] == [200, 200] and len(kpi_calls) == 2
    assert _text(answers[0]) == _text(answers[1]) and "overview-kpis" in _text(answers[0])


def test_answers007_a_client_that_refuses_gzip_gets_plain_json(settings, kpi_calls):
    client = Client(settings)
    body = client.overview_body("")
    first = client.post(body)
    refused = client.post(body, accept="gzip;q=0, identity")
    assert len(kpi_calls) == 1 and "Content-Encoding" not in refused.headers
    assert refused.data.decode("utf-8") == _text(first)
