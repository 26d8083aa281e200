"""What dcc.Upload sends (a data URL, read back into the file's bytes) and the size limit
the pages state for it."""

from __future__ import annotations

import base64
import binascii

from dashboard.config import Settings
from dashboard.i18n import fmt_number


def upload_bytes(contents: object) -> bytes | None:
    """The bytes of "data:…;base64,…", or None for anything a browser would not send."""
    if not isinstance(contents, str) or "," not in contents:
        return None
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        return None


def upload_limit_mb(settings: Settings, lang: str) -> str:
    """UPLOAD_MAX_MB as the pages and their refusals state it: "10" (MB)."""
    return fmt_number(settings.upload_max_mb, lang)
