"""The README's screenshots exist, are projector-sized and cover every page."""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

from dashboard import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import docs_screenshots

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_docs001_readme_images_exist_at_1920x1080():
    shown = re.findall(
        r"!\[[^\]]*\]\((docs/screenshots/[^)]+\.png)\)",
        (ROOT / "README.md").read_text(encoding="utf-8"),
    )
    assert shown, "README shows no screenshots"
    for relative in shown:
        assert _png_size(ROOT / relative) == (1920, 1080), relative


def test_docs002_every_page_has_a_screenshot_in_the_readme(settings):
    create_app(settings)  # registers the pages
    names = docs_screenshots.page_urls()
    assert {"uebersicht", "karte", "akteur", "daten", "login"} <= set(names)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in names if f"docs/screenshots/{name}.png" not in readme] == []
