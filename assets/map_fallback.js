/* When the online map (tile style) cannot be loaded, e.g. on venue Wi-Fi without internet,
 * MapLibre draws nothing at all, not even the points, and the graph takes no further figure
 * (dcc.Graph chains every update on the failed one). So /karte is opened again with the
 * tile-free basemap, which the app serves itself, and the note beside the map says why.
 * The note element carries the address parameter and value to use (data-param, data-value). */
(function () {
    var MAP_ERROR = 'Map error.';
    var FLAG = 'netzwerkatlas-map-fallback';
    var NOTE_ID = 'map-basemap-fallback';

    function fallBack(event) {
        var error = event.error || event.reason;
        var note = document.getElementById(NOTE_ID);
        var tiles = document.querySelector('#map-basemap input[value="tiles"]');
        if (!error || error.message !== MAP_ERROR || !note || !tiles || !tiles.checked) { return; }
        var url = new URL(window.location.href);
        url.searchParams.set(note.dataset.param, note.dataset.value);
        window.sessionStorage.setItem(FLAG, '1');
        window.location.replace(url.toString());
    }

    function showNote(attempts) {
        if (!window.sessionStorage.getItem(FLAG)) { return; }
        var note = document.getElementById(NOTE_ID);
        if (!note) {
            if (attempts > 0) { window.setTimeout(function () { showNote(attempts - 1); }, 200); }
            return;
        }
        window.sessionStorage.removeItem(FLAG);
        note.style.display = '';
    }

    window.addEventListener('error', fallBack);
    window.addEventListener('unhandledrejection', fallBack);
    showNote(150);
})();
