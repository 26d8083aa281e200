"""Choices the filter bar offers, derived from the data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class FilterOptions:
    years: tuple[int, int] | None
    events: tuple[tuple[str, int, str, str], ...]  # id, year, title, city
    topics: tuple[tuple[str, str], ...]  # id, name


def filter_options(tables: Mapping[str, pd.DataFrame]) -> FilterOptions:
    events = tables["events"].sort_values(["year", "id"])
    years = (int(events["year"].min()), int(events["year"].max())) if not events.empty else None
    topics = tables["topics"].sort_values("name")
    return FilterOptions(
        years=years,
        events=tuple(
            (id_, int(year), title, city or "")
            for id_, year, title, city in zip(
                events["id"].tolist(),
                events["year"].tolist(),
                events["title"].tolist(),
                events["city"].tolist(),
                strict=True,
            )
        ),
        topics=tuple(zip(topics["id"].tolist(), topics["name"].tolist(), strict=True)),
    )
