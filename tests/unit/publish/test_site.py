"""The files of a published site: which there are, that each chart is the page's own, that
text from data stays text, and that a folder with other files is never emptied."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dashboard.publish import site
from dashboard.publish.charts import offline_sources
from dashboard.publish.choice import PublishedView, default_views
from dashboard.sample.small import generate
from dashboard.schema import SOURCE_DOCUMENTED
from dashboard.state.filters import Filters
from dashboard.state.map import MapView
from dashboard.store import Snapshot
from dashboard.views import overview
from dashboard.views.map import MapCanvas, map_view

MADE = dt.date(2026, 5, 4)


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return Snapshot(version="sample-1", tables=generate())


@pytest.fixture(scope="module")
def files(snapshot) -> dict[str, bytes]:
    return site.site_files(snapshot, default_views(snapshot), "de", MADE)


def test_pub010_the_default_site_has_its_pages_figures_and_assets(files):
    assert sorted(files) == [
        "assets/app.css",
        "assets/bootstrap.min.css",
        "assets/draw.js",
        "assets/plotly.min.js",
        "assets/site.css",
        "figures/index-attendance.json",
        "figures/index-map.json",
        "figures/karte-map.json",
        "figures/netzwerk-graph.json",
        "figures/teilnahme-events.json",
        "figures/teilnahme-states.json",
        "index.html",
        "karte.html",
        "netzwerk.html",
        "teilnahme.html",
        "veroeffentlichung.json",
    ]
    assert files["assets/plotly.min.js"] == site.PLOTLY_MIN_JS.read_bytes()


def test_pub011_each_figure_is_the_one_the_pages_view_draws(snapshot, files):
    filters = Filters()
    sources = offline_sources()
    expected = {
        "figures/index-attendance.json": overview.attendance(snapshot, filters).figure,
        "figures/karte-map.json": map_view(
            snapshot, filters, MapView.from_params({}), MapCanvas(sources=sources)
        ).figure,
    }
    for path, figure in expected.items():
        assert json.loads(files[path]) == json.loads(figure.to_json()), path


def test_pub012_the_site_carries_data_version_and_date_and_the_basemap(files):
    manifest = json.loads(files[site.MANIFEST])
    assert manifest["data_version"] == "sample-1"
    assert manifest["made"] == "2026-05-04"
    assert "04.05.2026" in files["index.html"].decode()
    assert site.short_version("sample-1") in files["karte.html"].decode()
    layers = json.loads(files["figures/karte-map.json"])["layout"]["map"]["layers"]
    # The outlines travel inside the figure: no layer names an address to fetch.
    assert layers and all(isinstance(layer["source"], dict) for layer in layers)


def test_pub013_text_from_data_is_escaped(snapshot):
    events = snapshot.tables["events"].copy()
    events.loc[events.index[-1], "title"] = "<script>alert(1)</script>"
    hostile = Snapshot(version="hostile", tables={**snapshot.tables, "events": events})
    page = site.site_files(hostile, default_views(hostile), "de", MADE)["teilnahme.html"].decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_pub014_sample_badge_only_where_sample_data_is_shown(snapshot):
    documented = {
        name: frame.assign(source=SOURCE_DOCUMENTED) if "source" in frame else frame
        for name, frame in snapshot.tables.items()
    }
    views = (PublishedView("/karte", charts=("map",)),)
    plain = site.site_files(Snapshot("doc", documented), views, "de", MADE)["index.html"]
    sample = site.site_files(snapshot, views, "de", MADE)["index.html"]
    assert b"Beispieldaten" in sample
    assert b"Beispieldaten" not in plain


def test_pub015_english_site(snapshot):
    views = (PublishedView("/netzwerk", charts=("graph",)),)
    page = site.site_files(snapshot, views, "en", MADE)["index.html"].decode()
    assert '<html lang="en">' in page
    assert "Network" in page and "Sample data" in page


def test_pub016_a_folder_with_other_files_is_refused_and_left_as_it_was(tmp_path):
    folder = tmp_path / "www"
    folder.mkdir()
    (folder / "impressum.html").write_text("Impressum", encoding="utf-8")
    with pytest.raises(site.FolderTaken):
        site.write_folder({"index.html": b"neu"}, folder)
    assert [path.name for path in folder.iterdir()] == ["impressum.html"]


def test_pub017_a_new_site_replaces_the_one_published_before(tmp_path):
    folder = tmp_path / "site"
    site.write_folder({"index.html": b"alt", "alt.html": b"x", site.MANIFEST: b"{}"}, folder)
    site.write_folder({"index.html": b"neu", site.MANIFEST: b"{}"}, folder)
    assert sorted(path.name for path in folder.iterdir()) == ["index.html", site.MANIFEST]
    assert (folder / "index.html").read_bytes() == b"neu"


def test_pub018_a_publication_among_other_files_is_not_replaced(tmp_path):
    """A web root holding a publication and the rest of a website: refused, nothing lost."""
    folder = tmp_path / "www"
    site.write_folder({"index.html": b"alt", site.MANIFEST: b"{}"}, folder)
    (folder / "impressum.php").write_bytes(b"<?php")
    (folder / "bilder").mkdir()
    (folder / "bilder" / "logo.png").write_bytes(b"png")
    with pytest.raises(site.FolderTaken):
        site.write_folder({"index.html": b"neu", site.MANIFEST: b"{}"}, folder)
    assert (folder / "impressum.php").read_bytes() == b"<?php"
    assert (folder / "bilder" / "logo.png").read_bytes() == b"png"
    assert (folder / "index.html").read_bytes() == b"alt"
