"""The note that the data is being updated, and the reload once it is.

After an import the store answers from the previous data version until the new one is
read and derived from (dashboard.store.Store): at national scale that takes seconds, and
a visitor gets the previous charts at once instead of waiting. This note says so, asks
again every few seconds, and reloads the page when the new version answers.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard.components.page_search import PAGE_SEARCH_ID
from dashboard.i18n import t
from dashboard.state.filters import Filters
from dashboard.web.context import store

NOTE_ID = "data-updating"
POLL_ID = "data-updating-poll"
VERSION_ID = "data-version"
RELOAD_ID = "data-reload"
POLL_MS = 2000


def data_status() -> html.Div:
    """For the app's layout, beside the page container."""
    return html.Div(
        [
            html.Div(id=NOTE_ID, role="status"),  # a polite live region: read when it appears
            dcc.Interval(id=POLL_ID, interval=POLL_MS, disabled=True),
            dcc.Store(id=VERSION_ID),
            dcc.Store(id=RELOAD_ID),
        ]
    )


def status_answer(
    drawn_version: str | None, version: str, updating: bool, polled: bool, lang: str
) -> tuple:
    """Note, poll switched off, the version the page was drawn from, reload: a page drawn
    while the data was updating asks again until another version answers, then reloads."""
    if polled and drawn_version is not None and version != drawn_version:
        return None, True, no_update, True
    note = html.Div(t("data.updating", lang), className="data-updating-note") if updating else None
    return note, not updating, version if not polled else no_update, no_update


def register_data_status(app: Dash) -> None:
    @app.callback(
        Output(NOTE_ID, "children"),
        Output(POLL_ID, "disabled"),
        Output(VERSION_ID, "data"),
        Output(RELOAD_ID, "data"),
        Input(PAGE_SEARCH_ID, "data"),
        Input(POLL_ID, "n_intervals"),
        State(VERSION_ID, "data"),
        prevent_initial_call=True,
    )
    def update_data_status(search, _polls, drawn_version):
        snapshot = store().snapshot()
        return status_answer(
            drawn_version,
            snapshot.version,
            snapshot.updating,
            ctx.triggered_id == POLL_ID,
            Filters.from_search(search).lang,
        )

    app.clientside_callback(
        "function (reload) { if (reload) { window.location.reload(); } "
        "return window.dash_clientside.no_update; }",
        Output(NOTE_ID, "title"),
        Input(RELOAD_ID, "data"),
        prevent_initial_call=True,
    )
