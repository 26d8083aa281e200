"""App-wide callbacks of the shell: filter controls → URL, URL → navigation links."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, ctx, no_update

from dashboard.components import filter_bar as fb
from dashboard.components.embed_dialog import register_embed_callbacks
from dashboard.components.navbar import language_search
from dashboard.components.page_search import PAGE_SEARCH_ID, register_page_search
from dashboard.components.share_link import register_share_link_callback
from dashboard.state.filters import (
    PARAM_EVENT,
    PARAM_FROM,
    PARAM_STATES,
    PARAM_TO,
    PARAM_TOPIC,
    PARAM_TYPES,
    Filters,
    search_keeping_page_params,
)
from dashboard.state.network import BOUND_TO_FILTERS


def register_shell_callbacks(app: Dash) -> None:
    register_share_link_callback(app)
    register_embed_callbacks(app)
    register_page_search(app)

    # Below the lg breakpoint the navigation folds behind the toggler; without this the
    # menu could not be opened at all (by mouse or keyboard) on a narrow window.
    app.clientside_callback(
        "function (clicks, isOpen) { return !isOpen; }",
        Output("shell-navbar-collapse", "is_open"),
        Input("shell-navbar-toggler", "n_clicks"),
        State("shell-navbar-collapse", "is_open"),
        prevent_initial_call=True,
    )

    # The filter fields behind their button on a narrow window (open and close).
    app.clientside_callback(
        """function (clicks, className) {
            const open = (className || '').split(' ').includes('d-none');
            const rest = (className || '').split(' ').filter(c => c && c !== 'd-none');
            return [(open ? rest : ['d-none', ...rest]).join(' '), String(open)];
        }""",
        Output(fb.FIELDS_ID, "className"),
        Output(fb.TOGGLE_ID, "aria-expanded"),
        Input(fb.TOGGLE_ID, "n_clicks"),
        State(fb.FIELDS_ID, "className"),
        prevent_initial_call=True,
    )

    # The button's count follows the filters in force: the page is not built again when
    # they change (the address changes in place).
    app.clientside_callback(
        f"""function (search) {{
            const params = new URLSearchParams(search || '');
            const groups = {[[PARAM_FROM, PARAM_TO], [PARAM_EVENT], [PARAM_TYPES], [PARAM_STATES], [PARAM_TOPIC]]!r};
            const active = groups.filter(names => names.some(name => params.get(name))).length;
            return [String(active), active === 0];
        }}""",
        Output(fb.COUNT_ID, "children"),
        Output(fb.COUNT_ID, "hidden"),
        Input(PAGE_SEARCH_ID, "data"),
    )

    @app.callback(
        Output("url", "search"),
        [Input(control, "value") for control in fb.CONTROL_IDS],
        State(fb.YEARS_ID, "min"),
        State(fb.YEARS_ID, "max"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def write_filters_to_url(years, event, types, states, topic, year_min, year_max, search):
        current = Filters.from_search(search)
        bounds = (year_min, year_max) if year_min is not None else None
        chosen = fb.filters_from_controls(current, years, event, types, states, topic, bounds)
        dropped = BOUND_TO_FILTERS if chosen != current else ()
        new_search = search_keeping_page_params(chosen, search, dropped)
        return no_update if new_search == (search or "") else new_search

    @app.callback(
        Output(fb.YEARS_ID, "value"),
        Output(fb.EVENT_ID, "value"),
        Output(fb.TYPES_ID, "value"),
        Output(fb.STATES_ID, "value"),
        Output(fb.TOPIC_ID, "value"),
        Input(fb.RESET_ID, "n_clicks"),
        State(fb.YEARS_ID, "min"),
        State(fb.YEARS_ID, "max"),
        prevent_initial_call=True,
    )
    def reset_filters(_clicks, year_min, year_max):
        return [year_min, year_max], None, [], [], None

    @app.callback(
        Output({"type": "nav-link", "path": ALL}, "href"),
        Output({"type": "nav-brand", "path": ALL}, "href"),
        Output({"type": "lang-link", "path": ALL, "lang": ALL}, "href"),
        Input(PAGE_SEARCH_ID, "data"),
        State({"type": "nav-link", "path": ALL}, "id"),
        State({"type": "lang-link", "path": ALL, "lang": ALL}, "id"),
    )
    def keep_filters_in_links(search, nav_ids, lang_ids):
        search = search or ""
        return (
            [nav_id["path"] + search for nav_id in nav_ids],
            ["/" + search] * len(ctx.outputs_list[1]),
            [lang_id["path"] + language_search(search, lang_id["lang"]) for lang_id in lang_ids],
        )
