"""Staff controls of the actor profile: the edit form (with a small map that sets the
coordinates) and the merge of a duplicate, plus the texts they show.

Only the layout and pure helpers live here; the page (pages/actor.py) owns the callbacks,
which check the role on the server. The form is filled when it opens, from the data as it
is then, so the page itself carries no form values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import schema
from dashboard.components.attributes import aria
from dashboard.components.graph_config import BLANK_FIGURE, graph_config
from dashboard.exchange.actor_changes import EDITED_COLUMNS
from dashboard.exchange.problems import Problem
from dashboard.geo.states import STATES, state_name
from dashboard.i18n import fmt_number, t, tn

EDIT_OPEN = "profile-edit-open"
EDIT_MODAL = "profile-edit-modal"
EDIT_MAP = "profile-edit-map"
EDIT_PROBLEMS = "profile-edit-problems"
EDIT_SAVE = "profile-edit-save"
EDIT_CANCEL = "profile-edit-cancel"
ALIASES = "profile-edit-aliases"
ALIAS_NEW = "profile-edit-alias-new"
ALIAS_ADD = "profile-edit-alias-add"
MERGE_OPEN = "profile-merge-open"
MERGE_MODAL = "profile-merge-modal"
MERGE_PICK = "profile-merge-other"
MERGE_SUMMARY = "profile-merge-summary"
MERGE_CONFIRM = "profile-merge-confirm"
MERGE_CANCEL = "profile-merge-cancel"
MERGE_VERSION = "profile-merge-version"
ACTOR_STORE = "profile-actor"
RESULT = "profile-result"
BODY = "profile-body"
MAP_HEIGHT = 280


def field_id(column: str) -> str:
    return f"profile-edit-{column}"


def decimal_text(value: float | None, lang: str) -> str:
    """A coordinate as the user would type it: all its digits, with a decimal comma in German."""
    if value is None:
        return ""
    text = repr(float(value))
    return text.replace(".", ",") if lang == "de" else text


def form_values(actor: Mapping[str, Any], lang: str) -> dict[str, str]:
    # A stored record: each column has its own type, hence Any.
    """The stored actor as the form's field values (blank for unknown)."""
    shown = {
        column: "" if actor.get(column) is None else str(actor[column]) for column in EDITED_COLUMNS
    }
    shown["lat"] = decimal_text(actor.get("lat"), lang)
    shown["lon"] = decimal_text(actor.get("lon"), lang)
    return shown


def problem_messages(problems: Iterable[Problem], lang: str) -> list[str]:
    """Each problem as one sentence that names the form field and the value entered."""
    lines = []
    for problem in problems:
        field = t(f"profile.edit.field.{problem.column}", lang)
        if problem.value is None:
            lines.append(
                t("profile.edit.problem_blank", lang, field=field, message=problem.message(lang))
            )
        else:
            lines.append(
                t(
                    "profile.edit.problem",
                    lang,
                    field=field,
                    value=problem.value,
                    message=problem.message(lang),
                )
            )
    return lines


def merge_question(keep_name: str, drop_name: str, counts: Mapping[str, int], lang: str) -> str:
    """What the merge moves, said before it is done (counts: `actor_changes.moved_counts`)."""
    text = t(
        "profile.merge.question",
        lang,
        keep=keep_name,
        drop=drop_name,
        attendance=tn("count.attendance_rows", counts["attendance"], lang),
        links=tn("count.links", counts["links"], lang),
        aliases=tn("count.spellings", counts["aliases"], lang),
    )
    if counts["self_links"]:
        text += " " + t(
            "profile.merge.self_links", lang, count=fmt_number(counts["self_links"], lang)
        )
    return text


def staff_bar(lang: str) -> html.Div:
    def button(element_id: str, icon: str, key: str) -> dbc.Button:
        return dbc.Button(
            [html.I(className=f"bi {icon} me-1", **aria(hidden="true")), t(key, lang)],
            id=element_id,
            color="outline-primary",
            size="sm",
            className="me-2",
        )

    return html.Div(
        [
            button(EDIT_OPEN, "bi-pencil", "profile.edit.open"),
            button(MERGE_OPEN, "bi-intersect", "profile.merge.open"),
        ],
        className="mb-2",
        id="profile-staff",
    )


def _field(column: str, lang: str, control, width: int = 6) -> dbc.Col:
    return dbc.Col(
        [dbc.Label(t(f"profile.edit.field.{column}", lang), html_for=field_id(column)), control],
        md=width,
        className="mb-2",
    )


def _text_input(column: str, **props) -> dbc.Input:
    return dbc.Input(id=field_id(column), type="text", debounce=False, **props)


def _state_options(lang: str) -> list[dict]:
    return [{"label": t("profile.edit.state_none", lang), "value": ""}] + [
        {"label": state_name(code, lang), "value": code} for code in STATES
    ]


