"""Import of the dataset from files: read, validate, plan against the database, commit, undo.

The steps, each a module without Dash:

- `readers`  bytes or a path (CSV, zip or folder of CSVs, XLSX) → raw tables of cells;
- `validate` raw tables → typed frames in the canonical columns, plus every `Problem`;
- `plan`     typed frames + the current tables → what would change per table (preview);
- `commit`   one transaction and one import batch that applies a plan; `undo` reverts it;
- `workbook` the full dataset as XLSX or zipped CSVs, and the template workbook.

Semantics (see `plan` for the details): an import either *merges* (default: rows are added
or updated, nothing is removed) or *replaces* the tables the file contains (rows missing from
the file are removed). A table the file does not contain is never touched, and a column the
file does not have keeps its stored values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dashboard.exchange.problems import Problem

if TYPE_CHECKING:
    from dashboard.exchange.validate import Parsed

__all__ = ["Problem", "parse_bytes", "parse_path"]


def parse_path(path) -> Parsed:
    """Read and validate a file or folder on disk."""
    from dashboard.exchange.readers import read_path
    from dashboard.exchange.validate import validate

    return validate(read_path(path))


def parse_bytes(data: bytes, file_name: str) -> Parsed:
    """Read and validate an uploaded file; the extension of `file_name` picks the format."""
    from dashboard.exchange.readers import read_bytes
    from dashboard.exchange.validate import validate

    return validate(read_bytes(data, file_name))
