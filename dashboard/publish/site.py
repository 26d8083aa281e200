"""The files of a published site, built in memory: written as a folder (the CLI) or as a
zip (the /daten download).

    index.html, <page>.html      one per view, the first is index.html
    figures/<page>-<chart>.json  each chart's figure (maps carry their outlines)
    assets/                      plotly.js from the plotly package, Bootstrap's CSS from
                                 Bootstrap-Flask, the app's CSS, the drawing script
    veroeffentlichung.json       data version, date, language and views
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import zipfile
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

import flask_bootstrap
import plotly

from dashboard.i18n import fmt_date, t
from dashboard.publish.charts import offline_sources, published_page
from dashboard.publish.choice import PublishedView
from dashboard.publish.markup import PageFile, SiteLink, page_html
from dashboard.store import Snapshot

MANIFEST = "veroeffentlichung.json"
APP_CSS = Path(__file__).resolve().parents[2] / "assets" / "app.css"
PLOTLY_MIN_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
BOOTSTRAP_CSS = (
    Path(flask_bootstrap.__file__).resolve().parent
    / "static"
    / "bootstrap5"
    / "css"
    / "bootstrap.min.css"
)
PAGE_SLUGS = {
    "/": "uebersicht",
    "/karte": "karte",
    "/teilnahme": "teilnahme",
    "/themen": "themen",
    "/netzwerk": "netzwerk",
    "/vergleich": "vergleich",
}


def short_version(version: str) -> str:
    """A short name of the data version for readers (the manifest keeps the whole one)."""
    return hashlib.sha256(version.encode()).hexdigest()[:8]


def _static(name: str) -> bytes:
    return resources.files("dashboard.publish").joinpath("static", name).read_bytes()


def _without_source_map(css: bytes) -> bytes:
    """Bootstrap's CSS names its source map, which the site does not carry."""
    return b"\n".join(
        line for line in css.splitlines() if not line.startswith(b"/*# sourceMappingURL=")
    )


def asset_files() -> dict[str, bytes]:
    return {
        "assets/plotly.min.js": PLOTLY_MIN_JS.read_bytes(),
        "assets/bootstrap.min.css": _without_source_map(BOOTSTRAP_CSS.read_bytes()),
        "assets/app.css": APP_CSS.read_bytes(),
        "assets/site.css": _static("site.css"),
        "assets/draw.js": _static("draw.js"),
    }


def _page_files(views: Sequence[PublishedView]) -> list[str]:
    """index.html for the first view; then the page's name, numbered when it recurs."""
    files: list[str] = []
    for number, view in enumerate(views):
        if number == 0:
            files.append("index.html")
            continue
        stem = PAGE_SLUGS[view.page]
        name, counter = f"{stem}.html", 2
        while name in files:
            name, counter = f"{stem}-{counter}.html", counter + 1
        files.append(name)
    return files


def site_files(
    snapshot: Snapshot, views: Sequence[PublishedView], lang: str, made: dt.date
) -> dict[str, bytes]:
    """Every file of the site for `views` of `snapshot`'s data in `lang`, by path."""
    sources = offline_sources()
    stamp = t(
        "publish.site.stamp",
        lang,
        version=short_version(snapshot.version),
        date=fmt_date(made, lang),
    )
    files: dict[str, bytes] = {}
    entries = []
    for view, file in zip(views, _page_files(views), strict=True):
        page = published_page(snapshot, view, lang, sources)
        figure_files = []
        for chart in page.charts:
            path = f"figures/{file.removesuffix('.html')}-{chart.key}.json"
            files[path] = chart.view.figure.to_json().encode()
            figure_files.append(path)
        entries.append(PageFile(file, page, tuple(figure_files)))
    links = [SiteLink(entry.file, entry.page.heading) for entry in entries]
    for entry in entries:
        files[entry.file] = page_html(entry, links, stamp, lang).encode()
    files[MANIFEST] = _manifest(snapshot.version, made, lang, views, entries)
    files.update(asset_files())
    return files


def _manifest(
    version: str, made: dt.date, lang: str, views: Sequence[PublishedView], entries
) -> bytes:
    return json.dumps(
        {
            "data_version": version,
            "made": made.isoformat(),
            "lang": lang,
            "pages": [
                {
                    "file": entry.file,
                    "address": view.page + (f"?{view.search}" if view.search else ""),
                    "charts": list(view.charts),
                }
                for view, entry in zip(views, entries, strict=True)
            ],
        },
        ensure_ascii=False,
        indent=2,
    ).encode()


class FolderTaken(RuntimeError):
    """The folder holds files that are not a published site: they are left alone."""


def write_folder(files: Mapping[str, bytes], folder: Path) -> None:
    """Write the site into `folder`, replacing a site published there before: it is built
    beside it and moved into place, so a reader never sees half of one. A folder with other
    files in it is refused (FolderTaken), never emptied."""
    folder = folder.resolve()
    if folder.exists() and any(folder.iterdir()) and not _published_only(folder):
        raise FolderTaken(str(folder))
    building = folder.with_name(folder.name + ".part")
    shutil.rmtree(building, ignore_errors=True)
    for path, data in files.items():
        target = building / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if folder.exists():
        previous = folder.with_name(folder.name + ".old")
        shutil.rmtree(previous, ignore_errors=True)
        os.replace(folder, previous)
        os.replace(building, folder)
        shutil.rmtree(previous)
    else:
        os.replace(building, folder)


def _published_only(folder: Path) -> bool:
    """Whether `folder` holds a publication and nothing else: its manifest, pages at the
    top, figures and assets. A web root with a site published into it among other files
    is refused like any other folder, so replacing the publication loses nothing else."""
    if not (folder / MANIFEST).is_file():
        return False
    for path in folder.rglob("*"):
        if path.is_dir():
            continue
        parts = path.relative_to(folder).parts
        top = len(parts) == 1 and (parts[0] == MANIFEST or parts[0].endswith(".html"))
        figure = len(parts) == 2 and parts[0] == "figures" and parts[1].endswith(".json")
        asset = len(parts) == 2 and parts[0] == "assets"
        if not (top or figure or asset):
            return False
    return True


def zip_bytes(files: Mapping[str, bytes], top: str) -> bytes:
    """The site as a zip with one folder `top` holding it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in sorted(files.items()):
            archive.writestr(f"{top}/{path}", data)
    return out.getvalue()
