"""The strongest links that began in one year: what a year added to the network."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.network.graph import aggregate_edges
from dashboard.analysis.selection import Selection

NEW_LINK_COLUMNS = ["source", "target", "source_name", "target_name", "kind", "weight"]


def strongest_new_links(selection: Selection, year: int, count: int = 3) -> pd.DataFrame:
    """The `count` heaviest pairs among the selection's links that began in `year`
    (several links of one pair summed, as in the network), heaviest first, ties by name."""
    links = selection.links
    since = pd.to_numeric(links["since_year"], errors="coerce")
    edges = aggregate_edges(links[since == year])
    names = selection.actors.set_index("id")["name"].astype(str)
    edges = edges.assign(
        source_name=edges["source"].map(names).fillna(edges["source"]),
        target_name=edges["target"].map(names).fillna(edges["target"]),
    )
    edges = edges.sort_values(
        ["weight", "source_name", "target_name"], ascending=[False, True, True]
    )
    return edges.head(count).reset_index(drop=True)[NEW_LINK_COLUMNS]
