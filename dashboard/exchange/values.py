"""Parsing single cells as people write them: decimal comma, German dates, state names.

Every parser takes a raw cell (text from a CSV, or a typed value from an XLSX cell) and
returns the canonical value, or raises `BadValue` with a message key under "ingest.".
Empty cells are handled by the caller (`is_empty`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from numbers import Real

from dashboard.exchange.export import FORMULA_PREFIXES
from dashboard.geo.states import normalise_state


class BadValue(ValueError):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def text(value: object) -> str:
    """A cell as stripped text: 2017.0 from a spreadsheet → "2017"; "'=x" (a cell the
    export neutralised against formula injection) → "=x"."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    result = str(value).strip()
    if len(result) > 1 and result[0] == "'" and result[1:].startswith(FORMULA_PREFIXES):
        result = result[1:]
    return result


def integer(value: object) -> int:
    """12, "12", "12,0", "+12", 12.0 → 12; "1.234", "12,5", "zwölf" → BadValue."""
    if isinstance(value, bool):
        raise BadValue("not_integer")
    if isinstance(value, Real):
        number = float(value)
        if not math.isfinite(number) or not number.is_integer():
            raise BadValue("not_integer")
        return int(number)
    raw = text(value).replace("\u00a0", "").replace(" ", "")
    match = re.fullmatch(r"([+-]?\d+)(?:[.,]0+)?", raw)
    if not match:
        raise BadValue("not_integer")
    return int(match.group(1))


def decimal(value: object) -> float:
    """52.5, "52,5", "52.5", "1.234,5", "1,234.5", "-3,25", "1e-05" → float."""
    if isinstance(value, bool):
        raise BadValue("not_number")
    if isinstance(value, Real):
        number = float(value)
    else:
        raw = text(value).replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
        if "," in raw and "." in raw:
            # The later mark is the decimal separator, the other groups thousands.
            raw = (
                raw.replace(".", "").replace(",", ".")
                if raw.rfind(",") > raw.rfind(".")
                else raw.replace(",", "")
            )
        elif raw.count(",") == 1:
            raw = raw.replace(",", ".")
        if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", raw):
            raise BadValue("not_number")
        number = float(raw)
    if not math.isfinite(number):
        raise BadValue("not_number")
    return number


_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?")


def date(value: object) -> dt.date:
    """13.06.2017, 13.6.2017, 2017-06-13 or a spreadsheet date cell → date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value)
    match = _GERMAN_DATE.fullmatch(raw)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _ISO_DATE.fullmatch(raw)
        if not match:
            raise BadValue("not_date")
        year, month, day = (int(part) for part in match.groups()[:3])
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadValue("not_date") from None


def state(value: object) -> str:
    """Nordrhein-Westfalen, NRW, NW, 05, 5 → "05"."""
    raw = text(value)
    code = normalise_state(raw)
    if code is None:
        raise BadValue("unknown_state")
    return code


def ags(value: object) -> str:
    """The 8-digit Amtlicher Gemeindeschlüssel as text.

    A spreadsheet that took the key for a number drops the leading zero ("7317000"):
    seven digits get it back. Spaces inside the key are removed.
    """
    raw = text(value).replace(" ", "")
    if raw.isdigit() and len(raw) == 7:
        raw = "0" + raw
    if not (raw.isdigit() and len(raw) == 8):
        raise BadValue("bad_ags")
    return raw


_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:[/:?#].*)?", re.IGNORECASE)


def website(value: object) -> str:
    """An http(s) address; "www.example.de" becomes "https://www.example.de"."""
    raw = text(value)
    lowered = raw.lower()
    if lowered.startswith(("http://", "https://")):
        if len(raw) <= len("https://") or any(ch.isspace() for ch in raw):
            raise BadValue("bad_website")
        return raw
    if ":" in raw.split("/")[0] and not _DOMAIN.fullmatch(raw):
        raise BadValue("bad_website")  # javascript:, mailto:, ftp: and the like
    if _DOMAIN.fullmatch(raw):
        return "https://" + raw
    raise BadValue("bad_website")


EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
