/* When the online map (tile style) cannot be loaded, e.g. on venue Wi-Fi without internet,
 * MapLibre draws nothing at all, not even the points, and the graph takes no further figure
 * (dcc.Graph chains every update on the failed one). So /karte is opened again with the
 * tile-free basemap, which the app serves itself, and the note beside the map says why.
 * The note element carries the address parameter and value to use (data-param, data-value). */
(function () {
    var MAP_ERROR = 'Map error.';
    var FLAG = 'netzwerkatlas-map-fallback';
    var NOTE_ID = 'map-basemap-fallback';

    /* Whether the map holds the online style's tile sources (vector or raster): then the
     * style did load, and a failing tile is no reason to leave it. The tile-free style has
     * only the app's GeoJSON sources. */
    function tilesLoaded() {
        var graph = document.querySelector('#map-graph .js-plotly-plot');
        var layout = graph && graph._fullLayout;
        var subplot = layout && layout.map && layout.map._subplot;
        try {
            var sources = subplot.map.getStyle().sources || {};
            return Object.keys(sources).some(function (name) {
                return sources[name].type === 'vector' || sources[name].type === 'raster';
            });
        } catch (error) {
            return false;
        }
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
        var tiles = document.querySelector('#map-basemap input[value="tiles"]');
        if (!error || error.message !== MAP_ERROR || !note || !tiles || !tiles.checked) { return; }
        if (tilesLoaded()) { return; }
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
