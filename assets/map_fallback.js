/* When the online map (tile style) cannot be loaded, e.g. on venue Wi-Fi without internet,
 * MapLibre draws nothing at all, not even the points, and the graph takes no further figure
 * (dcc.Graph chains every update on the failed one). So the page (/karte, /akteur/<id>, any
 * page with a map that may get tiles) is opened again with the tile-free basemap, which the
 * app serves itself, and the note beside its map says why. One path for every map: the page
 * carries the note (components/map_fallback.py), which names the address parameter and value
 * to use (data-param, data-value); the maps themselves need nothing. */
(function () {
    var MAP_ERROR = 'Map error.';
    var FLAG = 'netzwerkatlas-map-fallback';
    var NOTE_ID = 'map-basemap-fallback';
    var TILE_FREE_STYLE = 'white-bg';

    function mapSubplot(graph) {
        var layout = graph._fullLayout;
        return layout && layout.map ? layout.map : null;
    }

    /* Whether the map holds the online style's tile sources (vector or raster): then the
     * style did load, and a failing tile is no reason to leave it. The tile-free style has
     * only the app's GeoJSON sources. */
    function tilesLoaded(map) {
        try {
            var sources = map._subplot.map.getStyle().sources || {};
            return Object.keys(sources).some(function (name) {
                return sources[name].type === 'vector' || sources[name].type === 'raster';
            });
        } catch (error) {
            return false;
        }
    }

    /* A map of the page asked for online tiles and has none: its style did not load. */
    function tilesFailed() {
        return Array.prototype.some.call(document.querySelectorAll('.js-plotly-plot'), function (graph) {
            var map = mapSubplot(graph);
            return Boolean(map) && map.style !== TILE_FREE_STYLE && !tilesLoaded(map);
        });
    }

    function remember(value) {
        try {
            if (value) { window.sessionStorage.setItem(FLAG, '1'); } else { window.sessionStorage.removeItem(FLAG); }
        } catch (error) { /* storage blocked: the map still falls back, only without the note */ }
    }

    function remembered() {
        try { return Boolean(window.sessionStorage.getItem(FLAG)); } catch (error) { return false; }
    }

    function fallBack(event) {
        var error = event.error || event.reason;
        var note = document.getElementById(NOTE_ID);
        if (!error || error.message !== MAP_ERROR || !note || !tilesFailed()) { return; }
        var url = new URL(window.location.href);
        url.searchParams.set(note.dataset.param, note.dataset.value);
        remember(true);
        window.location.replace(url.toString());
    }

    function showNote(attempts) {
        if (!remembered()) { return; }
        var note = document.getElementById(NOTE_ID);
        if (!note) {
            if (attempts > 0) { window.setTimeout(function () { showNote(attempts - 1); }, 200); }
            return;
        }
        remember(false);
        note.style.display = '';
    }

    window.addEventListener('error', fallBack);
    window.addEventListener('unhandledrejection', fallBack);
    showNote(150);
})();
