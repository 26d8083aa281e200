"""What dcc.Upload sends: a data URL, read back into the file's bytes."""

from __future__ import annotations

import base64
import binascii


def upload_bytes(contents: object) -> bytes | None:
    """The bytes of "data:…;base64,…", or None for anything a browser would not send."""
    if not isinstance(contents, str) or "," not in contents:
        return None
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        return None