def edit_form(lang: str) -> list:
    type_options = [
        {"label": t(f"type.{kind}", lang), "value": kind} for kind in schema.ACTOR_TYPES
    ]
    coordinate = {
        "inputmode": "decimal",
        "placeholder": t("profile.edit.coordinate_placeholder", lang),
    }
    return [
        html.Div(id=EDIT_PROBLEMS),
        dbc.Row(
            [
                _field("name", lang, _text_input("name", maxLength=200), 8),
                _field("type", lang, dbc.Select(id=field_id("type"), options=type_options), 4),
                _field("city", lang, _text_input("city", maxLength=120), 4),
                _field(
                    "state", lang, dbc.Select(id=field_id("state"), options=_state_options(lang)), 4
                ),
                _field(
                    "ags",
                    lang,
                    _text_input("ags", inputmode="numeric", maxLength=12, placeholder="05314000"),
                    4,
                ),
            ]
        ),
        html.Fieldset(
            [
                html.Legend(t("profile.edit.place", lang), className="fs-6 fw-semibold mb-1"),
                html.P(t("profile.edit.map_hint", lang), className="small text-muted mb-2"),
                dbc.Row(
                    [
                        dbc.Col(
                            dcc.Graph(
                                id=EDIT_MAP,
                                figure=BLANK_FIGURE,
                                config=graph_config(None, scrollZoom=True, displayModeBar=False),
                                style={"height": f"{MAP_HEIGHT}px"},
                            ),
                            md=8,
                        ),
                        dbc.Col(
                            [
                                _field("lat", lang, _text_input("lat", **coordinate), 12),
                                _field("lon", lang, _text_input("lon", **coordinate), 12),
                            ],
                            md=4,
                        ),
                    ]
                ),
            ],
            className="mb-2",
        ),
        html.Fieldset(
            [
                html.Legend(t("profile.edit.aliases", lang), className="fs-6 fw-semibold mb-1"),
                html.P(t("profile.edit.aliases_hint", lang), className="small text-muted mb-2"),
                dbc.Checklist(id=ALIASES, options=[], value=[], className="mb-2"),
                dbc.Label(
                    t("profile.edit.alias_new", lang),
                    html_for=ALIAS_NEW,
                    className="visually-hidden",
                ),
                dbc.InputGroup(
                    [
                        dbc.Input(
                            id=ALIAS_NEW,
                            type="text",
                            maxLength=200,
                            placeholder=t("profile.edit.alias_new", lang),
                        ),
                        dbc.Button(
                            t("profile.edit.alias_add", lang),
                            id=ALIAS_ADD,
                            color="outline-secondary",
                        ),
                    ]
                ),
            ]
        ),
    ]


def edit_modal(lang: str) -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(t("profile.edit.heading", lang))),
            dbc.ModalBody(edit_form(lang)),
            dbc.ModalFooter(
                [
                    dbc.Button(
                        t("profile.edit.cancel", lang),
                        id=EDIT_CANCEL,
                        color="secondary",
                        outline=True,
                    ),
                    dbc.Button(t("profile.edit.save", lang), id=EDIT_SAVE, color="primary"),
                ]
            ),
        ],
        id=EDIT_MODAL,
        size="lg",
        is_open=False,
        scrollable=True,
    )


def merge_modal(lang: str) -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(t("profile.merge.heading", lang))),
            dbc.ModalBody(
                [
                    html.P(t("profile.merge.intro", lang)),
                    dbc.Label(t("profile.merge.pick", lang), html_for=MERGE_PICK),
                    dcc.Dropdown(
                        id=MERGE_PICK,
                        options=[],
                        value=None,
                        clearable=True,
                        placeholder=t("profile.merge.placeholder", lang),
                    ),
                    html.Div(id=MERGE_SUMMARY, className="mt-3"),
                    dcc.Store(id=MERGE_VERSION),
                ]
            ),
            dbc.ModalFooter(
                [
                    dbc.Button(
                        t("profile.edit.cancel", lang),
                        id=MERGE_CANCEL,
                        color="secondary",
                        outline=True,
                    ),
                    dbc.Button(
                        t("profile.merge.confirm", lang),
                        id=MERGE_CONFIRM,
                        color="danger",
                        disabled=True,
                    ),
                ]
            ),
        ],
        id=MERGE_MODAL,
        size="lg",
        is_open=False,
    )


def editor_controls(actor_id: str | None, lang: str, body: list) -> list:
    """The profile `body` with everything a staff member gets around it. The ids that the
    save and merge callbacks write to exist only here: a page without the controls must not
    have a callback output whose inputs are missing (the browser reports that as an error)."""
    return [
        staff_bar(lang),
        edit_modal(lang),
        merge_modal(lang),
        dcc.Store(id=ACTOR_STORE, data=actor_id),
        html.Div(id=RESULT),
        html.Div(body, id=BODY),
    ]
