"""Settings read once from the environment into one frozen object."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = ROOT / "instance" / "netzwerkatlas.db"
# `sample --scale large` writes here unless DATABASE_URL names a database: the national-scale
# set must not replace the everyday one by accident.
LARGE_DB_PATH = ROOT / "instance" / "netzwerkatlas-large.db"

log = logging.getLogger(__name__)

_TRUE = {"1", "true", "yes", "on", "ja"}
BYTES_PER_MB = 1024 * 1024
# Survey results of fewer responses are shown as "weniger als N Antworten" (MIN_RESPONSES).
DEFAULT_MIN_RESPONSES = 5


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in _TRUE


def normalise_database_url(url: str) -> str:
    """Accept the usual `postgresql://` form and pick the installed psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


BASEMAPS = ("plain", "tiles")
_ORIGIN = re.compile(r"https?://[a-z0-9.-]+(:[0-9]{1,5})?")


def _origins(value: str | None) -> tuple[str, ...]:
    """EMBED_ORIGINS: site origins separated by commas or spaces ("https://www.stiftung.de").
    An origin is scheme, host and port, nothing more: a path, a wildcard or anything a
    Content-Security-Policy could misread is left out, and said in the log."""
    kept: list[str] = []
    for item in re.split(r"[,\s]+", value or ""):
        origin = item.strip().rstrip("/").lower()
        if not origin:
            continue
        if _ORIGIN.fullmatch(origin):
            kept.append(origin)
        else:
            log.warning("EMBED_ORIGINS: %r is no origin (https://host[:port]); left out", item)
    return tuple(dict.fromkeys(kept))


def _basemap(value: str | None) -> str:
    """BASEMAP as given; anything else than "tiles" keeps the tile-free basemap (the choice
    that sends nothing to a third party), and an unknown value is said in the log."""
    chosen = (value or "plain").strip().lower()
    if chosen not in BASEMAPS:
        log.warning("BASEMAP=%r is neither plain nor tiles: the tile-free basemap is used", value)
        return "plain"
    return chosen


@dataclass(frozen=True)
class Settings:
    database_url: str = f"sqlite:///{DEFAULT_DB_PATH}"
    host: str = "127.0.0.1"
    port: int = 8050
    secret_key: str = field(default="", repr=False)
    public_read: bool = True
    # PUBLIC_PDF: whether visitors who are not logged in may download a deck as PDF
    # (default: as PUBLIC_READ).
    public_pdf: bool = True
    redis_url: str | None = None
    upload_max_mb: int = 10
    # COSTLY_RATE_LIMIT: PDFs, uploads and imports, exports: each this often per client address.
    costly_rate_limit: str = "10/minute"
    # COOKIE_SECURE: send the session cookie over https only (set it when served by https).
    cookie_secure: bool = False
    # PROXY_COUNT: how many reverse proxies stand in front and set X-Forwarded-* headers.
    proxy_count: int = 0
    offline: bool = False
    # BASEMAP: "plain", the app's own tile-free basemap (default: no visitor's address goes
    # to a map provider), or "tiles", which allows the online map beside it.
    basemap: str = "plain"
    debug: bool = False
    seed_on_first_start: bool = True
    # MATCH_SCORE / REVIEW_SCORE: how close (rapidfuzz, 0–100) a spelling in a registration
    # list must be to a known actor's name to be matched at once, or offered for review.
    match_score: float = 85.0
    review_score: float = 75.0
    # MIN_RESPONSES: a survey result of fewer answers is shown as "weniger als N Antworten".
    min_responses: int = DEFAULT_MIN_RESPONSES
    # EMBED_ORIGINS: the sites that may show the app's embed views (`einbetten=1`) in a frame.
    embed_origins: tuple[str, ...] = ()

    @property
    def tiles_allowed(self) -> bool:
        """Whether a map may load online tiles: only with BASEMAP=tiles, never OFFLINE."""
        return self.basemap == "tiles" and not self.offline

    @property
    def upload_max_bytes(self) -> int:
        """UPLOAD_MAX_MB in bytes: the largest file any upload (/daten, /karte) accepts."""
        return self.upload_max_mb * BYTES_PER_MB

    @property
    def request_max_bytes(self) -> int:
        """The largest request body the server takes: an upload arrives base64-encoded inside
        a callback's JSON, a third larger than the file, and other requests need 16 MB."""
        return max(16 * BYTES_PER_MB, int(self.upload_max_bytes * 1.4) + 4 * BYTES_PER_MB)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        url = env.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB_PATH}"
        public_read = _flag(env.get("PUBLIC_READ"), True)
        return cls(
            database_url=normalise_database_url(url),
            host=env.get("HOST") or "127.0.0.1",
            port=int(env.get("PORT") or 8050),
            secret_key=env.get("SECRET_KEY") or "",
            public_read=public_read,
            public_pdf=_flag(env.get("PUBLIC_PDF"), public_read),
            redis_url=env.get("REDIS_URL") or None,
            upload_max_mb=int(env.get("UPLOAD_MAX_MB") or 10),
            costly_rate_limit=env.get("COSTLY_RATE_LIMIT") or "10/minute",
            cookie_secure=_flag(env.get("COOKIE_SECURE"), False),
            proxy_count=int(env.get("PROXY_COUNT") or 0),
            offline=_flag(env.get("OFFLINE"), False),
            basemap=_basemap(env.get("BASEMAP")),
            debug=_flag(env.get("DASH_DEBUG"), False),
            match_score=float(env.get("MATCH_SCORE") or 85.0),
            review_score=float(env.get("REVIEW_SCORE") or 75.0),
            # Below 2 a single answer would show; such a value is taken as 2.
            min_responses=max(2, int(env.get("MIN_RESPONSES") or DEFAULT_MIN_RESPONSES)),
            embed_origins=_origins(env.get("EMBED_ORIGINS")),
        )
