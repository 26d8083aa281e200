"""aria-* and data-* attributes as keyword arguments of Dash components."""

from __future__ import annotations

from typing import Any


def aria(**values: str) -> dict[str, Any]:
    """aria(hidden="true", controls="x") → {"aria-hidden": "true", "aria-controls": "x"}.

    Typed dict[str, Any] for `**` into a component: Dash's signatures name every keyword, and
    mypy checks a **dict[str, str] against each one, though a hyphenated key can only be one
    of the component's extra attributes.
    """
    return {f"aria-{name}": value for name, value in values.items()}


def data(**values: str) -> dict[str, Any]:
    """data(sort_label="…") → {"data-sort-label": "…"}; typed like `aria`."""
    return {"data-" + name.replace("_", "-"): value for name, value in values.items()}
