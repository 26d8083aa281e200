"""Settings from the environment: the ones whose default depends on another."""

from __future__ import annotations

import re

from dashboard.config import ROOT, Settings


def test_cfg001_public_pdf_follows_public_read_unless_set():
    assert Settings.from_env({}).public_pdf is True
    assert Settings.from_env({"PUBLIC_READ": "false"}).public_pdf is False
    assert Settings.from_env({"PUBLIC_READ": "false", "PUBLIC_PDF": "ja"}).public_pdf is True
    assert Settings.from_env({"PUBLIC_PDF": "false"}).public_pdf is False


def test_cfg002_costly_rate_limit_has_a_default_and_can_be_set():
    assert Settings.from_env({}).costly_rate_limit == "10/minute"
    assert Settings.from_env({"COSTLY_RATE_LIMIT": "3 per hour"}).costly_rate_limit == "3 per hour"


def test_cfg003_maps_load_no_tiles_unless_basemap_tiles_and_not_offline(caplog):
    assert Settings.from_env({}).basemap == "plain"
    assert not Settings.from_env({}).tiles_allowed
    assert Settings.from_env({"BASEMAP": " Tiles "}).tiles_allowed
    assert not Settings.from_env({"BASEMAP": "tiles", "OFFLINE": "1"}).tiles_allowed
    unknown = Settings.from_env({"BASEMAP": "osm"})
    assert unknown.basemap == "plain" and "BASEMAP='osm'" in caplog.text


def test_cfg004_embed_origins_keep_scheme_host_and_port_only(caplog):
    settings = Settings.from_env(
        {"EMBED_ORIGINS": "https://www.stiftung.de/, http://127.0.0.1:8123 https://*.evil.example"}
    )
    assert settings.embed_origins == ("https://www.stiftung.de", "http://127.0.0.1:8123")
    assert "*.evil.example" in caplog.text
    assert Settings.from_env({}).embed_origins == ()
    refused = "https://a.de; script-src *,javascript:alert(1),https://b.de/pfad"
    assert Settings.from_env({"EMBED_ORIGINS": refused}).embed_origins == ()


def test_cfg005_the_readme_names_every_setting_read_from_the_environment():
    source = (ROOT / "dashboard" / "config.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env\.get\("([A-Z_]+)"\)', source))
    assert {"DATABASE_URL", "EMBED_ORIGINS", "PUBLIC_READ"} <= names
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert sorted(name for name in names if f"`{name}`" not in readme) == []
