"""The frame of an embedded view (`einbetten=1`): the page's content and one line under it
(Beispieldaten where sample rows are shown, the source, a link to the full view); no
navigation, no filter bar, no presentation controls.

With `diagramm=<card id>` only that chart card is shown, across the whole width: the rest of
the page stays in the document, hidden, because the page's callbacks fill the card together
with its neighbours and a callback whose outputs are missing would not run at all.
"""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis.selection import select_in
from dashboard.components.badges import sample_badge
from dashboard.components.page_search import page_search_store
from dashboard.i18n import t
from dashboard.state.embed import Embed, full_view_search
from dashboard.state.filters import Filters
from dashboard.web.context import store

HIDDEN = "embed-off"
ON_PATH = "embed-path"
TARGET = "embed-target"


def _children(node: Component) -> list[Component]:
    children = getattr(node, "children", None)
    if isinstance(children, Component):
        return [children]
    if isinstance(children, (list, tuple)):
        return [child for child in children if isinstance(child, Component)]
    return []


def _add_class(node: Component, name: str) -> None:
    if "className" in node._prop_names:
        classes = f"{getattr(node, 'className', None) or ''} {name}".strip()
        node.className = classes  # type: ignore[attr-defined]  # a prop of this component (checked above)


def focus_card(content: list | Component, card_id: str) -> bool:
    """Mark the card `card_id` in `content`, the components around it as its path and every
    other visible component beside that path as hidden. False (nothing marked) when the
    page has no such card."""
    nodes = [content] if isinstance(content, Component) else list(content)

    def mark(siblings: list[Component]) -> bool:
        holders = [node for node in siblings if _holds(node)]
        if not holders:
            return False
        held = {id(node) for node in holders}
        for node in siblings:
            if id(node) not in held:
                _add_class(node, HIDDEN)
        for node in holders:
            if getattr(node, "id", None) == card_id:
                _add_class(node, TARGET)
            else:
                _add_class(node, ON_PATH)
                mark(_children(node))
        return True

    def _holds(node: Component) -> bool:
        return getattr(node, "id", None) == card_id or any(
            _holds(child) for child in _children(node)
        )

    return mark([node for node in nodes if isinstance(node, Component)])


def embed_frame(path: str, filters: Filters, content, embed: Embed) -> html.Div:
    lang = filters.lang
    card = embed.card is not None and focus_card(content, embed.card)
    # The page's own heading carries the Beispieldaten badge; a single card needs its own.
    badge = (
        sample_badge(lang, "embed-sample-badge")
        if card and select_in(store().snapshot(), filters).has_sample_rows
        else None
    )
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            page_search_store(),
            html.Main(
                content,
                id="main",
                className="container-fluid embed-main",
                lang=lang,
                tabIndex="-1",
            ),
            html.Footer(
                [
                    badge,
                    html.Span(t("embed.source", lang), className="embed-source-label"),
                    html.A(
                        t("embed.full_view", lang),
                        # assets/embed.js points it at the address shown when it is followed.
                        href=path + full_view_search(filters.to_search()),
                        target="_blank",
                        rel="noopener",
                        id="embed-full-view",
                        title=t("embed.full_view_title", lang),
                        className="embed-full-view",
                    ),
                    # The licences' attribution, short; the full view's footer has it in full.
                    html.Span(
                        t("embed.attribution", lang),
                        title=t("footer.attribution", lang),
                        className="embed-attribution",
                    ),
                ],
                className="embed-footer",
            ),
        ],
        lang=lang,
        className="embed-view" + (" embed-card-view" if card else ""),
    )
