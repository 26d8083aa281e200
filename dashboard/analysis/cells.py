"""What a table cell holds, as the analyses read it."""

from __future__ import annotations

import math

import pandas as pd


def present(value: object) -> bool:
    """Whether a table cell holds something: not None, NaN, NA or blank text."""
    return (
        value is not None
        and not (isinstance(value, float) and math.isnan(value))
        and value is not pd.NA
        and str(value).strip() != ""
    )
